"""A reader arriving by instant navigation from a page without math gets KaTeX's styles.

The build links KaTeX's stylesheet into math pages only (picturenn_docs/page_assets.py);
mkdocs-material's instant navigation must carry that <head> link over.
"""

from __future__ import annotations

import pytest

from tests.build.test_page_assets import page_html
from tests.build.whole_site import site_pages


@pytest.mark.slow
@pytest.mark.browser
def test_instant_navigation_brings_katex_styles_along(reader, site_url, built_site):
    pages = site_pages(built_site)
    plain = next(p for p in pages if 'class="katex' not in page_html(built_site, p))
    maths = next(p for p in pages if 'class="katex' in page_html(built_site, p))
    context, _ = reader
    tab = context.new_page()
    try:
        tab.goto(site_url + plain)
        assert not tab.evaluate("!!document.querySelector('link[href$=\"katex.min.css\"]')")
        link = tab.locator(f'nav a[href$="{maths}"]:visible').first
        link.click()  # material turns this into an instant (no reload) navigation
        tab.wait_for_function(f"location.pathname.endsWith('/{maths}')")
        # KaTeX's stylesheet hides its MathML copy: styled math shows it at size 1 px
        tab.wait_for_function(
            "getComputedStyle(document.querySelector('.katex-mathml')).position === 'absolute'"
        )
        assert tab.evaluate("performance.getEntriesByType('navigation').length") == 1
    finally:
        tab.close()
