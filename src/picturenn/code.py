"""The network written as Python in the book's names: layer_k and weights_k_(k+1) (7.9).

Three forms: the one-liner the chapter prints beside the algebra, one line per
layer, and a standalone script that runs as pasted and prints exactly what
``print(net.forward(x))`` prints.

>>> from picturenn import Network
>>> from picturenn.code import render
>>> print(render(Network.random([3, 4, 4, 1]), "steps"))
layer_1 = relu(layer_0.dot(weights_0_1))
layer_2 = relu(layer_1.dot(weights_1_2))
layer_3 = layer_2.dot(weights_2_3)
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from picturenn._checks import as_rows, check_seed, shape_str, shown
from picturenn.algebra import view_widths
from picturenn.network import Network

if TYPE_CHECKING:  # numpy.typing is only for readers and editors: annotations are strings here
    from numpy.typing import ArrayLike

FORMS = ("oneliner", "steps", "standalone")


def render(
    net: Network | Sequence[int],
    form: str = "oneliner",
    *,
    x: ArrayLike | None = None,
    seed: int | None = None,
) -> str:
    """Write ``net`` as Python: a one-liner, one line per layer, or a whole script.

    ``x`` is the input the standalone script feeds in: a vector or rows of
    inputs, checked like [`Network.forward`][picturenn.network.Network.forward]
    checks it; by default [`example_input`][picturenn.code.example_input].
    ``seed`` makes the script draw the weights the way
    ``Network.random(widths, seed)`` does instead of writing every number out
    (for big networks); it must be the seed these weights came from. The
    other forms take neither. ``net`` may also be just its widths
    (``[784, 100, 10]``) for every form but a standalone script without
    ``seed``, the one form that writes weight values.

    >>> from picturenn import Network
    >>> from picturenn.code import render
    >>> net = Network.random([3, 4, 1], seed=1)
    >>> render(net)
    'layer_2 = relu(layer_0.dot(weights_0_1)).dot(weights_1_2)'
    >>> script = render(net, "standalone")
    >>> for line in script.splitlines()[-4:]:
    ...     print(line)
    layer_0 = np.array([1.0, 0.0, 1.0])  # one input, 3 values
    layer_1 = relu(layer_0.dot(weights_0_1))
    layer_2 = layer_1.dot(weights_1_2)
    print(layer_2)
    >>> exec(script, {})
    [0.39194327]
    >>> print(net.forward([1, 0, 1]))
    [0.39194327]
    >>> print(render(net, "standalone", seed=1).splitlines()[8])
    random = np.random.RandomState(1)  # the book's np.random.seed(1)
    """
    widths = view_widths(net, form, FORMS)
    depth = len(widths) - 1
    if form == "standalone":
        return _standalone(net, widths, example_input(widths) if x is None else x, seed)
    for name, value in (("x", x), ("seed", seed)):
        if value is not None:
            raise ValueError(f"{name} is only used by form='standalone', not form={shown(form)}")
    if form == "oneliner":
        return _oneliner(depth)
    return "\n".join(_step(k, depth) for k in range(depth))


def example_input(net: Network | Sequence[int]) -> np.ndarray:
    """The input the views show when none is given: the streetlight ``1 0 1`` or all ones.

    A 3-input network gets the streetlight pattern the chapter feeds in (7.6);
    any other width gets a vector of ones.

    >>> from picturenn import Network
    >>> from picturenn.code import example_input
    >>> example_input(Network.random([3, 4, 1]))
    array([1., 0., 1.])
    >>> example_input(Network.random([2, 1]))
    array([1., 1.])
    """
    width = view_widths(net, "oneliner", FORMS)[0]  # a Network, or widths: checked alike
    return np.array([1.0, 0.0, 1.0]) if width == 3 else np.ones(width)


def _layer(k: int) -> str:
    return f"layer_{k}"


def _weights(k: int) -> str:
    return f"weights_{k}_{k + 1}"


def _step(k: int, depth: int) -> str:
    value = f"{_layer(k)}.dot({_weights(k)})"
    if k < depth - 1:  # hidden layers pass through relu; the output is linear
        value = f"relu({value})"
    return f"{_layer(k + 1)} = {value}"


def _oneliner(depth: int) -> str:
    value = _layer(0)
    for k in range(depth):
        value = f"{value}.dot({_weights(k)})"
        if k < depth - 1:
            value = f"relu({value})"
    return f"{_layer(depth)} = {value}"


def _standalone(net: object, widths: list[int], x: object, seed: int | None) -> str:
    if seed is None and not isinstance(net, Network):
        raise ValueError(
            "a standalone script writes every weight out: it needs a Network, or a seed"
        )
    # Checked exactly as forward() checks it, so a bad input fails with the same line.
    rows, was_vector = as_rows(x, "the input", widths[0], "layer 0 (l_0)")
    depth = len(widths) - 1
    named = "-".join(str(w) for w in widths)
    lines = [
        f"# A {named} network written out by picturenn: paste it into Python and run it.",
        "import numpy as np",
        "",
        "",
    ]
    if depth > 1:  # a network without hidden layers never calls relu
        lines += ["def relu(x):", "    return (x > 0) * x", "", ""]
    if seed is None:
        lines += _weight_lines(net)  # type: ignore[arg-type]  # a Network, checked above
    else:
        lines += _seeded_weight_lines(net, widths, seed)
    # The input keeps the shape it came in, as forward() keeps it: a vector
    # stays a vector, rows stay rows, so every dot product is the same computation.
    lines += ["", f"{_layer(0)} = {_input_literal(rows, was_vector)}"]
    lines += [_step(k, depth) for k in range(depth)]
    lines.append(f"print({_layer(depth)})")
    return "\n".join(lines) + "\n"


def _input_literal(rows: np.ndarray, was_vector: bool) -> str:
    if not was_vector:
        count = "1 input row" if len(rows) == 1 else f"{len(rows)} input rows"
        return f"np.array({_matrix_literal(rows)})  # {count}, {shape_str(rows.shape)}"
    width, values = rows.shape[1], set(rows[0].tolist())
    if width > 8 and len(values) == 1:  # 784 ones read better as one call
        return f"np.full({width}, {_float_literal(float(rows[0, 0]))})  # one input, {width} values"
    return f"np.array({_row_literal(rows[0])})  # one input, {width} values"


def _weight_lines(net: Network) -> list[str]:
    return [f"{_weights(k)} = np.array({_matrix_literal(w)})" for k, w in enumerate(net.weights)]


def _seeded_weight_lines(net: object, widths: list[int], seed: int) -> list[str]:
    # Only honest if these really are that seed's weights: check before writing it
    # (given only widths, there are no other weights it could be).
    if isinstance(net, Network):
        drawn = Network.random(widths, seed=seed).weights
        if any(not np.array_equal(a, b) for a, b in zip(drawn, net.weights, strict=True)):
            raise ValueError(
                f"these weights are not Network.random({widths}, seed={seed})'s: "
                "leave seed out to write them as numbers"
            )
    else:
        check_seed(seed)
    lines = [f"random = np.random.RandomState({seed})  # the book's np.random.seed({seed})"]
    for k, shape in enumerate(itertools.pairwise(widths)):
        lines.append(f"{_weights(k)} = 2 * random.random_sample({shape}) - 1")
    return lines


def _matrix_literal(matrix: np.ndarray) -> str:
    rows = [_row_literal(row) for row in matrix]
    if len(rows) == 1:
        return f"[{rows[0]}]"
    return "[\n" + "".join(f"    {row},\n" for row in rows) + "]"


def _row_literal(row: np.ndarray) -> str:
    return "[" + ", ".join(_float_literal(v) for v in row.tolist()) + "]"


def _float_literal(value: float) -> str:
    # repr() of a float reads back bit for bit; weights that training blew up need names.
    if math.isnan(value):
        return "np.nan"
    if math.isinf(value):
        return "np.inf" if value > 0 else "-np.inf"
    return repr(value)
