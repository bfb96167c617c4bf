"""Alt text for every picture, written from the same network the picture is drawn from."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from picturenn._checks import shape_str, shown
from picturenn.draw import blocks as blocks_style
from picturenn.draw import detailed as detailed_style
from picturenn.draw import lego, predict
from picturenn.draw import style as house
from picturenn.network import Network

if TYPE_CHECKING:  # numpy.typing is only for readers and editors: annotations are strings here
    from numpy.typing import ArrayLike


def architecture(net: Network) -> str:
    """The network in one line: layers, then matrix shapes.

    >>> from picturenn import Network
    >>> from picturenn.draw import architecture
    >>> architecture(Network.random([3, 4, 1]))
    '3 inputs → 4 relu → 1 output; W_0 is 3×4, W_1 is 4×1'
    """
    widths = house.check_network(net, "architecture").widths
    layers = [f"{widths[0]:,} input{'s' if widths[0] != 1 else ''}"]
    layers += [f"{n:,} relu" for n in widths[1:-1]]
    layers.append(f"{widths[-1]:,} output{'s' if widths[-1] != 1 else ''}")
    shapes = [f"W_{k} is {shape_str(w.shape)}" for k, w in enumerate(net.weights)]
    return " → ".join(layers) + "; " + ", ".join(shapes)


def alt_text(
    net: Network, style: str = "blocks", x: ArrayLike | None = None, goal: ArrayLike | None = None
) -> str:
    """What a picture shows, in words, for the ``alt`` of its ``<img>``.

    ``x`` is needed by ``predict`` and ``backprop``; ``goal`` by ``backprop``.

    >>> import textwrap
    >>> from picturenn import Network
    >>> from picturenn.draw import alt_text
    >>> net = Network.random([3, 4, 1], seed=1)
    >>> print(textwrap.fill(alt_text(net, "predict", x=[1, 0, 1]), 80))
    3 inputs → 4 relu → 1 output; W_0 is 3×4, W_1 is 4×1. Forward pass for the input
    1, 0, 1, one step per layer: relu sets 3 of the 4 weighted sums into l_1 to 0;
    the prediction l_2 is 0.39.
    """
    net = house.check_network(net, "alt_text")
    clauses = {
        "blocks": _blocks,
        "detailed": _detailed,
        "shapes": _shapes,
        "predict": lambda n: _predict(n, x),
        "backprop": lambda n: _backprop(n, x, goal),
    }
    if not isinstance(style, str) or style not in clauses:
        raise ValueError(
            f"unknown style {shown(style)}; choose one of {', '.join(sorted(clauses))}"
        )
    return f"{architecture(net)}. {clauses[style](net)}"


def _blocks(net: Network) -> str:
    last = len(net.weights)
    text = (
        f"Drawn as strips for the layers l_0 to l_{last} and boxes of dots, one per weight, "
        "for the weight matrices, each labelled with its shape."
    )
    if max(net.widths) > blocks_style.CAP:
        text += " Boxes too big to show every weight are thinned, with an ellipsis."
    return text


def _detailed(net: Network) -> str:
    text = (
        "Drawn with every node as a circle and every weight as a line: blue for positive, "
        "vermillion for negative, thicker for larger magnitude."
    )
    for k, w in enumerate(net.weights):
        if w.size > detailed_style.STRONGEST:
            text += (
                f" Only the {detailed_style.STRONGEST:,} strongest of the {w.size:,} weights "
                f"of W_{k} are drawn."
            )
    return text


def _shapes(net: Network) -> str:
    widths = ", ".join(f"{n:,}" for n in net.widths)
    return (
        f"Drawn from the layer widths alone ({widths}): each matrix has one row per value of "
        "the layer below it and one column per value of the layer above it."
    )


def _predict(net: Network, x: object) -> str:
    if x is None:
        raise ValueError("alt text for the predict picture needs the input x")
    trace = net.trace(x)
    predict.one_row(trace.layers[0], "predict")
    parts = []
    for k, total in enumerate(trace.sums[:-1]):
        zeroed = int(np.sum(total < 0))  # negative sums, as the picture strikes them
        parts.append(f"relu sets {zeroed} of the {total.size:,} weighted sums into l_{k + 1} to 0")
    last = len(net.weights)
    parts.append(f"the prediction l_{last} is {_vector(trace.layers[-1][0])}")
    return (
        f"Forward pass for the input {_vector(trace.layers[0][0])}, one step per layer: "
        + "; ".join(parts)
        + "."
    )


def _backprop(net: Network, x: object, goal: object) -> str:
    if x is None or goal is None:
        raise ValueError("alt text for the backprop picture needs the input x and the goal")
    bp = net.backprop(x, goal)
    predict.one_row(bp.trace.layers[0], "backprop")
    last = len(net.weights)
    parts = [
        f"Backward pass for the input {_vector(bp.trace.layers[0][0])} and the goal "
        f"{_vector(bp.trace.layers[-1][0] - bp.deltas[-1][0])}: the top delta "
        f"δ_{last} = l_{last} − goal is {_vector(bp.deltas[-1][0])}, and each delta below is "
        "the one above multiplied back through the transposed weights"
    ]
    for k in range(1, last):
        closed = int(np.sum(bp.trace.layers[k] <= 0))
        parts.append(
            f"the relu gate stops {closed} of the {net.widths[k]:,} values of δ_{k}, "
            f"where l_{k} was 0"
        )
    return "; ".join(parts) + "."


def _vector(values: np.ndarray, most: int = 6) -> str:
    shown = [lego.fmt(v) for v in values[:most]]
    if len(values) > most:
        shown.append(f"… ({len(values):,} values)")
    return ", ".join(shown)
