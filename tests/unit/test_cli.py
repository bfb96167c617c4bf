"""The command line: the book's printout, and exit 2 with one line on bad arguments."""

import subprocess
import sys

import pytest

from picturenn.cli import main
from tests.unit.test_network import BOOK_PRINTED


def test_train_prints_the_books_errors(capsys):
    assert main(["train", "--seed", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == BOOK_PRINTED


def test_train_options_change_the_run(capsys):
    assert main(["train", "--hidden-size", "3", "--iterations", "4", "--every", "2"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    assert all(line.startswith("Error:") for line in lines)


@pytest.mark.parametrize(
    "argv",
    [
        [],
        ["fly"],
        ["train", "--alpha", "x"],
        ["train", "--hidden-size", "0"],
        ["train", "--iterations", "-3"],
        ["train", "--bogus"],
    ],
)
def test_bad_arguments_exit_2_with_one_line(argv, capsys):
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert len(captured.err.strip().splitlines()) == 1
    assert captured.err.startswith("picturenn")


def test_module_entry_point_exits_2_without_traceback():
    done = subprocess.run(
        [sys.executable, "-m", "picturenn", "train", "--seed", "x"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_module_entry_point_prints_the_book():
    done = subprocess.run(
        [sys.executable, "-m", "picturenn", "train"], capture_output=True, text=True, check=True
    )
    assert done.stdout.splitlines() == BOOK_PRINTED
