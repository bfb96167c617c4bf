"""Execute notebooks into the cache, keyed by the notebook *and* the package, and render them.

mkdocs-jupyter's own cache keys on the notebook bytes only, so it would keep
showing outputs of an old package. Here a notebook is executed (nbclient, a real
kernel, errors fail) whenever the notebook or the package changed. The executed
copy is then turned into page HTML by mkdocs-jupyter's converter, imported only
when that HTML is not cached yet: loading the converter (nbconvert, jupytext)
costs more than a whole warm build of the site.

A cold build runs :func:`main` in a separate process (``python -m
picturenn_docs.notebooks``), so the kernel and the conversion run beside the
rest of the build instead of holding the build's own interpreter.
"""

from __future__ import annotations

import importlib
import json
import os
import re
import subprocess
import sys
import threading
from pathlib import Path

from picturenn_docs.cache import PACKAGE_DIR, Cache
from picturenn_docs.failures import CheckFailed

KIND = "notebooks"
HTML_KIND = "notebook-html"
# mkdocs-jupyter's converter options; the empty MathJax URL keeps its CDN script out
CONVERT_OPTIONS = {
    "execute": False,
    "kernel_name": "",
    "theme": "",
    "allow_errors": False,
    "show_input": True,
    "no_input": False,
    "no_prompt": False,
    "remove_tag_config": {},
    "highlight_extra_classes": "",
    "include_requirejs": False,
    "custom_mathjax_url": "",
}
TOC_DEPTH = 6
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


def rendered(cache: Cache, executed: Path) -> tuple[dict[str, object], bool]:
    """Page HTML, table-of-contents tokens and title of an executed notebook; True if cached.

    The tokens are those mkdocs builds a table of contents from.
    """
    key = cache.key(HTML_KIND, executed.read_bytes(), json.dumps(CONVERT_OPTIONS, sort_keys=True))
    cached = cache.read_text(HTML_KIND, key, ".json")
    if cached is not None:
        return json.loads(cached), True
    import markdown
    from markdown.extensions.toc import TocExtension
    from mkdocs_jupyter import convert  # lazily: heavy, and only a cold build needs it

    content = slim(offline(convert.nb2html(str(executed), **CONVERT_OPTIONS)))
    toc = markdown.Markdown(extensions=[TocExtension(toc_depth=TOC_DEPTH)])
    toc.convert(convert.nb2md(str(executed)))
    tokens = toc.toc_tokens  # type: ignore[attr-defined]
    title = next((t["name"] for t in tokens if t["level"] == 1), None)
    page = {"content": content, "toc_tokens": tokens, "title": title}
    cache.write_text(HTML_KIND, key, json.dumps(page), ".json")
    return page, False


# nbconvert's template loads MathJax (the site renders math with its own KaTeX)
# and, when a notebook has diagrams, mermaid from a CDN: nothing may leave the
# machine, so both blocks go.
_REMOTE_BLOCKS = (
    re.compile(r"<!-- Load mathjax -->.*?<!-- End of mathjax configuration -->", re.DOTALL),
    re.compile(r'<script type="module">(?:(?!</script>).)*?cdnjs\..*?</script>', re.DOTALL),
)


def offline(html: str) -> str:
    """Drop the converter's remote script blocks; fail if any remote script is left.

    >>> offline('<p>x</p><!-- Load mathjax --><script src=""></script>'
    ...         '<!-- End of mathjax configuration -->')
    '<p>x</p>'
    >>> offline('<script src="https://example.org/a.js"></script>')
    Traceback (most recent call last):
    ...
    ValueError: the notebook page would load a remote script: https://example.org/a.js
    """
    for block in _REMOTE_BLOCKS:
        html = block.sub("", html)
    remote = re.search(r"""(?:src=|import\()["'](https?://[^"']+)""", html)
    if remote:
        raise ValueError(f"the notebook page would load a remote script: {remote.group(1)}")
    return html


# mkdocs-jupyter (nbconvert2.py) appends its syntax-highlighting CSS a second
# time, as the repr of a Python list inside <style>: not CSS, and already inlined.
_LIST_REPR_STYLE = re.compile(r"<style>\s*\[(['\"]).*?\1\]\s*</style>", re.DOTALL)
# the page around the notebook, and material's scripts, add classes of their own
# (e.g. md-typeset__scrollwrap around tables) that the notebook's CSS styles
PAGE_CLASS_PREFIXES = ("md-",)


def slim(html: str) -> str:
    r"""Drop every inlined CSS rule that nothing in the notebook's HTML can match.

    nbconvert inlines all of JupyterLab's stylesheet (about 575 KB) into the page.

    >>> slim('<style>.jp-Cell{margin:0}.jp-Dialog{z-index:9}</style><div class="jp-Cell"></div>')
    '<style>.jp-Cell{margin:0}</style><div class="jp-Cell"></div>'
    >>> slim("<p>x</p><style>\n['pre { line-height: 125%; }\\n']\n</style>")
    '<p>x</p>'
    """
    from picturenn_docs.css_purge import purge_styles  # lazily: only a cold build renders

    return purge_styles(_LIST_REPR_STYLE.sub("", html), PAGE_CLASS_PREFIXES)


def start(cache: Cache, notebook: Path, target: Path, shown: str) -> subprocess.Popen[str]:
    """Execute and render ``notebook`` in a separate process; :func:`finish` waits for it."""
    env = {
        **os.environ,
        # the same package as this process, and no .pyc written into a watched src/
        "PYTHONPATH": os.pathsep.join([str(PACKAGE_DIR.parent), os.environ.get("PYTHONPATH", "")]),
        "PYTHONDONTWRITEBYTECODE": "1",
    }
    command = [sys.executable, "-m", "picturenn_docs.notebooks", str(cache.root), cache.salt]
    command += [str(notebook), str(target), shown]
    return subprocess.Popen(
        command, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True
    )


def finish(process: subprocess.Popen[str], shown: str) -> None:
    """Wait for :func:`start`'s process; raise CheckFailed with its one-line reason if it failed."""
    output, _ = process.communicate()
    if process.returncode != 0:
        lines = [line for line in output.strip().splitlines() if line.strip()]
        last = lines[-1] if lines else f"exit status {process.returncode}"
        raise CheckFailed(shown, None, last.removeprefix(f"{shown}: "))


def warm_up(notebook: Path) -> None:
    """Load the converter and convert the notebook as it is, unexecuted, throwing the HTML away.

    The first conversion in a process also compiles nbconvert's templates and
    regular expressions (about half its time): done while the kernel runs the
    cells, that is off the critical path of a cold build.
    """
    from mkdocs_jupyter import convert

    convert.nb2html(str(notebook), **CONVERT_OPTIONS)


def main(argv: list[str]) -> int:
    """Execute one notebook into the cache and render its page HTML there too."""
    root, salt, notebook, target, shown = argv
    failures: list[CheckFailed] = []

    def run() -> None:
        try:
            execute(Path(notebook), Path(target), shown)
        except CheckFailed as failure:
            failures.append(failure)
        except Exception as error:  # reported as one line by finish()
            failures.append(CheckFailed(shown, None, f"{type(error).__name__}: {error}"))

    # the kernel (another process) starts while this one loads the converter; the
    # modules both threads need are imported first, as concurrent imports can clash
    importlib.import_module("nbclient")
    running = threading.Thread(target=run)
    running.start()
    warm_up(Path(notebook))
    running.join()
    if failures:
        print(failures[0])
        return 1
    rendered(Cache(Path(root), salt), Path(target))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
