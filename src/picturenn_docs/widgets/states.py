"""The widgets' states travel beside the page, loaded only when a reader nears the widget.

A widget renders with its checked states inline (``widgets_html.data_script``);
once the page is written, each such block moves into a file of its own under
``assets/widgets/``, named by its content (two builds give the same bytes, two
widgets with the same states share one file), and the page keeps an empty
``<script class="pnn-data" data-states="...">`` naming it. The file is a
script that registers the states (``window.pnnStates[name] = JSON.parse(...)``), not
JSON to fetch: ``fetch()`` of file:// fails in Chromium, and the offline copy
is opened from disk. ``docs/javascripts/widgets.js`` loads it when the widget
nears the viewport. Without JavaScript nothing needs it: the static picture,
algebra and code are in the page.
"""

from __future__ import annotations

import hashlib
import html
import json
import posixpath
import re
from pathlib import Path

from picturenn_docs.core.site_files import write
from picturenn_docs.widgets import pictures
from picturenn_docs.widgets.html import DATA_OPEN, states_json

FOLDER = pictures.FOLDER
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
    (:mod:`picturenn_docs.widgets.pictures`; a widget's inline markup joins its states).

    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp())
    >>> page = '<div><script type="application/json" class="pnn-data">{"a":1}</script></div>'
    >>> print(ship(page, site, "predict/").replace(" data-", "\\n data-"))
    <div><script type="application/json" class="pnn-data"
     data-states="../assets/widgets/015abd7f5cc57a2d.js"></script></div>
    >>> print((site / FOLDER / "015abd7f5cc57a2d.js").read_text().splitlines()[-1])
    (window.pnnStates = window.pnnStates || {})["015abd7f5cc57a2d"] = JSON.parse("{\\"a\\":1}");
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
        href = relative_url(pictures.saved(svg, site_dir), page_url)
        other = (
            None
            if phone is None
            else (relative_url(pictures.saved(phone, site_dir), page_url), phone)
        )
        shown[0] += 1
        return pictures.image(svg, href, number=number, eager=shown[0] == 1, phone=other)

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

        body = pictures.PICTURE.sub(one, found.group("body"))
        if svgs:
            data["svgs"] = svgs
            states = states_json(data)
        return found.group("open") + body + moved(states)

    return _PARTS.sub(widget, page)


def script(name: str, states: str) -> str:
    """The states file: registers ``states`` (JSON text) under ``name``.

    The JSON stays a string for ``JSON.parse``: engines read JSON text several
    times faster than the same data written as a JavaScript literal.
    """
    registry = "(window.pnnStates = window.pnnStates || {})"
    return (
        "/* A widget's states, computed by picturenn at build time; widgets.js shows them. */\n"
        f'{registry}["{name}"] = JSON.parse({json.dumps(states)});\n'
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
