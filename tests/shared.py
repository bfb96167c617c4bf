"""What the session makes once, even when the suite runs on several cores.

`make test` runs pytest-xdist: each worker is a process with its own session
fixtures. A fixture that builds the project (or the offline copy) would then
build once per worker. ``once`` makes the first worker that asks build it
into a folder all workers share, under a file lock; the others wait for it
and reuse the result, or report the same failure. Without xdist it simply
builds into the session's own temporary folder.

`make test` also hands out whole test files (``--dist loadfile``), so that the
tests sharing a file's fixtures (the page visits of tests/browser/test_pages_*.py,
a module's built copy) run on one worker and make them once. (pytest-xdist
3.8's ``loadgroup`` would spread them by ``xdist_group`` marks, but it names
its groups through a node attribute pytest 9 no longer reads, so it groups
nothing.)
"""

from __future__ import annotations

import fcntl
import os
from collections.abc import Callable
from pathlib import Path

import pytest

_FAILED = "failed.txt"
_MADE = "made.txt"


def once(factory: pytest.TempPathFactory, name: str, make: Callable[[Path], Path]) -> Path:
    """``make(folder)`` once per test run; the path it returned, for every worker."""
    if os.environ.get("PYTEST_XDIST_WORKER") is None:
        return make(factory.mktemp(name))
    shared = factory.getbasetemp().parent / f"shared-{name}"  # the run's, above each worker's
    shared.mkdir(exist_ok=True)
    with (shared / "lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # released when the file closes
        if (shared / _FAILED).is_file():
            pytest.fail((shared / _FAILED).read_text(), pytrace=False)
        if not (shared / _MADE).is_file():
            (shared / "made").mkdir(exist_ok=True)  # a worker that failed before left it
            try:
                made = make(shared / "made")
            except pytest.fail.Exception as failure:
                (shared / _FAILED).write_text(str(failure.msg))
                raise
            except Exception as error:
                (shared / _FAILED).write_text(f"{name} could not be made: {error}")
                raise
            (shared / _MADE).write_text(str(made))
        return Path((shared / _MADE).read_text())
