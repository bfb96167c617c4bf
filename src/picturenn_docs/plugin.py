"""The mkdocs adapter: maps mkdocs' events to the calls of one :class:`~picturenn_docs.build.Build`.

Everything a build checks and makes lives in the Build and its engines; this
module only knows mkdocs: its config, its files and pages, and which event
comes when. Generated figures are virtual files: nothing is ever written into
``docs/``, so ``mkdocs serve`` rebuilds once per edit.
"""

from __future__ import annotations

import contextlib
import logging
import posixpath
import sys
import types
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from picturenn_docs import api_cache
from picturenn_docs.build import Build
from picturenn_docs.cache import library_versions, resolve_dir
from picturenn_docs.failures import BuildFailed
from picturenn_docs.math import KatexUnavailable

log = logging.getLogger("mkdocs.plugins.picturenn")


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
        docs_dir = Path(config.docs_dir)
        self.build = Build(
            root,
            docs_dir,
            resolve_dir(self.config.cache_dir, root),
            docs_dir / self.config.katex,
            tuple(self.config.notebooks),
        )
        self.build.start()
        if self.build.api.off is None:  # switched off for untested versions: plain mkdocstrings
            # in front of mkdocstrings' `:::` blocks: replays them while their inputs are unchanged
            extension = api_cache.ApiCacheExtension(self.build.api)
            config.markdown_extensions.append(extension)  # type: ignore[arg-type]
        return config

    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._notebook_pages(files, config)
        self._salt_api_blocks(files, config)
        self.build.check_sources()
        return files

    def _notebook_pages(self, files: Files, config: MkDocsConfig) -> None:
        """Make each notebook a page read from its executed copy."""
        notebooks = self.build.notebooks
        pages = set()
        for file in list(files):
            if not file.src_uri.endswith(".ipynb") or not notebooks.is_page(file.src_uri):
                continue
            source = Path(file.abs_src_path or "")
            target = notebooks.executed_copy(source, file.src_uri)
            pages.add(file.src_uri)
            page = NotebookFile(
                file.src_uri,
                # the executed copy's path ends in src_uri, so it can stand in for docs/
                src_dir=str(target.parents[len(Path(file.src_uri).parts) - 1]),
                dest_dir=config.site_dir,
                use_directory_urls=config.use_directory_urls,
            )
            files.remove(file)
            files.append(page)
            # offer the executed notebook for download next to its page
            download = posixpath.join(posixpath.dirname(page.dest_uri), source.name)
            files.append(File.generated(config, download, abs_src_path=str(target)))
        notebooks.keep_only(pages)

    def _salt_api_blocks(self, files: Files, config: MkDocsConfig) -> None:
        """What an API block's HTML depends on beyond its own text, page and the package."""
        mkdocstrings = config.plugins.get("mkdocstrings")
        if mkdocstrings is None:
            return
        root = Path(config.config_file_path or ".").resolve().parent
        self.build.api.salt = api_cache.inputs_hash(
            root,
            dict(mkdocstrings.config),
            Path(config.config_file_path or "mkdocs.yml").read_text(encoding="utf-8"),
            library_versions(libraries=api_cache.LIBRARIES),
            # a docstring's relative link is checked against the pages when rendered
            "\n".join(sorted(file.src_uri for file in files)),
        )

    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        src_uri = page.file.src_uri
        if src_uri in self.build.notebooks.executed:
            with _failing():
                html = self.build.notebooks.rendered(src_uri)
            page.render = types.MethodType(_notebook_render(html), page)  # type: ignore[method-assign]
        return page

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.src_uri in self.build.notebooks.executed:
            return markdown
        markdown = self.build.page_markdown(markdown, page.file.src_uri)
        for uri, path in self.build.fences.figures.items():
            if uri not in files:
                figure = File.generated(
                    config, uri, abs_src_path=str(path), inclusion=InclusionLevel.INCLUDED
                )
                files.append(figure)
        return markdown

    def on_page_content(self, html: str, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        src_uri = page.file.src_uri
        notebook = src_uri in self.build.notebooks.executed
        self.build.page_html(
            html, src_uri, None if notebook else Path(page.file.abs_src_path or "")
        )
        return html

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        with _failing():
            self.build.finish()
        return env

    def on_post_page(self, output: str, *, page: Page, config: MkDocsConfig) -> str:
        # after the search plugin has read the page: its index keeps the TeX, not KaTeX's spans
        return self.build.post_page(output, page.file.src_uri)

    def on_build_error(self, *, error: Exception) -> None:
        self.build.abort()

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        log.info(self.build.done())


@contextlib.contextmanager
def _failing() -> Iterator[None]:
    """Turn the build's failures into mkdocs' own error, which stops the build."""
    try:
        yield
    except (BuildFailed, KatexUnavailable) as error:
        raise PluginError(f"picturenn: {error}") from None


def _notebook_render(html: dict[str, Any]) -> Callable[[Page, MkDocsConfig, Files], None]:
    """A Page.render that shows the converted notebook instead of rendering Markdown."""

    def render(page: Page, config: MkDocsConfig, files: Files) -> None:
        page.content = html["content"]
        page.toc = get_toc(html["toc_tokens"])
        if html["title"] and page.title is None:
            page.title = html["title"]

    return render
