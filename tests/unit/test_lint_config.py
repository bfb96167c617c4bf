"""`ruff format .` at the root leaves the pages' output markers and snippet lines alone."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
RUFF = shutil.which("ruff", path=str(Path(sys.executable).parent))


@pytest.mark.skipif(RUFF is None, reason="ruff is installed by make install (the dev extra)")
def test_formatting_the_whole_repository_would_change_nothing():
    # the examples' `#>` lines and the pages' `--8<--` lines are data the build reads
    assert "#> " in (ROOT / "docs" / "examples" / "contributing_train.py").read_text()
    named = ["docs/examples/contributing_train.py", "docs/contributing.md"]
    done = subprocess.run(
        [RUFF, "format", "--diff", ".", *named], cwd=ROOT, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stdout + done.stderr
