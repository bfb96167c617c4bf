"""The widgets' states travel beside the page, loaded only when a reader nears the widget.

A widget renders with its checked states inline (``widgets_html.data_script``);
once the page is written, each such block moves into a file of its own under
``assets/widgets/``, named by its content (two builds give the same bytes, two
widgets with the same states share one file), and the page keeps an empty
``<script class="pnn-data" data-states="...">`` naming it. The file is a
script that registers the states (``window.pnnStates[name] = {...}``), not
JSON to fetch: ``fetch()`` of file:// fails in Chromium, and the offline copy
is opened from disk. ``docs/javascripts/widgets.js`` loads it when the widget
nears the viewport. Without JavaScript nothing needs it: the static picture,
algebra and code are in the page.

Pictures, the same way

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
import json
import posixpath
import re
from pathlib import Path

from picturenn_docs.core.site_files import write
from picturenn_docs.widgets.html import DATA_OPEN, states_json

FOLDER = "assets/widgets"
PHONE_MEDIA = "(max-width: 719.98px)"  # the figures' breakpoint (extra.css, screens.PHONE_BELOW)
PICTURE = re.compile(r'<svg class="pnn-svg"[^>]*>.*?</svg>', re.DOTALL)
_OPEN = re.compile(r'<svg class="pnn-svg"[^>]*>')
_WIDTH = re.compile(r'\swidth="([\d.]+)"')
_HEIGHT = re.compile(r'\sheight="([\d.]+)"')
_LABEL = re.compile(r'\saria-label="([^"]*)"')
_XMLNS = 'xmlns="http://www.w3.org/2000/svg"'
_DATA = re.escape(DATA_OPEN) + r"(?P<states>.*?)</script>"
# a widget (its opening tag, what stands before its states, its states), a live figure's
# static picture, or states on their own
_PARTS = re.compile(
    r'(?P<open><div class="pnn-widget [^"]*"[^>]*>)(?P<body>(?:(?!<div class="pnn-widget ).)*?)'
    + _DATA
    + r'|(?P<static><figure class="pnn-live-static">)(?P<live><svg class="pnn-svg".*?</svg>)'
    + r"|"
    + re.escape(DATA_OPEN)
    + r"(?P<bare>.*?)</script>",
    re.DOTALL,
)


def ship(page: str, site_dir: Path, page_url: str) -> str:
    """``page`` with each widget's inline states moved into their file under ``site_dir``,
    and its pictures, and a live figure's static one, made images of files of their own
    (a widget's inline markup joins its states).

    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp())
    >>> page = '<div><script type="application/json" class="pnn-data">{"a":1}</script></div>'
    >>> print(ship(page, site, "predict/").replace(" data-", "\\n data-"))
    <div><script type="application/json" class="pnn-data"
     data-states="../assets/widgets/015abd7f5cc57a2d.js"></script></div>
    >>> print((site / FOLDER / "015abd7f5cc57a2d.js").read_text().splitlines()[-1])
    (window.pnnStates = window.pnnStates || {})["015abd7f5cc57a2d"] = {"a":1};
    >>> svg = '<svg class="pnn-svg" aria-label="net" width="2" height="1"><g/></svg>'
    >>> page = f'<div class="pnn-widget pnn-linked"><figure>{svg}</figure>{page[5:]}'
    >>> print(ship(page, site, "").replace("><", ">\\n<"))  # doctest: +ELLIPSIS
    <div class="pnn-widget pnn-linked">
    <figure>
    <img class="pnn-img" data-pnn-svg="0" src="assets/widgets/....svg" width="2" height="1" ...>
    </figure>
    <script type="application/json" class="pnn-data" data-states="assets/widgets/....js">
    </script>
    </div>
    """
    shown = [0]  # pictures made images so far: the page's first is loaded at once

    def image(svg: str, number: int | None, phone: str | None = None) -> str:
        href = relative_url(saved(svg, site_dir), page_url)
        other = None if phone is None else (relative_url(saved(phone, site_dir), page_url), phone)
        shown[0] += 1
        return picture_image(svg, href, number=number, eager=shown[0] == 1, phone=other)

    def moved(states: str) -> str:
        # JSON, already safe in a script (no "<", ">" or "&")
        name = hashlib.sha256(states.encode()).hexdigest()[:16]
        write(site_dir / FOLDER / f"{name}.js", script(name, states))
        href = html.escape(relative_url(f"{FOLDER}/{name}.js", page_url))
        return f'{DATA_OPEN[:-1]} data-states="{href}"></script>'

    def widget(found: re.Match[str]) -> str:
        if found.group("static") is not None:  # a live figure's picture: only an image
            return found.group("static") + image(found.group("live"), None)
        if found.group("open") is None:  # states of no widget this page shows
            return moved(found.group("bare"))
        states = found.group("states")
        data = json.loads(states)
        phone = (data.get("player") or {}).get("phone_svg")
        svgs: list[str] = []

        def one(picture: re.Match[str]) -> str:
            svgs.append(picture.group(0))
            first = len(svgs) == 1
            return image(picture.group(0), len(svgs) - 1, phone if first else None)

        body = PICTURE.sub(one, found.group("body"))
        if svgs:
            data["svgs"] = svgs
            states = states_json(data)
        return found.group("open") + body + moved(states)

    return _PARTS.sub(widget, page)


def script(name: str, states: str) -> str:
    """The states file: registers ``states`` (JSON text) under ``name``, as a literal.

    JSON is a JavaScript expression, so the file holds it as it is, bar two
    escapes it no longer needs. The page's inline JSON spells "<", ">" and "&" as
    ``\\u003c`` (six bytes each: it sits in the HTML's ``<script>``), and a string
    for ``JSON.parse`` escaped every quote and backslash again; without them a
    player's file is 28% smaller (predict's: 149 KB to 107 KB). Non-ASCII stays
    escaped, so the file is ASCII, whatever charset a host serves it with.

    >>> script("n", '{"svg":"\\u003cg/\\u003e","name":"W\u2080"}').splitlines()[-1]
    '(window.pnnStates = window.pnnStates || {})["n"] = {"name":"W\\\\u2080","svg":"<g/>"};'
    """
    registry = "(window.pnnStates = window.pnnStates || {})"
    literal = json.dumps(json.loads(states), sort_keys=True, separators=(",", ":"))
    return (
        "/* A widget's states, computed by picturenn at build time; widgets.js shows them. */\n"
        f'{registry}["{name}"] = {literal};\n'
    )


def relative_url(target: str, page_url: str) -> str:
    """``target`` (a path in the site) as a link from the page at ``page_url``, the way
    mkdocs links its own files (``mkdocs.utils.get_relative_url``).

    >>> relative_url("assets/a.js", ""), relative_url("assets/a.js", "guide/page/")
    ('assets/a.js', '../../assets/a.js')
    >>> relative_url("assets/a.js", "page.html")
    'assets/a.js'
    """
    here = posixpath.dirname(page_url) if not page_url.endswith("/") else page_url.rstrip("/")
    return posixpath.relpath(target, here or ".")


# -- pictures: images of their files until the widget starts --------------------
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


def picture_image(
    svg: str, href: str, *, number: int | None, eager: bool, phone: tuple[str, str] | None = None
) -> str:
    """The ``<img>`` standing for an inline picture: its file, its size, its label as alt.

    ``number`` is its place in the widget's ``"svgs"`` (None: nothing replaces it);
    ``phone``, ``(href, svg)`` of the phone's picture, makes it a ``<picture>``.

    >>> svg = '<svg class="pnn-svg" aria-label="3 &#x27;in&#x27;" width="2" height="1"></svg>'
    >>> print(picture_image(svg, "a.svg", number=0, eager=False).replace('" ', '"\\n  '))
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
