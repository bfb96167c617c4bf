"""The API reference replayed from the cache: same site, same anchors, re-rendered on any change."""

from __future__ import annotations

import re
import shutil

import pytest

from .site_copy import ROOT, build, clone, minimal_copy, summary

pytestmark = pytest.mark.slow

# autorefs links: one from a page, one from a docstring; both must resolve on every build
PAGE_LINK = "\nThe [network object][picturenn.network.Network] holds the weights.\n"
DOCSTRING_LINK = "    Pass them to [`Network.train`][picturenn.network.Network.train].\n"
REFERENCE = ROOT / "docs" / "reference"  # the API reference: an index and a page per part
PARTS = sorted(page.relative_to(ROOT / "docs").as_posix() for page in REFERENCE.glob("*.md"))
SAME_EVERY_BUILD = (
    *(part.removesuffix(".md").removesuffix("/index") + "/index.html" for part in PARTS),
    "index.html",
    "objects.inv",
)


def api_blocks(root) -> int:
    """How many ``:::`` blocks the reference pages hold (each one is rendered or replayed)."""
    texts = [(root / "docs" / part).read_text() for part in PARTS]
    return sum(line.startswith(":::") for text in texts for line in text.splitlines())


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    """A project of the reference pages with autorefs cross-references, built cold."""
    # the reference needs no other page of the site but the one it links to
    reference = {part: (ROOT / "docs" / part).read_text() for part in PARTS}
    pages = {"index.md": "# Home\n" + PAGE_LINK, **reference, "cli.md": "# CLI\n"}
    root = minimal_copy(tmp_path_factory.mktemp("api"), pages)
    datasets = root / "src" / "picturenn" / "datasets.py"
    text = datasets.read_text()
    datasets.write_text(
        # before the docstring's first example, which now starts with its own import
        text.replace("    >>> ", DOCSTRING_LINK + "\n    >>> ", 1)
    )
    result = build(root)
    assert result.returncode == 0, result.stderr
    shutil.move(root / "site", root / "site-cold")
    return root


def test_a_warm_build_replays_the_reference_page_byte_for_byte(project, tmp_path):
    root = clone(project, tmp_path)
    assert summary(root)["api"] == {"rendered": api_blocks(root)}
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert summary(root)["api"] == {"cached": api_blocks(root)}
    for name in SAME_EVERY_BUILD:
        cold, warm = root / "site-cold" / name, root / "site" / name
        assert warm.read_bytes() == cold.read_bytes(), name
    page = (root / "site" / "reference" / "index.html").read_text()
    for sheet in re.findall(r'<link[^>]+href="([^"]+\.css)"', page):  # every stylesheet it links
        assert (root / "site" / "reference" / sheet).resolve().is_file(), sheet


def test_cross_references_resolve_from_the_cached_reference(project, tmp_path):
    root = clone(project, tmp_path)
    result = build(root)  # warm: autorefs only knows the anchors the cache replayed
    assert result.returncode == 0, result.stderr
    index = (root / "site" / "index.html").read_text()
    assert 'href="reference/network/#picturenn.network.Network"' in index
    # the docstring's link, from the datasets on the network's page
    network = (root / "site" / "reference" / "network" / "index.html").read_text()
    assert 'href="#picturenn.network.Network.train"' in network


def test_a_docstring_edit_renders_the_reference_again(project, tmp_path):
    root = clone(project, tmp_path)
    datasets = root / "src" / "picturenn" / "datasets.py"
    # a marker no glossary term wraps in <abbr> (the words of the docstring may be)
    datasets.write_text(datasets.read_text().replace("one goal per row", "one goal per row (v2)"))
    result = build(root)
    assert result.returncode == 0, result.stderr
    assert summary(root)["api"] == {"rendered": api_blocks(root)}
    assert "per row (v2)" in (root / "site" / "reference" / "network" / "index.html").read_text()


def test_a_broken_cross_reference_still_fails_a_warm_build(project, tmp_path):
    root = clone(project, tmp_path)
    index = root / "docs" / "index.md"
    index.write_text(index.read_text() + "\nSee [nothing][picturenn.network.Nothing].\n")
    result = build(root)
    assert result.returncode != 0
    assert "picturenn.network.Nothing" in result.stderr


def test_switched_off_mkdocstrings_renders_the_same_site_and_the_summary_says_so(project, tmp_path):
    # what a build with untested mkdocstrings/griffe/autorefs versions does: no cache at all
    root = clone(project, tmp_path)
    result = build(root, PICTURENN_API_CACHE="off")
    assert result.returncode == 0, result.stderr
    assert "cache off (PICTURENN_API_CACHE=off)" in result.stderr
    assert summary(root)["api"] == {}
    for name in SAME_EVERY_BUILD:
        cold, off = root / "site-cold" / name, root / "site" / name
        assert off.read_bytes() == cold.read_bytes(), name
