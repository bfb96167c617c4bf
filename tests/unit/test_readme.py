"""The library's README (the wheel's long description): its Python runs and prints what it says."""

import contextlib
import io
import re
import shlex
from pathlib import Path

README = Path(__file__).resolve().parents[2] / "src" / "picturenn" / "README.md"


def python_blocks() -> list[str]:
    return re.findall(r"```python\n(.*?)```", README.read_text(encoding="utf-8"), re.DOTALL)


def test_the_readme_has_its_examples():
    assert len(python_blocks()) == 2


def test_the_readme_runs_and_prints_what_its_comments_say(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)  # the example saves net.svg where it runs
    namespace: dict[str, object] = {}
    for block in python_blocks():
        expected = [
            line.split("  # ", 1)[1]
            for line in block.splitlines()
            if line.startswith("print(") and "  # " in line
        ]
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            exec(block, namespace)
        assert out.getvalue().splitlines() == expected
    assert (tmp_path / "net.svg").read_bytes().startswith(b"<?xml")


def test_the_readmes_shell_lines_run(tmp_path, monkeypatch):
    from picturenn.cli import main

    monkeypatch.chdir(tmp_path)
    text = README.read_text(encoding="utf-8")
    lines = [
        line.split("#", 1)[0].strip()
        for block in re.findall(r"```sh\n(.*?)```", text, re.DOTALL)
        for line in block.splitlines()
        if line.startswith("picturenn ")
    ]
    assert len(lines) == 3
    with contextlib.redirect_stdout(io.StringIO()):
        assert [main(shlex.split(line)[1:]) for line in lines] == [0, 0, 0]
    assert (tmp_path / "forward.png").read_bytes()[1:4] == b"PNG"
