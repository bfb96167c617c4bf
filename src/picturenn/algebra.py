"""The network written as letters: l_k for layer vectors, W_k for weight matrices (7.7–7.8).

Plain text by default (``l_2 = relu(l_0 W_0) W_1``) or LaTeX for KaTeX
(``l_{2} = \\operatorname{relu}(l_{0} W_{0}) W_{1}``). Only the widths matter:
the letters never depend on the weight values.

>>> from picturenn import Network
>>> from picturenn.algebra import render
>>> print(render(Network.random([3, 4, 4, 1]), "steps"))
l_1 = relu(l_0 W_0)
l_2 = relu(l_1 W_1)
l_3 = l_2 W_2
"""

from __future__ import annotations

from collections.abc import Sequence

from picturenn import _views
from picturenn._checks import check_flag, check_width
from picturenn.network import Network

FORMS = ("chained", "steps")


def render(
    net: Network | Sequence[int],
    form: str = "chained",
    *,
    latex: bool = False,
    shapes: bool = False,
) -> str:
    """Write ``net`` as algebra: one chained equation, or one equation per layer.

    ``net`` may also be just its widths (``[3, 4, 1]``): the letters never
    depend on the weights, so a network too big to hold is still written.

    ``shapes=True`` replaces each equation by its shape check, e.g.
    ``l_0 (1×3) W_0 (3×4) → l_1 (1×4)`` (relu never changes a shape, so it is
    left out); in the chained form the whole chain is checked at once.
    Steps are joined by newlines; with ``latex=True`` each line is one KaTeX
    expression.

    >>> from picturenn import Network
    >>> from picturenn.algebra import render
    >>> net = Network.random([3, 4, 1])
    >>> render(net)
    'l_2 = relu(l_0 W_0) W_1'
    >>> print(render(net, "steps", shapes=True))
    l_0 (1×3) W_0 (3×4) → l_1 (1×4)
    l_1 (1×4) W_1 (4×1) → l_2 (1×1)
    >>> print(render(net, latex=True))
    l_{2} = \\operatorname{relu}(l_{0} W_{0}) W_{1}
    """
    widths = view_widths(net, form, FORMS)
    shapes = check_flag(shapes, "shapes")
    letters = _Letters(check_flag(latex, "latex"))
    depth = len(widths) - 1
    if shapes and form == "chained":
        return letters.shape_chain(widths, 0, depth)
    if shapes:
        return "\n".join(letters.shape_chain(widths, k, k + 1) for k in range(depth))
    if form == "chained":
        return letters.chained(depth)
    return "\n".join(letters.step(k, depth) for k in range(depth))


def words(net: Network, *, latex: bool = False) -> list[tuple[str, str]]:
    """The 7.8 table for ``net``: each piece of algebra beside a plain-English reading.

    Rows come in the order the chapter builds them up: every product l_k W_k,
    then every layer's equation, then (for two or more matrices) the whole
    chained expression, which is what substituting the equations gives.

    >>> from picturenn import Network
    >>> from picturenn.algebra import words
    >>> table = words(Network.random([3, 4, 1]))
    >>> [algebra for algebra, _ in table]
    ['l_0 W_0', 'l_1 W_1', 'l_1 = relu(l_0 W_0)', 'l_2 = l_1 W_1', 'l_2 = relu(l_0 W_0) W_1']
    >>> print(table[0][1])
    layer 0 times weight matrix 0: each of its 4 columns makes one weighted sum
    >>> print(table[2][1])
    layer 1 is layer 0 times weight matrix 0, then relu sets each negative sum to 0
    """
    check_view(net, "chained", FORMS)
    letters = _Letters(check_flag(latex, "latex"))
    widths = net.widths
    depth = len(widths) - 1
    rows = []
    for k in range(depth):
        columns = (
            "its single column makes"
            if widths[k + 1] == 1
            else f"each of its {widths[k + 1]} columns makes"
        )
        reading = f"layer {k} times weight matrix {k}: {columns} one weighted sum"
        rows.append((letters.product(k), reading))
    for k in range(depth):
        if k < depth - 1:
            reading = (
                f"layer {k + 1} is layer {k} times weight matrix {k}, "
                "then relu sets each negative sum to 0"
            )
        else:
            reading = (
                f"layer {k + 1}, the prediction, is layer {k} times weight matrix {k} "
                "(no relu on the output)"
            )
        rows.append((letters.step(k, depth), reading))
    if depth > 1:  # with one matrix the chained form is the single step already listed
        rows.append(
            (
                letters.chained(depth),
                "the whole forward pass at once: each equation substituted into the next",
            )
        )
    return rows


class _Letters:
    """Spell layers, matrices and relu in plain text or in LaTeX."""

    def __init__(self, latex: bool) -> None:
        self.latex = latex

    def layer(self, k: int) -> str:
        return f"l_{{{k}}}" if self.latex else f"l_{k}"

    def matrix(self, k: int) -> str:
        return f"W_{{{k}}}" if self.latex else f"W_{k}"

    def relu(self, inner: str) -> str:
        name = r"\operatorname{relu}" if self.latex else "relu"
        return f"{name}({inner})"

    def shape(self, rows: int, cols: int) -> str:
        return rf"\ ({rows} \times {cols})" if self.latex else f" ({rows}×{cols})"

    def product(self, k: int) -> str:
        return f"{self.layer(k)} {self.matrix(k)}"

    def step(self, k: int, depth: int) -> str:
        value = self.product(k)
        if k < depth - 1:  # hidden layers pass through relu; the output is linear
            value = self.relu(value)
        return f"{self.layer(k + 1)} = {value}"

    def chained(self, depth: int) -> str:
        value = self.layer(0)
        for k in range(depth):
            value = f"{value} {self.matrix(k)}"
            if k < depth - 1:
                value = self.relu(value)
        return f"{self.layer(depth)} = {value}"

    def shape_chain(self, widths: list[int], start: int, stop: int) -> str:
        parts = [self.layer(start) + self.shape(1, widths[start])]
        parts += [self.matrix(k) + self.shape(widths[k], widths[k + 1]) for k in range(start, stop)]
        gap = r" \; " if self.latex else " "  # KaTeX drops plain spaces between terms
        arrow = r"\to" if self.latex else "→"
        return f"{gap.join(parts)} {arrow} {self.layer(stop)}{self.shape(1, widths[stop])}"


def view_widths(net: object, form: str, forms: tuple[str, ...]) -> list[int]:
    """The layer widths of a Network, or of a plain list of widths, checked for a view.

    >>> from picturenn.algebra import FORMS, view_widths
    >>> view_widths([30000, 30000], "chained", FORMS)
    [30000, 30000]
    """
    if isinstance(net, Network):
        check_view(net, form, forms)
        return net.widths
    if isinstance(net, (str, bytes)) or not isinstance(net, Sequence):
        raise TypeError(f"expected a Network or its widths, got {type(net).__name__}")
    widths = [check_width(w, k) for k, w in enumerate(net)]
    if len(widths) < 2:
        raise ValueError(f"a network needs at least 2 layers, got widths {list(net)}")
    _check_form(form, forms)
    return widths


def check_view(net: object, form: str, forms: tuple[str, ...]) -> None:
    """Refuse anything but a Network, and any form not in ``forms`` (shared by the views).

    >>> from picturenn import Network
    >>> from picturenn.algebra import FORMS, check_view
    >>> check_view(Network.random([3, 1]), "table", FORMS)
    Traceback (most recent call last):
    ...
    ValueError: form must be one of 'chained', 'steps'; got 'table'
    """
    _views.check_view(net, None, form, forms)


def _check_form(form: str, forms: tuple[str, ...]) -> None:
    _views.check_form(form, forms)
