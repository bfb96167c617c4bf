"""Widths only (7.5): the layer widths decide every matrix shape.

Each layer is a bar labelled with how many values it holds; between two
layers, the matrix's shape is read off them: one row per value below, one
column per value above. Bar lengths grow with the logarithm of the width, so a
784-wide layer and a 1-wide layer both fit.
"""

from __future__ import annotations

import math

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from picturenn._checks import shape_str
from picturenn.draw import lego, style
from picturenn.draw.blocks import role
from picturenn.network import Network

BAR = 0.3  # bar height
GAP = 0.8  # between bars: room for the arrow and the matrix's shape
SHORTEST, LONGEST = 0.35, 2.2  # bar lengths for 1 value and for the widest layer
NAME_W = 0.55
SHORTEST_BAR = 1.0  # the widest bar is never drawn shorter than this
HINT_LINE = 0.15  # inches per line of a hint


@style.styled
def shapes(net: Network, *, ax: Axes | None = None, fit: float | None = None) -> Figure:
    """Layer widths, and the matrix shapes they force.

    With ``fit`` (inches) the bars get shorter, then the hints wrap onto more
    lines, until the card is at most that wide.

    >>> from picturenn import Network
    >>> from picturenn.draw import shapes
    >>> fig = shapes(Network.random([3, 4, 1], seed=1))
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "shape-W_0"]
    ['W₀: 3×4']
    """
    net = style.check_network(net, "shapes")
    widths = net.widths
    room = style.room(fit)
    hints = [_hint(*w.shape) for w in net.weights]
    labels_w = max(
        [lego.text_width(_layer_text(net, k), 9) for k in range(len(widths))]
        + [lego.text_width(f"W₀: {shape_str(w.shape)}", 10) for w in net.weights]
    )
    hints_w = max(lego.text_width(line, style.SMALLEST) for h in hints for line in h.splitlines())
    longest = max(SHORTEST_BAR, min(LONGEST, room - NAME_W - 0.25 - max(labels_w, hints_w)))
    right_w = max(labels_w, min(hints_w, room - NAME_W - 0.25 - longest))
    if right_w < hints_w:  # no room: each hint line wraps
        hints = [lego.wrap(h.replace("\n", " "), style.SMALLEST, right_w) for h in hints]
    gap = GAP + HINT_LINE * (max(h.count("\n") + 1 for h in hints) - 2) if hints else GAP
    width = NAME_W + longest + 0.25 + right_w
    height = BAR * len(widths) + gap * (len(widths) - 1)
    fig, ax = style.canvas(width, height, ax)

    cx = NAME_W + longest / 2
    right = NAME_W + longest + 0.25
    top = math.log(max(max(widths), 2))
    for k, n in enumerate(widths):
        y = k * (BAR + gap)
        length = SHORTEST + (longest - SHORTEST) * math.log(n) / top
        lego.rounded(
            ax,
            cx - length / 2,
            y,
            length,
            BAR,
            fill=style.LAYER_FILL,
            edge=style.LAYER_EDGE,
            rounding=0.1,
        )
        lego.name(ax, NAME_W - 0.1, y + BAR / 2, lego.sym("l", k), gid=f"name-l_{k}")
        ax.text(
            right,
            y + BAR / 2,
            _layer_text(net, k),
            ha="left",
            va="center",
            fontsize=9,
            gid=f"width-l_{k}",
        )
        if k == len(net.weights):
            break
        w = net.weights[k]
        lego.place(
            ax,
            FancyArrowPatch(
                (cx, y + BAR + 0.06),
                (cx, y + BAR + gap - 0.06),
                arrowstyle="-|>",
                mutation_scale=12,
                color=style.MATRIX_EDGE,
                linewidth=1.4,
            ),
        )
        mid = y + BAR + gap / 2
        hint_h = HINT_LINE * (hints[k].count("\n") + 1)
        ax.text(
            right,
            mid + hint_h / 2 - 0.03,
            f"{lego.sym('W', k)}: {shape_str(w.shape)}",
            ha="left",
            va="center",
            fontsize=10,
            color=style.MATRIX_DOT,
            gid=f"shape-W_{k}",
        )
        lego.note(ax, right, mid - 0.1, hints[k])
    return fig


def _layer_text(net: Network, k: int) -> str:
    n = net.widths[k]
    return f"{n:,} value{'s' if n != 1 else ''} · {role(net, k)}"


def _hint(rows: int, cols: int) -> str:
    """Why the shape is what it is, in words (no l that could read as 1)."""
    return (
        f"{rows:,} row{'s' if rows != 1 else ''}: one per value below,\n"
        f"{cols:,} column{'s' if cols != 1 else ''}: one per value above"
    )
