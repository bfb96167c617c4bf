"""Pages replayed from the cache: the same site, and every check mkdocs makes still made."""

from __future__ import annotations

import filecmp
import shutil

import pytest

from .site_copy import build, clone, summary

pytestmark = pytest.mark.slow

# a link into another page's heading, and an autorefs reference to a heading of a page
LINKS = (
    "\nSee [the hidden layer](correlation.md#the-hidden-layer-created-the-correlation)"
    " and [that section again][the-hidden-layer-created-the-correlation].\n"
)


def converted_pages(root) -> int:
    """Pages mkdocs converts itself (the notebook is mkdocs-jupyter's)."""
    return sum(1 for _ in (root / "docs").rglob("*.md")) - len(
        list((root / "docs" / "includes").glob("*.md"))
    )


def reference_pages(root) -> int:
    """Pages with mkdocstrings blocks (``:::``): the API reference's index and parts."""
    pages = (root / "docs").rglob("*.md")
    return sum(any(line.startswith(":::") for line in p.read_text().splitlines()) for p in pages)


def same_tree(left, right) -> list[str]:
    """Files that differ between two sites, or exist in only one of them."""
    differ = []
    compared = filecmp.dircmp(left, right)
    stack = [(compared, "")]
    while stack:
        node, where = stack.pop()
        differ += [where + n for n in node.left_only + node.right_only]
        _, mismatch, errors = filecmp.cmpfiles(
            node.left, node.right, node.common_files, shallow=False
        )
        differ += [where + n for n in mismatch + errors]
        stack += [(sub, f"{where}{name}/") for name, sub in node.subdirs.items()]
    return differ


@pytest.fixture(scope="module")
def project(project, tmp_path_factory):
    """The session's project with a cross-page anchor link and an autorefs reference, every
    page converted by mkdocs (its mkdocs.yml changed: no page is replayed; site kept).

    autorefs is named in its mkdocs.yml, so it registers every page's headings while
    converting (the instance mkdocstrings adds by itself does not): a replayed page
    must register them again.
    """
    root = clone(project, tmp_path_factory.mktemp("pages"))
    config = root / "mkdocs.yml"
    named = config.read_text().replace("  - mkdocstrings:", "  - autorefs\n  - mkdocstrings:")
    config.write_text(named)
    index = root / "docs" / "index.md"
    index.write_text(index.read_text() + LINKS)
    result = build(root)
    assert result.returncode == 0, result.stderr
    shutil.move(root / "site", root / "site-cold")
    return root


def test_a_warm_build_replays_every_page_and_makes_the_same_site(project, tmp_path):
    root = clone(project, tmp_path)
    cold = summary(root)["pages"]
    assert cold.get("cached", 0) == 0
    result = build(root)
    assert result.returncode == 0, result.stderr
    warm = summary(root)["pages"]
    # only the API reference's pages are converted again (their blocks are api_cache's)
    again = reference_pages(root)
    assert again >= 2
    assert warm == {"converted": again, "cached": cold["converted"] - again}
    assert cold["converted"] == converted_pages(root)
    assert same_tree(root / "site-cold", root / "site") == []
    index = (root / "site" / "index.html").read_text()
    assert 'href="correlation/#the-hidden-layer-created-the-correlation"' in index


def test_an_edited_page_is_converted_again_and_only_it(project, tmp_path):
    root = clone(project, tmp_path)
    page = root / "docs" / "blocks.md"
    page.write_text(page.read_text() + "\nA sentence added by the test.\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    again = 1 + reference_pages(root)  # the page, and the API reference's as on every build
    assert summary(root)["pages"] == {"converted": again, "cached": converted_pages(root) - again}
    assert "A sentence added by the test." in (root / "site" / "blocks" / "index.html").read_text()


def test_a_replayed_page_link_to_a_heading_that_went_away_still_fails(project, tmp_path):
    # index.md is replayed unchanged; mkdocs still checks its links against the new headings
    root = clone(project, tmp_path)
    page = root / "docs" / "correlation.md"
    page.write_text(
        page.read_text().replace(
            "## The hidden layer created the correlation", "## The hidden layer, renamed"
        )
    )
    result = build(root)
    assert result.returncode != 0
    # mkdocs' own check (autorefs, too, misses the heading the reference names)
    assert "does not contain an anchor '#the-hidden-layer-created-the-correlation'" in result.stderr


def test_a_page_that_warned_is_converted_on_every_build(project, tmp_path):
    root = clone(project, tmp_path)
    page = root / "docs" / "blocks.md"
    page.write_text(page.read_text() + "\nSee [nothing](no-such-page.md).\n")
    for _ in range(2):  # had the first build kept the page, the second would pass
        result = build(root)
        assert result.returncode != 0
        assert "no-such-page.md" in result.stderr


def test_switched_off_every_page_is_converted_the_same_and_the_summary_says_so(project, tmp_path):
    # what a build with untested mkdocs or mkdocs-autorefs versions does
    root = clone(project, tmp_path)
    result = build(root, PICTURENN_PAGE_CACHE="off")
    assert result.returncode == 0, result.stderr
    assert "cache off (PICTURENN_PAGE_CACHE=off)" in result.stderr
    assert summary(root)["pages"] == {}
    assert same_tree(root / "site-cold", root / "site") == []
