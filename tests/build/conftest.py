"""The build tests share the session's one cold build (tests/conftest.py)."""

from __future__ import annotations

from pathlib import Path

import pytest


@pytest.fixture(scope="session")
def built_copy(project: Path) -> Path:
    """The session's built project; clone it (site_copy.clone) to change it."""
    return project
