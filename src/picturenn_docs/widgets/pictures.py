"""A widget's pictures stand in the page as images until the widget starts.

A widget renders with its pictures inline: ``<svg class="pnn-svg">``, hundreds of
elements each (a player's holds every lamp pattern's pieces). A reader who never
scrolls to the widget needs none of them in the page's DOM, and a phone reading a
player replaced the laptop's picture with its own at once. So, once the page is
written (:func:`picturenn_docs.widgets.states.ship`), each inline picture of a widget
leaves the page for a file of its own under ``assets/widgets/``, named by its content,
and the page shows that file with an ``<img>`` of the picture's own width and height
(a player with a phone picture: a ``<picture>`` with the phone's as a ``<source>``
below the figures' breakpoint). Its inline markup travels in the widget's states
(``"svgs"``, in the order the pictures stand), and ``docs/javascripts/widgets.js``
puts it back in the image's place when the widget starts, near the viewport or at
the first pointer or focus: same size, so nothing shifts.

Without JavaScript, and opened from ``file://``, the images are the figures (an
``<img>`` of a local file loads where ``fetch()`` cannot). A live figure's static
picture (:mod:`picturenn_docs.widgets.live`) becomes an image the same way; its
script draws its own pictures, so none travels in data.
"""

from __future__ import annotations

import hashlib
import html
import re
from pathlib import Path

from picturenn_docs.core.site_files import write

FOLDER = "assets/widgets"
PHONE_MEDIA = "(max-width: 719.98px)"  # the figures' breakpoint (extra.css, screens.PHONE_BELOW)
PICTURE = re.compile(r'<svg class="pnn-svg"[^>]*>.*?</svg>', re.DOTALL)
_OPEN = re.compile(r'<svg class="pnn-svg"[^>]*>')
_WIDTH = re.compile(r'\swidth="([\d.]+)"')
_HEIGHT = re.compile(r'\sheight="([\d.]+)"')
_LABEL = re.compile(r'\saria-label="([^"]*)"')
_XMLNS = 'xmlns="http://www.w3.org/2000/svg"'


def size(svg: str) -> tuple[str, str]:
    """The picture's width and height in CSS px, as its ``<svg>`` writes them.

    >>> size('<svg class="pnn-svg" width="412.5" height="300" viewBox="0 0 1 1"><g/></svg>')
    ('412.5', '300')
    """
    opening = _OPEN.match(svg)
    head = opening.group(0) if opening else svg
    width, height = _WIDTH.search(head), _HEIGHT.search(head)
    if width is None or height is None:
        raise ValueError(f"a widget picture without its size: {head[:120]}")
    return width.group(1), height.group(1)


def standalone(svg: str) -> str:
    """The inline picture as an SVG file (an image needs the SVG namespace).

    >>> standalone('<svg class="pnn-svg" width="2" height="1"><g/></svg>')
    '<svg xmlns="http://www.w3.org/2000/svg" class="pnn-svg" width="2" height="1"><g/></svg>\\n'
    """
    head = _OPEN.match(svg)
    if head is not None and _XMLNS not in head.group(0):
        svg = svg.replace("<svg ", f"<svg {_XMLNS} ", 1)
    return svg + "\n"


def saved(svg: str, site_dir: Path) -> str:
    """Write the picture's file under ``site_dir``; returns its path in the site."""
    text = standalone(svg)
    name = hashlib.sha256(text.encode()).hexdigest()[:16]
    write(site_dir / FOLDER / f"{name}.svg", text)
    return f"{FOLDER}/{name}.svg"


def image(
    svg: str, href: str, *, number: int | None, eager: bool, phone: tuple[str, str] | None = None
) -> str:
    """The ``<img>`` standing for an inline picture: its file, its size, its label as alt.

    ``number`` is its place in the widget's ``"svgs"`` (None: nothing replaces it);
    ``phone``, ``(href, svg)`` of the phone's picture, makes it a ``<picture>``.

    >>> svg = '<svg class="pnn-svg" aria-label="3 &#x27;in&#x27;" width="2" height="1"></svg>'
    >>> print(image(svg, "a.svg", number=0, eager=False).replace('" ', '"\\n  '))
    <img class="pnn-img"
      data-pnn-svg="0"
      src="a.svg"
      width="2"
      height="1"
      alt="3 &#x27;in&#x27;"
      loading="lazy"
      decoding="async">
    """
    width, height = size(svg)
    label = _LABEL.search(_OPEN.match(svg).group(0) if _OPEN.match(svg) else svg)
    alt = html.escape(html.unescape(label.group(1))) if label else ""
    mark = f' data-pnn-svg="{number}"' if number is not None and phone is None else ""
    lazy = "" if eager else ' loading="lazy"'
    img = (
        f'<img class="pnn-img"{mark} src="{html.escape(href)}" width="{width}" '
        f'height="{height}" alt="{alt}"{lazy} decoding="async">'
    )
    if phone is None:
        return img
    phone_href, phone_svg = phone
    phone_width, phone_height = size(phone_svg)
    source = (
        f'<source media="{PHONE_MEDIA}" srcset="{html.escape(phone_href)}" '
        f'width="{phone_width}" height="{phone_height}">'
    )
    return f'<picture class="pnn-img" data-pnn-svg="{number}">{source}{img}</picture>'
