"""The mkdocs adapter: the only module that imports mkdocs.

Each event hands its work to the plain functions of :mod:`picturenn.build`:
doctests and example files run when the files are gathered, notebooks execute in
the background meanwhile, every page's examples run and its fences are
generated as it is read, and any failure fails the build (naming file and line)
before anything is written. Generated figures are virtual files: nothing is
ever written into ``docs/``, so ``mkdocs serve`` rebuilds once per edit.
"""

from __future__ import annotations

import logging
import sys
import time
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page

from picturenn.build import notebooks
from picturenn.build.cache import Cache, library_versions, package_hash, resolve_dir
from picturenn.build.failures import CheckFailed
from picturenn.build.fresh import forget_stale_modules
from picturenn.build.pages import KINDS, Checker

log = logging.getLogger("mkdocs.plugins.picturenn")
SHOWN_FAILURES = 20


class PicturennConfig(base.Config):
    cache_dir = c.Optional(c.Type(str))  # default .cache/picturenn; $PICTURENN_CACHE_DIR wins


class PicturennPlugin(BasePlugin[PicturennConfig]):
    """Run and regenerate everything the pages show; fail the build on any mismatch."""

    def on_startup(self, *, command: str, dirty: bool) -> None:
        # Defining on_startup also keeps this instance across `mkdocs serve` rebuilds.
        if command == "serve":
            # a re-import after an edit would write .pyc files into the watched src/,
            # and that write would trigger a second rebuild
            sys.dont_write_bytecode = True

    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        root = Path(config.config_file_path or ".").resolve().parent
        source_hash = package_hash()
        forget_stale_modules(source_hash)
        cache = Cache(
            resolve_dir(self.config.cache_dir, root), f"{source_hash} {library_versions()}"
        )
        self.checker = Checker(cache, Path(config.docs_dir), root)
        self.jupyter = config.plugins.get("mkdocs-jupyter")
        if self.jupyter is not None:
            if self.jupyter.config["execute"]:
                raise PluginError(
                    "picturenn executes notebooks itself (its cache follows the package): "
                    "set 'execute: false' for mkdocs-jupyter in mkdocs.yml"
                )
            # its rendering cache keys on the executed notebook; keep it with ours
            self.jupyter.config["cache_dir"] = str(cache.root / "mkdocs-jupyter")
        self.running: dict[str, Future[float]] = {}
        return config

    @event_priority(50)  # before mkdocs-jupyter wraps the notebook files
    def on_files(self, files: Files, config: MkDocsConfig) -> Files:
        self._start_notebooks(files)
        self.checker.check_doctests()
        self.checker.check_example_files()
        return files

    def _start_notebooks(self, files: Files) -> None:
        """Point each notebook at its executed copy in the cache, executing it if missing."""
        if self.jupyter is None:
            return
        pool: ThreadPoolExecutor | None = None
        for file in files:
            if not file.src_uri.endswith(".ipynb") or not self.jupyter.should_include(file):
                continue
            source = Path(file.abs_src_path or "")
            target, cached = notebooks.executed_path(self.checker.cache, source, file.src_uri)
            if cached:
                self.checker.summary.count("notebooks", "cached")
            else:
                pool = pool or ThreadPoolExecutor(max_workers=2, thread_name_prefix="notebook")
                shown = self.checker.shown(source)
                self.running[file.src_uri] = pool.submit(_execute, source, target, shown)
            # the page renders the executed copy (its path keeps the src_uri as tail)
            file.src_dir = str(target.parents[len(Path(file.src_uri).parts) - 1])
            file.__dict__.pop("abs_src_path", None)
        if pool is not None:
            pool.shutdown(wait=False)

    @event_priority(50)  # the executed copy must exist before mkdocs-jupyter reads it
    def on_pre_page(self, page: Page, *, config: MkDocsConfig, files: Files) -> Page:
        self._wait_for(page.file.src_uri)
        return page

    def _wait_for(self, src_uri: str) -> None:
        future = self.running.pop(src_uri, None)
        if future is None:
            return
        try:
            seconds = future.result()
        except CheckFailed as failure:
            self.checker.failures.append(failure)
            self._fail()
        self.checker.summary.count("notebooks", "executed")
        self.checker.summary.seconds["notebooks"] += seconds

    def on_page_markdown(
        self, markdown: str, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        if page.file.src_uri.endswith(".ipynb"):
            return markdown
        markdown = self.checker.check_page(markdown, page.file.src_uri)
        for uri, path in self.checker.figures.items():
            if uri not in files:
                figure = File.generated(
                    config, uri, abs_src_path=str(path), inclusion=InclusionLevel.INCLUDED
                )
                files.append(figure)
        return markdown

    def on_env(self, env, *, config: MkDocsConfig, files: Files):  # type: ignore[no-untyped-def]
        for src_uri in list(self.running):
            self._wait_for(src_uri)
        if self.checker.failures:
            self._fail()
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
        cache.root.mkdir(parents=True, exist_ok=True)
        (cache.root / "last-build.json").write_text(summary.to_json(), encoding="utf-8")
        log.info(summary.format())


def _execute(source: Path, target: Path, shown: str) -> float:
    start = time.perf_counter()
    notebooks.execute(source, target, shown)
    return time.perf_counter() - start
