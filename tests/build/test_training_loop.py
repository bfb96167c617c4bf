"""The training page: chapter 6's loop in plain numpy and `net.train` print the same lines."""

import re
from pathlib import Path

import pytest

from picturenn_docs.core.blocks import find_blocks
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.engines import examples
from tests import lessons

PAGE = Path(__file__).resolve().parents[2] / "docs" / "training.md"
BOOK = list(lessons.BOOK_LINES)


def loop_blocks():
    text = PAGE.read_text()
    section = text.index("## The same loop, written out")
    start = text[:section].count("\n") + 1
    end = start + text[section:].index("\n## ")  # characters, so an upper bound on lines
    return [b for b in find_blocks(text) if b.lang == "python" and start < b.start < end]


def test_both_tabs_and_the_loop_by_hand_run_and_print_the_books_six_lines():
    numpy_loop, with_picturenn, by_hand = loop_blocks()
    assert "import picturenn" not in "\n".join(numpy_loop.body)
    assert not any("picturenn" in line for line in numpy_loop.body)
    assert any("net.train(" in line for line in with_picturenn.body)
    assert any("net.step(" in line for line in by_hand.body)
    assert not any("net.train(" in line for line in by_hand.body)
    for block in (numpy_loop, with_picturenn, by_hand):
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
