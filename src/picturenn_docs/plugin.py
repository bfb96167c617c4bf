"""The mkdocs adapter: each mkdocs event calls the :class:`~picturenn_docs.pipeline.Pipeline`.

Everything a build checks and makes lives in the pipeline and its engines; this
module only knows mkdocs: its config, its files and pages, and which event
comes when. Generated figures are virtual files: nothing is ever written into
``docs/``, so ``mkdocs serve`` rebuilds once per edit.

Notebook pages are mkdocs-jupyter's: this plugin only points each notebook's
file at its executed copy before mkdocs-jupyter sees it (its ``on_files`` and
``on_pre_page`` run after ours), and tidies the page it renders.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Iterator
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from picturenn_docs.assets import page_assets, scripts
from picturenn_docs.core.cache import library_versions, resolve_dir
from picturenn_docs.core.failures import BuildFailed
from picturenn_docs.engines.math import KatexUnavailable
from picturenn_docs.pipeline import Pipeline
from picturenn_docs.speedups import api_cache, lazy_jupyter

log = logging.getLogger("mkdocs.plugins.picturenn")


class PicturennConfig(base.Config):
    cache_dir = c.Optional(c.Type(str))  # default .cache/picturenn; $PICTURENN_CACHE_DIR wins
    notebooks = c.ListOfItems(c.Type(str), default=["*.ipynb"])  # patterns of notebook pages
    katex = c.Type(str, default="assets/katex/katex.min.js")  # in docs/; renders math at build


class PicturennPlugin(BasePlugin[PicturennConfig]):
    """Run and regenerate everything the pages show; fail the build on any mismatch."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        if command == "serve":
            # a re-import after an edit would write .pyc files into the watched src/,
            # and that write would trigger a second rebuild
            sys.dont_write_bytecode = True

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        jupyter = config.plugins.get("mkdocs-jupyter")
        if jupyter is None or jupyter.config["execute"]:
            raise PluginError(
                "picturenn executes notebooks itself (its cache follows the library): "
                "add the mkdocs-jupyter plugin to mkdocs.yml with execute: false"
            )
        root = Path(config.config_file_path or ".").resolve().parent
        docs_dir = Path(config.docs_dir)
        self.pipeline = Pipeline(
            root,
            docs_dir,
            resolve_dir(self.config.cache_dir, root),
            docs_dir / self.config.katex,
            tuple(self.config.notebooks),
        )
        self.pipeline.start()
        if lazy_jupyter.WHY_OFF is not None:
            why = lazy_jupyter.WHY_OFF
            self.pipeline.summary.notes["jupyter"] = f"converter imported at start ({why})"
        # mkdocs-jupyter's conversion cache lives beside ours: deleting one folder cleans both
        jupyter.config["cache_dir"] = str(self.pipeline.build.cache.root / "mkdocs-jupyter")
        if self.pipeline.api.off is None:  # switched off for untested versions: plain mkdocstrings
            # in front of mkdocstrings' `:::` blocks: replays them while their inputs are unchanged
            extension = api_cache.ApiCacheExtension(self.pipeline.api)
            config.markdown_extensions.append(extension)  # type: ignore[arg-type]
        return config

    @event_priority(50)  # before mkdocs-jupyter wraps the notebook files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._notebook_pages(files)
        self._salt_api_blocks(files, config)
        self.pipeline.pages.configure(config, files)
        self.pipeline.check_sources()
        return files

    def _notebook_pages(self, files: Files) -> None:
        """Point each notebook page at its executed copy (executing it if missing).

        mkdocs-jupyter then converts that copy (no execution of its own) and
        copies it beside the page for download.
        """
        notebooks = self.pipeline.notebooks
        pages = set()
        for file in files:
            if file.src_uri.endswith(".ipynb") and notebooks.is_page(file.src_uri):
                target = notebooks.executed_copy(Path(file.abs_src_path or ""), file.src_uri)
                # the copy's path ends in src_uri, so its root stands in for docs/ (mkdocs-jupyter
                # wraps the file and reads src_dir + src_uri)
                file.src_dir = str(target.parents[len(Path(file.src_uri).parts) - 1])
                file.abs_src_path = str(target)
                pages.add(file.src_uri)
        notebooks.keep_only(pages)

    def _salt_api_blocks(self, files: Files, config: MkDocsConfig) -> None:
        """What an API block's HTML depends on beyond its own text, page and the package."""
        mkdocstrings = config.plugins.get("mkdocstrings")
        if mkdocstrings is None:
            return
        root = Path(config.config_file_path or ".").resolve().parent
        self.pipeline.api.salt = api_cache.inputs_hash(
            root,
            dict(mkdocstrings.config),
            Path(config.config_file_path or "mkdocs.yml").read_text(encoding="utf-8"),
            library_versions(libraries=api_cache.LIBRARIES),
            # a docstring's relative link is checked against the pages when rendered
            "\n".join(sorted(file.src_uri for file in files)),
        )

    @event_priority(50)  # before mkdocs-jupyter reads the executed copy
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        if page.file.src_uri in self.pipeline.notebooks.executed:
            with _failing():
                self.pipeline.notebooks.ready(page.file.src_uri)
        return page

    @event_priority(-100)  # last: the page cache keys on the Markdown mkdocs will convert
    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.src_uri in self.pipeline.notebooks.executed:
            return markdown
        markdown = self.pipeline.page_markdown(
            markdown, page.file.src_uri, _lines_above(markdown, page)
        )
        for uri, path in self.pipeline.fences.figures.items():
            if uri not in files:
                figure = File.generated(
                    config, uri, abs_src_path=str(path), inclusion=InclusionLevel.INCLUDED
                )
                files.append(figure)
        return self.pipeline.pages.before(page, markdown, files)

    @event_priority(100)  # first: a replayed page's table of contents before others read it
    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        html = self.pipeline.pages.after(page, html, files)
        src_uri = page.file.src_uri
        source: Path | None = Path(page.file.abs_src_path or "")
        if src_uri in self.pipeline.notebooks.executed:
            html = self.pipeline.notebooks.page_html(html, src_uri, page.file.dest_uri)
            source = None  # formulas of a notebook are found in its cells, not its lines
        # search and the theme read the page without its widgets' pictures and states
        return self.pipeline.page_html(html, src_uri, source)

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        with _failing():
            self.pipeline.finish()
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # after the search plugin has read the page: its index keeps the TeX, not KaTeX's MathML,
        # and no widget picture labels
        output = self.pipeline.post_page(output, page.file.src_uri)
        return page_assets.finish(output, Path(config.site_dir), page.url)

    def on_build_error(self, *, error: Exception) -> None:
        self.pipeline.abort()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        self.pipeline.notebooks.check_site(Path(config.site_dir))
        scripts.ship(Path(config.site_dir))
        with _failing():
            self.pipeline.raise_failures()
        log.info(self.pipeline.done())


def _lines_above(markdown: str, page: Page) -> int:
    """How many lines of the page's file come before its Markdown (its front matter).

    mkdocs hands plugins the file's text after the front matter, which is a tail of it.
    """
    source = page.file.content_string
    if not markdown or not source.endswith(markdown):
        return 0
    return source[: len(source) - len(markdown)].count("\n")


@contextlib.contextmanager
def _failing() -> Iterator[None]:
    """Turn the build's failures into mkdocs' own error, which stops the build."""
    try:
        yield
    except (BuildFailed, KatexUnavailable) as error:
        raise PluginError(f"picturenn: {error}") from None
