"""A copy of the project built once per session, for tests that clone it before changing it."""

from __future__ import annotations

from pathlib import Path

import pytest

from .site_copy import build, make_copy


@pytest.fixture(scope="session")
def built_copy(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A project copy built from an empty cache; clone it (site_copy.clone) to change it."""
    root = make_copy(tmp_path_factory.mktemp("built-copy"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    return root
