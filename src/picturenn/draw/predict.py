"""The forward pass as a storyboard (7.6): one panel per step, values on the strips.

Panel 1 puts the datapoint into l₀. Each later panel takes one
vector-matrix multiplication: the layer below, the matrix whose columns each
make one weighted sum, and the new layer on top. In a relu layer a negative
sum is shown greyed and struck through above the 0 that relu puts in its
place. The last panel's top strip is the prediction.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from picturenn.draw import lego, style
from picturenn.network import Network

if TYPE_CHECKING:  # numpy.typing is only for readers and editors: annotations are strings here
    from numpy.typing import ArrayLike

CELL = 0.56  # inches per value: wide enough for "−0.53"
STRIP = 0.42
ROW = 0.15  # inches between the rows of a matrix
CAP = 9  # most cells drawn per layer (an ellipsis stands for the rest)
NAME_W = 0.42
TITLE_H = 0.5
PANEL_GAP = 0.22
LEGEND_H = 0.24
TITLE_X = 0.36  # a panel's title starts this far in, right of its step number
TITLE_SIZE, SUBTITLE_SIZE = 8.5, 7.5


def one_row(rows: np.ndarray, what: str) -> None:
    """Pictures follow one datapoint; a batch gets a one-line error."""
    if len(rows) != 1:
        raise ValueError(f"draw.{what} pictures one input at a time, got {len(rows)} rows")


@style.styled
def predict(
    net: Network, x: ArrayLike, *, ax: Axes | None = None, fit: float | None = None
) -> Figure:
    """The forward pass for one input, step by step.

    Every panel is drawn into one Axes, so a given ``ax`` receives the whole
    storyboard (sized in inches: give it a figure big enough). With ``fit``
    (inches), the panels re-flow into fewer columns, then show fewer cells per
    layer, until the card is at most that wide: a phone gets them stacked.

    >>> from picturenn import Network
    >>> from picturenn.draw import predict
    >>> fig = predict(Network.random([3, 4, 1], seed=1), [1, 0, 1])
    >>> [t.get_text() for t in fig.axes[0].texts if t.get_gid() == "step-3-l_2-0"]
    ['0.39']
    """
    net = style.check_network(net, "predict")
    trace = net.trace(x)  # validates x in the chapter's terms
    one_row(trace.layers[0], "predict")
    layers = [layer[0] for layer in trace.layers]
    sums = [s[0] for s in trace.sums]
    widths = net.widths
    room = style.room(fit)
    cols, cap = _layout(widths, room)
    cells = [lego.slots(n, cap) for n in widths]
    rows = [lego.slots(n, cap) for n in widths[:-1]]

    steps = len(widths)
    lines = math.ceil(steps / cols)
    panel_w = _panel_width(widths, cap)
    box_h = ROW * max(len(r) for r in rows)
    panel_h = 0.12 + STRIP + 0.3 + box_h + 0.3 + STRIP + TITLE_H
    width = cols * panel_w + (cols - 1) * PANEL_GAP
    notes = [lego.wrap(note, style.SMALLEST, min(room, width) - 0.1) for note in _notes(net, cap)]
    note_lines = [line for note in notes for line in note.splitlines()]
    height = lines * panel_h + (lines - 1) * PANEL_GAP + LEGEND_H * len(note_lines)
    fig, ax = style.canvas(width, height, ax)

    titles = _titles(widths)
    for step in range(steps):
        left = (step % cols) * (panel_w + PANEL_GAP)
        bottom = height - (step // cols + 1) * panel_h - (step // cols) * PANEL_GAP
        panel = _Panel(ax, step + 1, left, bottom, panel_w, panel_h)
        panel.frame(step + 1, *titles[step])
        if step == 0:
            panel.datapoint(cells[0], layers[0])
            panel.layer(0, cells[0], layers[0], top=False, current=True)
            continue
        k = step - 1  # this panel computes l_(k+1) = l_k W_k
        last = k + 1 == len(net.weights)
        panel.layer(k, cells[k], layers[k], top=False, current=False)
        panel.matrix(k, rows[k], cells[k + 1], box_h)
        panel.layer(
            k + 1,
            cells[k + 1],
            layers[k + 1],
            top=True,
            current=True,
            killed=None if last else sums[k] < 0,
            before=sums[k],
        )
    for i, text in enumerate(note_lines):
        y = LEGEND_H * (len(note_lines) - i - 0.5) - 0.05
        lego.note(ax, 0.05, y, text, color=style.INK)
    return fig


def _titles(widths: list[int]) -> list[tuple[str, str]]:
    """Each panel's title and subtitle: what that step of the forward pass does."""
    titles = [("the input goes into layer 0", "one datapoint, a value per cell")]
    for k, n in enumerate(widths[1:]):
        last = k + 2 == len(widths)
        titles.append(
            (
                f"{n:,} weighted sum{'s' if n != 1 else ''} of layer {k}",
                "give the prediction" if last else "then relu turns negatives into 0",
            )
        )
    return titles


def _panel_width(widths: list[int], cap: int) -> float:
    """Wide enough for the widest layer's cells, and for every panel's titles:
    a 1-wide network has narrow strips but the same long titles."""
    cells = NAME_W + CELL * max(len(lego.slots(n, cap)) for n in widths) + 0.25
    words = max(
        max(lego.text_width(title, TITLE_SIZE), lego.text_width(subtitle, SUBTITLE_SIZE))
        for title, subtitle in _titles(widths)
    )
    return max(cells, TITLE_X + words + 0.1)


def _layout(widths: list[int], room: float) -> tuple[int, int]:
    """Panels per row and cells per layer: as many as fit in ``room`` inches.

    >>> _layout([3, 4, 1], float("inf")), _layout([3, 4, 1], 6.5), _layout([3, 4, 1], 3.4)
    ((3, 9), (2, 9), (1, 9))
    """
    steps = len(widths)
    cols = steps if steps <= 3 else math.ceil(steps / math.ceil(steps / 3))
    cap = CAP
    while cols > 1 and cols * _panel_width(widths, cap) + (cols - 1) * PANEL_GAP > room:
        cols -= 1
    while cap > 3 and _panel_width(widths, cap) > room:
        cap -= 1
    return cols, cap


def _notes(net: Network, cap: int) -> list[str]:
    """The legend: how relu is drawn, and which layers are shown thinned."""
    notes = []
    if len(net.weights) > 1:
        notes.append("grey, struck through: a weighted sum below 0, which relu replaces by 0")
    return notes + lego.thinned_layers(net.widths, cap)


class _Panel:
    """One step of the storyboard, laid out inside its own frame."""

    def __init__(
        self, ax: Axes, step: int, left: float, bottom: float, width: float, height: float
    ):
        self.ax, self.step = ax, step
        self.left, self.bottom, self.width, self.height = left, bottom, width, height
        self.cx = left + NAME_W + (width - NAME_W - 0.1) / 2
        self.low = bottom + 0.12  # bottom strip
        self.high = bottom + height - TITLE_H - STRIP  # top strip

    def frame(self, number: int, title: str, subtitle: str) -> None:
        lego.rounded(
            self.ax,
            self.left,
            self.bottom,
            self.width,
            self.height,
            fill="none",
            edge=style.CARD_EDGE,
            rounding=0.08,
            zorder=0.5,
        )
        top = self.bottom + self.height - 0.17
        self.ax.text(
            self.left + 0.18,
            top,
            str(number),
            ha="center",
            va="center",
            fontsize=8.5,
            fontweight="bold",
            color=style.CARD,
            zorder=4,
            bbox={"boxstyle": "circle,pad=0.25", "fc": style.INK, "ec": "none"},
        )
        x = self.left + TITLE_X
        self.ax.text(x, top, title, ha="left", va="center", fontsize=TITLE_SIZE, zorder=4)
        lego.note(self.ax, x, top - 0.2, subtitle, fontsize=SUBTITLE_SIZE)

    def layer(
        self,
        k: int,
        cells: list[lego.Slot],
        vector: np.ndarray,
        *,
        top: bool,
        current: bool,
        killed: np.ndarray | None = None,
        before: np.ndarray | None = None,
    ) -> list[float]:
        y = self.high if top else self.low
        edge = style.HIGHLIGHT if current else style.LAYER_EDGE
        xs = lego.strip(
            self.ax,
            self.cx,
            y,
            cells,
            CELL,
            STRIP,
            edge=edge,
            linewidth=1.8 if current else 1.0,
            dividers=True,
            gid=f"step-{self.step}-strip-l_{k}",
        )
        lego.values(
            self.ax,
            xs,
            cells,
            y,
            STRIP,
            vector,
            killed,
            before,
            cell=CELL,
            gid=f"step-{self.step}-l_{k}",
        )
        lego.name_left_of(
            self.ax,
            self.cx,
            CELL * len(cells),
            y + STRIP / 2,
            lego.sym("l", k),
            gid=f"step-{self.step}-name-l_{k}",
        )
        return xs

    def datapoint(self, cells: list[lego.Slot], vector: np.ndarray) -> None:
        """The raw values above l₀, each falling into its own cell."""
        y = self.high + STRIP / 2
        xs = lego.centres(self.cx, len(cells), CELL)
        lego.name_left_of(self.ax, self.cx, CELL * len(cells), y, "x")
        for x, slot in zip(xs, cells, strict=True):
            text = "…" if slot is None else lego.fmt(vector[slot])
            self.ax.text(x, y, text, ha="center", va="center", fontsize=8.5, zorder=3)
            if slot is not None:
                lego.arrow(self.ax, x, y - 0.13, x, self.low + STRIP + 0.04)

    def matrix(self, k: int, rows: list[lego.Slot], cols: list[lego.Slot], box_h: float) -> None:
        height = ROW * len(rows)
        y0 = self.high - 0.3 - height  # just under the top strip; the gap absorbs the rest
        box = f"step-{self.step}-box-W_{k}"
        xs, ys = lego.box(self.ax, self.cx, y0, rows, cols, CELL, ROW, gid=box)
        lego.dots(self.ax, lego.weight_points(xs, ys, rows, cols), style.MATRIX_DOT, 7)
        lego.name_left_of(
            self.ax,
            self.cx,
            CELL * len(cols),
            y0 + height / 2,
            lego.sym("W", k),
            gid=f"step-{self.step}-name-W_{k}",
        )
        lego.arrow(self.ax, self.cx, self.low + STRIP + 0.04, self.cx, y0 - 0.04)
        for x, c in zip(xs, cols, strict=True):  # each column makes one value above
            if c is not None:
                lego.arrow(self.ax, x, y0 + height + 0.03, x, self.high - 0.03)
