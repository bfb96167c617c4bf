"""A whole build of a project copy fails when a question's stated answer is wrong."""

from __future__ import annotations

import pytest

from .site_copy import build, line_of, make_copy

pytestmark = pytest.mark.slow


def test_a_wrong_stated_answer_fails_the_build_naming_page_and_line(tmp_path):
    root = make_copy(tmp_path)
    page = root / "docs" / "shapes.md"
    line = line_of(page, "stated: 3 × 2")
    page.write_text(page.read_text().replace("stated: 3 × 2", "stated: 2 × 3"))
    result = build(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        f"docs/shapes.md:{line}: question: the stated answer '2 × 3' disagrees with what "
        "picturenn computes from 'shape(net.weights[1])': 3 × 2"
    ) in output
    assert not (root / "site" / "shapes").exists()  # nothing was written
