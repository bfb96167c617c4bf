"""The helper that draws missing fences from the last page: same results, same failures."""

from __future__ import annotations

import pytest

from picturenn_docs.build import Build
from picturenn_docs.prefetch import missing

from .site_copy import build, clone, summary

pytestmark = pytest.mark.slow

# keys that parse, and a network that cannot take this input: it fails only when drawn
UNDRAWABLE = "\n```diagram\nwidths: 3 4 1\nstyle: predict\ninput: 1 0\n```\n"
NEW_FIGURE = "\n```diagram\nwidths: 2 3 1\nseed: 7\nstyle: shapes\n```\n"


def copy_build(root) -> Build:
    """A Build of the copy as its mkdocs build makes one (same cache, same keys)."""
    return Build(root, root / "docs", root / ".cache" / "picturenn", root / "katex.js")


def test_only_the_fences_the_cache_lacks_are_handed_to_the_helper(built_copy, tmp_path):
    root = clone(built_copy, tmp_path)
    pages = sorted(p.relative_to(root / "docs").as_posix() for p in root.glob("docs/*.md"))
    assert missing(copy_build(root), pages) == {}  # a warm build starts no helper
    page = root / "docs" / "blocks.md"
    page.write_text(page.read_text() + NEW_FIGURE)
    lacking = missing(copy_build(root), pages)
    assert list(lacking) == ["blocks.md"]
    assert len(lacking["blocks.md"]) == 1


def test_a_new_fence_is_made_once_and_counted_as_made(built_copy, tmp_path):
    root = clone(built_copy, tmp_path)
    figures = root / ".cache" / "picturenn" / "figures"
    before = set(figures.glob("*.svg"))
    page = root / "docs" / "blocks.md"
    page.write_text(page.read_text() + NEW_FIGURE)
    result = build(root)
    assert result.returncode == 0, result.stderr
    counts = summary(root)
    assert counts["fences"]["rendered"] == 1
    new = set(figures.glob("*.svg")) - before  # its laptop and phone layouts
    assert new
    assert counts["figures"]["drawn"] == len(new)


def test_a_fence_the_helper_cannot_draw_fails_the_build_naming_its_line(built_copy, tmp_path):
    root = clone(built_copy, tmp_path)
    page = root / "docs" / "blocks.md"
    text = page.read_text() + UNDRAWABLE
    page.write_text(text)
    line = len(text.splitlines()) - 1  # the fence's `input:` line
    result = build(root)
    assert result.returncode != 0
    assert f"docs/blocks.md:{line}: diagram fence: the input has 2 values" in result.stderr


def test_the_helper_reports_what_it_made_and_what_it_could_not(tmp_path, capsys):
    import json

    from picturenn_docs import helper, prefetch

    docs = tmp_path / "docs"
    docs.mkdir()
    (docs / "page.md").write_text("# Page\n" + NEW_FIGURE + UNDRAWABLE)
    made = copy_build(tmp_path)
    lacking = missing(made, ["page.md"])
    good, bad = lacking["page.md"]
    claims = tmp_path / "claims"
    claims.mkdir()
    job = [str(tmp_path), str(docs), str(tmp_path / ".cache" / "picturenn"), str(claims)]
    assert helper.main([json.dumps([*job, list(lacking.items())])]) == 0
    reports = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    # from the last fence of the page; the one it cannot draw is reported, not dropped
    assert [r["key"] for r in reports] == [bad, good]
    assert reports[0]["drawn"] is None
    assert reports[1]["drawn"] >= 1
    assert not prefetch.claim(claims, good)  # both were claimed: the build makes neither again
