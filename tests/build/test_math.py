"""Math is rendered at build time by the vendored KaTeX: one node per build, none when cached."""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from picturenn_docs.engines import math
from picturenn_docs.engines.math import Formula, KatexUnavailable, MathRenderer, find, substitute

from .site_copy import ROOT, build, line_of, minimal_copy

KATEX = ROOT / "docs" / "assets" / "katex" / "katex.min.js"
NODE = shutil.which("node")
needs_node = pytest.mark.skipif(NODE is None, reason="node renders the math")  # CI has node

PAGE = (
    '<p>Multiply <span class="arithmatex">\\(l_0 W_0\\)</span> then</p>\n'
    '<div class="arithmatex">\\[\nl_2 = \\operatorname{relu}(l_0 W_0) W_1\n\\]</div>'
)


def renderer(tmp_path, **kwargs) -> MathRenderer:
    return MathRenderer(tmp_path / "cache", KATEX, **kwargs)


def test_arithmatex_spans_and_divs_are_found_inline_and_display():
    spots = find(PAGE)
    assert [spot.formula for spot in spots] == [
        Formula("l_0 W_0", display=False),
        Formula("l_2 = \\operatorname{relu}(l_0 W_0) W_1", display=True),
    ]


def test_notebook_math_is_found_in_markdown_and_latex_outputs_but_not_in_code():
    notebook = (
        '<div class="jp-RenderedHTMLCommon jp-RenderedMarkdown" data-mime-type="text/markdown">'
        "<p>widths $w_0 &lt; w_1$ cost <code>$5</code></p>\n<div>$$\\sum_k x_k$$</div>"
        "<pre>$not math$</pre></div>"
        '<div class="jp-OutputArea-output"><pre>$ plain output $</pre></div>'
        '<div class="jp-RenderedLatex" data-mime-type="text/latex">\n'
        "$\\displaystyle l_{1} = l_{0} W_{0}$\n</div>"
    )
    assert [(s.formula.tex, s.formula.display) for s in find(notebook)] == [
        ("w_0 < w_1", False),
        ("\\sum_k x_k", True),
        ("\\displaystyle l_{1} = l_{0} W_{0}", False),
    ]


@needs_node
def test_a_formula_renders_to_mathml_inline_or_display(tmp_path):
    math_ = renderer(tmp_path)
    assert math_.collect(PAGE, "docs/p.md") == 2
    assert math_.render() == []
    page = math_.apply(PAGE)
    assert "\\(" not in page
    assert "\\[" not in page
    inline, display = page.split("then")
    assert '<span class="arithmatex"><span class="katex"><math ' in inline
    assert 'display="block"' not in inline
    assert '<div class="arithmatex"><span class="katex"><math ' in display
    assert 'display="block"' in display
    # MathML only: no HTML copy of the formula, which would need KaTeX's stylesheet
    assert "katex-html" not in page
    # the TeX kept as its annotation
    assert '<annotation encoding="application/x-tex">l_0 W_0</annotation>' in inline
    assert math_.summary.counts["math"] == {"rendered": 2}


@needs_node
def test_widget_parts_and_signs_survive_in_the_mathml(tmp_path):
    tex = r"\htmlData{part=W0}{W_{0}} = \htmlData{part=l1}{l_{1}} (-0.5)"
    page = f'<div class="arithmatex">\\[{tex}\\]</div>'
    math_ = renderer(tmp_path)
    math_.collect(page, "docs/p.md")
    assert math_.render() == []
    made = math_.apply(page)
    assert re.search(r'<msub data-part="W0"><mi>W</mi><mn>0</mn></msub>', made)
    assert re.search(r'<msub data-part="l1"><mi>l</mi><mn>1</mn></msub>', made)
    assert "href" not in made  # the markers that carried the parts are gone
    assert '<mo stretchy="false">(</mo><mo form="prefix">−</mo><mn>0.5</mn>' in made
    assert f'<annotation encoding="application/x-tex">{tex}</annotation>' in made


@needs_node
def test_a_broken_formula_fails_naming_the_page_and_line(tmp_path):
    source = tmp_path / "broken.md"
    source.write_text("# Title\n\nSee \\(\\frac{1}{\\)\n")
    math_ = renderer(tmp_path)
    math_.collect('<span class="arithmatex">\\(\\frac{1}{\\)</span>', "docs/broken.md", source)
    math_.collect('<span class="arithmatex">\\(x\\)</span>', "docs/fine.md")
    failures = math_.render()
    assert [(f.path, f.line) for f in failures] == [("docs/broken.md", 3)]
    assert "KaTeX cannot render \\(\\frac{1}{\\)" in failures[0].message
    assert "\n" not in str(failures[0])


@needs_node
def test_every_formula_of_every_page_renders_in_one_node_process(tmp_path, monkeypatch):
    runs = []
    real_popen = subprocess.Popen
    monkeypatch.setattr(
        math.subprocess, "Popen", lambda *a, **k: runs.append(a) or real_popen(*a, **k)
    )
    math_ = renderer(tmp_path)
    math_.collect(PAGE, "docs/a.md")
    math_.collect('<span class="arithmatex">\\(W_1\\)</span>' + PAGE, "docs/b.md")
    assert math_.render() == []
    assert len(runs) == 1
    assert math_.summary.counts["math"] == {"rendered": 3}


@needs_node
def test_a_cache_hit_starts_no_node(tmp_path, monkeypatch):
    first = renderer(tmp_path)
    first.collect(PAGE, "docs/p.md")
    first.render()

    def no_node(*args, **kwargs):
        raise AssertionError(f"node started: {args}")

    monkeypatch.setattr(math.subprocess, "Popen", no_node)
    again = renderer(tmp_path, node="/nonexistent/node")
    again.collect(PAGE, "docs/p.md")
    assert again.render() == []
    assert again.apply(PAGE) == first.apply(PAGE)
    assert again.summary.counts["math"] == {"cached": 2}


def test_without_node_the_build_says_so_in_one_line(tmp_path):
    math_ = renderer(tmp_path, node="/nonexistent/node")
    math_.collect(PAGE, "docs/p.md")
    with pytest.raises(KatexUnavailable, match=r"need node .*not on PATH") as raised:
        math_.render()
    assert "\n" not in str(raised.value)


def test_a_page_without_math_needs_neither_node_nor_cache(tmp_path):
    math_ = renderer(tmp_path, node="/nonexistent/node")
    assert math_.collect("<p>no formulas, $5 is not one</p>", "docs/p.md") == 0
    assert math_.render() == []
    assert not (tmp_path / "cache").exists()


def test_substitute_leaves_everything_but_the_formulas_alone():
    page = "<p>a <code>\\(x\\)</code></p>" + PAGE
    rendered = {spot.formula: "<i>M</i>" for spot in find(PAGE)}
    assert substitute(page, rendered) == (
        '<p>a <code>\\(x\\)</code></p><p>Multiply <span class="arithmatex"><i>M</i></span> then'
        '</p>\n<div class="arithmatex"><i>M</i></div>'
    )


@needs_node
@pytest.mark.slow
def test_a_broken_formula_in_the_docs_fails_the_build_naming_page_and_line(tmp_path):
    good = "Fine: \\(l_1 = \\operatorname{relu}(l_0 W_0)\\)\n"
    broken = "A broken one: \\(l_0 \\frac{W_0}\\)\n"
    root = minimal_copy(
        tmp_path, {"index.md": "# Home\n", "algebra.md": f"# Algebra\n\n{good}\n{broken}"}
    )
    page = root / "docs" / "algebra.md"
    result = build(root)
    assert result.returncode != 0
    line = line_of(page, "A broken one: \\(l_0 \\frac{W_0}\\)")
    assert f"docs/algebra.md:{line}: KaTeX cannot render \\(l_0 \\frac{{W_0}}\\)" in result.stderr


@needs_node
def test_formulas_no_page_uses_any_more_are_swept_from_the_cache(tmp_path):
    first = renderer(tmp_path)
    first.collect(PAGE, "docs/p.md")
    first.render()
    assert renderer(tmp_path).sweep() == 0  # a build that read no math touches nothing
    again = renderer(tmp_path)
    again.collect('<span class="arithmatex">\\(l_0 W_0\\)</span>', "docs/p.md")
    assert again.sweep() == 1
    assert len(list((tmp_path / "cache" / "math").iterdir())) == 1


@needs_node
def test_node_starts_at_the_first_uncached_formula_and_renders_while_pages_are_read(tmp_path):
    math_ = renderer(tmp_path)
    math_.collect(PAGE, "docs/a.md")
    katex = math_._katex
    assert katex is not None
    assert len(katex.sent) == 2
    math_.collect('<span class="arithmatex">\\(W_1\\)</span>', "docs/b.md")
    assert math_._katex is katex  # the same process, fed one more formula
    assert math_.render() == []
    assert katex.process.returncode == 0
    assert "katex" in math_.apply('<span class="arithmatex">\\(W_1\\)</span>')
