"""The library's declared minimum versions, read from pyproject.toml: `make test-floors`
installs exactly these (``numpy==1.26.0 matplotlib==3.10.0``) to prove the floors true."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path

PYPROJECT = Path(__file__).resolve().parents[1] / "pyproject.toml"


def floors(pyproject: Path = PYPROJECT) -> list[str]:
    """``name==minimum`` for every runtime dependency of the library.

    >>> floors()
    ['numpy==1.26.0', 'matplotlib==3.10.0']
    """
    dependencies = tomllib.loads(pyproject.read_text())["project"]["dependencies"]
    pinned = []
    for requirement in dependencies:
        match = re.fullmatch(r"([A-Za-z0-9_.-]+)>=([0-9.]+)", requirement.replace(" ", ""))
        if match is None:
            raise ValueError(f"{requirement!r}: declare a floor as name>=version")
        name, version = match.groups()
        pinned.append(f"{name}=={version}.0" if version.count(".") == 1 else f"{name}=={version}")
    return pinned


if __name__ == "__main__":
    print(" ".join(floors()))
