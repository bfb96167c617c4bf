"""Every copy button copies its whole snippet, and the copy runs as the page says.

Its own file so that `make test` can run it on one core while the page visits
of test_pages_*.py run on the others (it is the suite's longest test).
"""

from __future__ import annotations

import concurrent.futures
import doctest
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.browser.browser import REVEAL, pages_containing

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def _expected_copy(text: str, language: str) -> tuple[str, str | None]:
    """What the copy button should put on the clipboard, and the error running it shows.

    All of the code; except that a pycon session gives only its code (no >>> /
    ... prompts, no printed output), found by doctest's own parser, so that it
    runs when pasted; a multi-line statement is closed by a blank line. A
    console session gives only its commands, without the "$ " prompt.
    """
    if "language-console" in language:
        commands = [line[2:] for line in text.splitlines() if line.startswith("$ ")]
        return "\n".join(commands), None
    if "language-pycon" not in language:
        return text.rstrip(), None
    examples = doctest.DocTestParser().get_examples(text)
    parts = []
    for i, example in enumerate(examples):
        parts.append(example.source)
        if example.source.count("\n") > 1 and i < len(examples) - 1:
            parts.append("\n")
    errors = [example.exc_msg for example in examples if example.exc_msg]
    return "".join(parts).rstrip(), (errors[0].strip().splitlines()[0] if errors else None)


def _run_python(source: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    tmp_path.mkdir()
    script = tmp_path / "copied.py"
    script.write_text(source, encoding="utf-8")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _runs_as_shown(source: str, error: str | None, folder: Path, where: str) -> list[str]:
    done = _run_python(source, folder)
    last = (done.stderr.strip().splitlines() or ["(nothing on stderr)"])[-1]
    if error is not None:
        if done.returncode == 0 or last != error:
            return [f"{where}: copied code should stop with {error!r}, ended with {last!r}"]
    elif done.returncode != 0:
        return [f"{where}: copied code fails when run: {last}"]
    elif (said := _printed_under(source)) and done.stdout.splitlines() != said:
        return [f"{where}: prints {done.stdout!r}, the page says {said!r}"]
    return []


def _console_runs_as_shown(commands: str, shown: str, folder: Path, where: str) -> list[str]:
    """Paste the copied commands into a shell: they print what the page shows."""
    folder.mkdir()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env["COLUMNS"] = "80"  # as the page's sessions were run (argparse wraps --help to it)
    done = subprocess.run(
        ["bash", "-c", commands],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    said = [line for line in shown.splitlines() if not line.startswith("$ ")]
    if done.stdout.splitlines() != said:
        return [f"{where}: the commands print {done.stdout!r}, the page shows {said!r}"]
    return []


def _printed_under(source: str) -> list[str] | None:
    """The `#> ` lines a python block says it prints, or None if it says nothing."""
    lines = [line.strip() for line in source.splitlines()]
    said = [line[2:].removeprefix(" ") for line in lines if line.startswith("#>")]
    return said or None


def test_copy_button_copies_the_whole_snippet_and_it_runs(
    page, console, site_url, pages, built_site, tmp_path
):
    problems = []
    # each copy runs in a process of its own as soon as it is copied, one per core, while
    # the browser goes on clicking
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        runs: list[concurrent.futures.Future[list[str]]] = []
        for path in pages_containing(built_site, pages, "<pre"):
            page.goto(site_url + path)
            buttons = page.locator("button[data-clipboard-target]")
            for b in range(buttons.count()):
                button = buttons.nth(b)
                code = page.locator(button.get_attribute("data-clipboard-target"))
                where = f"{path or '(home)'} code block {b + 1}"
                code.evaluate(REVEAL)
                page.evaluate("navigator.clipboard.writeText('')")
                code.hover()
                button.click()
                copied = page.evaluate("navigator.clipboard.readText()")
                language = code.evaluate("c => c.closest('[class*=language-]')?.className ?? ''")
                expected, error = _expected_copy(code.evaluate("c => c.textContent"), language)
                if copied != expected:
                    problems.append(f"{where}: copied {copied!r}\n    expected {expected!r}")
                    continue
                if "doctest:" in copied:
                    problems.append(f"{where}: the copy carries a doctest directive: {copied!r}")
                folder = tmp_path / f"block{len(runs) + 1}"
                if "language-python" in language or "language-pycon" in language:
                    # alone, in a fresh Python: no prelude, no module globals
                    runs.append(pool.submit(_runs_as_shown, copied, error, folder, where))
                elif "language-console" in language:
                    shown = code.evaluate("c => c.textContent")
                    runs.append(pool.submit(_console_runs_as_shown, copied, shown, folder, where))
            problems += [f"{path}: {e}" for e in console.take()]
        for run in runs:
            problems += run.result()
    assert not problems, "\n".join(problems)
    assert runs, "no python, pycon or console block was found to copy and run"
