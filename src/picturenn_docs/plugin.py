"""The mkdocs adapter: the only module that imports mkdocs.

Each event hands its work to the plain functions of :mod:`picturenn_docs`:
doctests and example files run when the files are gathered, notebooks execute in
the background meanwhile, every page's examples run and its fences are
generated as it is read, every formula is rendered to HTML by KaTeX (one node
process for the whole build, none when all are cached), and any failure fails
the build (naming file and line) before anything is written. Generated figures
are virtual files: nothing is ever written into ``docs/``, so ``mkdocs serve``
rebuilds once per edit.
"""

from __future__ import annotations

import logging
import posixpath
import subprocess
import sys
import time
import types
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc
from mkdocs.utils import get_relative_url

from picturenn_docs import api_cache, notebooks, page_assets
from picturenn_docs.cache import (
    DOCS_DIR,
    Cache,
    library_versions,
    package_hash,
    resolve_dir,
    tree_hash,
)
from picturenn_docs.failures import CheckFailed
from picturenn_docs.fresh import forget_stale_modules
from picturenn_docs.math import KatexUnavailable, MathRenderer
from picturenn_docs.pages import KINDS, Checker

log = logging.getLogger("mkdocs.plugins.picturenn")
SHOWN_FAILURES = 20


class PicturennConfig(base.Config):
    cache_dir = c.Optional(c.Type(str))  # default .cache/picturenn; $PICTURENN_CACHE_DIR wins
    notebooks = c.ListOfItems(c.Type(str), default=["*.ipynb"])  # patterns of notebook pages
    katex = c.Type(str, default="assets/katex/katex.min.js")  # in docs/; renders math at build


class NotebookFile(File):
    """A notebook that is a page of the site (mkdocs only counts Markdown files as pages)."""

    def is_documentation_page(self) -> bool:
        return True


class PicturennPlugin(BasePlugin[PicturennConfig]):
    """Run and regenerate everything the pages show; fail the build on any mismatch."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        if command == "serve":
            # a re-import after an edit would write .pyc files into the watched src/,
            # and that write would trigger a second rebuild
            sys.dont_write_bytecode = True

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        if "mkdocs-jupyter" in config.plugins:
            raise PluginError(
                "picturenn executes and renders notebooks itself (its cache follows the "
                "package): remove the mkdocs-jupyter plugin from mkdocs.yml"
            )
        root = Path(config.config_file_path or ".").resolve().parent
        source_hash = package_hash()
        forget_stale_modules(source_hash)
        cache = Cache(
            resolve_dir(self.config.cache_dir, root),
            # the library, the docs build that checks it, and the libraries both run on
            f"{source_hash} {tree_hash(DOCS_DIR, '*.py')} {library_versions()}",
        )
        self.checker = Checker(cache, Path(config.docs_dir), root)
        self.running: dict[str, tuple[subprocess.Popen[str], str, float]] = {}
        self.executed: dict[str, Path] = {}  # notebook page src_uri -> executed copy
        self._start_early(Path(config.docs_dir))
        katex = Path(config.docs_dir) / self.config.katex
        self.math = MathRenderer(cache.root, katex, self.checker.summary)
        self.math_pages: set[str] = set()  # src_uri of pages with formulas
        # in front of mkdocstrings' `:::` blocks: replays them while their inputs are unchanged
        self.api = api_cache.ApiCache(cache, self.checker.summary)
        config.markdown_extensions.append(api_cache.ApiCacheExtension(self.api))  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._start_notebooks(files, config)
        self._salt_api_blocks(files, config)
        self.checker.check_doctests()
        self.checker.check_example_files()
        return files

    def _start_early(self, docs_dir: Path) -> None:
        """Start executing notebooks at once: a cold build spends longest waiting on them."""
        for path in sorted(docs_dir.rglob("*.ipynb")):
            src_uri = path.relative_to(docs_dir).as_posix()
            hidden = any(part.startswith(".") for part in PurePosixPath(src_uri).parts)
            if not hidden and self._is_notebook_page(src_uri):  # mkdocs skips hidden files
                self._execute(path, src_uri)

    def _execute(self, source: Path, src_uri: str) -> Path:
        """The executed copy of a notebook, started in the background if it is missing."""
        target = self.executed.get(src_uri)
        if target is None:
            target, cached = notebooks.executed_path(self.checker.cache, source, src_uri)
            if not cached:
                shown = self.checker.shown(source)
                process = notebooks.start(self.checker.cache, source, target, shown)
                self.running[src_uri] = (process, shown, time.perf_counter())
            self.executed[src_uri] = target
        return target

    def _start_notebooks(self, files: Files, config: MkDocsConfig) -> None:
        """Make each notebook a page read from its executed copy, executing it if missing."""
        pages = set()
        for file in list(files):
            if not file.src_uri.endswith(".ipynb") or not self._is_notebook_page(file.src_uri):
                continue
            source = Path(file.abs_src_path or "")
            target = self._execute(source, file.src_uri)
            pages.add(file.src_uri)
            if file.src_uri not in self.running:
                self.checker.summary.count("notebooks", "cached")
            page = NotebookFile(
                file.src_uri,
                # the executed copy's path ends in src_uri, so it can stand in for docs/
                src_dir=str(target.parents[len(PurePosixPath(file.src_uri).parts) - 1]),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
            files.remove(file)
            files.append(page)
            # offer the executed notebook for download next to its page
            download = posixpath.join(posixpath.dirname(page.dest_uri), source.name)
            files.append(File.generated(config, download, abs_src_path=str(target)))
        for src_uri in set(self.executed) - pages:  # started early, but not a page after all
            self.executed.pop(src_uri)
            running = self.running.pop(src_uri, None)
            if running is not None:
                running[0].kill()
                running[0].wait()

    def _salt_api_blocks(self, files: Files, config: MkDocsConfig) -> None:
        """What an API block's HTML depends on beyond its own text, page and the package."""
        mkdocstrings = config.plugins.get("mkdocstrings")
        if mkdocstrings is None:
            return
        root = Path(config.config_file_path or ".").resolve().parent
        self.api.salt = api_cache.inputs_hash(
            root,
            dict(mkdocstrings.config),
            Path(config.config_file_path or "mkdocs.yml").read_text(encoding="utf-8"),
            library_versions(libraries=api_cache.LIBRARIES),
            # a docstring's relative link is checked against the pages when rendered
            "\n".join(sorted(file.src_uri for file in files)),
        )

    def _is_notebook_page(self, src_uri: str) -> bool:
        return any(PurePosixPath(src_uri).match(p) for p in self.config.notebooks)

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        src_uri = page.file.src_uri
        if src_uri in self.executed:
            self._wait_for(src_uri)
            with self.checker.summary.timed("notebooks"):
                html, _ = notebooks.rendered(self.checker.cache, self.executed[src_uri])
            page.render = types.MethodType(_notebook_render(html), page)  # type: ignore[method-assign]
        return page

    def _wait_for(self, src_uri: str) -> None:
        running = self.running.pop(src_uri, None)
        if running is None:
            return
        process, shown, started = running
        try:
            notebooks.finish(process, shown)
        except CheckFailed as failure:
            self.checker.failures.append(failure)
            self._fail()
        self.checker.summary.count("notebooks", "executed")
        self.checker.summary.seconds["notebooks"] += time.perf_counter() - started

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.src_uri in self.executed:
            return markdown
        markdown = self.checker.check_page(markdown, page.file.src_uri)
        for uri, path in self.checker.figures.items():
            if uri not in files:
                figure = File.generated(
                    config, uri, abs_src_path=str(path), inclusion=InclusionLevel.INCLUDED
                )
                files.append(figure)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src_uri = page.file.src_uri
        source = None if src_uri in self.executed else Path(page.file.abs_src_path or "")
        shown = f"{self.checker.shown_docs}/{src_uri}"
        if self.math.collect(html, shown, source):
            self.math_pages.add(src_uri)
        return html

    def _render_math(self) -> None:
        """Render the new formulas of every page at once: one node process per build."""
        try:
            self.checker.failures += self.math.render()
        except KatexUnavailable as error:
            raise PluginError(f"picturenn: {error}") from None
        if self.checker.failures:
            self._fail()

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # after the search plugin has read the page: its index keeps the TeX, not KaTeX's spans
        if page.file.src_uri in self.math_pages:
            output = self.math.apply(output)
            katex_css = posixpath.join(posixpath.dirname(self.config.katex), "katex.min.css")
            output = page_assets.link_stylesheet(output, get_relative_url(katex_css, page.url))
        if not page_assets.has_reference(output):
            output = page_assets.drop_stylesheet(output, "assets/_mkdocstrings.css")
        return page_assets.first_figure_eager(output)

    def on_build_error(self, *, error: Exception) -> None:
        self.math.close()
        for process, _, _ in self.running.values():  # only the processes this build started
            process.kill()
            process.wait()

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        for src_uri in list(self.running):
            self._wait_for(src_uri)
        if self.checker.failures:
            self._fail()
        self._render_math()
        return env

    def _fail(self) -> None:
        failures = self.checker.failures
        shown = "\n".join(str(failure) for failure in failures[:SHOWN_FAILURES])
        more = len(failures) - SHOWN_FAILURES
        tail = f"\n... and {more} more" if more > 0 else ""
        raise PluginError(f"picturenn: {len(failures)} check(s) failed\n{shown}{tail}")

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        summary = self.checker.summary
        cache = self.checker.cache
        cache.sweep(KINDS)  # only a build that passed gets here: drop entries it did not use
        self.math.sweep()
        cache.root.mkdir(parents=True, exist_ok=True)
        (cache.root / "last-build.json").write_text(summary.to_json(), encoding="utf-8")
        log.info(summary.format())


def _notebook_render(html: dict[str, Any]) -> Callable[[Page, MkDocsConfig, Files], None]:
    """A Page.render that shows the converted notebook instead of rendering Markdown."""

    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        page.content = html["content"]
        page.toc = get_toc(html["toc_tokens"])
        if html["title"] and page.title is None:
            page.title = html["title"]

    return render
