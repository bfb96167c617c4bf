"""Each page loads only the stylesheets it uses, and figures never shift the layout.

KaTeX's stylesheet is linked into exactly the pages with rendered math,
mkdocstrings' into exactly the pages with API reference blocks, and KaTeX's
script (run at build time only) is not deployed. Every figure <img> has its
width and height, and all but a page's first (the likely largest paint of its
first screenful) are lazy-loaded. (That instant navigation brings KaTeX's
stylesheet along is checked in tests/browser/test_page_assets.py.)
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
def test_katex_and_mkdocstrings_styles_only_where_used(built_site):
    problems, with_math, without_math = [], 0, 0
    for page in site_pages(built_site):
        html = page_html(built_site, page)
        links = _LINK.findall(html)
        katex = any(link.endswith("assets/katex/katex.min.css") for link in links)
        api = any(link.endswith("assets/_mkdocstrings.css") for link in links)
        has_math = 'class="katex' in html
        has_api = 'class="doc doc-' in html
        with_math += has_math
        without_math += not has_math
        if katex != has_math:
            problems.append(f"{page or '(home)'}: math {has_math}, katex.min.css linked {katex}")
        if api != has_api:
            problems.append(f"{page or '(home)'}: reference {has_api}, _mkdocstrings.css {api}")
    assert not problems, "\n".join(problems)
    assert with_math, "no page with math: the check above checked nothing"
    assert without_math, "every page has math: the check above cannot tell"
    assert (built_site / "assets" / "katex" / "katex.min.css").is_file()
    assert not (built_site / "assets" / "katex" / "katex.min.js").exists()


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
