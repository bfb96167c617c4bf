"""The overcomplicated picture (7.3): every node a circle, every weight a line.

Lines come from the real weights: blue for positive, vermillion for negative,
thicker for larger magnitude. Widths fall into four classes, and each
(sign, class) pair is one compound path, so even a big network is a handful of
artists and a small SVG. A matrix with more than ``STRONGEST`` weights shows
only its strongest ones, and a layer with more than ``BAND`` nodes is drawn as
a band; the figure says so in words next to what it thinned.
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


@style.styled
def detailed(net: Network, *, ax: Axes | None = None) -> Figure:
    """Nodes and weight lines, coloured by sign and sized by magnitude.

    >>> from picturenn import Network
    >>> from picturenn.draw import detailed
    >>> fig = detailed(Network.random([3, 4, 1], seed=1))
    >>> len(fig.axes[0].collections) < 10
    True
    """
    net = style.check_network(net, "detailed")
    widths = net.widths
    span = min(SPAN, PITCH * (max(widths) - 1))
    picked = [_strongest(w) for w in net.weights]
    notes = [
        f"showing the {len(p):,} strongest\nof {w.size:,} weights" if len(p) < w.size else ""
        for p, w in zip(picked, net.weights, strict=True)
    ]
    lines = [line for n in notes for line in n.splitlines()] + ["500 nodes, drawn"]
    right_w = max(lego.text_width(line, 7.5) for line in lines)
    width = max(NAME_W + span + 0.5 + right_w, 3.2)
    height = LEGEND_H + 0.3 + LAYER_GAP * (len(widths) - 1) + 0.15  # + room for top nodes
    fig, ax = style.canvas(width, height, ax)

    cx = NAME_W + 0.2 + span / 2
    ys = [LEGEND_H + 0.3 + LAYER_GAP * k for k in range(len(widths))]
    xs = [lego.centres(cx, n, min(PITCH, span / max(n - 1, 1))) for n in widths]
    largest = max(float(np.abs(w).max()) for w in net.weights)
    thin = min(1.0, (60 / max(len(p) for p in picked)) ** 0.5)  # dense lines get finer
    _edges(ax, net, picked, xs, ys, largest, thin)
    _nodes(ax, widths, xs, ys, cx)

    right = cx + span / 2 + 0.35
    for k, n in enumerate(widths):
        lego.name(ax, NAME_W, ys[k] + 0.05, lego.sym("l", k), gid=f"name-l_{k}")
        lego.note(ax, NAME_W, ys[k] - 0.14, role(net, k), ha="right", fontsize=6.5)
        if n > BAND:
            lego.note(ax, right, ys[k], f"{n:,} nodes, drawn\nas a band", gid=f"band-l_{k}")
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
        if notes[k]:
            lego.note(ax, right, mid - 0.02, notes[k], va="top", gid=f"thinned-W_{k}")
    _legend(ax, 0.1, largest, thin)
    return fig


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
    paths, colours, linewidths = [], [], []
    segments: dict[tuple[int, bool], list[np.ndarray]] = {}
    for k, (w, flat) in enumerate(zip(net.weights, picked, strict=True)):
        rows, cols = np.unravel_index(flat, w.shape)
        values = w[rows, cols]
        level = np.minimum((np.abs(values) / largest * len(WIDTHS)).astype(int), len(WIDTHS) - 1)
        x0, x1 = np.asarray(xs[k])[rows], np.asarray(xs[k + 1])[cols]
        ends = np.stack([x0, np.full_like(x0, ys[k]), x1, np.full_like(x1, ys[k + 1])], axis=1)
        for c in range(len(WIDTHS)):
            for positive in (False, True):
                mask = (level == c) & ((values > 0) == positive)
                segments.setdefault((c, positive), []).append(ends[mask])
    for (c, positive), parts in sorted(segments.items()):
        ends = np.concatenate(parts)
        if len(ends) == 0:
            continue
        vertices = ends.reshape(-1, 2)  # start, end, start, end, ...
        codes = np.tile([Path.MOVETO, Path.LINETO], len(ends))
        paths.append(Path(vertices, codes))
        colours.append(style.POSITIVE if positive else style.NEGATIVE)
        linewidths.append(max(WIDTHS[c] * thin, 0.3))
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


def _legend(ax: Axes, x: float, largest: float, thin: float) -> None:
    """Two rows under the drawing: what the colours mean, what the widths mean."""
    y1, y2 = 0.38, 0.12
    for i, (colour, text) in enumerate(
        [(style.POSITIVE, "positive weight"), (style.NEGATIVE, "negative weight")]
    ):
        left = x + i * 1.45
        ax.plot(
            [left, left + 0.35],
            [y1, y1],
            color=colour,
            linewidth=2.2 * thin + 0.6,
            solid_capstyle="round",
        )
        lego.note(ax, left + 0.45, y1, text, color=style.INK)
    for c, lw in enumerate(WIDTHS):
        left = x + c * 0.22
        ax.plot(
            [left, left + 0.16],
            [y2, y2],
            color=style.MUTED,
            linewidth=max(lw * thin, 0.3),
            solid_capstyle="round",
        )
    lego.note(ax, x + 0.95, y2, f"thicker = larger |w| (largest {largest:.2f})", color=style.INK)
