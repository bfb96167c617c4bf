"""Replay a page's Markdown conversion from the cache while nothing it reads has changed.

**Earns its place:** it saves 22% of a warm build's CPU (1.81 s against 2.32 s with
``PICTURENN_PAGE_CACHE=off``, medians of 3, ``make bench``'s speed-ups section, 2026-12-03)
and 14% of a build after one page edit.

Converting the pages' Markdown is the largest share of a warm build (about
0.6 s of it here, against 0.45 s for the same pages as plain Markdown). A
page's conversion depends only on its final Markdown (after every plugin's
``on_page_markdown``), its URL, the URLs of the build's files (links are
rewritten against them), the snippet files it includes, the Markdown files kept
out of the pages (the glossary appended to every page), mkdocs.yml, the
Markdown extensions and the libraries' versions: the key hashes all of them and
this module's own source.

On a miss mkdocs converts the page as usual and :class:`PageCache` records what
the conversion produced: the HTML, the table of contents, the title, the anchors
mkdocs checks links against, and the anchors the page registered with autorefs.
On a hit the page's Markdown is swapped for an empty one before mkdocs converts
it, and the record is put back. Every ``on_page_content`` hook after this one,
ours included, then runs on the same HTML as before.

Not cached, so converted every time: a page that logged anything while being
converted (a warning must show on every build, and strict turns it into a
failure), a page with API blocks (:mod:`picturenn_docs.speedups.api_cache` replays
those), a notebook page (mkdocs-jupyter converts it), and a page that includes
a snippet in a form read here is not sure to follow.

The guard: it sets the attributes mkdocs' ``Page.render`` sets (``toc``,
``title``, ``present_anchor_ids``, ``links_to_anchors``) and listens to
autorefs' public ``register_anchor`` while a page converts. With versions of
mkdocs or mkdocs-autorefs other than those tested (:data:`TESTED`), or with
``PICTURENN_PAGE_CACHE=off``, it switches itself off: every page is converted,
the site is the same, and the build summary says why.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import re
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from picturenn_docs.core.cache import Cache, installed_versions, library_versions
from picturenn_docs.core.summary import Summary
from picturenn_docs.speedups.guards import why_untested

if TYPE_CHECKING:
    from mkdocs.config.defaults import MkDocsConfig
    from mkdocs.structure.files import Files
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import AnchorLink

KIND = "pages"
# what converts Markdown: a new version of any of them may convert it differently
LIBRARIES = (
    "mkdocs",
    "markdown",
    "pymdown_extensions",
    "mkdocs_material",
    "pygments",
    "mkdocs_autorefs",
    "mkdocstrings",
)
# major.minor of the libraries whose page attributes and events this module relies on
TESTED = {"mkdocs": "1.6", "mkdocs_autorefs": "1.4"}
SWITCH = "PICTURENN_PAGE_CACHE"  # "off": convert every page
API_BLOCK = re.compile(r"^:::", re.MULTILINE)
# pymdownx.snippets: `--8<-- "file"` (a leading `;` escapes it); a bare `--8<--` line opens
# the block form, whose file names this module does not read
SNIPPET = re.compile(r"^(?P<escape>;?)--8<--[ \t]*(?:(?P<quote>[\"'])(?P<name>.+?)(?P=quote))?")
_LINES = re.compile(r"(?::-?\d*)+$")  # `file.py:3:10`: a line range of the file


def why_off(versions: Mapping[str, str], environ: Mapping[str, str] = os.environ) -> str | None:
    """Why the cache must stay off for these installed versions, or None if it may run.

    >>> print(why_off({"mkdocs": "1.6.1", "mkdocs_autorefs": "1.4.5"}, environ={}))
    None
    >>> why_off({"mkdocs": "2.0.0", "mkdocs_autorefs": "1.4.5"}, environ={})
    'mkdocs 2.0.0 is not the tested 1.6.x'
    >>> why_off(TESTED, environ={SWITCH: "off"})
    'PICTURENN_PAGE_CACHE=off'
    """
    return why_untested(SWITCH, TESTED, versions, environ)


def snippet_files(markdown: str, docs_dir: Path) -> list[Path] | None:
    """The files the page includes with pymdownx.snippets, or None if that cannot be told.

    >>> import tempfile
    >>> docs = Path(tempfile.mkdtemp())
    >>> _ = (docs / "a.py").write_text("x = 1")
    >>> [p.name for p in snippet_files('--8<-- "a.py:1:2"\\n;--8<-- "b.py"', docs)]
    ['a.py']
    >>> print(snippet_files("--8<--\\na.py\\n--8<--", docs))
    None
    """
    found = []
    for match in SNIPPET.finditer(markdown):
        if match["escape"]:
            continue
        if match["name"] is None:
            return None  # the block form: names on the lines below
        path = docs_dir / _LINES.sub("", match["name"])
        if not path.is_file():
            return None  # snippets reports it (check_paths): convert, so it does every time
        found.append(path)
    return found


def toc_tokens(items: list[AnchorLink]) -> list[dict[str, Any]]:
    """A table of contents as the tokens mkdocs builds one from (``mkdocs.structure.toc``)."""
    return [
        {"level": i.level, "id": i.id, "name": i.title, "children": toc_tokens(i.children)}
        for i in items
    ]


class _Logged(logging.Handler):
    """Counts the records logged while a page converts."""

    def __init__(self) -> None:
        super().__init__(logging.INFO)
        self.count = 0

    def emit(self, record: logging.LogRecord) -> None:
        self.count += 1


@dataclass
class _Converting:
    """A page mkdocs is converting now: what it registers and logs is recorded."""

    page: Page
    key: str
    started: float = field(default_factory=time.perf_counter)
    logged: _Logged = field(default_factory=_Logged)
    anchors: list[list[Any]] = field(default_factory=list)
    safe: bool = True  # False: something was registered that a replay could not repeat


@dataclass
class _Replaying:
    page: Page
    entry: dict[str, Any]
    started: float = field(default_factory=time.perf_counter)


class PageCache:
    """The pages engine of one build: record each page's conversion, replay it when unchanged."""

    KIND = KIND

    def __init__(self, cache: Cache, summary: Summary, off: str | None = "") -> None:
        self.cache = cache
        self.summary = summary
        self.off = why_off(installed_versions(list(TESTED))) if off == "" else off
        if self.off is not None:
            summary.notes[KIND] = f"cache off ({self.off}): mkdocs converted every page"
        self.salt: str | None = None
        self.docs_dir = Path()
        self.autorefs: Any = None
        self.now: _Converting | _Replaying | None = None

    def configure(self, config: MkDocsConfig, files: Files) -> None:
        """What every page's conversion depends on, known once the build's files are."""
        if self.off is not None:
            return
        self.docs_dir = Path(config.docs_dir)
        self.autorefs = config.plugins.get("autorefs")
        pages = {f.src_uri for f in files.documentation_pages()}
        kept_out = sorted(  # Markdown that is not a page: snippets such as the glossary
            p
            for p in self.docs_dir.rglob("*.md")
            if p.relative_to(self.docs_dir).as_posix() not in pages
        )
        digest = hashlib.sha256()
        for text in (
            Path(config.config_file_path or "mkdocs.yml").read_text(encoding="utf-8"),
            " ".join(_extension_name(e) for e in config.markdown_extensions),
            library_versions(libraries=LIBRARIES),
            str(config.use_directory_urls),
        ):
            digest.update(text.encode() + b"\0")
        for path in kept_out:
            digest.update(path.relative_to(self.docs_dir).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
        self.salt = digest.hexdigest()

    def before(self, page: Page, markdown: str, files: Files) -> str:
        """The Markdown mkdocs should convert: the page's own, or none when it is replayed."""
        self.stop()  # a page whose conversion failed never reached after()
        if self.salt is None:
            return markdown
        included = None if API_BLOCK.search(markdown) else snippet_files(markdown, self.docs_dir)
        if included is None:  # not cacheable: mkdocs converts it every time
            self.summary.count(KIND, "converted")
            return markdown
        key = self.cache.key(
            KIND,
            self.salt,
            page.file.src_uri,
            page.url,
            markdown,
            "\n".join(f"{f.src_uri} {f.url}" for f in files),
            *(p.read_bytes() for p in included),
        )
        text = self.cache.read_text(KIND, key, ".json")
        if text is not None:
            self.now = _Replaying(page, json.loads(text))
            return ""
        self.now = converting = _Converting(page, key)
        _log_roots(lambda logger: logger.addHandler(converting.logged))
        if self.autorefs is not None:
            self.autorefs.register_anchor = self._recorder(converting)
        return markdown

    def _recorder(self, converting: _Converting) -> Callable[..., None]:
        register = self.autorefs.register_anchor  # its own: stop() removed any earlier recorder

        def recording(page: Any, identifier: str, anchor: str | None = None, **options: Any):
            if page is converting.page and set(options) <= {"title", "primary"}:
                converting.anchors.append([identifier, anchor, options])
            else:  # another page's anchor, or an argument unknown here: not replayable
                converting.safe = False
            register(page, identifier, anchor, **options)

        return recording

    def after(self, page: Page, html: str, files: Files) -> str:
        """The page's HTML: as converted (recorded for next time), or replayed."""
        now = self.stop()
        if now is None or now.page is not page:
            return html
        # the time mkdocs took between the two events: converting the page (or nothing)
        self.summary.seconds[KIND] += time.perf_counter() - now.started
        if isinstance(now, _Replaying):
            self.summary.count(KIND, "cached")
            return self._replay(page, now.entry, files)
        self.summary.count(KIND, "converted")
        # (mkdocs -v records no links to check: such a page is not kept for other builds)
        if now.safe and not now.logged.count and page.links_to_anchors is not None:
            entry = _record(page, html, now.anchors)
            self.cache.write_text(KIND, now.key, json.dumps(entry), ".json")
        return html

    def stop(self) -> _Converting | _Replaying | None:
        """Stop listening to the page being converted; returns what was under way."""
        now, self.now = self.now, None
        if isinstance(now, _Converting):
            _log_roots(lambda logger: logger.removeHandler(now.logged))
            if self.autorefs is not None:
                vars(self.autorefs).pop("register_anchor", None)  # the class's own method again
        return now

    def _replay(self, page: Page, entry: dict[str, Any], files: Files) -> str:
        from mkdocs.structure.toc import get_toc

        page.toc = get_toc(entry["toc"])
        page.title = entry["title"]
        page.present_anchor_ids = set(entry["present_anchor_ids"])
        # as mkdocs' render does: with -v, no links are recorded, so none are checked
        if logging.getLogger("mkdocs.structure.pages").getEffectiveLevel() > logging.DEBUG:
            page.links_to_anchors = {
                files.get_file_from_path(uri): anchors
                for uri, anchors in entry["links_to_anchors"].items()
            }
        for identifier, anchor, options in entry["anchors"] if self.autorefs else ():
            self.autorefs.register_anchor(page, identifier, anchor, **options)
        return entry["html"]


def _record(page: Page, html: str, anchors: list[list[Any]]) -> dict[str, Any]:
    links = {file.src_uri: linked for file, linked in (page.links_to_anchors or {}).items()}
    return {
        "html": html,
        "toc": toc_tokens(page.toc.items),
        "title": page.title,
        "present_anchor_ids": sorted(page.present_anchor_ids or ()),
        "links_to_anchors": links,
        "anchors": anchors,
    }


def _extension_name(extension: object) -> str:
    if isinstance(extension, str):
        return extension
    return f"{type(extension).__module__}.{type(extension).__qualname__}"


def _log_roots(action: Callable[[logging.Logger], None]) -> None:
    # mkdocs' own logger does not pass records on to the root logger; the others do
    for logger in (logging.getLogger("mkdocs"), logging.getLogger()):
        action(logger)
