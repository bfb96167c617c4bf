"""Session fixtures: the site is built once, strictly, and served on 127.0.0.1.

Building is itself the foundation's first site test: the fixture fails the
session's slow tests with mkdocs' own output if `mkdocs build --strict` fails.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.build.whole_site import build_site, served


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per session with `mkdocs build --strict`, from empty caches."""
    root = tmp_path_factory.mktemp("built")
    site = root / "site"
    try:
        build_site(site, root / "cache")
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    return site


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (ending in "/") of the built site served over http on a free local port."""
    with served(built_site) as url:
        yield url
