"""The training page: chapter 6's loop in plain numpy and `net.train` print the same lines."""

import doctest
import re
from pathlib import Path

import pytest

from picturenn_docs.core.blocks import find_blocks
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.core.running import run_doctest
from picturenn_docs.engines import examples
from tests import lessons

PAGE = Path(__file__).resolve().parents[2] / "docs" / "training.md"
BOOK = list(lessons.BOOK_LINES)


def section_blocks(title: str, lang: str):
    text = PAGE.read_text()
    section = text.index(title)
    start = text[:section].count("\n") + 1
    end = start + text[section : section + text[section:].index("\n## ")].count("\n")
    return [b for b in find_blocks(text) if b.lang == lang and start < b.start < end]


def loop_blocks():
    return section_blocks("## The same loop, written out", "python")


def test_the_loop_by_hand_with_step_prints_the_books_six_lines():
    # a doctest (the build runs it); this checks it is the loop written out, not train
    *_, whole_loop = section_blocks("## The loop by hand", "pycon")
    body = "\n".join(whole_loop.body)
    assert "net.step(" in body
    assert "net.train(" not in body
    assert [line for line in whole_loop.body if line.startswith("Error:")] == BOOK
    text = "\n".join(whole_loop.body) + "\n"
    test = doctest.DocTestParser().get_doctest(text, {}, "loop by hand", "training.md", 0)
    assert run_doctest(test, lambda n: ("training.md", n)) > 0  # raises if a line differs


def test_both_tabs_run_and_print_the_books_six_lines():
    numpy_loop, with_picturenn = loop_blocks()
    assert "import picturenn" not in "\n".join(numpy_loop.body)
    assert not any("picturenn" in line for line in numpy_loop.body)
    assert any("net.train(" in line for line in with_picturenn.body)
    for block in (numpy_loop, with_picturenn):
        shown = [line.removeprefix("#> ") for line in block.body if line.startswith("#> ")]
        assert shown == BOOK
        lines = tuple(block.body)
        # the same check the build runs: raises if what it prints differs from the #> lines
        examples.check_python(examples.Source(lines, tuple(("t.md", n) for n in range(len(lines)))))


def test_a_changed_line_would_fail_the_check():
    numpy_loop, *_ = loop_blocks()
    lines = tuple(re.sub(r"alpha = 0.2$", "alpha = 0.1", line) for line in numpy_loop.body)
    source = examples.Source(lines, tuple(("t.md", n) for n in range(len(lines))))
    with pytest.raises(CheckFailed, match="printed output differs"):
        examples.check_python(source)
