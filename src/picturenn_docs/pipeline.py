"""The docs build with every engine in place, in the order mkdocs calls it.

This is the one module that knows every engine: it makes a core
:class:`~picturenn_docs.core.build.Build`, makes each engine with it, and
registers the fences and pages they handle. The mkdocs adapter
(:mod:`picturenn_docs.plugin`) maps mkdocs' events to the calls below and
nothing else; a move to another site generator would reuse this module as it
is.

The engines: examples (``python``/``pycon`` blocks and the files of
``docs/examples``), fences (``network``, ``diagram``, ``generated``; those
that ask for a widget are drawn by :mod:`picturenn_docs.widgets`), the
library's doctests, notebooks (executed in the background), math (KaTeX),
questions, the glossary and inline values. The speed-ups sit beside them, each
switched off outside the versions it was tested with.
"""

from __future__ import annotations

from pathlib import Path

from picturenn_docs.core.blocks import Block
from picturenn_docs.core.build import Build, Page
from picturenn_docs.core.cache import code_hash
from picturenn_docs.engines import examples, glossary, inline_values, questions
from picturenn_docs.engines.doctests import Doctests
from picturenn_docs.engines.examples import Examples
from picturenn_docs.engines.fences.engine import Fences
from picturenn_docs.engines.fences.spec import FENCES
from picturenn_docs.engines.kernel_proof import KernelProof
from picturenn_docs.engines.math import MathRenderer
from picturenn_docs.engines.notebooks import Notebooks
from picturenn_docs.speedups.api_cache import ApiCache
from picturenn_docs.speedups.page_cache import PageCache
from picturenn_docs.widgets import render


class Pipeline:
    """One build: the core :class:`Build` (``build``) and its engines."""

    def __init__(
        self,
        root: Path,
        docs_dir: Path,
        cache_dir: Path,
        katex_js: Path,
        notebook_patterns: tuple[str, ...] = ("*.ipynb",),
    ) -> None:
        self.build = build = Build(root, docs_dir, cache_dir)
        self.summary = build.summary
        self.failures = build.failures  # the same list: what the engines found so far
        self.examples = Examples(build)
        self.doctests = Doctests(build)
        self.fences = Fences(build, render.render)
        self.notebooks = Notebooks(build, notebook_patterns)
        self.math = MathRenderer(cache_dir, katex_js, self.summary, engine=code_hash(MathRenderer))
        self.api = ApiCache(build.cache_for(ApiCache), self.summary)
        self.pages = PageCache(build.cache_for(PageCache), self.summary)
        # the one kernel the browser computes with, proved equal to picturenn under Node
        self.kernel = KernelProof(build, docs_dir / "javascripts" / "kernel.js")
        self.math_pages: set[str] = set()
        build.on_fence(sorted(examples.PYTHON_LANGS | examples.PYCON_LANGS), self._example)
        build.on_fence(FENCES, self._fence)
        build.on_fence([questions.FENCE], questions.engine)  # "Check yourself"
        build.on_fence([glossary.FENCE], glossary.engine)  # from docs/includes/glossary.md
        build.on_fence([inline_values.LANG], inline_values.setup_fence)  # a page's setup
        build.on_page(inline_values.page_engine)  # the page's values, inline in its prose

    def _example(self, build: Build, block: Block, page: Page) -> None:
        self.examples.check_block(block, page.shown)

    def _fence(self, build: Build, block: Block, page: Page) -> str | None:
        return self.fences.make(block, page.shown, page.src_uri)

    # -- the build, in the order mkdocs calls it -----------------------------------------

    def start(self) -> None:
        """Start what takes longest (notebooks) at once, in the background."""
        self.notebooks.start_early(self.build.docs_dir)

    def check_sources(self) -> None:
        """The library's doctests and the example files (no page needed); the page kernel's
        proof runs beside them."""
        self.kernel.start()
        self.doctests.check_library()
        self.examples.check_files(self.build.docs_dir / "examples")

    def page_markdown(self, markdown: str, src_uri: str, lines_above: int = 0) -> str:
        """The page with its blocks checked and its generated fences made."""
        return self.build.page_markdown(markdown, src_uri, lines_above)

    def page_html(self, html: str, src_uri: str, source: Path | None) -> str:
        """Collect the page's formulas (``source``: where to look for a broken one's line)."""
        if self.math.collect(html, self.build.page(src_uri).shown, source):
            self.math_pages.add(src_uri)
        return html

    def finish(self) -> None:
        """Wait for the notebooks and render the math; raise BuildFailed if anything failed."""
        self.notebooks.wait_all()
        self.kernel.wait()
        self.build.raise_failures()
        self.build.failures += self.math.render()
        self.build.raise_failures()

    def post_page(self, html: str, src_uri: str) -> str:
        """The final page with its formulas in place."""
        return self.math.apply(html) if src_uri in self.math_pages else html

    def raise_failures(self) -> None:
        self.build.raise_failures()

    def abort(self) -> None:
        """Stop the processes this build started (node, notebook kernels)."""
        self.math.close()
        self.notebooks.kill()
        self.kernel.stop()
        self.pages.stop()

    def done(self) -> str:
        """After a build that passed: drop unused cache entries, save and return the summary."""
        self.math.sweep()
        return self.build.done(KINDS)


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
    KernelProof.KIND,
)
