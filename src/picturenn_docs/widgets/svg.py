"""A matplotlib SVG made fit to sit inline in a page, its parts named with ``data-part``.

The drawings mark their pieces with matplotlib gids (``name-W_0``,
``strip-l_1``, ``step-2-l_1-3``...). Inline, those become ``data-part``
attributes shared with the algebra and the code (``W0``, ``l1``, ``relu1``,
``d2`` for a delta), and every id gets the widget's prefix so two pictures on
one page never share an id.
"""

from __future__ import annotations

import html
import re

# gid -> (part kind, layer); the first rule that matches wins
_RULES = (
    (re.compile(r"^(?:step-\d+-)?(?:name|shape|strip|box|width|band|thinned)-([lW])_(\d+)$"), None),
    (re.compile(r"^(?:step-\d+-)?(?:name|strip)-delta_(\d+)$"), "d"),
    (re.compile(r"^role-l_(\d+)$"), "role"),
    (re.compile(r"^step-\d+-l_(\d+)-\d+(?:-before)?$"), "l"),
    (re.compile(r"^l_(\d+)-\d+(?:-before)?$"), "l"),
    (re.compile(r"^delta_(\d+)-\d+(?:-before)?$"), "d"),
    (re.compile(r"^w-(\d+)-\d+-\d+$"), "W"),
)
_ID = re.compile(r'\bid="([^"]+)"')
_SIZE = re.compile(r'<svg[^>]*?width="([\d.]+)pt" height="([\d.]+)pt"')
SMALLEST_PX = 10.0  # no label of a widget is shown smaller (CSS px)
SVG_OPEN = '<svg class="pnn-svg"'  # how a widget picture starts in the page
# material's search skips an element so marked, then strips the mark from the page: search
# indexes no picture label, and the page reads as if the mark had never been there
NOT_SEARCHED = ' data-search-exclude="1"'


def not_searched(widget: str) -> str:
    """A widget's HTML with its pictures kept out of the search index (pictures inside its
    JSON states are written with escaped quotes, so only the page's own are marked).

    >>> not_searched('<svg class="pnn-svg" role="group"><text>l0</text></svg>')
    '<svg class="pnn-svg" data-search-exclude="1" role="group"><text>l0</text></svg>'
    """
    return widget.replace(SVG_OPEN, SVG_OPEN + NOT_SEARCHED)


def part_of(gid: str, depth: int) -> str | None:
    """The part a gid belongs to, for a network with ``depth`` weight matrices.

    >>> [part_of(g, 2) for g in ("name-W_0", "step-3-l_2-0", "role-l_1", "role-l_2", "patch_4")]
    ['W0', 'l2', 'relu1', 'l2', None]
    """
    for pattern, kind in _RULES:
        match = pattern.match(gid)
        if not match:
            continue
        if kind is None:
            return f"{match[1]}{match[2]}"
        k = int(match[1])
        if kind == "role":  # the word under a hidden layer's name is its relu
            return f"relu{k}" if 0 < k < depth else f"l{k}"
        return f"{kind}{k}"
    return None


def inline(svg: bytes, prefix: str, label: str, depth: int) -> str:
    """The SVG as an inline element: no XML prologue, prefixed ids, ``data-part`` on parts."""
    text = svg.decode("utf-8")
    text = text[text.index("<svg") :]
    text = re.sub(r"\s*<metadata>.*?</metadata>", "", text, flags=re.DOTALL)

    def renamed(match: re.Match[str]) -> str:
        gid = match[1]
        part = part_of(gid, depth)
        extra = f' data-part="{part}"' if part else ""
        return f'id="{prefix}-{gid}"{extra}'

    text = _ID.sub(renamed, text)
    text = re.sub(r"url\(#([^)]+)\)", rf"url(#{prefix}-\1)", text)
    text = re.sub(r'xlink:href="#([^"]+)"', rf'xlink:href="#{prefix}-\1"', text)
    # one line: a blank line would end the raw HTML block in Markdown, and the
    # players ship 8 pictures each (whitespace between tags and in paths means nothing)
    text = re.sub(r">\s+<", "><", text)
    text = re.sub(r"\s*\n\s*", " ", text)
    text = _sized(text)
    shown = html.escape(label)
    return text.replace("<svg ", f'{SVG_OPEN} role="group" aria-label="{shown}" ', 1).strip()


def _sized(text: str) -> str:
    """Width and height in CSS px, large enough that the smallest label is 10 px.

    The picture is never shrunk to fit (a narrow screen scrolls it sideways), so
    these sizes are what every reader sees.

    >>> _sized('<svg width="30pt" height="15pt"><text style="font-size: 5px">a</text></svg>')
    '<svg width="60" height="30"><text style="font-size: 5px">a</text></svg>'
    """
    size = _SIZE.search(text)
    if size is None:
        return text
    sizes = [float(v) for v in re.findall(r"font-size: ([\d.]+)px", text)]
    scale = max(4 / 3, SMALLEST_PX / min(sizes)) if sizes else 4 / 3
    width, height = (round(float(v) * scale, 2) for v in size.groups())
    start, end = size.span(1)
    text = f"{text[:start]}{width:g}{text[end + 2 :]}"
    head = text.index('height="')
    stop = text.index('"', head + 8)
    return f'{text[:head]}height="{height:g}"{text[stop + 1 :]}'
