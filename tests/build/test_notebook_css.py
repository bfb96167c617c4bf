"""The notebook page keeps only the CSS its HTML can use, and looks exactly as before."""

from __future__ import annotations

import re

import nbformat
import pytest
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from picturenn_docs.css_purge import Vocabulary, purge, purge_styles
from picturenn_docs.notebooks import CONVERT_OPTIONS, offline, slim

STYLE = re.compile(r"<style\b[^>]*>(.*?)</style>", re.DOTALL)
CLASS_IN_CSS = re.compile(r"\.(-?[A-Za-z_][\w-]*)")
SVG = '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"><rect width="8"/></svg>'


@pytest.fixture(scope="module")
def converted(tmp_path_factory) -> str:
    """A notebook with outputs like ours (text, LaTeX, SVG, tables), as the converter writes it."""
    from mkdocs_jupyter import convert  # heavy: once per module

    nb = new_notebook(
        cells=[
            new_markdown_cell(
                "# Title\n\nSome *text*, a `code` span and $l_1 = l_0 W_0$.\n\n"
                "| a | b |\n|---|---|\n| 1 | 2 |"
            ),
            new_code_cell(
                "print('hi')",
                execution_count=1,
                outputs=[new_output("stream", name="stdout", text="hi\n")],
            ),
            new_code_cell(
                "Math(...)",
                execution_count=2,
                outputs=[
                    new_output(
                        "execute_result",
                        data={"text/latex": "$l_2 = l_1 W_1$", "text/plain": "<Math>"},
                        execution_count=2,
                    )
                ],
            ),
            new_code_cell(
                "show()",
                execution_count=3,
                outputs=[
                    new_output("display_data", data={"image/svg+xml": SVG, "text/plain": "<F>"})
                ],
            ),
            new_code_cell(
                "table",
                execution_count=4,
                outputs=[
                    new_output(
                        "execute_result",
                        data={"text/html": "<table><tr><td>1</td></tr></table>", "text/plain": "t"},
                        execution_count=4,
                    )
                ],
            ),
        ],
        metadata={"kernelspec": {"name": "python3", "language": "python", "display_name": "Py"}},
    )
    path = tmp_path_factory.mktemp("nb") / "demo.ipynb"
    nbformat.write(nb, path)
    return offline(convert.nb2html(str(path), **CONVERT_OPTIONS))


def css_of(html: str) -> str:
    return "".join(STYLE.findall(html))


def test_the_notebook_css_shrinks_to_a_small_part(converted):
    before, after = len(css_of(converted)), len(css_of(slim(converted)))
    assert before > 500_000  # all of JupyterLab's stylesheet, inlined
    assert after < 70_000
    assert len(slim(converted)) < len(converted) // 5


# classes whose look a reader notices; a class styled only together with JupyterLab's
# interactive states (.jp-mod-active, .jp-mod-dropTarget ...) rightly loses those rules
NOTICED = {
    "jupyter-wrapper", "jp-Cell", "jp-CodeCell", "jp-InputArea", "jp-InputPrompt",
    "jp-OutputArea", "jp-OutputArea-output", "jp-OutputPrompt", "jp-RenderedText",
    "jp-RenderedLatex", "jp-RenderedHTMLCommon", "jp-RenderedSVG", "highlight-ipynb",
    "zeroclipboard-container", "jp-Collapser",
}  # fmt: skip


def test_the_classes_a_reader_notices_stay_styled(converted):
    html_classes = Vocabulary.of(STYLE.sub("", converted)).classes
    assert html_classes >= NOTICED
    styled = set(CLASS_IN_CSS.findall(css_of(slim(converted))))
    assert styled >= NOTICED


def test_custom_properties_for_both_palettes_are_kept(converted):
    css = css_of(slim(converted))
    assert re.search(r"(?:^|[};])\.jupyter-wrapper\{--md-red-50:", css)
    assert re.search(r"\[data-md-color-scheme=slate\] \.jupyter-wrapper\{--jp-", css)


def test_the_broken_duplicate_style_block_is_gone(converted):
    assert "<style>\n        ['" in converted  # mkdocs-jupyter's list repr
    assert "['pre {" not in slim(converted)


# -- the purger on its own ----------------------------------------------------------------------

PAGE = Vocabulary.of('<div class="cell out" id="top"><pre><code>x</code></pre><svg></svg></div>')


@pytest.mark.parametrize(
    ("css", "kept"),
    [
        (".cell{a:b}", ".cell{a:b}"),
        (".dialog{a:b}", ""),
        (".dialog,.cell{a:b}", ".dialog,.cell{a:b}"),  # whole rules only, never half a list
        ("div.cell > pre code{a:b}", "div.cell > pre code{a:b}"),
        ("ul li{a:b}", ""),
        ("#top .out{a:b}#gone{c:d}", "#top .out{a:b}"),
        (".cell:not(.busy):hover{a:b}", ".cell:not(.busy):hover{a:b}"),
        (".cell[data-x='}{']{a:b}", ".cell[data-x='}{']{a:b}"),
        ('.cell::after{content:"}.gone{"}', '.cell::after{content:"}.gone{"}'),
        ("/* .cell{ */.gone{a:b}.out{c:d}", ".out{c:d}"),
        ('@charset "UTF-8";.gone{a:b}', '@charset "UTF-8";'),
        ("@media (min-width:1px){.gone{a:b}}", ""),
        ("@media (min-width:1px){.gone{a:b}.out{c:d}}", "@media (min-width:1px){.out{c:d}}"),
        (
            "@supports (display:grid){@media print{.cell{a:b}}}",
            "@supports (display:grid){@media print{.cell{a:b}}}",
        ),
        (":root{--x:1}.cell :root{--y:2}", ":root{--x:1}"),
        ("html body .cell{a:b}", "html body .cell{a:b}"),
        (
            "@keyframes spin{to{a:b}}@-webkit-keyframes gone{to{a:b}}.cell{animation:1s spin}",
            "@keyframes spin{to{a:b}}.cell{animation:1s spin}",
        ),
        ("@keyframes spin{to{a:b}}.gone{animation:spin}", ""),
        (
            '@font-face{font-family:"Mono";src:url(m.woff2)}.cell{font-family:Mono}',
            '@font-face{font-family:"Mono";src:url(m.woff2)}.cell{font-family:Mono}',
        ),
        ('@font-face{font-family:"Other";src:url(o.woff2)}.cell{a:b}', ".cell{a:b}"),
        (".c\\65ll{a:b}", ".c\\65ll{a:b}"),
        ("svg|rect{a:b}", ""),
        ("@page{margin:0}", "@page{margin:0}"),
    ],
)
def test_purge_keeps_what_can_match_and_nothing_else(css, kept):
    assert purge(css, PAGE) == kept


def test_classes_a_surrounding_page_adds_count_as_present():
    html = '<style>.wrap .md-typeset__table{a:b}</style><div class="wrap"></div>'
    assert purge_styles(html) == '<div class="wrap"></div>'
    assert purge_styles(html, class_prefixes=("md-",)) == html


def test_a_style_block_left_empty_is_removed_and_the_html_is_untouched():
    html = '<p class="a">x</p><style type="text/css">.b{c:d}</style><style>.a{c:d}</style>'
    assert purge_styles(html) == '<p class="a">x</p><style>.a{c:d}</style>'


# -- in the browser: every element computes the same style before and after ---------------------

COMPUTED = """() => [...document.querySelectorAll('.jupyter-wrapper, .jupyter-wrapper *')]
.map(el => {
  const style = getComputedStyle(el);
  const seen = {};
  for (const name of style) seen[name] = style.getPropertyValue(name);
  return [el.tagName + '.' + el.className, seen];
})"""


@pytest.mark.browser
@pytest.mark.parametrize("scheme", ["default", "slate"])
def test_every_element_looks_the_same_with_the_purged_css(converted, scheme):
    from playwright.sync_api import sync_playwright

    from tests.browser.browser import CHROMIUM, CHROMIUM_ARGS

    def computed(fragment: str) -> list:
        page.set_content(f'<html><body data-md-color-scheme="{scheme}">{fragment}</body></html>')
        return page.evaluate(COMPUTED)

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            page = browser.new_page()
            before, after = computed(converted), computed(slim(converted))
        finally:
            browser.close()
    assert len(before) == len(after) > 50
    for (element, old), (_, new) in zip(before, after, strict=True):
        changed = {name: (old[name], new.get(name)) for name in old if old[name] != new.get(name)}
        assert not changed, f"{element}: {changed}"
