"""A matplotlib SVG made fit to sit inline in a page, its parts named with ``data-part``.

The drawings mark their pieces with matplotlib gids (``name-W_0``,
``strip-l_1``, ``step-2-l_1-3``...). Inline, those become ``data-part``
attributes shared with the algebra and the code (``W0``, ``l1``, ``relu1``,
``d2`` for a delta), and every id gets the widget's prefix so two pictures on
one page never share an id.

A player's picture is drawn once for all its lamp patterns (:func:`drawn_once`):
each pattern is laid out into one Axes, what it shares with the start pattern
is dropped, and what differs is kept beside it, so the one SVG holds every
pattern's pieces and a table says which a pattern shows and what each number reads.
"""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from collections.abc import Callable

    from matplotlib.artist import Artist
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure

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
VARIANT = "~"  # a pattern's own version of a piece the start pattern also has: "l_1-2~1"
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
    >>> part_of("step-2-l_1-3~1", 2)
    'l1'
    """
    gid = gid.split(VARIANT)[0]  # a variant is a part of what its gid names
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
    # one line: a blank line would end the raw HTML block in Markdown, and a player's
    # phone picture travels in its data (whitespace between tags and in paths means nothing)
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


# -- one picture for every lamp pattern ------------------------------------------------------

# what a pattern's picture shows: each varying piece's id -> its text (None: a shape)
Shown = dict[str, str | None]


def drawn_once(
    draw: Callable[..., Figure], inputs: dict[str, tuple], start: str
) -> tuple[bytes, dict[str, Shown], dict[str, dict[str, str]]]:
    """One SVG holding every pattern's picture, and how each pattern is shown in it.

    ``draw(*inputs[name], ax=None)`` is a picturenn drawing (one Axes, sized by the
    network alone, values written on it). The start pattern is drawn as usual; every
    other pattern is drawn into the same Axes, and each of its pieces that is equal to
    one already there (but for its text) is removed again, so the SVG is rendered, made
    inline and shipped once. The library still lays out every pattern: it alone says how
    a struck value looks. Returns the SVG (pieces the start pattern lacks carry
    ``visibility="hidden"``, so the page without JavaScript shows the start), for every
    pattern the varying pieces it shows (:data:`Shown`), and for every pattern its
    drawing's gids -> the ids they have in the one SVG (a variant's is ``gid~n``).
    """
    from picturenn.draw import to_svg

    fig = draw(*inputs[start], ax=None)
    ax = fig.axes[0]
    aspect, limits = ax.get_aspect(), (ax.get_xlim(), ax.get_ylim())
    pieces: dict[tuple, Artist] = {}  # signature -> the one artist kept for it
    texts: dict[str, dict[tuple, str]] = {}
    for name in [start, *(n for n in inputs if n != start)]:
        known = {id(a) for a in _drawing(ax)} if name != start else set()
        if name != start:
            draw(*inputs[name], ax=ax)
            if (ax.get_xlim(), ax.get_ylim()) != limits:
                raise ValueError(f"lamps {name} are laid out on another canvas than {start}")
        texts[name] = {}
        for artist in [a for a in _drawing(ax) if id(a) not in known]:
            key = _signature(artist)
            if key in texts[name]:
                raise ValueError(f"lamps {name}: two pieces drawn alike ({artist})")
            texts[name][key] = artist.get_text() if hasattr(artist, "get_text") else None
            if key in pieces:
                artist.remove()
            else:
                pieces[key] = artist
    ax.set_aspect(aspect)  # drawing into a given Axes asks for equal aspect: undo it
    everywhere = [
        key
        for key in pieces
        if all(key in shown and shown[key] == texts[start].get(key) for shown in texts.values())
    ]
    varying = [key for key in pieces if key not in set(everywhere)]
    _name(pieces, varying)
    svg = to_svg(fig)
    for key in varying:
        if key not in texts[start]:
            group = f'<g id="{pieces[key].get_gid()}"'.encode()
            if svg.count(group + b">") != 1:
                raise ValueError(f"the picture has no one piece {group.decode()}>")
            svg = svg.replace(group + b">", group + b' visibility="hidden">')
    shown = {
        name: {pieces[k].get_gid(): text for k, text in drawn.items() if k in set(varying)}
        for name, drawn in texts.items()
    }
    ids = {
        name: {k[1]: pieces[k].get_gid() for k in drawn if k[1]} for name, drawn in texts.items()
    }
    return svg, shown, ids


def _name(pieces: dict[tuple, Artist], varying: list[tuple]) -> None:
    """Give every varying piece an id of its own: its gid, else ``gid~n`` for a second
    piece of that gid (a struck value's 0 is not where an unstruck value is written),
    else ``varying-n`` (a piece the drawing left unnamed)."""
    taken = {a.get_gid() for key, a in pieces.items() if key not in set(varying)}
    count = 0
    for key in varying:
        artist, gid = pieces[key], pieces[key].get_gid()
        if gid is None:
            count += 1
            artist.set_gid(f"varying-{count}")
            continue
        n, own = 0, gid
        while own in taken:
            n += 1
            own = f"{gid}{VARIANT}{n}"
        artist.set_gid(own)
        taken.add(own)


def _drawing(ax: Axes) -> list[Artist]:
    """What a drawing put on its Axes, in order (not the Axes' own spines and titles)."""
    return [*ax.texts, *ax.patches, *ax.lines, *ax.collections, *ax.artists]


def _signature(artist: Artist) -> tuple:
    """Everything the SVG writes for a piece but its text: two pieces with the same
    signature are the same piece, the second perhaps reading another number."""
    from matplotlib.collections import Collection
    from matplotlib.lines import Line2D
    from matplotlib.patches import Patch
    from matplotlib.text import Text

    common = (type(artist).__name__, artist.get_gid(), artist.get_zorder(), artist.get_alpha())
    if isinstance(artist, Text):
        box = artist.get_bbox_patch()
        return (
            *common,
            artist.get_position(),
            artist.get_fontsize(),
            artist.get_fontweight(),
            artist.get_fontstyle(),
            tuple(artist.get_fontfamily()),
            artist.get_color(),
            artist.get_ha(),
            artist.get_va(),
            artist.get_rotation(),
            _signature(box) if box is not None else None,
        )
    if isinstance(artist, Patch):
        return (
            *common,
            artist.get_facecolor(),
            artist.get_edgecolor(),
            artist.get_linewidth(),
            artist.get_linestyle(),
            artist.get_path().vertices.tobytes(),
            artist.get_path().codes.tobytes() if artist.get_path().codes is not None else None,
        )
    if isinstance(artist, Line2D):
        return (*common, artist.get_xydata().tobytes(), artist.get_color(), artist.get_linewidth())
    if isinstance(artist, Collection):
        return (
            *common,
            artist.get_offsets().tobytes(),
            artist.get_sizes().tobytes(),
            artist.get_facecolor().tobytes(),
        )
    raise TypeError(f"a picture piece of a kind not compared yet: {type(artist).__name__}")
