"""The one exception every build check raises: it names the file and the line."""

from __future__ import annotations


class CheckFailed(Exception):
    """A check of the docs or the package failed at ``path:line``.

    >>> print(CheckFailed("docs/index.md", 12, "expected 1, got 2"))
    docs/index.md:12: expected 1, got 2
    >>> print(CheckFailed("docs/notebooks/a.ipynb", None, "cell 3 raised"))
    docs/notebooks/a.ipynb: cell 3 raised
    """

    def __init__(self, path: str, line: int | None, message: str) -> None:
        self.path = path
        self.line = line
        self.message = message
        super().__init__(str(self))

    def __str__(self) -> str:
        where = self.path if self.line is None else f"{self.path}:{self.line}"
        return f"{where}: {self.message}"
