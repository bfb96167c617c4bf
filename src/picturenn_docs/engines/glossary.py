"""The Glossary page, made from the one glossary file every page already carries.

``docs/includes/glossary.md`` holds one ``*[term]: meaning`` line per term
(Python-Markdown's ``abbr`` syntax); ``pymdownx.snippets`` appends it to every
page, so a term shows its meaning wherever it appears. A ```` ```glossary ````
fence on the Glossary page names, for every term, the lesson that teaches it::

    delta, deltas: correlation.md#global-correlation-summarization

(the first term is the headword; the others are spellings that share its
entry). The fence becomes the list of terms, each with its meaning and a link to
its lesson. The build fails, naming the fence's line, when a term of the file has
no lesson, a lesson line names a term the file lacks, or the lesson page never
uses the term: the two lists cannot drift apart.
"""

from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from picturenn_docs.core.failures import CheckFailed

if TYPE_CHECKING:
    from picturenn_docs.core.blocks import Block
    from picturenn_docs.core.build import Build, Page

FENCE = "glossary"
FILE = "includes/glossary.md"  # relative to docs/
_DEFINITION = re.compile(r"^\*\[(?P<term>[^\]]+)\]:\s*(?P<meaning>.+)$")
_TITLE = re.compile(r"^#\s+(?P<title>.+?)\s*$", re.MULTILINE)


@dataclass(frozen=True)
class Entry:
    """One headword of the Glossary page, its other spellings and its lesson."""

    terms: tuple[str, ...]
    page: str  # e.g. correlation.md
    anchor: str  # e.g. global-correlation-summarization ("" for the page top)
    line: int


def engine(build: Build, block: Block, page: Page) -> str:
    """The build's engine for the Glossary page: never cached, as it reads other pages."""
    return render(block.body, page.shown, block.first_body_line, build.docs_dir, page.src_uri)


def definitions(text: str) -> dict[str, str]:
    """The ``*[term]: meaning`` lines of a glossary file, in file order.

    >>> definitions("*[relu]: keeps positives\\nnot a definition\\n*[alpha]: the step size")
    {'relu': 'keeps positives', 'alpha': 'the step size'}
    """
    found = {}
    for line in text.splitlines():
        match = _DEFINITION.match(line.strip())
        if match:
            found[match["term"]] = match["meaning"].strip()
    return found


def parse_entries(body: tuple[str, ...], path: str, first_line: int) -> list[Entry]:
    """Read ``term[, spelling...]: page.md#anchor`` lines of a glossary fence.

    >>> parse_entries(("delta, deltas: correlation.md#global",), "g.md", 5)
    [Entry(terms=('delta', 'deltas'), page='correlation.md', anchor='global', line=5)]
    """
    entries = []
    for line, raw in enumerate(body, start=first_line):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        terms, colon, target = text.rpartition(":")
        if not colon or not terms.strip() or not target.strip():
            raise CheckFailed(path, line, "glossary fence: expected 'term: page.md#anchor'")
        page, _, anchor = target.strip().partition("#")
        names = tuple(t.strip() for t in terms.split(",") if t.strip())
        entries.append(Entry(names, page, anchor, line))
    return entries


def render(body: tuple[str, ...], path: str, first_line: int, docs_dir: Path, src_uri: str) -> str:
    """The Markdown of the Glossary page's list; CheckFailed if file and fence disagree."""
    meanings = definitions((docs_dir / FILE).read_text(encoding="utf-8"))
    entries = parse_entries(body, path, first_line)
    _check_coverage(meanings, entries, path, first_line - 1)
    lines = []
    for entry in sorted(entries, key=lambda e: e.terms[0].lower()):
        lesson = docs_dir / entry.page
        if not lesson.is_file():
            raise CheckFailed(path, entry.line, f"glossary fence: no page {entry.page}")
        text = lesson.read_text(encoding="utf-8")
        if not any(_uses(text, term) for term in entry.terms):
            raise CheckFailed(
                path, entry.line, f"glossary fence: {entry.page} never uses {entry.terms[0]!r}"
            )
        link = posixpath.relpath(entry.page, posixpath.dirname(src_uri) or ".")
        if entry.anchor:
            link += f"#{entry.anchor}"
        head = entry.terms[0]
        also = f" (also *{'*, *'.join(entry.terms[1:])}*)" if len(entry.terms) > 1 else ""
        lines += [
            f"**{head}**{also}",
            f":   {meanings[head]} Taught in [{_title(text, entry.page)}]({link}).",
            "",
        ]
    return "\n".join(lines)


def _check_coverage(meanings: dict[str, str], entries: list[Entry], path: str, start: int) -> None:
    named: dict[str, int] = {}
    for entry in entries:
        for term in entry.terms:
            if term in named:
                raise CheckFailed(path, entry.line, f"glossary fence: {term!r} is listed twice")
            if term not in meanings:
                raise CheckFailed(
                    path, entry.line, f"glossary fence: {term!r} is not defined in docs/{FILE}"
                )
            named[term] = entry.line
    missing = [term for term in meanings if term not in named]
    if missing:
        raise CheckFailed(
            path, start, f"glossary fence: no lesson given for {', '.join(map(repr, missing))}"
        )


def _uses(text: str, term: str) -> bool:
    """Whether a page's prose uses a term, whatever line breaks fall inside it.

    >>> _uses("the **local\\ncorrelation summarization**", "local correlation summarization")
    True
    >>> _uses("two deltas", "delta")
    False
    """
    words = r"\s+".join(re.escape(word) for word in term.split())
    return re.search(rf"(?<![\w-]){words}(?![\w-])", text, re.IGNORECASE) is not None


def _title(text: str, page: str) -> str:
    match = _TITLE.search(text)
    return match["title"] if match else page
