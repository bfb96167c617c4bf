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

from tests.build.whole_site import HOSTING_ENV, SOURCE_DATE_EPOCH

ROOT = Path(__file__).resolve().parents[2]
IGNORED = shutil.ignore_patterns("__pycache__", "*.pyc", "*.egg-info")


def make_copy(target: Path) -> Path:
    shutil.copytree(ROOT / "docs", target / "docs", ignore=IGNORED)
    for package in ("picturenn", "picturenn_docs"):
        shutil.copytree(ROOT / "src" / package, target / "src" / package, ignore=IGNORED)
    shutil.copytree(ROOT / "overrides", target / "overrides", ignore=IGNORED)  # theme partials
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def minimal_copy(target: Path, pages: dict[str, str]) -> Path:
    """A project of a page or two: the site's packages, theme, assets, examples and
    mkdocs.yml, with ``pages`` ({path in docs/: Markdown}) as its only pages and nav.

    For a test that changes something the whole site is not needed for: its cold
    build takes a few seconds, not the whole site's.
    """
    make_copy(target)
    docs = target / "docs"
    for page in [*docs.rglob("*.md"), *docs.rglob("*.ipynb")]:
        if page.relative_to(docs).parts[0] != "includes":  # the glossary every page carries
            page.unlink()
    for name, text in pages.items():
        (docs / name).parent.mkdir(parents=True, exist_ok=True)
        (docs / name).write_text(text)
    config = target / "mkdocs.yml"
    head = config.read_text().split("\nnav:\n")[0]
    nav = "".join(f"  - {name}\n" for name in pages)
    config.write_text(f"{head}\nnav:\n{nav}")
    return target


def clone(project: Path, target: Path) -> Path:
    """Another copy of a built copy, cache included (so its next build starts warm)."""
    shutil.copytree(project, target, dirs_exist_ok=True, ignore=IGNORED)
    return target


def cache_dir(root: Path) -> Path:
    """Where a copy's build keeps its cache."""
    return root / ".cache" / "picturenn"


def environment(root: Path, bytecode: bool = False, **extra: str) -> dict[str, str]:
    """Run against the copy; ``bytecode=True`` lets Python write .pyc files as it normally does.

    A local build, as a fresh clone's (no hosting variables, unless ``extra`` sets them), at
    a fixed instant (``SOURCE_DATE_EPOCH``), so that two builds can be compared byte for byte.
    """
    env = {
        **{name: value for name, value in os.environ.items() if name not in HOSTING_ENV},
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        **extra,
        "PICTURENN_CACHE_DIR": str(cache_dir(root)),
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
