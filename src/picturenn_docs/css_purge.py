"""Drop the CSS rules of a page's ``<style>`` blocks that cannot match anything on the page.

nbconvert inlines the whole JupyterLab stylesheet (about 575 KB: dialogs, menus,
widgets, the file browser...) into every notebook page, yet a static notebook
uses a few dozen of its classes. This purger is deliberately small and careful:

* it splits the stylesheet into top-level rules and at-rules, minding strings
  and comments, and purges ``@media``/``@supports``/``@layer``/``@container``
  blocks rule by rule;
* it keeps a whole rule (never half a selector list: dropping one selector can
  turn a list the browser rejects into one it applies) when any of its
  selectors uses only classes, ids and element names that occur in the page;
  what sits inside ``:not(...)``, ``:is(...)``, attribute selectors and other
  brackets is not checked, so such parts never cause a drop;
* ``@keyframes`` and ``@font-face`` stay when a kept rule names them, and any
  other at-rule (``@charset``, ``@import``, ``@page``...) always stays.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from html.parser import HTMLParser

# the page's root elements: the purged HTML is usually a fragment of a page
ALWAYS_TAGS = frozenset({"html", "body"})
_GROUPS = frozenset({"media", "supports", "layer", "container", "document", "-moz-document"})
_KEYFRAMES = re.compile(r"@(?:-[a-z]+-)?keyframes\s+(?P<name>\S+)", re.IGNORECASE)
_FONT_FAMILY = re.compile(r"font-family\s*:\s*(?P<name>[^;]+)", re.IGNORECASE)

_STRING = r""""(?:\\.|[^"\\])*"|'(?:\\.|[^'\\])*'"""
_STRINGS_OR_COMMENTS = re.compile(rf"({_STRING})|/\*.*?\*/", re.DOTALL)
_STRING_OR_BRACE = re.compile(rf"{_STRING}|[{{}};]", re.DOTALL)
_IDENT = r"(?:[-\w]|\\[0-9a-fA-F]{1,6}\s?|\\[^\n0-9a-fA-F])+"
_INNERMOST_BRACKETS = re.compile(r"\[[^\[\]]*\]|\([^()]*\)")
_SIMPLE = re.compile(rf"(?:{_IDENT}|\*)?\|(?!=)|(?P<kind>[.#]|::?)?(?P<name>{_IDENT})")
_ROOT_AFTER_COMBINATOR = re.compile(r"[^\s>+~]\s*(?:[\s>+~]\s*)[^\s>+~]*:root\b")
_STYLE = re.compile(r"(<style\b[^>]*>)(.*?)(</style>)", re.DOTALL | re.IGNORECASE)


@dataclass
class Vocabulary:
    """The element names, classes and ids a page's HTML uses.

    ``class_prefixes`` names classes that are there without appearing in the
    HTML (say, those a surrounding page or its scripts add).

    >>> v = Vocabulary.of('<div class="a b" id="x"><svg></svg></div>')
    >>> sorted(v.tags), sorted(v.classes), sorted(v.ids)
    (['body', 'div', 'html', 'svg'], ['a', 'b'], ['x'])
    """

    tags: set[str] = field(default_factory=lambda: set(ALWAYS_TAGS))
    classes: set[str] = field(default_factory=set)
    ids: set[str] = field(default_factory=set)
    class_prefixes: tuple[str, ...] = ()

    @classmethod
    def of(cls, html: str, class_prefixes: Iterable[str] = ()) -> Vocabulary:
        collector = _Collector(cls(class_prefixes=tuple(class_prefixes)))
        collector.feed(html)
        collector.close()
        return collector.vocabulary

    def has_class(self, name: str) -> bool:
        return name in self.classes or name.startswith(self.class_prefixes or ("\0",))


class _Collector(HTMLParser):
    def __init__(self, vocabulary: Vocabulary) -> None:
        super().__init__(convert_charrefs=True)
        self.vocabulary = vocabulary

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.vocabulary.tags.add(tag.lower())
        for name, value in attrs:
            if name == "class" and value:
                self.vocabulary.classes.update(value.split())
            elif name == "id" and value:
                self.vocabulary.ids.add(value)


def purge_styles(html: str, class_prefixes: Iterable[str] = ()) -> str:
    """``html`` with each ``<style>`` block purged against ``html`` itself; empty blocks go.

    >>> page = '<style>.used{color:red}.unused{color:blue}</style><p class="used">hi</p>'
    >>> purge_styles(page)
    '<style>.used{color:red}</style><p class="used">hi</p>'
    """
    vocabulary = Vocabulary.of(_STYLE.sub("", html), class_prefixes)

    def purged(match: re.Match[str]) -> str:
        css = purge(match[2], vocabulary)
        return f"{match[1]}{css}{match[3]}" if css.strip() else ""

    return _STYLE.sub(purged, html)


def purge(css: str, vocabulary: Vocabulary) -> str:
    """The rules of ``css`` that may match a page with ``vocabulary``, comments dropped.

    >>> v = Vocabulary.of('<div class="cell"><pre>1</pre></div>')
    >>> purge("@charset 'UTF-8';.cell pre{margin:0}.menu,.cell{color:red}.menu b{x:y}", v)
    "@charset 'UTF-8';.cell pre{margin:0}.menu,.cell{color:red}"
    >>> purge("@media print{.menu{x:y}}@media print{.cell{x:y}}", v)
    '@media print{.cell{x:y}}'
    >>> purge("@keyframes spin{to{x:y}}@keyframes blink{to{x:y}}.cell{animation:spin 1s}", v)
    '@keyframes spin{to{x:y}}.cell{animation:spin 1s}'
    """
    css = _STRINGS_OR_COMMENTS.sub(lambda m: m[1] or "", css)
    kept = _purge_rules(css, vocabulary)
    return _drop_unused_definitions(kept)


def _purge_rules(css: str, vocabulary: Vocabulary) -> str:
    out = []
    for prelude, block in _top_level(css):
        if block is None:
            out.append(f"{prelude};")  # @charset, @import, @namespace ...
        elif prelude.startswith("@"):
            name = prelude[1:].split(None, 1)[0].split("(")[0].lower() if prelude[1:] else ""
            if name in _GROUPS:
                inner = _purge_rules(block, vocabulary)
                if inner.strip():
                    out.append(f"{prelude}{{{inner}}}")
            else:
                out.append(f"{prelude}{{{block}}}")  # keyframes, font-face: judged afterwards
        elif any(_may_match(selector, vocabulary) for selector in _split_selectors(prelude)):
            out.append(f"{prelude}{{{block}}}")
    return "".join(out)


def _drop_unused_definitions(css: str) -> str:
    """Drop top-level ``@keyframes`` and ``@font-face`` that no other rule names."""
    items = list(_top_level(css))
    uses = "".join(
        block or "" for prelude, block in items if not _is_definition(prelude) and block is not None
    )
    out = []
    for prelude, block in items:
        if block is None:
            out.append(f"{prelude};")
            continue
        keyframes = _KEYFRAMES.match(prelude)
        font = _FONT_FAMILY.search(block) if prelude.lower() == "@font-face" else None
        name = keyframes["name"] if keyframes else font["name"].strip(" \"'") if font else None
        if name is not None and not re.search(rf"(?<![-\w]){re.escape(name)}(?![-\w])", uses):
            continue
        out.append(f"{prelude}{{{block}}}")
    return "".join(out)


def _is_definition(prelude: str) -> bool:
    return bool(_KEYFRAMES.match(prelude)) or prelude.lower() == "@font-face"


def _top_level(css: str) -> Iterable[tuple[str, str | None]]:
    """``(prelude, block)`` of each top-level rule; ``block`` is None for ``@x ...;`` statements."""
    depth, start, block_start, prelude = 0, 0, 0, ""
    for token in _STRING_OR_BRACE.finditer(css):
        char = token[0]
        if char == "{":
            if depth == 0:
                prelude, block_start = css[start : token.start()].strip(), token.end()
            depth += 1
        elif char == "}" and depth > 0:
            depth -= 1
            if depth == 0:
                yield prelude, css[block_start : token.start()]
                start = token.end()
        elif char == ";" and depth == 0:
            statement = css[start : token.start()].strip()
            if statement:
                yield statement, None
            start = token.end()
    if depth:  # an unclosed block: keep it as it is rather than guess
        yield prelude, css[block_start:] + "}" * (depth - 1)
    elif css[start:].strip():  # a last statement may omit its semicolon
        yield css[start:].strip(), None


def _split_selectors(prelude: str) -> list[str]:
    """Split a selector list at its top-level commas.

    >>> _split_selectors('a:is(.x, .y) b, .c[title="1,2"]')
    ['a:is(.x, .y) b', '.c[title="1,2"]']
    """
    parts, depth, start = [], 0, 0
    quote = None
    for index, char in enumerate(prelude):
        if quote:
            quote = None if char == quote and prelude[index - 1] != "\\" else quote
        elif char in "\"'":
            quote = char
        elif char in "([":
            depth += 1
        elif char in ")]":
            depth -= 1
        elif char == "," and depth == 0:
            parts.append(prelude[start:index].strip())
            start = index + 1
    parts.append(prelude[start:].strip())
    return parts


def _may_match(selector: str, vocabulary: Vocabulary) -> bool:
    """Whether every class, id and element name the selector requires is in the page.

    ``:root`` after a combinator never matches: the root has no ancestor or sibling.

    >>> v = Vocabulary.of('<div class="cell"><p>x</p></div>')
    >>> [_may_match(s, v) for s in (".cell > p", "div.cell:not(.gone)", "ul", ".gone", ":root")]
    [True, True, False, False, True]
    >>> _may_match(".cell :root", v), _may_match("html:root .cell", v)
    (False, True)
    """
    bare = re.sub(_STRING, '""', selector)
    while True:  # what sits in brackets is never required
        stripped = _INNERMOST_BRACKETS.sub("", bare)
        if stripped == bare:
            break
        bare = stripped
    if _ROOT_AFTER_COMBINATOR.search(bare):
        return False
    for match in _SIMPLE.finditer(bare):
        if match["name"] is None:
            continue  # a namespace prefix
        name, kind = _unescape(match["name"]), match["kind"]
        if kind == "." and not vocabulary.has_class(name):
            return False
        if kind == "#" and name not in vocabulary.ids:
            return False
        if kind is None and name.lower() not in vocabulary.tags:
            return False
    return True


def _unescape(ident: str) -> str:
    r"""An identifier as HTML spells it.

    >>> _unescape(r"md\:flex"), _unescape(r"\31 0")
    ('md:flex', '10')
    """

    def one(match: re.Match[str]) -> str:
        text = match[0][1:]
        hexdigits = text.strip()
        if re.fullmatch(r"[0-9a-fA-F]{1,6}", hexdigits):
            return chr(int(hexdigits, 16))
        return text

    return re.sub(r"\\[0-9a-fA-F]{1,6}\s?|\\.", one, ident)
