"""Shell sessions for the pages: each ``picturenn`` command really runs while the page builds.

A ``generated`` fence calls :func:`session` and the page shows a ```` ```console ````
block of what the command printed (stdout and stderr in the order they came),
so the command line's page can never drift from the command line. A command
that fails when it should not (or succeeds when it should fail) fails the fence.

Each command runs :func:`picturenn.cli.main`, the function the ``picturenn``
script calls, in this process, as the script would run it: in the session's
folder, with stdout and stderr on one byte stream that is not a terminal, and an
80-column terminal for ``--help``. (A fresh ``python -m picturenn`` per command
cost half a second each, most of a cold build's time; the script itself is
tested as a subprocess in tests/unit/test_cli.py.)
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
from collections.abc import Iterator
from pathlib import Path


def session(*commands: str, fails: bool = False, cwd: str | Path | None = None) -> str:
    """Run each ``picturenn ...`` command and return the console block that shows it.

    With ``fails=True`` each command must exit non-zero, and the block shows its
    status (``$ echo $?``). Files a command writes land in ``cwd`` (by default a
    folder that is thrown away).

    >>> print(session("picturenn algebra 3 4 1"))
    ```console
    $ picturenn algebra 3 4 1
    l_2 = relu(l_0 W_0) W_1
    ```
    """
    if cwd is None:
        import tempfile

        with tempfile.TemporaryDirectory() as folder:
            return session(*commands, fails=fails, cwd=folder)
    lines = ["```console"]
    for command in commands:
        status, printed = _run(command, Path(cwd))
        if (status != 0) != fails:
            said = printed.strip().splitlines()[-1:] or ["(nothing)"]
            expected = "fail" if fails else "succeed"
            raise RuntimeError(f"{command!r} should {expected} but exited {status}: {said[0]}")
        lines += [f"$ {command}", *printed.rstrip("\n").splitlines()]
        if fails:
            lines += ["$ echo $?", str(status)]
    lines.append("```")
    return "\n".join(lines)


def _run(command: str, cwd: Path) -> tuple[int, str]:
    program, *argv = shlex.split(command)
    if program != "picturenn":
        raise ValueError(f"a session runs picturenn commands, not {program!r}")
    from picturenn.cli import main  # the library as the build has it (fresh under serve)

    printed = io.BytesIO()
    stream = io.TextIOWrapper(printed, encoding="utf-8", write_through=True)
    with _terminal(columns="80"), contextlib.chdir(cwd):
        with contextlib.redirect_stdout(stream), contextlib.redirect_stderr(stream):
            try:
                status = main(argv)
            except SystemExit as exit:  # argparse's --help and --version end this way
                code = exit.code  # None: success; a message: printed by Python, status 1
                status = 0 if code is None else code if isinstance(code, int) else 1
            stream.flush()
    return status, printed.getvalue().decode("utf-8")


@contextlib.contextmanager
def _terminal(columns: str) -> Iterator[None]:
    """The terminal width argparse reads (``COLUMNS``), restored afterwards."""
    before = os.environ.get("COLUMNS")
    os.environ["COLUMNS"] = columns
    try:
        yield
    finally:
        if before is None:
            del os.environ["COLUMNS"]
        else:
            os.environ["COLUMNS"] = before
