"""One docs build's shared state: its cache, summary and failures, and where engines plug in.

:class:`Build` is made once per build (``mkdocs build``, or each rebuild of
``mkdocs serve``). It knows no engine: engines receive it and use what it
offers (:meth:`Build.cache_for`, ``summary``, ``failures``, :meth:`Build.page`),
and register the fences and pages they handle with :meth:`Build.on_fence` and
:meth:`Build.on_page`. :mod:`picturenn_docs.pipeline` makes the engines and
registers them; a test makes a Build alone and registers its own.

**Adding an engine.** A fence engine is ``def engine(build, block, page) ->
str | None``: it returns the Markdown that replaces the block, or None to leave
the block as it is (a check). An engine that rewrites a whole page (values
inline in prose) is ``def engine(build, markdown, page) -> str``; page engines
run after the fences, in the order they registered. Engines cache through
``build.cache_for(__name__)``, count in ``build.summary`` and report problems
by raising or appending :class:`CheckFailed` to ``build.failures`` (the build
then fails, naming every broken place at once).

A result is cached under a key made of its inputs, the library's code (its
source but its comment lines: :func:`~picturenn_docs.core.cache.package_hash`),
the engine module that produced it (with the docs-build modules it imports)
and the library versions (:meth:`Build.cache_for`): editing one engine re-runs
only its own kind.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from picturenn_docs.core.blocks import Block, find_blocks, replace_blocks
from picturenn_docs.core.cache import Cache, code_hash, library_versions, package_hash
from picturenn_docs.core.failures import BuildFailed, CheckFailed
from picturenn_docs.core.fresh import forget_stale_modules
from picturenn_docs.core.summary import Summary


@dataclass(frozen=True)
class Page:
    """A page being built: ``src_uri`` inside docs/, ``shown`` as failures name it."""

    src_uri: str
    shown: str


FenceEngine = Callable[["Build", Block, Page], "str | None"]
PageEngine = Callable[["Build", str, Page], str]


class Build:
    """Everything one build shares, with paths shown relative to ``root``."""

    def __init__(self, root: Path, docs_dir: Path, cache_dir: Path) -> None:
        self.root = root
        self.docs_dir = docs_dir
        self.summary = Summary()
        self.failures: list[CheckFailed] = []
        library = package_hash(memo=cache_dir / "library-code.txt")
        forget_stale_modules(library)  # a long-lived `mkdocs serve` runs the edited library
        # every key: the library's code and the versions results depend on
        self.cache = Cache(cache_dir, f"{library} {library_versions()}")
        self.shown_docs = self.shown(docs_dir)
        self.fence_engines: dict[str, FenceEngine] = {}
        self.page_engines: list[PageEngine] = []

    # -- for the engines ----------------------------------------------------------------

    def cache_for(self, engine: object) -> Cache:
        """The cache of one engine (its module or anything defined there): keys also hash
        that module and the docs-build modules it imports."""
        return self.cache.salted(code_hash(engine))

    def shown(self, path: Path) -> str:
        """A path as failures show it: relative to the project when possible."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def page(self, src_uri: str) -> Page:
        return Page(src_uri, f"{self.shown_docs}/{src_uri}")

    def on_fence(self, langs: Iterable[str], engine: FenceEngine) -> None:
        """Hand every fence in one of ``langs`` to ``engine`` (one engine per language)."""
        for lang in langs:
            if lang in self.fence_engines:
                raise ValueError(f"fence language {lang!r} already has an engine")
            self.fence_engines[lang] = engine

    def on_page(self, engine: PageEngine) -> None:
        """Run ``engine`` over every page's Markdown, after its fences."""
        self.page_engines.append(engine)

    # -- the pages ------------------------------------------------------------------------

    def page_markdown(self, markdown: str, src_uri: str, lines_above: int = 0) -> str:
        """Check the page's blocks and replace every generated fence by what it makes.

        ``lines_above``: how many lines of the file come before ``markdown`` (its front
        matter), so that failures name the file's own line numbers.
        """
        page = self.page(src_uri)
        padding = "\n" * lines_above  # every engine counts lines from the top of the file
        markdown = padding + markdown
        replacements: dict[Block, str] = {}
        for block in find_blocks(markdown):
            engine = self.fence_engines.get(block.lang)
            if engine is None:
                continue
            try:
                made = engine(self, block, page)
            except CheckFailed as failure:
                self.failures.append(failure)
                continue
            if made is not None:
                replacements[block] = made
        markdown = replace_blocks(markdown, replacements)
        for rewrite in self.page_engines:
            markdown = rewrite(self, markdown, page)
        return markdown.removeprefix(padding)

    def raise_failures(self) -> None:
        if self.failures:
            raise BuildFailed(self.failures)

    def done(self, kinds: Iterable[str]) -> str:
        """After a build that passed: drop cache entries of ``kinds`` this build did not
        use, save and return the summary."""
        self.cache.sweep(tuple(kinds))
        self.cache.root.mkdir(parents=True, exist_ok=True)
        (self.cache.root / "last-build.json").write_text(self.summary.to_json(), encoding="utf-8")
        return self.summary.format()
