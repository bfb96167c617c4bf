"""The overcomplicated picture (7.3): every node a circle, every weight a line.

Lines come from the real weights: blue for positive, vermillion for negative,
thicker for larger magnitude (four width classes). Lines are drawn weakest
first, so the strongest end on top whatever their sign; each run of lines
sharing a colour and width is one path, so even a big network stays a small
SVG. A matrix with more than ``STRONGEST`` weights shows only its strongest
ones, and a layer with more than ``BAND`` nodes is drawn as a band; the figure
says so in words, beside the drawing or, when that does not fit, under it.
"""

from __future__ import annotations

import numpy as np
from matplotlib.axes import Axes
from matplotlib.collections import PathCollection
from matplotlib.figure import Figure
from matplotlib.path import Path

from picturenn._checks import shape_str
from picturenn.draw import lego, style
from picturenn.draw.blocks import role
from picturenn.network import Network

STRONGEST = 500  # most lines drawn per matrix
BAND = 60  # more nodes than this in a layer: draw the layer as a band
PITCH = 0.5  # inches between nodes, when they fit
SPAN = 6.5  # widest a layer may get, in inches
LAYER_GAP = 1.0  # inches between layers
WIDTHS = (0.5, 1.1, 1.8, 2.6)  # line width (points) of the four magnitude classes
NAME_W = 0.6
LEGEND_H = 0.55
NOTE_H = 0.2  # a line of the notes put under the drawing when they do not fit beside it
LEGEND_W = 3.2  # the legend's two rows, at their narrow wording
MIN_SPAN = 3.0  # narrowest layer span (inches) worth keeping the notes beside the drawing


@style.styled
def detailed(net: Network, *, ax: Axes | None = None, fit: float | None = None) -> Figure:
    """Nodes and weight lines, coloured by sign and sized by magnitude.

    With ``fit`` (inches) the layers get narrower, and the notes on what was
    thinned move under the drawing, until the card is at most that wide.

    >>> from picturenn import Network
    >>> from picturenn.draw import detailed
    >>> fig = detailed(Network.random([3, 4, 1], seed=1))
    >>> len(fig.axes[0].collections) < 20
    True
    """
    net = style.check_network(net, "detailed")
    widths = net.widths
    room = style.room(fit)
    picked = [_strongest(w) for w in net.weights]
    thinned = [
        f"{lego.sym('W', k)}: showing the {len(p):,} strongest of {w.size:,} weights"
        if len(p) < w.size
        else ""
        for k, (p, w) in enumerate(zip(picked, net.weights, strict=True))
    ]
    bands = [f"{lego.sym('l', k)}: {n:,} nodes, drawn as a band" for k, n in enumerate(widths)]
    bands = [b if n > BAND else "" for b, n in zip(bands, widths, strict=True)]
    shape_w = max(
        lego.text_width(f"{lego.sym('W', k)}  {shape_str(w.shape)}", 10)
        for k, w in enumerate(net.weights)
    )
    aside_w = max(
        [shape_w]
        + [
            lego.text_width(line, style.SMALLEST)
            for note in thinned + bands
            for line in _aside(note).splitlines()
        ]
    )
    natural = min(SPAN, PITCH * (max(widths) - 1))
    aside = NAME_W + min(natural, MIN_SPAN) + 0.5 + aside_w <= room
    right_w = aside_w if aside else shape_w
    span = max(0.5, min(natural, room - NAME_W - 0.5 - right_w))
    # never narrower than the legend under the drawing (a 1-1 network is narrow), nor
    # than the room a caller gave
    width = max(NAME_W + span + 0.5 + right_w, LEGEND_W if fit is None else min(LEGEND_W, room))
    under = [] if aside else [line for line in thinned + bands if line]
    under = [lego.wrap(line, style.SMALLEST, min(room, width) - 0.1) for line in under]
    under_lines = [line for text in under for line in text.splitlines()]
    bottom = LEGEND_H + NOTE_H * len(under_lines)
    height = bottom + 0.3 + LAYER_GAP * (len(widths) - 1) + 0.15  # + room for top nodes
    fig, ax = style.canvas(width, height, ax)

    cx = NAME_W + 0.2 + span / 2
    ys = [bottom + 0.3 + LAYER_GAP * k for k in range(len(widths))]
    xs = [lego.centres(cx, n, min(PITCH, span / max(n - 1, 1))) for n in widths]
    largest = max(float(np.abs(w).max()) for w in net.weights)
    thin = min(1.0, (60 / max(len(p) for p in picked)) ** 0.5)  # dense lines get finer
    _edges(ax, net, picked, xs, ys, largest, thin)
    _nodes(ax, widths, xs, ys, cx)

    right = cx + span / 2 + 0.35
    for k, n in enumerate(widths):
        lego.name(ax, NAME_W, ys[k] + 0.05, lego.sym("l", k), gid=f"name-l_{k}")
        lego.note(ax, NAME_W, ys[k] - 0.14, role(net, k), ha="right")
        if n > BAND and aside:
            lego.note(ax, right, ys[k], _aside(bands[k]), gid=f"band-l_{k}")
    for k, w in enumerate(net.weights):
        mid = (ys[k] + ys[k + 1]) / 2
        ax.text(
            right,
            mid + 0.04,
            f"{lego.sym('W', k)}  {shape_str(w.shape)}",
            ha="left",
            va="bottom",
            fontsize=10,
            gid=f"shape-W_{k}",
            zorder=4,
        )
        if thinned[k] and aside:
            lego.note(ax, right, mid - 0.02, _aside(thinned[k]), va="top", gid=f"thinned-W_{k}")
    for i, line in enumerate(under_lines):
        y = LEGEND_H + NOTE_H * (len(under_lines) - i - 0.5)
        lego.note(ax, 0.1, y, line, gid=f"under-{i}")
    _legend(ax, 0.1, largest, thin, narrow=width < 3.8)
    return fig


def _aside(note: str) -> str:
    """A note as it stands beside what it explains: no name, two short lines.

    >>> print(_aside("W₀: showing the 500 strongest of 392,000 weights"))
    showing the 500 strongest
    of 392,000 weights
    """
    if not note:
        return ""
    text = note.split(": ", 1)[1]
    cut = text.find(" of ") if " of " in text else text.find(" as ")
    return text[:cut] + "\n" + text[cut + 1 :]


def _strongest(w: np.ndarray) -> np.ndarray:
    """Flat indices of the weights to draw, weakest first (strong lines end on top)."""
    order = np.argsort(np.abs(w), axis=None, kind="stable")
    return order[-STRONGEST:]


def _edges(
    ax: Axes,
    net: Network,
    picked: list[np.ndarray],
    xs: list[list[float]],
    ys: list[float],
    largest: float,
    thin: float,
) -> None:
    """Every picked weight as a line, weakest first, so no sign is painted over the other.

    Consecutive lines of one colour and width share a path (one SVG element).
    """
    ends, values = [], []
    for k, (w, flat) in enumerate(zip(net.weights, picked, strict=True)):
        rows, cols = np.unravel_index(flat, w.shape)
        x0, x1 = np.asarray(xs[k])[rows], np.asarray(xs[k + 1])[cols]
        ends.append(np.stack([x0, np.full_like(x0, ys[k]), x1, np.full_like(x1, ys[k + 1])], 1))
        values.append(w[rows, cols])
    segments, weights = np.concatenate(ends), np.concatenate(values)
    order = np.argsort(np.abs(weights), kind="stable")
    segments, weights = segments[order], weights[order]
    level = np.minimum((np.abs(weights) / largest * len(WIDTHS)).astype(int), len(WIDTHS) - 1)
    kind = level * 2 + (weights > 0)  # one (width class, sign) pair per value
    starts = np.flatnonzero(np.r_[True, kind[1:] != kind[:-1]])
    paths, colours, linewidths = [], [], []
    for start, stop in zip(starts, [*starts[1:], len(kind)], strict=True):
        run = segments[start:stop]
        codes = np.tile([Path.MOVETO, Path.LINETO], len(run))
        paths.append(Path(run.reshape(-1, 2), codes))  # start, end, start, end, ...
        colours.append(style.POSITIVE if weights[start] > 0 else style.NEGATIVE)
        linewidths.append(max(WIDTHS[level[start]] * thin, 0.3))
    alpha = 0.9 if thin == 1.0 else 0.7
    ax.add_collection(
        PathCollection(
            paths,
            facecolors="none",
            edgecolors=colours,
            linewidths=linewidths,
            alpha=alpha,
            transform=ax.transData,
            zorder=1,
            capstyle="round",
        ),
        autolim=False,
    )


def _nodes(ax: Axes, widths: list[int], xs: list[list[float]], ys: list[float], cx: float) -> None:
    points, sizes = [], []
    for n, row, y in zip(widths, xs, ys, strict=True):
        if n > BAND:
            lego.rounded(
                ax,
                row[0] - 0.08,
                y - 0.07,
                row[-1] - row[0] + 0.16,
                0.14,
                fill=style.LAYER_FILL,
                edge=style.LAYER_EDGE,
                rounding=0.07,
                zorder=2,
            )
            continue
        pitch = row[1] - row[0] if n > 1 else 1.0
        diameter = min(0.24, 0.7 * pitch)
        points += [(x, y) for x in row]
        sizes += [(diameter * 72) ** 2] * n
    if points:
        px, py = zip(*points, strict=True)
        ax.scatter(
            px,
            py,
            s=sizes,
            facecolors=style.LAYER_FILL,
            edgecolors=style.LAYER_EDGE,
            linewidths=1.0,
            zorder=3,
        )


def _legend(ax: Axes, x: float, largest: float, thin: float, *, narrow: bool) -> None:
    """Two rows under the drawing: what the colours mean, what the widths mean."""
    y1, y2 = 0.38, 0.12
    for i, (colour, text) in enumerate(
        [
            (style.POSITIVE, "positive" if narrow else "positive weight"),
            (style.NEGATIVE, "negative" if narrow else "negative weight"),
        ]
    ):
        left = x + i * (1.05 if narrow else 1.45)
        lego.line(
            ax,
            [left, left + 0.35],
            [y1, y1],
            color=colour,
            linewidth=2.2 * thin + 0.6,
            solid_capstyle="round",
        )
        lego.note(ax, left + 0.45, y1, text, color=style.INK)
    for c, lw in enumerate(WIDTHS):
        left = x + c * 0.22
        lego.line(
            ax,
            [left, left + 0.16],
            [y2, y2],
            color=style.MUTED,
            linewidth=max(lw * thin, 0.3),
            solid_capstyle="round",
        )
    lego.note(ax, x + 0.95, y2, f"thicker = larger |w| (largest {largest:.2f})", color=style.INK)
