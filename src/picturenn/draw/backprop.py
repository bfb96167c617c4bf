"""Global correlation summarization (7.2): what each layer should be, flowing back.

Two columns, input at the bottom. On the left, the forward pass: each layer's
values. On the right, each layer's delta δ_k (from ``net.backprop``): how far
l_k is from what the layers above say it should be. The top delta is the
prediction minus the goal; each one below is the one above multiplied back
through W_kᵀ, whose columns each make one value below. Where l_k was 0, relu
passed no signal forward, so its gate passes none back: that cell is greyed,
the value the gate stopped is struck through, and the arrow into it ends in a
bar.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch

from picturenn.draw import lego, style
from picturenn.draw.predict import CAP, CELL, ROW, STRIP, one_row
from picturenn.network import Network

if TYPE_CHECKING:  # numpy.typing is only for readers and editors: annotations are strings here
    from numpy.typing import ArrayLike

NAME_W = 0.42
COLUMN_GAP = 0.5
GAP = 0.3  # between a strip and a box
HEADER_H = 0.55
GOAL_H = 0.45
NOTE_H = 0.24
W_NAME_W = 0.5  # room right of a box for its W_kᵀ name
HEADER_SIZE = 8.5
GOAL_SIZE = 10.0  # "= l_L − goal" beside the top delta, when the columns are stacked
FORWARD_HEADER = "forward: each layer's values"
BACKWARD_HEADER = ("backward: each layer's delta δ,", "how far it is from what it should be")


@style.styled
def backprop(
    net: Network,
    x: ArrayLike,
    goal: ArrayLike,
    *,
    ax: Axes | None = None,
    fit: float | None = None,
) -> Figure:
    """Each layer's delta for one input and goal, passed back through the weights.

    The whole picture is one Axes, so a given ``ax`` receives all of it (sized in
    inches: give it a figure big enough). With ``fit`` (inches), a card too narrow
    for the two columns side by side gets them stacked: forward above backward.

    >>> from picturenn import Network
    >>> from picturenn.draw import backprop
    >>> fig = backprop(Network.random([3, 4, 1], seed=1), [1, 0, 1], [1])
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "delta_2-0"]
    ['−0.61']
    """
    net = style.check_network(net, "backprop")
    bp = net.backprop(x, goal)  # validates x and goal in the chapter's terms
    one_row(bp.trace.layers[0], "backprop")
    layers = [layer[0] for layer in bp.trace.layers]
    deltas = [d[0] for d in bp.deltas]
    goals = layers[-1] - deltas[-1]
    widths = net.widths
    top = len(widths) - 1
    cells = [lego.slots(n, CAP) for n in widths]
    rows = [lego.slots(n, CAP) for n in widths[1:]]  # W_kᵀ has a row per value of l_(k+1)

    room = style.room(fit)
    # a column is as wide as its widest strip, or its header (a 1-wide network's strips
    # are narrow, its headers as long as ever)
    header_w = max(
        lego.text_width(FORWARD_HEADER, HEADER_SIZE) + 0.05,
        lego.text_width(BACKWARD_HEADER[0], HEADER_SIZE),
        lego.text_width(BACKWARD_HEADER[1], style.SMALLEST),
    )
    column_w = max(NAME_W + CELL * max(len(c) for c in cells) + 0.15, header_w + 0.1)
    stacked = 2 * column_w + COLUMN_GAP + W_NAME_W > room
    width = column_w + W_NAME_W if stacked else 2 * column_w + COLUMN_GAP + W_NAME_W
    if stacked:  # "= l_L − goal" stands right of the top delta's strip: make room for it
        made = lego.text_width(f"= {lego.sym('l', top)} − goal", GOAL_SIZE)
        strip_right = NAME_W + (column_w - NAME_W) / 2 + CELL * len(cells[top]) / 2
        width = max(width, strip_right + 0.1 + made)
    notes = [lego.wrap(n, style.SMALLEST, min(room, width) - 0.1) for n in _notes(net)]
    note_lines = [line for n in notes for line in n.splitlines()]
    ys = [0.0]  # strip bottoms, relative to a column's bottom
    for k in range(top):
        ys.append(ys[-1] + STRIP + 2 * GAP + ROW * len(rows[k]))
    column_h = ys[-1] + STRIP + GOAL_H + HEADER_H
    base = NOTE_H * len(note_lines) + 0.1
    # forward column: left, or on top when stacked; backward column: right, or below
    forward = (0.0, base + column_h + 0.2) if stacked else (0.0, base)
    backward = (0.0, base) if stacked else (column_w + COLUMN_GAP, base)
    height = forward[1] + column_h
    fig, ax = style.canvas(width, height, ax)

    left_cx = forward[0] + NAME_W + (column_w - NAME_W) / 2
    right_cx = backward[0] + NAME_W + (column_w - NAME_W) / 2
    fys = [forward[1] + y for y in ys]
    bys = [backward[1] + y for y in ys]
    lego.note(
        ax,
        forward[0] + 0.05,
        forward[1] + column_h - 0.2,
        FORWARD_HEADER,
        color=style.INK,
        fontsize=HEADER_SIZE,
    )
    header_y = backward[1] + column_h - 0.2
    lego.note(ax, backward[0], header_y, BACKWARD_HEADER[0], color=style.INK, fontsize=HEADER_SIZE)
    lego.note(ax, backward[0], header_y - 0.19, BACKWARD_HEADER[1])

    for k in range(len(widths)):
        gated = k not in (0, top)
        closed = gated & (layers[k] <= 0) if gated else np.zeros(widths[k], dtype=bool)
        xs = lego.strip(
            ax, left_cx, fys[k], cells[k], CELL, STRIP, dividers=True, gid=f"strip-l_{k}"
        )
        lego.values(ax, xs, cells[k], fys[k], STRIP, layers[k], cell=CELL, gid=f"l_{k}")
        strip_w = CELL * len(cells[k])
        lego.name_left_of(
            ax, left_cx, strip_w, fys[k] + STRIP / 2, lego.sym("l", k), gid=f"name-l_{k}"
        )
        for x, slot in zip(xs, cells[k], strict=True):  # where the gate is shut, and why
            if slot is not None and closed[slot]:
                lego.rounded(
                    ax,
                    x - CELL / 2 + 0.02,
                    fys[k] + 0.02,
                    CELL - 0.04,
                    STRIP - 0.04,
                    fill="none",
                    edge=style.GATE,
                    linewidth=1.4,
                    zorder=2.5,
                )
        if k < top:
            lego.arrow(ax, left_cx, fys[k] + STRIP + 0.05, left_cx, fys[k + 1] - 0.05, style.FAINT)

        xs = lego.strip(
            ax,
            right_cx,
            bys[k],
            cells[k],
            CELL,
            STRIP,
            dividers=True,
            edge=style.NEGATIVE if k == top else style.LAYER_EDGE,
            linewidth=1.8 if k == top else 1.0,
            gid=f"strip-delta_{k}",
        )
        ungated = deltas[k + 1].dot(net.weights[k].T) if k < top else deltas[k]
        lego.values(
            ax, xs, cells[k], bys[k], STRIP, deltas[k], closed, ungated, cell=CELL, gid=f"delta_{k}"
        )
        lego.name_left_of(
            ax, right_cx, strip_w, bys[k] + STRIP / 2, lego.sym("δ", k), gid=f"name-delta_{k}"
        )
        if k == 0:
            unused = "not used: the input is data"
            lego.note(
                ax,
                right_cx + CELL * len(cells[k]) / 2 + 0.1,
                bys[k] + STRIP / 2,
                lego.wrap(unused, style.SMALLEST, width - right_cx - CELL * len(cells[k]) / 2),
            )
        if k < top:
            _weights_back(ax, net, k, right_cx, bys, xs, cells[k], rows[k], closed)

    _goal(ax, right_cx, left_cx, fys[top], bys[top], cells[top], goals, net, stacked)
    for i, text in enumerate(note_lines):
        lego.note(ax, 0.05, NOTE_H * (len(note_lines) - i - 0.5), text, color=style.INK)
    return fig


def _weights_back(
    ax: Axes,
    net: Network,
    k: int,
    cx: float,
    ys: list[float],
    xs: list[float],
    cols: list[lego.Slot],
    rows: list[lego.Slot],
    closed: np.ndarray,
) -> None:
    """W_kᵀ between δ_(k+1) and δ_k, with an arrow into each value of δ_k."""
    y0 = ys[k] + STRIP + GAP
    height = ROW * len(rows)
    bx, by = lego.box(ax, cx, y0, rows, cols, CELL, ROW, gid=f"box-W_{k}")
    lego.dots(ax, lego.weight_points(bx, by, rows, cols), style.MATRIX_DOT, 7)
    right = cx + CELL * len(cols) / 2 + 0.1
    lego.name(
        ax, right, y0 + height / 2, lego.sym("W", k, "ᵀ"), size=11, ha="left", gid=f"name-W_{k}"
    )
    lego.arrow(ax, cx, ys[k + 1] - 0.04, cx, y0 + height + 0.04, style.MUTED)
    for x, slot in zip(xs, cols, strict=True):
        if slot is None:
            continue
        if closed[slot]:  # the gate: the arrow stops at a bar
            lego.place(
                ax,
                FancyArrowPatch(
                    (x, y0 - 0.03),
                    (x, ys[k] + STRIP + 0.05),
                    arrowstyle="-[",
                    mutation_scale=6,
                    color=style.GATE,
                    linewidth=1.4,
                    shrinkA=0,
                    shrinkB=0,
                    zorder=2,
                ),
            )
        else:
            lego.arrow(ax, x, y0 - 0.03, x, ys[k] + STRIP + 0.03, style.MUTED)


def _goal(
    ax: Axes,
    cx: float,
    left_cx: float,
    left_y: float,
    y: float,
    cells: list[lego.Slot],
    goals: np.ndarray,
    net: Network,
    stacked: bool,
) -> None:
    """The goal row over the top delta, and how δ_L = l_L − goal is made.

    Side by side, an arrow runs from l_L across to δ_L; stacked, the words
    stand beside δ_L instead.
    """
    row_y = y + STRIP + GOAL_H / 2 + 0.05
    xs = lego.centres(cx, len(cells), CELL)
    lego.name_left_of(ax, cx, CELL * len(cells), row_y, "goal", size=10)
    for x, slot in zip(xs, cells, strict=True):
        text = "…" if slot is None else lego.fmt(goals[slot])
        ax.text(
            x, row_y, text, ha="center", va="center", fontsize=8.5, gid=f"goal-{slot}", zorder=3
        )
    top = len(net.weights)
    half = CELL * len(cells) / 2
    made = f"{lego.sym('l', top)} − goal"
    if stacked:
        lego.name(ax, cx + half + 0.1, y + STRIP / 2, f"= {made}", size=GOAL_SIZE, ha="left")
        return
    lego.arrow(
        ax, left_cx + half + 0.05, y + STRIP / 2, cx - half - 0.35, y + STRIP / 2, style.NEGATIVE
    )
    lego.name(
        ax,
        left_cx + half + 0.1,
        left_y + STRIP / 2 + 0.14,
        made,
        size=9,
        ha="left",
        color=style.MUTED,
    )


def _notes(net: Network) -> list[str]:
    notes = []
    if len(net.weights) > 1:
        notes.append(
            "grey, struck through: what a relu gate stops, because that layer's value "
            "was 0 there (ringed in the forward column)"
        )
    return notes + lego.thinned_layers(net.widths, CAP)
