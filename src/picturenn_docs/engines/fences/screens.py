"""The two screens every figure is drawn for, and the <img> Markdown that shows them.

A figure is shown at its own size when it fits the page (1 SVG pt = 4/3 CSS px),
so its smallest label (7.5 pt) reads at 10 CSS px. To keep that true, the build
asks each picture to fit a laptop's content column; when that layout is wider
than a phone's column, it also draws a phone layout (panels stacked, bars
shorter, notes wrapped) and the page's stylesheet shows one or the other
(docs/stylesheets/extra.css, at the same breakpoint as ``PHONE_BELOW``).
Every <img> carries its width and height (no layout shift) and loads lazily.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

# CSS px. mkdocs-material's content column is 688 px wide on a 1280 px laptop
# (and at least 686 px on any screen 720 px wide or more); on a 390 px phone it
# is 358 px. A few px are kept spare.
LAPTOP_PX = 680
PHONE_PX = 350
PHONE_BELOW = 720  # viewport width under which the phone layout is shown
PX_PER_INCH = 96
PX_PER_PT = 4 / 3

_SIZE = re.compile(rb'<svg[^>]*?\swidth="([\d.]+)pt"[^>]*?\sheight="([\d.]+)pt"', re.S)


def fit(px: int) -> float:
    """The widest a card may be, in inches, to be shown ``px`` CSS px wide.

    >>> fit(PHONE_PX) == 350 / 96
    True
    """
    return px / PX_PER_INCH


def svg_size(svg: bytes) -> tuple[int, int]:
    """The CSS px an SVG written by matplotlib is shown at, at its own size.

    Rounded up, so a figure is never shown smaller than its own size.

    >>> svg_size(b'<svg xmlns="..." width="531.36pt" height="353.52pt">')
    (709, 472)
    """
    found = _SIZE.search(svg[:2000])
    if found is None:
        raise ValueError("not an SVG with a width and height in pt")
    width, height = (float(v) * PX_PER_PT for v in found.groups())
    return math.ceil(width - 1e-6), math.ceil(height - 1e-6)


@dataclass(frozen=True)
class Shown:
    """One drawn layout of a figure: its file name, its size in CSS px, and its screen."""

    name: str
    width: int
    height: int
    screen: str = ""  # "laptop" or "phone" when the figure has both; "" when one fits all


def image(target: str, shown: list[Shown], alt: str) -> str:
    """The Markdown of a figure's <img>s, linked to the laptop layout shown full size.

    ``target`` is the folder the figure names are under (as the page links it).

    >>> print(image("f", [Shown("a.svg", 300, 200)], "alt").replace("](", "]\\n("))
    [![alt]
    (f/a.svg){ width="300" height="200" loading="lazy" }]
    (f/a.svg "Open the picture full size")
    """
    images = "".join(
        f'![{alt}]({target}/{s.name}){{ width="{s.width}" height="{s.height}" loading="lazy"'
        + (f" .pnn-{s.screen}" if s.screen else "")
        + " }"
        for s in shown
    )
    full = f"{target}/{shown[0].name}"
    return f'[{images}]({full} "Open the picture full size")'
