"""Session fixtures: the project is copied and built once, strictly, from empty caches.

That one cold build serves every test that only reads the site (``built_site``)
and is served on 127.0.0.1 for the browser tests. A test that must change
something clones it (``tests.build.site_copy.clone``: its next build starts
warm) or, when the behaviour does not need the whole site, makes a minimal
project of a page or two (``site_copy.minimal_copy``). Building is itself the
first site test: the fixture fails the session's slow tests with mkdocs' own
output if `mkdocs build --strict` fails.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from tests import shared
from tests.build import site_copy
from tests.build.hosting import make_offline
from tests.build.whole_site import served


@pytest.fixture(scope="session")
def project(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A copy of the project built once from an empty cache; its site is ``built_site``.

    Never build in it: clone it (site_copy.clone) to change anything. Its
    ``first-build.json`` keeps what that cold build counted. One build per
    run, however many xdist workers share it (tests/shared.py).
    """
    return shared.once(tmp_path_factory, "project", _cold_build)


def _cold_build(folder: Path) -> Path:
    root = site_copy.make_copy(folder)
    docs_before = sorted(p.relative_to(root) for p in (root / "docs").rglob("*"))
    result = site_copy.build(root)
    if result.returncode != 0:
        tail = "\n".join((result.stderr + result.stdout).splitlines()[-60:])
        pytest.fail(f"mkdocs build --strict failed ({result.returncode}):\n{tail}", pytrace=False)
    # nothing generated is ever written into docs/
    assert sorted(p.relative_to(root) for p in (root / "docs").rglob("*")) == docs_before
    shutil.copy(site_copy.cache_dir(root) / "last-build.json", root / "first-build.json")
    return root


@pytest.fixture(scope="session")
def built_site(project: Path) -> Path:
    """The site of the session's one cold build (``mkdocs build --strict``)."""
    return project / "site"


@pytest.fixture(scope="session")
def warm_cache(project: Path, tmp_path_factory: pytest.TempPathFactory) -> Callable[[], Path]:
    """A copy of the session build's cache for a build of the real repository (hosted,
    offline): each such build sweeps what it did not use, so it gets a copy of its own."""

    def fresh() -> Path:
        target = tmp_path_factory.mktemp("cache")
        shutil.copytree(site_copy.cache_dir(project), target, dirs_exist_ok=True)
        return target

    return fresh


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (ending in "/") of the built site served over http on a free local port."""
    with served(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def offline_zip(warm_cache: Callable[[], Path], tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The zip `make offline` packs, built once per session from the session's warm cache."""

    def pack(folder: Path) -> Path:
        try:
            return make_offline(folder, warm_cache())
        except RuntimeError as error:
            pytest.fail(str(error), pytrace=False)

    return shared.once(tmp_path_factory, "offline", pack)
