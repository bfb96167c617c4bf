"""Run the examples of a page and compare what they print with what the page says.

Two conventions, both run in a fresh namespace, as if pasted into a new
interpreter:

* ```` ```pycon ```` blocks are ``>>>`` sessions checked with doctest semantics;
* ```` ```python ```` blocks show what they print as ``#> `` comment lines right
  after the top-level statement that printed it (a loop's output goes after
  the loop), compared exactly.

A line ``--8<-- "examples/NAME.py"`` inside a block is replaced by that file
(as ``pymdownx.snippets`` does for the reader), and errors in it name the file.
"""

from __future__ import annotations

import ast
import bisect
import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from picturenn_docs.core.blocks import Block
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.core.running import Raised, run, run_doctest

if TYPE_CHECKING:  # doctest is imported only to run examples: a warm build runs none
    from picturenn_docs.core.build import Build

PYTHON_LANGS = frozenset({"python", "py", "python3"})
PYCON_LANGS = frozenset({"pycon"})
_OUTPUT = re.compile(r"^\s*#>(?: ?)(?P<text>.*)$")
_SNIPPET = re.compile(r'^\s*--8<--\s+"(?P<spec>[^"]+)"\s*$')
_SHOWN = 12  # lines of expected/got shown in a failure message


@dataclass(frozen=True)
class Source:
    """Lines of code, each with the file and line it came from."""

    lines: tuple[str, ...]
    origins: tuple[tuple[str, int], ...]

    @property
    def text(self) -> str:
        return "\n".join(self.lines) + "\n"

    def fail(self, index: int, message: str) -> CheckFailed:
        """A failure at 0-based line ``index`` of this source (clamped to its last line)."""
        path, line = self.origins[min(max(index, 0), len(self.origins) - 1)]
        return CheckFailed(path, line, message)


def expand_snippets(
    lines: Sequence[str], path: str, first_line: int, docs_dir: Path, shown_dir: str = "docs"
) -> Source:
    """Resolve ``--8<-- "file"`` lines (``file:start:end`` too) the way the reader sees them.

    >>> src = expand_snippets(["x = 1", "print(x)"], "docs/a.md", 10, Path("docs"))
    >>> src.origins
    (('docs/a.md', 10), ('docs/a.md', 11))
    """
    out: list[str] = []
    origins: list[tuple[str, int]] = []
    for offset, line in enumerate(lines):
        match = _SNIPPET.match(line)
        if match is None:
            out.append(line)
            origins.append((path, first_line + offset))
            continue
        name, _, span = match["spec"].partition(":")
        file = docs_dir / name
        if not file.is_file():
            raise CheckFailed(path, first_line + offset, f"snippet file not found: {file}")
        included = file.read_text(encoding="utf-8").splitlines()
        start, end = _span(span, len(included), path, first_line + offset)
        for number in range(start, end + 1):
            out.append(included[number - 1])
            origins.append((f"{shown_dir}/{name}", number))
    return Source(tuple(out), tuple(origins))


def _span(span: str, length: int, path: str, line: int) -> tuple[int, int]:
    if not span:
        return 1, length
    try:
        parts = [int(p) if p else None for p in span.split(":")]
    except ValueError:
        raise CheckFailed(
            path, line, f"snippet range {span!r} is not start:end line numbers"
        ) from None
    start = parts[0] or 1
    end = parts[1] if len(parts) > 1 and parts[1] else length
    return max(start, 1), min(end, length)


def source_of_file(file: Path, shown: str) -> Source:
    """A whole example file as a Source whose errors name ``shown``."""
    lines = tuple(file.read_text(encoding="utf-8").splitlines())
    return Source(lines, tuple((shown, n) for n in range(1, len(lines) + 1)))


def check_python(source: Source) -> None:
    """Run a python block; its ``#>`` lines must equal what it prints.

    >>> check_python(Source(("print(6 * 7)", "#> 42"), (("p.md", 1), ("p.md", 2))))
    >>> check_python(Source(("print(6 * 7)", "#> 41"), (("p.md", 1), ("p.md", 2))))
    Traceback (most recent call last):
    ...
    picturenn_docs.core.failures.CheckFailed: p.md:2: printed output differs
      expected:
        #> 41
      got:
        #> 42
    """
    try:
        tree = ast.parse(source.text)
    except SyntaxError as error:
        raise source.fail((error.lineno or 1) - 1, f"syntax error: {error.msg}") from None
    starts = [_first_line(statement) for statement in tree.body]
    expected = _expected_output(source, starts)
    filename = f"<example {source.origins[0][0]}:{source.origins[0][1]}>"
    try:
        ran = run(source.text, filename, split=True)
    except Raised as failure:  # any exception in an example fails the build
        raise source.fail((failure.line or 1) - 1, f"raised {failure}") from None
    printed = dict(enumerate(ran.printed))
    for index in sorted(set(expected) | {i for i, text in printed.items() if text}):
        want = [text for _, text in expected.get(index, [])]
        got = printed.get(index, "").splitlines()
        if want != got:
            raise _differs(source, tree.body[index], expected.get(index, []), want, got)


def _first_line(statement: ast.stmt) -> int:
    decorators = getattr(statement, "decorator_list", [])
    return min([statement.lineno] + [d.lineno for d in decorators])


def _expected_output(source: Source, starts: list[int]) -> dict[int, list[tuple[int, str]]]:
    """``#>`` lines grouped by the top-level statement they follow: {stmt: [(index, text)]}."""
    expected: dict[int, list[tuple[int, str]]] = {}
    for index, line in enumerate(source.lines):
        match = _OUTPUT.match(line)
        if match is None:
            continue
        statement = bisect.bisect_right(starts, index + 1) - 1
        if statement < 0:
            raise source.fail(index, "a '#>' output line comes before any statement")
        expected.setdefault(statement, []).append((index, match["text"]))
    return expected


def _differs(
    source: Source,
    statement: ast.stmt,
    shown: list[tuple[int, str]],
    want: list[str],
    got: list[str],
) -> CheckFailed:
    first = next((k for k, (w, g) in enumerate(zip(want, got, strict=False)) if w != g), None)
    if first is None:
        first = min(len(want), len(got))
    if first < len(shown):
        index = shown[first][0]
    else:  # the missing line would go after the last shown one (or after the statement)
        index = (shown[-1][0] if shown else (statement.end_lineno or statement.lineno) - 1) + 1
    message = f"printed output differs\n  expected:\n{_quote(want)}\n  got:\n{_quote(got)}"
    return source.fail(index, message)


def _quote(lines: list[str]) -> str:
    if not lines:
        return "    (nothing)"
    more = [f"    ... {len(lines) - _SHOWN} more lines"] if len(lines) > _SHOWN else []
    return "\n".join([f"    #> {line}".rstrip() for line in lines[:_SHOWN]] + more)


def check_pycon(source: Source) -> int:
    """Run a ``>>>`` session with doctest semantics; return how many examples it has.

    >>> check_pycon(Source((">>> 6 * 7", "42"), (("p.md", 5), ("p.md", 6))))
    1
    >>> check_pycon(Source((">>> 6 * 7", "41"), (("p.md", 5), ("p.md", 6))))
    Traceback (most recent call last):
    ...
    picturenn_docs.core.failures.CheckFailed: p.md:6: example printed something else
      expected:
        41
      got:
        42
    """
    import doctest

    name = f"{source.origins[0][0]}:{source.origins[0][1]}"
    try:
        test = doctest.DocTestParser().get_doctest(
            source.text, {"__name__": "__main__"}, name, source.origins[0][0], 0
        )
    except ValueError as error:
        raise source.fail(0, f"not a valid >>> session: {error}") from None
    return run_doctest(test, lambda index: source.origins[min(index, len(source.origins) - 1)])


class Examples:
    """The examples engine of one build: python and pycon blocks, and the example files.

    A block that passed is remembered by its text (its snippets included), so
    a rebuild runs only what changed.
    """

    KIND = "examples"

    def __init__(self, build: Build) -> None:
        self.build = build
        self.cache = build.cache_for(__name__)
        self.summary = build.summary

    def check_files(self, folder: Path) -> None:
        """Run every ``*.py`` file under ``folder`` like a python block (``#>`` lines checked)."""
        with self.summary.timed(self.KIND):
            for file in sorted(folder.rglob("*.py")) if folder.is_dir() else []:
                self._check("python", source_of_file(file, self.build.shown(file)))

    def check_block(self, block: Block, shown: str) -> None:
        """Run one block of the page ``shown``; a failure is added to the build's."""
        with self.summary.timed(self.KIND):
            try:
                source = expand_snippets(
                    block.body,
                    shown,
                    block.first_body_line,
                    self.build.docs_dir,
                    self.build.shown_docs,
                )
            except CheckFailed as failure:
                self.build.failures.append(failure)
                return
            self._check(block.lang, source)

    def _check(self, lang: str, source: Source) -> None:
        key = self.cache.key(self.KIND, lang, source.text)
        if self.cache.read_text(self.KIND, key) is not None:
            self.summary.count(self.KIND, "cached")
            return
        self.summary.count(self.KIND, "run")
        try:
            check_pycon(source) if lang in PYCON_LANGS else check_python(source)
        except CheckFailed as failure:
            self.build.failures.append(failure)
            return
        self.summary.count(self.KIND, "passed")
        self.cache.write_text(self.KIND, key, "passed")
