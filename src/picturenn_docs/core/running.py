"""Run source the way a reader would paste it, and say which line failed.

The one place the docs build executes code it reads from pages and files
(python blocks, ``generated`` fences, a fence's ``source:`` file, the code view
of a ``network`` fence): a fresh ``__main__`` namespace, printed output
captured, numpy's print options put back afterwards, and any exception turned
into :class:`Raised`, which carries the 1-based line of the source that raised.
Doctests (the library's, and a page's ``pycon`` blocks) run here too
(:func:`run_doctest`), stopping at their first failure.
"""

from __future__ import annotations

import ast
import builtins
import contextlib
import functools
import io
import sys
import traceback
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from picturenn_docs.core.failures import CheckFailed

if TYPE_CHECKING:
    import doctest


class Raised(Exception):
    """Running the source raised ``error`` at 1-based ``line`` (None: not in the source).

    >>> print(Raised(ZeroDivisionError("division by zero"), 2))
    ZeroDivisionError: division by zero
    """

    def __init__(self, error: BaseException, line: int | None) -> None:
        self.error = error
        self.line = line
        super().__init__(f"{type(error).__name__}: {error}")


@dataclass(frozen=True)
class Ran:
    """What a run printed (one string per top-level statement when split) and left defined."""

    printed: tuple[str, ...]
    namespace: dict[str, object]

    @property
    def output(self) -> str:
        return "".join(self.printed)


def run(source: str, filename: str, *, split: bool = False) -> Ran:
    """Run ``source`` in a fresh namespace; ``split`` keeps each top-level statement's output apart.

    Split runs execute the statements one at a time in the same namespace, so
    what a loop or a later call prints is filed under the statement that ran.

    >>> run("x = 6 * 7\\nprint(x)\\nfor i in (1, 2):\\n    print(i)", "<p>", split=True).printed
    ('', '42\\n', '1\\n2\\n')
    >>> run("print(1)\\n1 / 0", "<p>")
    Traceback (most recent call last):
    ...
    picturenn_docs.core.running.Raised: ZeroDivisionError: division by zero
    >>> try:
    ...     run("print(1)\\n1 / 0", "<p>")
    ... except Raised as failure:
    ...     print(failure.line)
    2
    """
    try:
        tree = ast.parse(source, filename)
    except SyntaxError as error:
        raise Raised(error, error.lineno) from None
    parts = [ast.Module([statement], []) for statement in tree.body] if split else [tree]
    namespace: dict[str, object] = {"__name__": "__main__", "__builtins__": builtins}
    printed = []
    with fresh_state():
        for part in parts:
            buffer = io.StringIO()
            try:
                code = compile(part, filename, "exec")
                with contextlib.redirect_stdout(buffer):
                    exec(code, namespace)
            except Exception as error:  # anything a reader's paste could raise
                raise Raised(error, failing_line(error, filename)) from None
            printed.append(buffer.getvalue())
    return Ran(tuple(printed), namespace)


def failing_line(error: BaseException, filename: str) -> int | None:
    """The 1-based line of ``filename`` where ``error`` was raised (its innermost frame there).

    >>> try:
    ...     exec(compile("x = 1\\ny = x / 0", "<demo>", "exec"), {})
    ... except ZeroDivisionError as error:
    ...     print(failing_line(error, "<demo>"))
    2
    """
    frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename == filename]
    if frames:
        return frames[-1].lineno
    if isinstance(error, SyntaxError) and error.filename == filename:
        return error.lineno
    return None


@contextlib.contextmanager
def fresh_state() -> Iterator[None]:
    """Undo global state a run may set (numpy print options), so runs stay independent.

    Doctests run by doctest's own runner use it too.
    """
    numpy = sys.modules.get("numpy")
    options = numpy.get_printoptions() if numpy else None
    try:
        yield
    finally:
        if numpy and options is not None:
            numpy.set_printoptions(**options)


def run_doctest(test: doctest.DocTest, locate: Callable[[int], tuple[str, int]]) -> int:
    """Run one DocTest; raise CheckFailed at its first failure.

    ``locate`` turns a 0-based line of the test's text into (file, line). A
    wrong output is reported at its first expected line, an exception at the
    ``>>>`` line that raised it.
    """
    import doctest

    runner = _first_failure_runner()(optionflags=doctest.ELLIPSIS)
    with fresh_state():
        runner.run(test, out=lambda _text: None, clear_globs=True)
    if runner.failure is not None:
        index, message = runner.failure
        raise CheckFailed(*locate(index), message)
    return len(test.examples)


@functools.cache
def _first_failure_runner() -> type[doctest.DocTestRunner]:
    import doctest

    class FirstFailure(doctest.DocTestRunner):
        """Keeps the first failure instead of printing a report."""

        failure: tuple[int, str] | None = None  # (0-based line in the test's text, message)

        def report_failure(self, out, test, example, got):  # type: ignore[no-untyped-def]
            if self.failure is None:
                want, got = _indent(example.want), _indent(got)
                message = f"example printed something else\n  expected:\n{want}\n  got:\n{got}"
                self.failure = (example.lineno + example.source.count("\n"), message)

        def report_unexpected_exception(self, out, test, example, exc_info):  # type: ignore[no-untyped-def]
            if self.failure is None:
                error = exc_info[1]
                self.failure = (example.lineno, f"raised {type(error).__name__}: {error}")

    return FirstFailure


def _indent(text: str) -> str:
    lines = text.rstrip("\n").splitlines() or ["(nothing)"]
    return "\n".join(f"    {line}" for line in lines)
