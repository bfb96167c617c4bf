"""Run every doctest of the library in this process, one module at a time.

Only the library's (``src/picturenn``): the docs build's own doctests run under
pytest, not in every docs build.
"""

from __future__ import annotations

import importlib
import importlib.util
from pathlib import Path
from typing import TYPE_CHECKING

from picturenn_docs.core.cache import PACKAGE_DIR
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.core.running import run_doctest

if TYPE_CHECKING:
    from picturenn_docs.core.build import Build

# `python -m picturenn` runs the CLI when imported, so (like pytest) skip it
SKIPPED = frozenset({"__main__.py"})


def package_modules(package_dir: Path) -> list[tuple[str, Path]]:
    """(dotted name, file) of every module of the package, in a fixed order.

    >>> from picturenn_docs.core.cache import PACKAGE_DIR
    >>> ("picturenn.network", PACKAGE_DIR / "network.py") in package_modules(PACKAGE_DIR)
    True
    """
    root = package_dir.parent
    modules = []
    for path in sorted(package_dir.rglob("*.py")):
        if path.name in SKIPPED:
            continue
        parts = path.relative_to(root).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        modules.append((".".join(parts), path))
    return modules


def check_module(name: str, shown: str) -> int:
    """Run the doctests of module ``name``; return how many examples passed.

    Failures raise :class:`CheckFailed` at ``shown:line`` of the failing example.
    """
    try:
        module = importlib.import_module(name)
    except Exception as error:  # an unimportable module fails the check, loudly
        raise CheckFailed(
            shown, None, f"cannot import {name}: {type(error).__name__}: {error}"
        ) from None
    return check_doctests_of(module, shown)


def check_doctests_of(module: object, shown: str) -> int:
    """Run the doctests found in a module object (the finder skips imported objects)."""
    import doctest  # lazily: a warm build lists the modules but runs none

    passed = 0
    for test in doctest.DocTestFinder().find(module):
        if not test.examples:
            continue
        start = test.lineno or 0
        passed += run_doctest(test, lambda index, s=start: (shown, s + index + 1))
    return passed


def check_file(path: Path, shown: str) -> int:
    """Run the doctests of a module file that need not be importable by name (tests use this)."""
    spec = importlib.util.spec_from_file_location(path.stem, path)
    if spec is None or spec.loader is None:
        raise CheckFailed(shown, None, "not a Python module")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return check_doctests_of(module, shown)


class Doctests:
    """The doctests engine of one build: each library module's doctests, cached by module."""

    KIND = "doctests"

    def __init__(self, build: Build) -> None:
        self.build = build
        self.cache = build.cache_for(__name__)
        self.summary = build.summary

    def check_library(self, package_dir: Path = PACKAGE_DIR) -> None:
        """Run the doctests of every library module whose cache entry is missing."""
        with self.summary.timed(self.KIND):
            for name, path in package_modules(package_dir):
                key = self.cache.key(self.KIND, name)
                if self.cache.read_text(self.KIND, key) is not None:
                    self.summary.count(self.KIND, "cached")
                    continue
                self.summary.count(self.KIND, "run")
                try:
                    passed = check_module(name, self.build.shown(path))
                except CheckFailed as failure:
                    self.build.failures.append(failure)
                    continue
                self.summary.count(self.KIND, "passed", passed)
                self.cache.write_text(self.KIND, key, str(passed))
