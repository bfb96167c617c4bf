"""Two clean builds of the site are byte-for-byte the same."""

from __future__ import annotations

import pytest

from tests.build.whole_site import build_site, differing_files


def test_tree_comparison_names_every_difference(tmp_path):
    first, second = tmp_path / "a", tmp_path / "b"
    for root, text in ((first, "same"), (second, "same")):
        (root / "sub").mkdir(parents=True)
        (root / "sub" / "page.html").write_text(text)
    (first / "only.txt").write_text("x")
    (second / "sitemap.xml").write_text("<lastmod>2024</lastmod>")
    (first / "sitemap.xml").write_text("<lastmod>2025</lastmod>")
    assert differing_files(first, second) == [
        "only.txt: only in the first build",
        "sitemap.xml: differs at byte 12: b'<lastmod>2025</lastmod>' vs b'<lastmod>2024</lastmod>'",
    ]
    assert differing_files(first / "sub", second / "sub") == []


@pytest.mark.slow
def test_two_clean_builds_are_byte_identical(built_site, tmp_path):
    # the session's clean build of a copy, and another of the repository itself: each from
    # empty caches, in different folders
    second = tmp_path / "second" / "site"
    build_site(second, tmp_path / "second" / "cache")
    differences = differing_files(built_site, second)
    assert not differences, f"{len(differences)} files differ:\n" + "\n".join(differences)
