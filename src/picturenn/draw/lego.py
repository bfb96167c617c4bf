"""The bricks the pictures are built from: strips (vectors), boxes (matrices), names.

Positions and sizes are in inches (see `picturenn.draw.style`). A layer
or matrix too wide to draw cell by cell keeps its first and last cells with an
ellipsis slot between them; `slots` decides which.
"""

from __future__ import annotations

import textwrap
from collections.abc import Sequence

from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from matplotlib.text import Text

from picturenn.draw import style

_SUBSCRIPT = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")

Slot = int | None  # an index into the vector, or None for the "…" gap


def sym(letter: str, k: int, mark: str = "") -> str:
    """A chapter name with a real subscript: ``sym("W", 0)`` is ``"W₀"``.

    >>> sym("l", 12), sym("W", 1, "ᵀ")
    ('l₁₂', 'W₁ᵀ')
    """
    return f"{letter}{str(k).translate(_SUBSCRIPT)}{mark}"


def fmt(value: float) -> str:
    """A value short enough for a cell, with a true minus sign.

    Whole numbers (an input like 1 0 1, the 0 relu leaves) are written bare.

    >>> fmt(0.3919), fmt(-0.0004), fmt(-1234.5), fmt(-0.0), fmt(1.0)
    ('0.39', '−0.00', '−1.2e+03', '0', '1')
    """
    value = float(value) + 0.0  # relu leaves -0.0; it is a plain 0
    if value.is_integer() and abs(value) < 1e5:
        text = str(int(value))
    elif abs(value) < 100:
        text = f"{value:.2f}"
    else:
        text = f"{value:.3g}" if abs(value) < 1000 else f"{value:.2g}"
    return text.replace("-", "−")


def slots(n: int, cap: int) -> list[Slot]:
    """Which of ``n`` cells to draw when at most ``cap`` slots fit.

    >>> slots(3, 5)
    [0, 1, 2]
    >>> slots(784, 5)
    [0, 1, None, 782, 783]
    """
    if n <= cap:
        return list(range(n))
    head = (cap - 1) // 2
    return [*range(head), None, *range(n - (cap - 1 - head), n)]


def place(ax: Axes, artist: Artist) -> None:
    """Add a shape or line to a picture without growing the Axes' data limits.

    Every picture fixes its limits (:func:`~picturenn.draw.style.canvas`), so the
    limit bookkeeping of ``add_patch`` and ``plot`` is wasted: a fifth of the time
    a picture takes to draw. The SVG is the same.
    """
    ax.add_artist(artist)


def line(ax: Axes, xs: Sequence[float], ys: Sequence[float], **options: object) -> None:
    """A straight line through ``xs``, ``ys`` (inches), placed as :func:`place` does."""
    place(ax, Line2D(xs, ys, **options))


def centres(cx: float, count: int, pitch: float) -> list[float]:
    """x of ``count`` cells ``pitch`` apart, centred on ``cx``."""
    left = cx - pitch * (count - 1) / 2
    return [left + i * pitch for i in range(count)]


def rounded(
    ax: Axes,
    x0: float,
    y0: float,
    width: float,
    height: float,
    *,
    fill: str,
    edge: str,
    linewidth: float = 1.0,
    rounding: float = 0.06,
    zorder: float = 1,
    **extra: object,
) -> FancyBboxPatch:
    """A rounded rectangle in inches (the shape of every strip and box)."""
    patch = FancyBboxPatch(
        (x0, y0),
        width,
        height,
        boxstyle=f"round,pad=0,rounding_size={min(rounding, width / 2, height / 2)}",
        facecolor=fill,
        edgecolor=edge,
        linewidth=linewidth,
        zorder=zorder,
        **extra,
    )
    place(ax, patch)
    return patch


def strip(
    ax: Axes,
    cx: float,
    y0: float,
    cells: Sequence[Slot],
    pitch: float,
    height: float,
    *,
    edge: str = style.LAYER_EDGE,
    linewidth: float = 1.0,
    dividers: bool = False,
    gid: str | None = None,
) -> list[float]:
    """A layer: a rounded strip with one cell per slot; returns the cell centres."""
    xs = centres(cx, len(cells), pitch)
    left = cx - pitch * len(cells) / 2
    rounded(
        ax,
        left,
        y0,
        pitch * len(cells),
        height,
        fill=style.LAYER_FILL,
        edge=edge,
        linewidth=linewidth,
        gid=gid,
    )
    if dividers:
        for i in range(1, len(cells)):
            x = left + i * pitch
            line(
                ax,
                [x, x],
                [y0, y0 + height],
                color=style.LAYER_EDGE,
                linewidth=0.4,
                alpha=0.5,
                zorder=1.5,
            )
    for x, slot in zip(xs, cells, strict=True):
        if slot is None:
            ax.text(x, y0 + height / 2, "…", ha="center", va="center", color=style.MUTED, zorder=3)
    return xs


def box(
    ax: Axes,
    cx: float,
    y0: float,
    rows: Sequence[Slot],
    cols: Sequence[Slot],
    col_pitch: float,
    row_pitch: float,
    gid: str | None = None,
) -> tuple[list[float], list[float]]:
    """A matrix: a rounded box of rows × cols cells; returns column x and row y centres.

    Row 0 is at the top, as a matrix is written. Gaps left by `slots`
    get a ⋯ or ⋮ so a thinned box still reads as "more of the same".
    """
    width, height = col_pitch * len(cols), row_pitch * len(rows)
    rounded(
        ax,
        cx - width / 2,
        y0,
        width,
        height,
        fill=style.MATRIX_FILL,
        edge=style.MATRIX_EDGE,
        rounding=0.05,
        gid=gid,
    )
    xs = centres(cx, len(cols), col_pitch)
    ys = [y0 + height - row_pitch * (i + 0.5) for i in range(len(rows))]
    gap_x = [x for x, col in zip(xs, cols, strict=True) if col is None]
    gap_y = [y for y, row in zip(ys, rows, strict=True) if row is None]
    for x in gap_x:  # at the first and last row, like a matrix written by hand
        for y in (ys[0], ys[-1]):
            ax.text(x, y, "⋯", ha="center", va="center", color=style.MUTED)
    for y in gap_y:
        for x in (xs[0], xs[-1]):
            ax.text(x, y, "⋮", ha="center", va="center", color=style.MUTED)
    for x in gap_x:
        for y in gap_y:
            ax.text(x, y, "⋱", ha="center", va="center", color=style.MUTED)
    return xs, ys


def weight_points(
    xs: Sequence[float], ys: Sequence[float], rows: Sequence[Slot], cols: Sequence[Slot]
) -> list[tuple[float, float]]:
    """Centres of the cells of a `box` that show a weight (not a ⋯/⋮ gap).

    >>> weight_points([0.0, 1.0], [5.0, 4.0], [0, None], [0, 1])
    [(0.0, 5.0), (1.0, 5.0)]
    """
    return [
        (x, y)
        for x, col in zip(xs, cols, strict=True)
        if col is not None
        for y, row in zip(ys, rows, strict=True)
        if row is not None
    ]


def dots(ax: Axes, points: Sequence[tuple[float, float]], colour: str, size: float) -> None:
    """One scatter for many dots (one artist, not one per dot)."""
    if points:
        xs, ys = zip(*points, strict=True)
        ax.scatter(xs, ys, s=size, color=colour, linewidths=0, zorder=2)


def name(ax: Axes, x: float, y: float, text: str, *, size: float = 12, **extra: object) -> Text:
    """A chapter symbol (l₀, W₁) in italic serif, so ``l`` never reads as ``1``."""
    options: dict[str, object] = {
        "ha": "right",
        "va": "center",
        "fontfamily": "serif",
        "fontstyle": "italic",
        "fontsize": size,
        "zorder": 4,
    }
    options.update(extra)
    return ax.text(x, y, text, **options)


def name_left_of(
    ax: Axes, cx: float, width: float, y: float, text: str, *, size: float = 11, **extra: object
) -> Text:
    """:func:`name` just left of a strip or box ``width`` wide centred on ``cx``."""
    return name(ax, cx - width / 2 - 0.06, y, text, size=size, **extra)


def note(ax: Axes, x: float, y: float, text: str, **extra: object) -> Text:
    """Small muted text: hints, and the honest "thinned" remarks."""
    options: dict[str, object] = {
        "ha": "left",
        "va": "center",
        "fontsize": style.SMALLEST,
        "color": style.MUTED,
        "zorder": 4,
    }
    options.update(extra)
    return ax.text(x, y, text, **options)


def text_width(text: str, size: float) -> float:
    """A generous estimate of a label's width in inches (for laying out margins)."""
    return len(text) * size * 0.62 / 72


def wrap(text: str, size: float, width: float) -> str:
    """``text`` broken into lines that fit ``width`` inches at ``size`` points.

    >>> print(wrap("grey, struck through: a weighted sum below 0", 7.5, 2.0))
    grey, struck through: a
    weighted sum below 0
    """
    if width == float("inf") or text_width(text, size) <= width:
        return text
    chars = max(10, int(width * 72 / (size * 0.62)))
    return "\n".join(textwrap.wrap(text, chars))


def values(
    ax: Axes,
    xs: Sequence[float],
    cells: Sequence[Slot],
    y0: float,
    height: float,
    shown: Sequence[float],
    killed: Sequence[bool] | None = None,
    before: Sequence[float] | None = None,
    *,
    cell: float,
    gid: str | None = None,
) -> None:
    """Write a vector's values in its strip's cells.

    Each value's id in the SVG is ``{gid}-{index}``; a struck one adds ``-before`` (the
    old value), ``-strike`` (its line) and ``-gate`` (the grey cell behind it), so a page
    can show or hide each part of a step.

    Where ``killed[i]``, the cell is greyed and shows ``before[i]`` struck
    through above the 0 that replaced it: how relu (forward) or its gate
    (backward) is drawn everywhere.
    """
    for x, slot in zip(xs, cells, strict=True):
        if slot is None:
            continue
        if killed is not None and before is not None and killed[slot]:
            rounded(
                ax,
                x - cell / 2 + 0.03,
                y0 + 0.03,
                cell - 0.06,
                height - 0.06,
                fill=style.KILLED_FILL,
                edge="none",
                rounding=0.04,
                zorder=1.6,
                gid=f"{gid}-{slot}-gate" if gid else None,
            )
            old = fmt(before[slot])
            size = _fit(old, cell, style.SMALLEST)
            top = y0 + height * 0.7
            ax.text(
                x,
                top,
                old,
                ha="center",
                va="center",
                fontsize=size,
                color=style.MUTED,
                zorder=3,
                gid=f"{gid}-{slot}-before" if gid else None,
            )
            half = text_width(old, size) * 0.42
            line(
                ax,
                [x - half, x + half],
                [top, top],
                color=style.GATE,
                linewidth=1.1,
                zorder=3.5,
                gid=f"{gid}-{slot}-strike" if gid else None,
            )
            ax.text(
                x,
                y0 + height * 0.3,
                fmt(shown[slot]),
                ha="center",
                va="center",
                fontsize=_fit("0.00", cell, 8.5),
                fontweight="bold",
                zorder=3,
                gid=f"{gid}-{slot}" if gid else None,
            )
        else:
            text = fmt(shown[slot])
            ax.text(
                x,
                y0 + height / 2,
                text,
                ha="center",
                va="center",
                fontsize=_fit(text, cell, 8.5),
                zorder=3,
                gid=f"{gid}-{slot}" if gid else None,
            )


def _fit(text: str, cell: float, size: float) -> float:
    """The largest size up to ``size`` at which ``text`` fits in a cell (never below SMALLEST)."""
    return max(style.SMALLEST, min(size, (cell - 0.06) * 72 / (len(text) * 0.6)))


def arrow(ax: Axes, x0: float, y0: float, x1: float, y1: float, colour: str = style.MUTED) -> None:
    """A thin arrow from (x0, y0) to (x1, y1): the way values flow."""
    place(
        ax,
        FancyArrowPatch(
            (x0, y0),
            (x1, y1),
            arrowstyle="-|>",
            mutation_scale=8,
            color=colour,
            linewidth=0.9,
            shrinkA=0,
            shrinkB=0,
            zorder=2,
        ),
    )


def thinned_layers(widths: Sequence[int], cap: int) -> list[str]:
    """The legend line for layers drawn with an ellipsis (empty when none is).

    >>> thinned_layers([784, 4], 9)
    ['values shown (the … stands for the rest): l₀ 8 of 784']
    """
    thinned = [f"{sym('l', k)} {cap - 1} of {n:,}" for k, n in enumerate(widths) if n > cap]
    return ["values shown (the … stands for the rest): " + ", ".join(thinned)] if thinned else []
