"""The look shared by every picture: palette, fonts, the card, and SVG export.

Every figure is drawn on an opaque, rounded, light "card" with dark ink, so it
reads the same on the site's light and dark (slate) palettes: nothing relies on
the page behind it. Colours for sign are Okabe–Ito blue and vermillion, which
stay distinct for the common kinds of colour blindness.

Data coordinates are inches (the Axes fills the figure), so a layout written
in inches and font sizes in points always fit each other.
"""

from __future__ import annotations

import io
import numbers
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import wraps
from typing import ParamSpec, TypeVar

import matplotlib as mpl
from matplotlib.axes import Axes
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch

from picturenn._checks import shown
from picturenn._views import check_view
from picturenn.network import Network

INK = "#1f2430"  # text and outlines
MUTED = "#5f6676"  # secondary text (notes, shapes hints)
FAINT = "#9aa0ab"  # struck-out values, arrows in the background
CARD = "#fbfaf7"  # the opaque background every figure sits on
CARD_EDGE = "#d8d4ca"
POSITIVE = "#0072B2"  # Okabe–Ito blue
NEGATIVE = "#D55E00"  # Okabe–Ito vermillion
LAYER_FILL = "#dde8f3"  # strips (vectors)
LAYER_EDGE = "#4a6f8f"
LAYER_DOT = "#2f5675"
MATRIX_FILL = "#f2eadb"  # boxes (matrices)
MATRIX_EDGE = "#8a6d3b"
MATRIX_DOT = "#7a5c2c"
HIGHLIGHT = "#009E73"  # Okabe–Ito bluish green: the step being explained
GATE = "#CC79A7"  # Okabe–Ito reddish purple: a relu gate that is closed
KILLED_FILL = "#e9e7e2"  # a cell relu (or its gate) set to 0

# Applied while drawing (fonts are fixed when a Text is made) and while saving
# (svg.* are read by the SVG writer). svg.fonttype "none" keeps labels as real
# <text>: smaller files, searchable, and readable by tests.
RC: dict[str, object] = {
    "font.family": ["sans-serif"],
    "font.sans-serif": ["DejaVu Sans", "Liberation Sans", "Arial", "Helvetica"],
    "font.serif": ["DejaVu Serif", "Liberation Serif", "Georgia", "Times New Roman"],
    "font.size": 9.0,
    "text.color": INK,
    "axes.unicode_minus": True,
    "svg.fonttype": "none",
    "svg.hashsalt": "picturenn",
    "svg.image_inline": True,
}

MARGIN = 0.18  # inches of card around the drawing
# The smallest font any label may have, in points. A figure is shown at its own
# size (1 pt = 4/3 CSS px) when it fits the page, so this is 10 CSS px on screen;
# a caller's ``fit`` keeps it from being shrunk (each picture re-flows instead).
SMALLEST = 7.5
CARD_ROUNDING = 0.12

P = ParamSpec("P")
R = TypeVar("R")


@contextmanager
def house_style() -> Iterator[None]:
    """Apply the house rcParams without touching the global ones for good."""
    with mpl.rc_context(RC):
        yield


def styled(draw: Callable[P, R]) -> Callable[P, R]:
    """Run a drawing function under `house_style`."""

    @wraps(draw)
    def wrapper(*args: P.args, **kwargs: P.kwargs) -> R:
        with house_style():
            return draw(*args, **kwargs)

    return wrapper


def room(fit: float | None) -> float:
    """Drawing space across (inches) inside a card at most ``fit`` inches wide.

    ``None`` means no limit: a picture takes its natural layout.
    """
    if fit is None:
        return float("inf")
    if isinstance(fit, bool) or not isinstance(fit, numbers.Real):
        raise TypeError(
            f"fit must be a width in inches (a number) or None, got {type(fit).__name__}"
        )
    if not 2 * MARGIN < fit < 1e6:  # a million inches: past any card (and any float)
        raise ValueError(f"fit must be a width in inches above {2 * MARGIN:g}, got {shown(fit)}")
    return float(fit) - 2 * MARGIN


def check_network(net: object, what: str) -> Network:
    """Fail in one line when a picture is asked of something that is not a Network."""
    return check_view(net, f"draw.{what}")  # the one check every view makes


def canvas(width: float, height: float, ax: Axes | None = None) -> tuple[Figure, Axes]:
    """A card ``width`` × ``height`` inches of drawing space, or the caller's Axes.

    Returns the figure and an Axes whose data units are inches with (0, 0) at
    the bottom left of the drawing space. A given ``ax`` gets the same limits
    and equal aspect but no card: its figure is the caller's to style.
    """
    if ax is not None and not isinstance(ax, Axes):
        raise TypeError(f"ax must be a matplotlib Axes or None, got {type(ax).__name__}")
    if ax is None:
        fig = Figure(figsize=(width + 2 * MARGIN, height + 2 * MARGIN))
        FigureCanvasAgg(fig)  # Agg, never a GUI backend
        fig.patch.set_visible(False)  # transparent outside the rounded card
        fig.patches.append(
            FancyBboxPatch(
                (0.01, 0.01),
                width + 2 * MARGIN - 0.02,
                height + 2 * MARGIN - 0.02,
                boxstyle=f"round,pad=0,rounding_size={CARD_ROUNDING}",
                transform=fig.dpi_scale_trans,
                facecolor=CARD,
                edgecolor=CARD_EDGE,
                linewidth=0.8,
                figure=fig,
                zorder=-1,  # under the Axes (zorder 0)
            )
        )
        ax = fig.add_axes((0, 0, 1, 1))
    else:
        ax.set_aspect("equal")
    ax.set_xlim(-MARGIN, width + MARGIN)
    ax.set_ylim(-MARGIN, height + MARGIN)
    ax.set_axis_off()
    fig = ax.get_figure(root=True)
    assert isinstance(fig, Figure)
    return fig, ax


def to_svg(fig: Figure) -> bytes:
    """Save a figure as SVG bytes that are identical every time, then close it.

    >>> from picturenn import Network
    >>> from picturenn.draw import blocks, to_svg
    >>> net = Network.random([3, 4, 1], seed=1)
    >>> to_svg(blocks(net)) == to_svg(blocks(net))
    True
    """
    if not isinstance(fig, Figure):
        raise TypeError(
            "draw.to_svg needs a picture (the Figure a drawing function returns, e.g. "
            f"draw.blocks(net)), got {type(fig).__name__}"
        )
    buffer = io.BytesIO()
    with house_style():
        fig.savefig(buffer, format="svg", metadata={"Date": None})
    _close(fig)
    return buffer.getvalue()


def _close(fig: Figure) -> None:
    # Figures made here are never registered with pyplot; only a caller's
    # pyplot figure (one with a manager) needs pyplot to let go of it.
    if getattr(fig.canvas, "manager", None) is not None:
        import matplotlib.pyplot as plt

        plt.close(fig)
