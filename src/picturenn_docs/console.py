"""Shell sessions for the pages: each ``picturenn`` command really runs while the page builds.

A ``generated`` fence calls :func:`session` and the page shows a ```` ```console ````
block of what the command printed (stdout and stderr in the order they came),
so the command line's page can never drift from the command line. A command
that fails when it should not (or succeeds when it should fail) fails the fence.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
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
    # the same entry point as the `picturenn` script; a fixed width keeps --help's wrapping stable
    env = {**os.environ, "COLUMNS": "80", "PYTHONIOENCODING": "utf-8"}
    if sys.dont_write_bytecode:  # under `mkdocs serve`: a .pyc written into src/ would rebuild
        env["PYTHONDONTWRITEBYTECODE"] = "1"
    done = subprocess.run(
        [sys.executable, "-m", "picturenn", *argv],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        check=False,
    )
    return done.returncode, done.stdout
