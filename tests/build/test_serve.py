"""`mkdocs serve` rebuilds exactly once per edit of a page or of the package, never in a loop."""

from __future__ import annotations

import re
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .site_copy import build, environment, minimal_copy

pytestmark = pytest.mark.slow

BUILT = "picturenn: every example, fence, doctest and notebook checked"
STARTED = "Building documentation..."  # mkdocs serve logs it as each build begins
# A looping server starts its next build within one poll of the watcher after the last one
# wrote (mkdocs polls every 0.5 s, then waits 0.1 s): 3 s is six polls, and the test counts
# builds begun, so a second rebuild shows as soon as it starts, however long it would take
SETTLE_SECONDS = 3


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def builds(log: Path) -> int:
    return log.read_text().count(BUILT)


def started(log: Path) -> int:
    return log.read_text().count(STARTED)


def wait_for(log: Path, count: int, timeout: float = 120) -> None:
    deadline = time.monotonic() + timeout
    while builds(log) < count:
        assert time.monotonic() < deadline, log.read_text()[-3000:]
        time.sleep(0.2)


# a figure (written to the cache, served as a virtual file) and a doctest-style example:
# what a build that loops would write back into the watched folders
PAGES = {
    "index.md": "# Home\n\n```diagram\nwidths: 3 4 1\n```\n\n[The other page](other.md)\n",
    "other.md": "# Other\n\n```pycon\n>>> 6 * 7\n42\n\n```\n",
}


def test_one_rebuild_per_page_edit_and_per_package_edit(tmp_path):
    # the watcher and the plugin are what is tested: a small project keeps each rebuild short
    root = minimal_copy(tmp_path / "project", PAGES)
    assert build(root).returncode == 0  # warm the cache, so serve's builds are quick
    log = tmp_path / "serve.log"
    command = [sys.executable, "-m", "mkdocs", "serve", "--strict"]
    command += ["--dev-addr", f"127.0.0.1:{free_port()}"]
    with log.open("w") as out:
        server = subprocess.Popen(
            # with .pyc writing on, as for a reader: a write into the watched src/ must not loop
            command,
            cwd=root,
            env=environment(root, bytecode=True),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for(log, 1)
        time.sleep(SETTLE_SECONDS)
        assert (started(log), builds(log)) == (1, 1)

        page = root / "docs" / "other.md"
        page.write_text(page.read_text() + "\nOne more sentence.\n")
        wait_for(log, 2)
        time.sleep(SETTLE_SECONDS)
        assert (started(log), builds(log)) == (2, 2)

        module = root / "src" / "picturenn" / "datasets.py"
        module.write_text(module.read_text() + "\n_EDITED = 1  # code the server must pick up\n")
        wait_for(log, 3)
        time.sleep(SETTLE_SECONDS)
        assert (started(log), builds(log)) == (3, 3)
        last = log.read_text().rsplit(BUILT, 1)[1]
        assert int(re.search(r"modules: (\d+) run", last).group(1)) > 0  # the new source ran
    finally:
        server.terminate()
        server.wait(timeout=30)
    assert not list((root / "docs").rglob("*.svg"))
