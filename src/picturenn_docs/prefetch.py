"""Draw the fences a build lacks from both ends at once: the build forward, a helper backward.

A cold build (or one after the library changed) spends most of its time
drawing the fences' figures, one page after another, while the machine's other
core idles. So once the build knows its pages, :class:`Prefetch` finds the
fences whose results the cache lacks and starts a helper process
(:mod:`picturenn_docs.helper`) that makes them through the same engine
(:class:`~picturenn_docs.fence_cache.Fences`), writing the same cache entries,
starting from the last page while the build starts from the first. Whoever
reaches a fence first claims it (a file created exclusively), so each fence is
made once; a build that reaches a fence the helper is making waits for it
(:meth:`Prefetch.wait_for`).

The helper only fills the cache: the build still reads every result, counts it
(as made, not cached) and owns every failure. A fence the helper could not make
is simply missing, and the build makes it itself and reports why, naming the
page and line. A build where nothing is missing starts no helper.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING

from picturenn_docs import fences
from picturenn_docs.blocks import find_blocks
from picturenn_docs.failures import CheckFailed
from picturenn_docs.processes import start_module

if TYPE_CHECKING:
    from picturenn_docs.build import Build


def missing(build: Build, pages: list[str]) -> dict[str, list[str]]:
    """{page: the keys of its fences the cache lacks}, pages in the given order."""
    lacking: dict[str, list[str]] = {}
    for src_uri in pages:
        path = build.docs_dir / src_uri
        keys = []
        for block in fences_of(path):
            try:
                key, _, _ = build.fences.key(block, build.page(src_uri).shown)
            except CheckFailed:
                continue  # a fence with bad keys: the build reports it when it gets there
            if not build.fences.cache.path("fences", key, ".json").is_file():
                keys.append(key)
        if keys:
            lacking[src_uri] = keys
    return lacking


def fences_of(path: Path) -> list:
    """The generated fences of a page file, in page order."""
    text = path.read_text(encoding="utf-8") if path.is_file() else ""
    return [b for b in find_blocks(text) if b.lang in fences.FENCES]


def claim(claims: Path, key: str) -> bool:
    """Claim fence ``key`` for this process; False if the other one already has."""
    try:
        os.close(os.open(claims / key, os.O_CREAT | os.O_EXCL | os.O_WRONLY))
    except FileExistsError:
        return False
    return True


class Prefetch:
    """The helper process of one build, and what it has reported so far."""

    def __init__(self) -> None:
        self.process: subprocess.Popen[str] | None = None
        self.claims: Path | None = None  # one empty file per claimed fence key
        self.planned: set[str] = set()  # the keys the cache lacked when the build began
        self.drawn: dict[
            str, int | None
        ] = {}  # fence key -> figures the helper drew (None: failed)
        self.finished = True
        self._changed = threading.Condition()

    def start(self, build: Build, pages: list[str]) -> None:
        """Start making what ``pages`` lack, from the last (nothing missing: no helper)."""
        lacking = missing(build, pages)
        if not lacking:
            return
        self.planned = {key for keys in lacking.values() for key in keys}
        self.claims = Path(tempfile.mkdtemp(prefix="picturenn-claims-"))
        job = [str(build.root), str(build.docs_dir), str(build.cache.root), str(self.claims)]
        self.finished = False
        self.process = start_module(
            "picturenn_docs.helper",
            json.dumps([*job, list(reversed(lacking.items()))]),
            stderr=subprocess.DEVNULL,
        )
        threading.Thread(target=self._listen, args=(self.process,), daemon=True).start()

    def _listen(self, process: subprocess.Popen[str]) -> None:
        assert process.stdout is not None
        for line in process.stdout:
            made = json.loads(line)
            with self._changed:
                self.drawn[made["key"]] = made["drawn"]
                self._changed.notify_all()
        process.wait()
        with self._changed:
            self.finished = True
            self._changed.notify_all()

    def wait_for(self, key: str) -> int | None:
        """Before the build makes fence ``key``: how many figures the helper drew for it, after
        waiting for it if the helper claimed it (None: the build makes it itself)."""
        if self.claims is None or key not in self.planned or claim(self.claims, key):
            return None  # no helper, a fence it was not asked for, or the build came first
        with self._changed:
            self._changed.wait_for(lambda: key in self.drawn or self.finished)
            return self.drawn.get(key)

    def kill(self) -> None:
        """Stop the helper (if still running) and forget its claims."""
        if self.process is not None and self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        if self.claims is not None:
            shutil.rmtree(self.claims, ignore_errors=True)
            self.claims = None
