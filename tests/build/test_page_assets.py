"""Each page loads only the stylesheets it uses, and figures never shift the layout.

Math is MathML and needs no stylesheet: nothing of KaTeX (run at build time
only) is deployed or linked. mkdocstrings' stylesheet is linked into exactly
the pages with API reference blocks. Every figure <img> has its width and
height, and all but a page's first (the likely largest paint of its first
screenful) are lazy-loaded. (That the browser lays the MathML out as math is
checked in tests/browser/test_page_assets.py.)
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.build.whole_site import site_pages

_LINK = re.compile(r'<link rel="stylesheet" href="([^"]+)"')
_FIGURE_IMG = re.compile(r'<img [^>]*src="[^"]*assets/picturenn/[^"]+\.svg"[^>]*>')


def page_html(site: Path, page: str) -> str:
    return (site / page / "index.html" if not page.endswith(".html") else site / page).read_text(
        encoding="utf-8"
    )


@pytest.mark.slow
def test_no_math_stylesheet_and_mkdocstrings_styles_only_where_used(built_site):
    problems, with_math = [], 0
    for page in site_pages(built_site):
        html = page_html(built_site, page)
        links = _LINK.findall(html)
        api = any(link.endswith("assets/_mkdocstrings.css") for link in links)
        has_api = 'class="doc doc-' in html
        with_math += "<math " in html
        if any("katex" in link for link in links):
            problems.append(f"{page or '(home)'}: links a KaTeX stylesheet")
        if 'class="arithmatex"' in html and "\\(" in html.split('class="arithmatex"', 1)[1][:40]:
            problems.append(f"{page or '(home)'}: a formula left as TeX")
        if api != has_api:
            problems.append(f"{page or '(home)'}: reference {has_api}, _mkdocstrings.css {api}")
    assert not problems, "\n".join(problems)
    assert with_math, "no page with MathML: the check above checked nothing"
    assert not (built_site / "assets" / "katex").exists()


@pytest.mark.slow
def test_every_figure_img_has_its_size_and_all_but_the_first_load_lazily(built_site):
    problems, count = [], 0
    for page in site_pages(built_site):
        images = _FIGURE_IMG.findall(page_html(built_site, page))
        first = 2 if images and "pnn-laptop" in images[0] else 1  # its two layouts
        for i, img in enumerate(images):
            count += 1
            needs = [r'width="\d+"', r'height="\d+"']
            if i >= first:
                needs.append(r'loading="lazy"')
            elif 'loading="lazy"' in img:
                problems.append(f"{page}: the first figure is lazy: {img[:160]}")
            missing = [n for n in needs if not re.search(n, img)]
            problems += [f"{page}: {n} missing in {img[:160]}" for n in missing]
    assert count >= 9, f"only {count} figure images found"
    assert not problems, "\n".join(problems)
