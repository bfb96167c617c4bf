"""A throwaway copy of the project (docs, mkdocs.yml, both packages' source) to build and break.

The copy's ``src`` goes first on ``PYTHONPATH``, so the plugin, the library and
the notebook kernel all run the copied source: a test can edit either package
without touching the real one. Each copy has its own cache and site folders.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")


def make_copy(target: Path) -> Path:
    shutil.copytree(ROOT / "docs", target / "docs", ignore=IGNORED)
    for package in ("picturenn", "picturenn_docs"):
        shutil.copytree(ROOT / "src" / package, target / "src" / package, ignore=IGNORED)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def clone(project: Path, target: Path) -> Path:
    """Another copy of a built copy, cache included (so its next build starts warm)."""
    shutil.copytree(project, target, dirs_exist_ok=True, ignore=IGNORED)
    return target


def environment(root: Path, bytecode: bool = False, **extra: str) -> dict[str, str]:
    """Run against the copy; ``bytecode=True`` lets Python write .pyc files as it normally does."""
    env = {
        **os.environ,
        **extra,
        "PICTURENN_CACHE_DIR": str(root / ".cache" / "picturenn"),
        "PYTHONPATH": str(root / "src"),
        "PYTHONDONTWRITEBYTECODE": "1",
        "NO_MKDOCS_2_WARNING": "1",
    }
    if bytecode:
        del env["PYTHONDONTWRITEBYTECODE"]
    return env


def build(root: Path, **env: str) -> subprocess.CompletedProcess[str]:
    """Build the copy strictly into its site/ (``env``: extra environment variables)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", "site"]
    return subprocess.run(
        command, cwd=root, env=environment(root, **env), capture_output=True, text=True, timeout=600
    )


def summary(root: Path) -> dict[str, dict[str, int]]:
    """The counters of the last successful build of this copy."""
    data = json.loads((root / ".cache" / "picturenn" / "last-build.json").read_text())
    return data["counts"]


def line_of(path: Path, text: str) -> int:
    """1-based line of the first line of ``path`` that equals ``text`` once stripped."""
    for number, line in enumerate(path.read_text().splitlines(), start=1):
        if line.strip() == text:
            return number
    raise AssertionError(f"{text!r} not in {path}")
