"""Execute notebooks into the cache, keyed by the notebook *and* the package.

mkdocs-jupyter's own cache keys on the notebook bytes only, so it would keep
showing outputs of an old package. Here a notebook is executed (nbclient, a real
kernel, errors fail) whenever the notebook or the package changed, and the
executed copy is what the site renders (mkdocs-jupyter with ``execute: false``).
"""

from __future__ import annotations

import os
from pathlib import Path

from picturenn.build.cache import Cache
from picturenn.build.failures import CheckFailed

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
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_suffix(".partial")
    nbformat.write(nb, partial)
    partial.replace(target)


def _cell_failure(nb: object, error: Exception) -> str:
    """Name the failing cell (1-based, counting code cells and text cells alike)."""
    cells = getattr(nb, "cells", [])
    for number, cell in enumerate(cells, start=1):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                return f"cell {number} raised {output['ename']}: {output['evalue']}"
    return f"a cell failed: {str(error).strip().splitlines()[-1]}"
