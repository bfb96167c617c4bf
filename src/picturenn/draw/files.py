"""A picture as a file: SVG, PNG or PDF bytes, or saved to a path, in the house style.

Every drawing function returns a matplotlib ``Figure``; these turn it into a
file without any matplotlib knowledge. In Jupyter a figure also shows itself:
leave it as the cell's last expression.

>>> import tempfile
>>> from pathlib import Path
>>> from picturenn import Network
>>> from picturenn.draw import blocks, save
>>> net = Network.random([3, 4, 1], seed=1)
>>> folder = Path(tempfile.mkdtemp())
>>> save(blocks(net), folder / "net.svg").read_bytes()[:5]
b'<?xml'
>>> save(blocks(net), folder / "net.png", dpi=100).read_bytes()[1:4]
b'PNG'
"""

from __future__ import annotations

import io
import numbers
import os
from pathlib import Path

from matplotlib.figure import Figure

from picturenn._checks import shown
from picturenn.draw import style

FORMATS = ("svg", "png", "pdf")
DEFAULT_DPI = 200
PIXEL_LIMIT = 50_000_000  # pixels in one PNG: about 200 MB of memory while it is drawn


def check_figure(fig: object, what: str) -> Figure:
    """``fig`` if it is a matplotlib Figure, else a one-line TypeError saying what to pass."""
    if not isinstance(fig, Figure):
        raise TypeError(
            f"draw.{what} needs a picture (the Figure a drawing function returns, e.g. "
            f"draw.blocks(net)), got {type(fig).__name__}"
        )
    return fig


def check_dpi(dpi: object) -> int:
    """A PNG resolution: a whole number from 10 to 1200 pixels per inch."""
    if isinstance(dpi, bool) or not isinstance(dpi, numbers.Integral) or not 10 <= dpi <= 1200:
        raise ValueError(f"dpi must be a whole number from 10 to 1200, got {shown(dpi)}")
    return int(dpi)


def to_png(fig: Figure, dpi: int = DEFAULT_DPI) -> bytes:
    """The figure as PNG bytes at ``dpi`` pixels per inch (at most 50 million pixels).

    >>> from picturenn import Network
    >>> from picturenn.draw import blocks, to_png
    >>> to_png(blocks(Network.random([3, 4, 1], seed=1)), dpi=50)[:8]
    b'\\x89PNG\\r\\n\\x1a\\n'
    """
    fig = check_figure(fig, "to_png")
    dpi = check_dpi(dpi)
    width, height = fig.get_size_inches()
    pixels = round(width * dpi) * round(height * dpi)
    if pixels > PIXEL_LIMIT:
        raise ValueError(
            f"at dpi {dpi} this {width:.1f}×{height:.1f} inch picture is {pixels:,} pixels; "
            f"the limit is {PIXEL_LIMIT:,}: choose a smaller dpi"
        )
    buffer = io.BytesIO()
    with style.house_style():
        fig.savefig(buffer, format="png", dpi=dpi, metadata={"Software": None})
    return buffer.getvalue()


def to_pdf(fig: Figure) -> bytes:
    """The figure as PDF bytes (vector, for print), the same every time.

    >>> from picturenn import Network
    >>> from picturenn.draw import blocks, to_pdf
    >>> to_pdf(blocks(Network.random([3, 4, 1], seed=1)))[:5]
    b'%PDF-'
    """
    fig = check_figure(fig, "to_pdf")
    buffer = io.BytesIO()
    with style.house_style():
        fig.savefig(buffer, format="pdf", metadata={"CreationDate": None, "Producer": None})
    return buffer.getvalue()


def save(fig: Figure, path: str | os.PathLike[str], *, dpi: int | None = None) -> Path:
    """Write the figure to ``path``: SVG, PNG or PDF, chosen by the file's suffix.

    ``dpi`` (PNG only) defaults to 200. Returns the path written. To look at
    the picture from a script, open that file; in Jupyter the figure shows
    itself. For a window, draw onto your own pyplot Axes instead: every style
    takes ``ax=`` (then ``plt.show()``).

    >>> import tempfile
    >>> from pathlib import Path
    >>> from picturenn import Network
    >>> from picturenn.draw import predict, save
    >>> net = Network.random([3, 4, 1], seed=1)
    >>> save(predict(net, [1, 0, 1]), Path(tempfile.mkdtemp()) / "forward.pdf").suffix
    '.pdf'
    >>> save(predict(net, [1, 0, 1]), "forward.jpg")
    Traceback (most recent call last):
    ...
    ValueError: cannot tell the format of 'forward.jpg': end the file name in .svg, .png or .pdf
    """
    fig = check_figure(fig, "save")
    if not isinstance(path, (str, os.PathLike)):
        raise TypeError(f"path must be a file name such as 'net.svg', got {type(path).__name__}")
    target = Path(path)
    form = target.suffix.lower().lstrip(".")
    if form not in FORMATS:
        raise ValueError(
            f"cannot tell the format of {str(target)!r}: end the file name in .svg, .png or .pdf"
        )
    if dpi is not None and form != "png":
        raise ValueError(f"dpi is only used for a .png file, not .{form}")
    if form == "png":
        data = to_png(fig, DEFAULT_DPI if dpi is None else dpi)
    else:
        data = to_pdf(fig) if form == "pdf" else style.to_svg(fig)
    try:
        target.write_bytes(data)
    except OSError as error:
        raise ValueError(f"cannot write {target}: {error.strerror or error}") from None
    return target
