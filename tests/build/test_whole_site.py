"""The site builds strictly (the session fixture does it) into real pages."""

from __future__ import annotations

import re

import pytest

from tests.build.whole_site import site_pages


@pytest.mark.slow
def test_site_builds_strictly_into_pages(built_site):
    pages = site_pages(built_site)
    assert "" in pages, "no home page (index.html) in the built site"
    assert (built_site / "sitemap.xml").is_file()
    # every page in the sitemap was found by walking the HTML, and the other way round
    sitemap = (built_site / "sitemap.xml").read_text(encoding="utf-8")
    listed = {url.split("/", 3)[3] for url in re.findall(r"<loc>([^<]+)</loc>", sitemap)}
    assert listed <= set(pages), f"sitemap pages missing from the site: {listed - set(pages)}"
