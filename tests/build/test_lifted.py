"""Widgets' heavy parts wait outside the page while search and the theme read it."""

from __future__ import annotations

import json

import pytest

from picturenn_docs.speedups.lifted import Lifted

pytestmark = pytest.mark.slow

WIDGET_PAGES = ("predict", "correlation", "training", "side-by-side")


def test_every_widget_part_is_lifted_and_put_back_unchanged(built_site):
    for name in WIDGET_PAGES:
        html = (built_site / name / "index.html").read_text()
        page = Lifted()
        lifted = page.lift(html)
        assert page.parts, f"{name}: no widget picture or states found to lift"
        assert "pnn-svg" not in lifted, name  # the pattern keeps up with widgets' markup
        assert page.restore(lifted) == html, name


def test_the_search_index_holds_the_text_not_the_picture_labels(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    side_by_side = " ".join(d["text"] for d in docs if d["location"].startswith("side-by-side/"))
    assert "Match the pieces across the views" in side_by_side
    # the widget picture's labels ("l₀input1×3W₀3×4...") would run together as one word
    assert "l\u2080input" not in side_by_side


def test_highlighted_code_reaches_search_as_text_and_readers_with_its_colours(built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    predict = " ".join(d["text"] for d in docs if d["location"].startswith("predict/"))
    assert "A 3-4-1 network written out by picturenn" in predict  # a comment in its code
    assert "pnn-code" not in predict
    page = (built_site / "predict" / "index.html").read_text()
    assert '<span class="c1"># A 3-4-1 network written out by picturenn' in page
    for html in built_site.rglob("*.html"):
        assert "<!--pnn-code-" not in html.read_text(), html
