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


class BuildFailed(Exception):
    """Checks failed: the message names every failure (up to ``shown`` of them).

    >>> print(BuildFailed([CheckFailed("a.md", 1, "x"), CheckFailed("b.md", 2, "y")], shown=1))
    2 check(s) failed
    a.md:1: x
    ... and 1 more
    """

    def __init__(self, failures: list[CheckFailed], shown: int = 20) -> None:
        self.failures = list(failures)
        lines = [f"{len(failures)} check(s) failed", *map(str, failures[:shown])]
        if len(failures) > shown:
            lines.append(f"... and {len(failures) - shown} more")
        super().__init__("\n".join(lines))
