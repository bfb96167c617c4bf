"""One docs build in one object: its cache, summary and failures, and the engines.

:class:`Build` is made once per build (``mkdocs build``, or each rebuild of
``mkdocs serve``). The mkdocs adapter (:mod:`picturenn_docs.plugin`) only
maps mkdocs' events to its calls; a test makes one without mkdocs.

The engines, one module each: examples (``python``/``pycon`` blocks and the
files of ``docs/examples``), fences (``network``, ``diagram``, ``generated``),
the library's doctests, notebooks (executed in the background), math (KaTeX),
the API-reference cache and the page cache (each page's Markdown conversion).
A result is cached under a key made of its inputs, the library's source, the
engine module that produced it (with the docs-build modules it imports) and
the library versions (:meth:`Build.cache_for`): editing one engine re-runs
only its own kind.

**Adding an engine.** A fence engine is ``def engine(build, block, page) ->
str | None`` in its own module: it returns the Markdown that replaces the
block, or None to leave the block as it is (a check). Register it with one line
in :data:`FENCE_ENGINES` under its fence's language. An engine that rewrites a
whole page (values inline in prose) is ``def engine(build, markdown, page) ->
str`` in :data:`PAGE_ENGINES`; they run after the fences, in order. Engines
cache through ``build.cache_for(__name__)``, count in ``build.summary`` and
report problems by raising or appending :class:`CheckFailed` to
``build.failures`` (the build then fails, naming every broken place at once).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from picturenn_docs import examples, fences, glossary, inline_values, questions
from picturenn_docs.api_cache import ApiCache
from picturenn_docs.blocks import Block, find_blocks, replace_blocks
from picturenn_docs.cache import Cache, code_hash, library_versions, package_hash
from picturenn_docs.doctests import Doctests
from picturenn_docs.examples import Examples
from picturenn_docs.failures import BuildFailed, CheckFailed
from picturenn_docs.fence_cache import Fences
from picturenn_docs.fresh import forget_stale_modules
from picturenn_docs.lifted import Lifted
from picturenn_docs.math import MathRenderer
from picturenn_docs.notebooks import Notebooks
from picturenn_docs.page_cache import PageCache
from picturenn_docs.prefetch import Prefetch
from picturenn_docs.summary import Summary


@dataclass(frozen=True)
class Page:
    """A page being built: ``src_uri`` inside docs/, ``shown`` as failures name it."""

    src_uri: str
    shown: str


FenceEngine = Callable[["Build", Block, Page], "str | None"]
PageEngine = Callable[["Build", str, Page], str]


def _example(build: Build, block: Block, page: Page) -> None:
    build.examples.check_block(block, page.shown)


def _fence(build: Build, block: Block, page: Page) -> str | None:
    return build.fences.make(block, page.shown, page.src_uri)


# fence language -> engine; other engines register here with one line each
FENCE_ENGINES: dict[str, FenceEngine] = {
    **dict.fromkeys(sorted(examples.PYTHON_LANGS | examples.PYCON_LANGS), _example),
    **dict.fromkeys(fences.FENCES, _fence),
    questions.FENCE: questions.engine,  # "Check yourself", answered by picturenn
    glossary.FENCE: glossary.engine,  # the Glossary page, from docs/includes/glossary.md
    inline_values.LANG: inline_values.setup_fence,  # a page's setup for its inline values
}
# whole-page engines, run in order after the fences
PAGE_ENGINES: list[PageEngine] = [inline_values.page_engine]


class Build:
    """Everything one build checks and makes, with paths shown relative to ``root``."""

    def __init__(
        self,
        root: Path,
        docs_dir: Path,
        cache_dir: Path,
        katex_js: Path,
        notebook_patterns: tuple[str, ...] = ("*.ipynb",),
    ) -> None:
        self.root = root
        self.docs_dir = docs_dir
        self.summary = Summary()
        self.failures: list[CheckFailed] = []
        library = package_hash()
        forget_stale_modules(library)  # a long-lived `mkdocs serve` runs the edited library
        # every key: the library's source and the versions results depend on
        self.cache = Cache(cache_dir, f"{library} {library_versions()}")
        self.shown_docs = self.shown(docs_dir)
        self.examples = Examples(self)
        self.doctests = Doctests(self)
        self.fences = Fences(self)
        self.prefetch = Prefetch()  # a helper process draws missing fences too (start_fences)
        self.notebooks = Notebooks(self, notebook_patterns)
        self.math = MathRenderer(cache_dir, katex_js, self.summary, engine=code_hash(MathRenderer))
        self.api = ApiCache(self.cache_for(ApiCache), self.summary)
        self.pages = PageCache(self.cache_for(PageCache), self.summary)
        self.math_pages: set[str] = set()
        self.lifted: dict[str, Lifted] = {}  # page -> its parts kept out of mkdocs' way

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

    # -- the build, in the order mkdocs calls it -----------------------------------------

    def start(self) -> None:
        """Start what takes longest (notebooks) at once, in the background."""
        self.notebooks.start_early(self.docs_dir)

    def start_fences(self, pages: list[str]) -> None:
        """Start drawing what the fences of ``pages`` (in build order) lack, in the background."""
        self.prefetch.start(self, pages)

    def check_sources(self) -> None:
        """The library's doctests and the example files (no page needed)."""
        self.doctests.check_library()
        self.examples.check_files(self.docs_dir / "examples")

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
            engine = FENCE_ENGINES.get(block.lang)
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
        for rewrite in PAGE_ENGINES:
            markdown = rewrite(self, markdown, page)
        return markdown.removeprefix(padding)

    def page_html(self, html: str, src_uri: str, source: Path | None) -> str:
        """Collect the page's formulas (``source``: where to look for a broken one's line);
        returns the page with its widgets' heavy parts lifted out until :meth:`post_page`."""
        if self.math.collect(html, self.page(src_uri).shown, source):
            self.math_pages.add(src_uri)
        self.lifted[src_uri] = Lifted()
        return self.lifted[src_uri].lift(html)

    def finish(self) -> None:
        """Wait for the notebooks and render the math; raise BuildFailed if anything failed."""
        self.prefetch.kill()  # every page is made: what it still draws, no page shows
        self.notebooks.wait_all()
        self.raise_failures()
        self.failures += self.math.render()
        self.raise_failures()

    def post_page(self, html: str, src_uri: str) -> str:
        """The final page with its widgets' parts and its formulas in place."""
        lifted = self.lifted.pop(src_uri, None)
        if lifted is not None:
            html = lifted.restore(html)
        return self.math.apply(html) if src_uri in self.math_pages else html

    def raise_failures(self) -> None:
        if self.failures:
            raise BuildFailed(self.failures)

    def abort(self) -> None:
        """Stop the processes this build started (node, notebook kernels)."""
        self.math.close()
        self.notebooks.kill()
        self.prefetch.kill()
        self.pages.stop()

    def done(self) -> str:
        """After a build that passed: drop unused cache entries, save and return the summary."""
        self.cache.sweep(KINDS)
        self.math.sweep()
        self.cache.root.mkdir(parents=True, exist_ok=True)
        (self.cache.root / "last-build.json").write_text(self.summary.to_json(), encoding="utf-8")
        return self.summary.format()


# cache folders the engines own (math sweeps its own)
KINDS = (
    Examples.KIND,
    Doctests.KIND,
    *Fences.KINDS,
    *Notebooks.KINDS,
    ApiCache.KIND,
    PageCache.KIND,
    questions.KIND,
    inline_values.KIND,
)
