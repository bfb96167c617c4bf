"""The "lego" picture (7.4): a strip per layer, a box per weight matrix.

Input at the bottom, as the book draws it. Each box has one dot per weight,
and its columns sit right under the cells of the layer they produce: each
column of W_k makes one value of l_(k+1). Every strip and box is labelled with
its name and shape, which is all it takes to rebuild the network.
"""

from __future__ import annotations

from matplotlib.axes import Axes
from matplotlib.figure import Figure

from picturenn._checks import shape_str
from picturenn.draw import lego, style
from picturenn.network import Network

PITCH = 0.24  # inches between dots across (cells of a strip = columns of a box)
ROW = 0.2  # inches between rows of a box
STRIP = 0.3  # strip height
GAP = 0.22  # between a strip and a box
CAP = 15  # most slots drawn across or down; more are thinned with an ellipsis
NAME_W = 0.55  # left column: names
SHAPE_SIZE = 10.0


def role(net: Network, k: int) -> str:
    """What layer k is: ``input``, ``relu`` (hidden) or ``output``."""
    last = len(net.widths) - 1
    return "input" if k == 0 else "output" if k == last else "relu"


@style.styled
def blocks(net: Network, *, ax: Axes | None = None, fit: float | None = None) -> Figure:
    """Strips for layers and boxes of dots for weight matrices, with their shapes.

    With ``fit`` (inches), wide layers show fewer cells, and the notes on what
    was thinned wrap, until the card is at most that wide (or as near as 5 cells get).

    >>> from picturenn import Network
    >>> from picturenn.draw import blocks
    >>> fig = blocks(Network.random([3, 4, 1], seed=1))
    >>> sorted(t.get_text() for t in fig.axes[0].texts if t.get_gid() == "shape-W_0")
    ['3×4']
    """
    net = style.check_network(net, "blocks")
    widths = net.widths
    room = style.room(fit)
    shape_texts = [shape_str((1, n)) for n in widths] + [shape_str(w.shape) for w in net.weights]
    shapes_w = max(lego.text_width(t, SHAPE_SIZE) for t in shape_texts)
    cap = CAP
    while True:
        cells = [lego.slots(n, cap) for n in widths]
        rows = [lego.slots(n, cap) for n in widths[:-1]]
        middle_w = PITCH * max(len(c) for c in cells) + 0.1
        notes_w = room - NAME_W - middle_w - 0.15
        if cap <= 5 or NAME_W + middle_w + 0.15 + shapes_w <= room:
            break
        cap -= 2
    notes = [
        lego.wrap(_thinned(w.shape, len(r), len(c)), style.SMALLEST, max(notes_w, shapes_w))
        for w, r, c in zip(net.weights, rows, cells[1:], strict=True)
    ]
    right_w = max(
        [shapes_w]
        + [lego.text_width(line, style.SMALLEST) for n in notes for line in n.splitlines()]
    )
    width = NAME_W + middle_w + 0.15 + right_w
    heights = [STRIP] + [h for r in rows for h in (ROW * len(r), STRIP)]
    height = sum(heights) + GAP * (len(heights) - 1)

    fig, ax = style.canvas(width, height, ax)
    cx = NAME_W + middle_w / 2
    right = NAME_W + middle_w + 0.15
    layer_dots: list[tuple[float, float]] = []
    weight_dots: list[tuple[float, float]] = []
    y = 0.0
    for k, n in enumerate(widths):
        xs = lego.strip(ax, cx, y, cells[k], PITCH, STRIP, gid=f"strip-l_{k}")
        layer_dots += [
            (x, y + STRIP / 2) for x, s in zip(xs, cells[k], strict=True) if s is not None
        ]
        lego.name(ax, NAME_W - 0.12, y + STRIP / 2 + 0.04, lego.sym("l", k), gid=f"name-l_{k}")
        lego.note(
            ax, NAME_W - 0.12, y + STRIP / 2 - 0.13, role(net, k), ha="right", gid=f"role-l_{k}"
        )
        _shape(ax, right, y + STRIP / 2, (1, n), f"l_{k}")
        y += STRIP + GAP
        if k == len(net.weights):
            break
        w = net.weights[k]
        box_h = ROW * len(rows[k])
        xs, ys = lego.box(ax, cx, y, rows[k], cells[k + 1], PITCH, ROW, gid=f"box-W_{k}")
        weight_dots += lego.weight_points(xs, ys, rows[k], cells[k + 1])
        lego.name(ax, NAME_W - 0.12, y + box_h / 2, lego.sym("W", k), gid=f"name-W_{k}")
        if notes[k]:
            _shape(ax, right, y + box_h / 2 + 0.04, w.shape, f"W_{k}")
            lego.note(ax, right, y + box_h / 2 - 0.1, notes[k], gid=f"thinned-W_{k}", va="top")
        else:
            _shape(ax, right, y + box_h / 2, w.shape, f"W_{k}")
        y += box_h + GAP
    lego.dots(ax, layer_dots, style.LAYER_DOT, 14)
    lego.dots(ax, weight_dots, style.MATRIX_DOT, 9)
    return fig


def _shape(ax: Axes, x: float, y: float, shape: tuple[int, ...], what: str) -> None:
    ax.text(
        x,
        y,
        shape_str(shape),
        ha="left",
        va="center",
        fontsize=SHAPE_SIZE,
        gid=f"shape-{what}",
        zorder=4,
    )


def _thinned(shape: tuple[int, ...], rows: int, cols: int) -> str:
    """The note a box needs when it cannot show one dot per weight."""
    m, n = shape
    drawn_rows, drawn_cols = min(m, rows - (rows < m)), min(n, cols - (cols < n))
    if drawn_rows == m and drawn_cols == n:
        return ""
    return f"thinned: {drawn_rows}×{drawn_cols} of {m * n:,} dots drawn"
