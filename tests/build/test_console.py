"""The CLI page's sessions: real picturenn commands, shown as they print, checked as they exit."""

from __future__ import annotations

import os

import pytest

from picturenn_docs.console import session


def test_a_session_shows_each_command_and_what_it_printed():
    block = session("picturenn algebra 3 4 1", "picturenn algebra 3 4 4 1")
    assert block.splitlines() == [
        "```console",
        "$ picturenn algebra 3 4 1",
        "l_2 = relu(l_0 W_0) W_1",
        "$ picturenn algebra 3 4 4 1",
        "l_3 = relu(relu(l_0 W_0) W_1) W_2",
        "```",
    ]


def test_a_failing_command_shows_its_one_line_and_its_status():
    block = session("picturenn algebra 3 0", fails=True).splitlines()
    assert block[1] == "$ picturenn algebra 3 0"
    assert len(block[2:-3]) == 1  # one line, in the chapter's terms
    assert "layer 1" in block[2]
    assert block[-3:] == ["$ echo $?", "2", "```"]


def test_a_command_that_exits_otherwise_than_the_page_says_fails_the_fence():
    with pytest.raises(RuntimeError, match="should succeed but exited 2"):
        session("picturenn algebra 3 0")
    with pytest.raises(RuntimeError, match="should fail but exited 0"):
        session("picturenn algebra 3 4 1", fails=True)


def test_help_wraps_at_80_columns_and_the_terminal_is_left_as_it_was(monkeypatch):
    monkeypatch.setenv("COLUMNS", "200")
    block = session("picturenn --help", "picturenn --version")
    assert max(map(len, block.splitlines())) <= 80
    assert "$ picturenn --version" in block
    assert os.environ["COLUMNS"] == "200"


def test_files_land_in_the_session_folder(tmp_path):
    here = os.getcwd()
    session("picturenn draw 3 4 1 -o network.svg", cwd=tmp_path)
    assert (tmp_path / "network.svg").read_text().startswith("<?xml")
    assert os.getcwd() == here


def test_only_picturenn_commands_run():
    with pytest.raises(ValueError, match="not 'rm'"):
        session("rm -rf /")
