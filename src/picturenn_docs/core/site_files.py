"""Files the build adds to the site after mkdocs has written its own."""

from __future__ import annotations

from pathlib import Path


def write(path: Path, text: str) -> None:
    """Write ``text`` unless the file already holds it (pages share files; serve rebuilds).

    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a" / "b.txt"
    >>> write(path, "x"); write(path, "x"); path.read_text()
    'x'
    """
    if path.is_file() and path.read_text(encoding="utf-8") == text:
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
