"""Show the package's bare ``>>>`` docstring examples as pycon code in the API reference.

The docstrings keep plain doctest runs (pytest checks them with
--doctest-modules); Markdown would read their ``>`` as quotes, so this griffe
extension wraps each run in a ```` ```pycon ```` fence before rendering. A
``# doctest:`` directive is for the test runner, not the reader: it is left
out of what the page shows (and so of what its copy button copies).
"""

from __future__ import annotations

import re
from typing import Any

import griffe

_DIRECTIVE = re.compile(r"\s*#\s*doctest:.*$")


def fence_doctests(text: str) -> str:
    """Wrap every doctest run (from a ``>>>`` line to the next blank line) in a fence."""
    out: list[str] = []
    inside = False
    fence = ""
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped.startswith("```"):
            fence = "" if fence else stripped[:3]  # leave hand-written fences alone
        if not fence and not inside and stripped.startswith(">>>"):
            indent = line[: len(line) - len(stripped)]
            out.append(f"{indent}```pycon")
            inside = True
        elif inside and not stripped:
            out.append(f"{indent}```")
            inside = False
        if inside and stripped.startswith((">>>", "...")):
            line = _DIRECTIVE.sub("", line)
        out.append(line)
    if inside:
        out.append(f"{indent}```")
    return "\n".join(out)


class FenceDoctests(griffe.Extension):
    """Rewrite each docstring once, as griffe loads it."""

    def on_object(self, *, obj: griffe.Object, **kwargs: Any) -> None:
        if obj.docstring is not None:
            obj.docstring.value = fence_doctests(obj.docstring.value)

    def on_package(self, *, pkg: griffe.Module, **kwargs: Any) -> None:
        # The top-level package is finished after on_object fires; fencing is idempotent.
        self.on_object(obj=pkg)
