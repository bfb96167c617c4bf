"""Execute notebook pages into the cache, keyed by the notebook *and* the library; tidy their HTML.

mkdocs-jupyter renders the notebook pages, through its plugin options in
mkdocs.yml (``execute: false``, ``include_source: true``, ``no_prompt: true``).
Its own execution would key on the notebook's bytes only, and keep showing the
outputs of an old library. Here a notebook is executed (nbclient, a real
kernel, a cell error fails the build) whenever the notebook or the library
changed, in a separate process started before anything else; the plugin then
points the notebook's file at the executed copy, which mkdocs-jupyter converts
(its cache keyed on those bytes) and copies beside the page for download.

:func:`tidy` then trims the converted page: the JupyterLab stylesheet nbconvert
inlines (about 575 KB) and every remote or inert script go, ``notebook.css`` (a
few rules) comes in, and a visible link to the ``.ipynb`` is added, which
:meth:`Notebooks.check_site` checks in the built site.
"""

from __future__ import annotations

import os
import posixpath
import re
import subprocess
import sys
import time
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING

from picturenn_docs.core.cache import Cache
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.core.processes import start_module

if TYPE_CHECKING:
    from picturenn_docs.core.build import Build

KIND = "notebooks"
TIMEOUT_SECONDS = 300


def executed_path(cache: Cache, notebook: Path, src_uri: str) -> tuple[Path, bool]:
    """Where the executed copy of ``notebook`` lives, and whether it is already there.

    The copy keeps ``src_uri`` as its path tail, so tools matching on it still match.
    """
    key = cache.key(KIND, src_uri, notebook.read_bytes())
    folder = cache.path(KIND, key, suffix="")
    target = folder / src_uri
    return target, target.is_file()


def execute(notebook: Path, target: Path, shown: str, kernel_name: str = "python3") -> None:
    """Run every cell of ``notebook`` in a fresh kernel and write the result to ``target``.

    A cell that raises fails with the notebook, the cell number and the error.
    The kernel starts in the notebook's folder, as a reader's would.
    """
    import nbformat  # lazily: only a cold build executes notebooks
    from nbclient import NotebookClient
    from nbclient.exceptions import CellExecutionError

    nb = nbformat.read(notebook, as_version=4)
    client = NotebookClient(
        nb,
        timeout=TIMEOUT_SECONDS,
        kernel_name=kernel_name,
        allow_errors=False,
        record_timing=False,  # keeps the executed bytes stable for the same outputs
        extra_arguments=["--IPKernelApp.log_level=ERROR"],  # no TCP-encryption notice per build
        resources={"metadata": {"path": str(notebook.parent)}},
    )
    # no .pyc from the kernel: under `mkdocs serve` a write into the watched src/ means a rebuild
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    try:
        client.execute(env=env)
    except CellExecutionError as error:
        raise CheckFailed(shown, None, _cell_failure(nb, error)) from None
    _join_streams(nb)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    nbformat.write(nb, partial)
    partial.replace(target)


def _join_streams(nb: object) -> None:
    """Join a cell's consecutive stdout (or stderr) outputs into one.

    How a kernel splits what a cell prints into messages depends on timing (a
    busy machine flushes mid-line), so two runs of the same cell could give
    different outputs; joined, the executed notebook is the same every time.
    """
    for cell in getattr(nb, "cells", []):
        joined: list = []
        for output in cell.get("outputs", []):
            last = joined[-1] if joined else None
            if (
                output.get("output_type") == "stream"
                and last is not None
                and last.get("output_type") == "stream"
                and last.get("name") == output.get("name")
            ):
                last["text"] += output["text"]
            else:
                joined.append(output)
        if "outputs" in cell:
            cell["outputs"] = joined


def _cell_failure(nb: object, error: Exception) -> str:
    """Name the failing cell (1-based, counting code cells and text cells alike)."""
    cells = getattr(nb, "cells", [])
    for number, cell in enumerate(cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"cell {number} raised {output['ename']}: {output['evalue']}"
    return f"a cell failed: {str(error).strip().splitlines()[-1]}"


STYLESHEET = Path(__file__).with_name("notebook.css")
_WRAPPER = re.compile(r'<div class="jupyter-wrapper"')
# the converter's own inline scripts (the copy buttons' custom element) have no attributes;
# MathJax's (a src and a config), mermaid's (a module from a CDN) all have some
_PLAIN_SCRIPT = re.compile(r"<script>.*?</script>", re.DOTALL)
_REMOTE = re.compile(r"""(?:\bsrc=|\bimport\(|\bfrom\s)\s*["'](https?://[^"']+)""")


def download_name(src_uri: str) -> str:
    """The file name a notebook page's download link points at (beside the page).

    >>> download_name("notebooks/picture-your-network.ipynb")
    'picture-your-network.ipynb'
    """
    return PurePosixPath(src_uri).name


def tidy(html: str, download: str) -> str:
    """A converted notebook without inlined stylesheets or remote scripts, with a download link.

    Everything around the notebook's ``jupyter-wrapper`` div is the converter's:
    of that only its plain inline scripts are kept. The link goes under the
    page's first heading.

    >>> page = ('<style>.jp-X{}</style><script src="https://cdn.example/m.js"></script>'
    ...         '<script>copy()</script><div class="jupyter-wrapper"><h1 id="t">T</h1>'
    ...         '<p>x</p></div><style>["pre {}"]</style>')
    >>> print(tidy(page, "t.ipynb").replace(STYLESHEET.read_text(), "CSS"))
    <style>CSS</style>
    <script>copy()</script><div class="jupyter-wrapper"><h1 id="t">T</h1>
    <p class="pnn-download"><a href="t.ipynb" download>Download this notebook (t.ipynb)</a></p>
    <p>x</p></div>
    >>> tidy('<div class="jupyter-wrapper"><img src="http://example.org/a.png"></div>', "t.ipynb")
    Traceback (most recent call last):
    ...
    ValueError: the notebook page would load http://example.org/a.png
    """
    start = _WRAPPER.search(html)
    if start is None:
        raise ValueError("the converted notebook has no jupyter-wrapper div")
    end = html.rindex("</div>") + len("</div>")
    head, body = html[: start.start()], html[start.start() : end]
    scripts = [s for s in _PLAIN_SCRIPT.findall(head) if "://" not in s]
    link = (
        f'\n<p class="pnn-download"><a href="{download}" download>'
        f"Download this notebook ({download})</a></p>\n"
    )
    heading = body.find("</h1>")
    at = heading + len("</h1>") if heading >= 0 else body.index(">") + 1
    body = body[:at] + link + body[at:]
    tidied = f"<style>{STYLESHEET.read_text(encoding='utf-8')}</style>\n" + "".join(scripts) + body
    remote = _REMOTE.search(tidied)
    if remote:
        raise ValueError(f"the notebook page would load {remote.group(1)}")
    return tidied


def start(notebook: Path, target: Path, shown: str) -> subprocess.Popen[str]:
    """Execute ``notebook`` in a separate process; :func:`finish` waits for it."""
    return start_module(
        "picturenn_docs.engines.notebooks",
        str(notebook),
        str(target),
        shown,
        stderr=subprocess.STDOUT,
    )


def finish(process: subprocess.Popen[str], shown: str) -> None:
    """Wait for :func:`start`'s process; raise CheckFailed with its one-line reason if it failed."""
    output, _ = process.communicate()
    if process.returncode != 0:
        lines = [line for line in output.strip().splitlines() if line.strip()]
        last = lines[-1] if lines else f"exit status {process.returncode}"
        raise CheckFailed(shown, None, last.removeprefix(f"{shown}: "))


def main(argv: list[str]) -> int:
    """Execute one notebook into the cache (a separate process: see :func:`start`)."""
    notebook, target, shown = argv
    try:
        execute(Path(notebook), Path(target), shown)
    except CheckFailed as failure:
        print(failure)
        return 1
    except Exception as error:  # reported as one line by finish()
        print(CheckFailed(shown, None, f"{type(error).__name__}: {error}"))
        return 1
    return 0


class Notebooks:
    """The notebooks engine of one build: execute every notebook page in the background.

    A cold build spends longest waiting on notebooks, so they start before
    anything else (:meth:`start_early`); :meth:`wait` collects one when its
    page is needed, and a failure fails the build naming the cell.
    """

    KINDS = (KIND,)

    def __init__(self, build: Build, patterns: tuple[str, ...]) -> None:
        self.build = build
        self.cache = build.cache_for(__name__)
        self.summary = build.summary
        self.patterns = patterns
        self.executed: dict[str, Path] = {}  # page src_uri -> executed copy
        self.downloads: dict[str, str] = {}  # page src_uri -> the .ipynb its link names
        self.running: dict[str, tuple[subprocess.Popen[str], str, float]] = {}

    def is_page(self, src_uri: str) -> bool:
        """Whether ``src_uri`` is a notebook page (mkdocs skips hidden files)."""
        parts = PurePosixPath(src_uri).parts
        if any(part.startswith(".") for part in parts):
            return False
        return any(PurePosixPath(src_uri).match(p) for p in self.patterns)

    def start_early(self, docs_dir: Path) -> None:
        for path in sorted(docs_dir.rglob("*.ipynb")):
            src_uri = path.relative_to(docs_dir).as_posix()
            if self.is_page(src_uri):
                self.executed_copy(path, src_uri)

    def executed_copy(self, source: Path, src_uri: str) -> Path:
        """The executed copy of a notebook, started in the background if it is missing."""
        target = self.executed.get(src_uri)
        if target is None:
            target, cached = executed_path(self.cache, source, src_uri)
            if cached:
                self.summary.count(KIND, "cached")
            else:
                shown = self.build.shown(source)
                process = start(source, target, shown)
                self.running[src_uri] = (process, shown, time.perf_counter())
            self.executed[src_uri] = target
        return target

    def keep_only(self, pages: set[str]) -> None:
        """Forget notebooks started early that are not pages after all."""
        for src_uri in set(self.executed) - pages:
            self.executed.pop(src_uri)
            running = self.running.pop(src_uri, None)
            if running is not None:
                running[0].kill()
                running[0].wait()

    def wait(self, src_uri: str) -> None:
        """Wait for one notebook's run, if it is running; its failure joins the build's."""
        running = self.running.pop(src_uri, None)
        if running is None:
            return
        process, shown, started = running
        try:
            finish(process, shown)
        except CheckFailed as failure:
            self.build.failures.append(failure)
            return
        self.summary.count(KIND, "executed")
        self.summary.seconds[KIND] += time.perf_counter() - started

    def wait_all(self) -> None:
        for src_uri in list(self.running):
            self.wait(src_uri)

    def ready(self, src_uri: str) -> None:
        """Wait until the notebook page's executed copy exists; fail now if its run failed."""
        before = len(self.build.failures)
        self.wait(src_uri)
        if len(self.build.failures) > before:  # no page to show: fail now, naming the cell
            self.build.raise_failures()

    def page_html(self, html: str, src_uri: str, dest_uri: str) -> str:
        """The converted page, tidied; remember where its download link must resolve."""
        name = download_name(src_uri)
        self.downloads[src_uri] = posixpath.join(posixpath.dirname(dest_uri), name)
        try:
            return tidy(html, name)
        except ValueError as error:
            self.build.failures.append(
                CheckFailed(self.build.page(src_uri).shown, None, str(error))
            )
            return html

    def check_site(self, site_dir: Path) -> None:
        """Every notebook page's download link resolves to the .ipynb in the built site."""
        for src_uri, target in sorted(self.downloads.items()):
            if not (site_dir / target).is_file():
                message = (
                    f"the page's download link points at {target}, which the built site "
                    "lacks (mkdocs-jupyter copies it there with include_source: true)"
                )
                self.build.failures.append(
                    CheckFailed(self.build.page(src_uri).shown, None, message)
                )

    def kill(self) -> None:
        """Stop the runs this build started."""
        for process, _, _ in self.running.values():
            process.kill()
            process.wait()
        self.running.clear()


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
