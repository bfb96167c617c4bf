"""A build fails when a question's stated answer is wrong (a page of one question is enough)."""

from __future__ import annotations

import pytest

from .site_copy import ROOT, build, line_of, minimal_copy

pytestmark = pytest.mark.slow


def test_a_wrong_stated_answer_fails_the_build_naming_page_and_line(tmp_path):
    # the shapes page's own question, with its stated answer made wrong
    text = (ROOT / "docs" / "shapes.md").read_text()
    fence = text[text.index("```question") : text.index("```", text.index("```question") + 3) + 3]
    assert "stated: 3 × 2" in fence
    page_text = "# Shapes\n\n" + fence.replace("stated: 3 × 2", "stated: 2 × 3") + "\n"
    root = minimal_copy(tmp_path, {"index.md": "# Home\n", "shapes.md": page_text})
    page = root / "docs" / "shapes.md"
    line = line_of(page, "stated: 2 × 3")
    result = build(root)
    output = result.stdout + result.stderr
    assert result.returncode != 0
    assert (
        f"docs/shapes.md:{line}: question: the stated answer '2 × 3' disagrees with what "
        "picturenn computes from 'shape(net.weights[1])': 3 × 2"
    ) in output
    assert not (root / "site" / "shapes").exists()  # nothing was written
