"""What each page loads: stylesheets only where used, its first figure without delay.

mkdocstrings' stylesheet matters only on API reference pages; loading it
everywhere delays every page's first paint (a render-blocking request). The
plugin drops it from pages without reference blocks. mkdocs-material's instant
navigation adds and removes <head> links as the reader moves between pages, so
each page still gets exactly what it needs. Math needs no stylesheet: it is
MathML, laid out by the browser (picturenn_docs/engines/math.py).

Figures are lazy-loaded (picturenn_docs/engines/fences/screens.py), except a page's first:
it is usually in the first screenful and the largest thing painted there, and
a lazy image is only requested once layout is done.

Widget states (often most of a widget page's bytes) leave the page for files of
their own, loaded when the reader nears the widget (states.py), and the
site's small stylesheets arrive as one (stylesheets.py).
"""

from __future__ import annotations

import re
from pathlib import Path

from picturenn_docs.assets import stylesheets
from picturenn_docs.widgets import states as widgets_states

# mkdocstrings wraps every documented object in <div class="doc doc-object ...">
_REFERENCE_BLOCK = re.compile(r'class="doc doc-')


def finish(page: str, site_dir: Path | None = None, page_url: str = "") -> str:
    """A built page with the stylesheets it uses and its first figure loaded at once.

    Given the ``site_dir`` and the page's URL, widget states move out of the page
    into files loaded when needed (:mod:`picturenn_docs.widgets.states`), and the
    site's own stylesheets become one request (:mod:`picturenn_docs.assets.stylesheets`).
    """
    if site_dir is not None:
        page = widgets_states.ship(page, site_dir, page_url)
        page = stylesheets.bundle(page, site_dir)
    if not has_reference(page):
        page = drop_stylesheet(page, "assets/_mkdocstrings.css")
    return first_figure_eager(page)


def drop_stylesheet(page: str, name: str) -> str:
    """``page`` without the stylesheet link(s) whose URL ends in ``name``.

    >>> drop_stylesheet('<link rel="stylesheet" href="../assets/_m.css">\\n<p>', "_m.css")
    '<p>'
    """
    pattern = rf'<link rel="stylesheet" href="[^"]*{re.escape(name)}"[^>]*>\s*'
    return re.sub(pattern, "", page)


def has_reference(page: str) -> bool:
    """Whether a page shows API reference blocks (mkdocstrings' output).

    >>> has_reference('<div class="doc doc-object doc-function">'), has_reference("<p>")
    (True, False)
    """
    return _REFERENCE_BLOCK.search(page) is not None


_FIGURE_LINK = re.compile(r"<a [^>]*>(?:<img [^>]*assets/picturenn/[^>]*>)+</a>")


def first_figure_eager(page: str) -> str:
    """``page`` with its first figure's images loaded at once (and first, if there is one).

    >>> one = '<a href="f"><img src="assets/picturenn/a.svg" loading="lazy" /></a>'
    >>> for link in first_figure_eager(one + one).split("</a>")[:2]:
    ...     print(link)
    <a href="f"><img fetchpriority="high" src="assets/picturenn/a.svg" />
    <a href="f"><img src="assets/picturenn/a.svg" loading="lazy" />
    """
    found = _FIGURE_LINK.search(page)
    if found is None:
        return page
    link = found.group(0).replace(' loading="lazy"', "")
    if link.count("<img ") == 1:  # a laptop and a phone layout: only one is shown, so no hint
        link = link.replace("<img ", '<img fetchpriority="high" ', 1)
    return page[: found.start()] + link + page[found.end() :]
