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
from picturenn_docs.widgets.html import DATA_OPEN

FOLDER = "assets/widgets"
_INLINE = re.compile(re.escape(DATA_OPEN) + r"(.*?)</script>", re.DOTALL)


def ship(page: str, site_dir: Path, page_url: str) -> str:
    """``page`` with each widget's inline states moved into their file under ``site_dir``.

    >>> import tempfile
    >>> site = Path(tempfile.mkdtemp())
    >>> page = '<div><script type="application/json" class="pnn-data">{"a":1}</script></div>'
    >>> print(ship(page, site, "predict/").replace(" data-", "\\n data-"))
    <div><script type="application/json" class="pnn-data"
     data-states="../assets/widgets/015abd7f5cc57a2d.js"></script></div>
    >>> print((site / FOLDER / "015abd7f5cc57a2d.js").read_text().splitlines()[-1])
    (window.pnnStates = window.pnnStates || {})["015abd7f5cc57a2d"] = JSON.parse("{\\"a\\":1}");
    """

    def moved(found: re.Match[str]) -> str:
        states = found.group(1)  # JSON, already safe in a script (no "<", ">" or "&")
        name = hashlib.sha256(states.encode()).hexdigest()[:16]
        write(site_dir / FOLDER / f"{name}.js", script(name, states))
        href = html.escape(relative_url(f"{FOLDER}/{name}.js", page_url))
        return f'{DATA_OPEN[:-1]} data-states="{href}"></script>'

    return _INLINE.sub(moved, page)


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
