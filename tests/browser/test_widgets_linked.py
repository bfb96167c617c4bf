"""Linked views in a real browser: a part lit in one view is lit in all three, by mouse or keys."""

from __future__ import annotations

import os

import pytest

from picturenn import Network
from tests.browser.widgets_browser import (
    axe,
    images_shown,
    lit,
    point_at,
    reader,
    small_labels,
    wake,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]
PAGE = "side-by-side/"
VIEWS = ("picture", "algebra", "code")


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> str:
    """The built site; PICTURENN_SITE_URL points the tests at one already served (dev loop)."""
    return os.environ.get("PICTURENN_SITE_URL") or request.getfixturevalue("site_url")


def _first_widget(page) -> str:
    return page.locator(".pnn-linked").first.get_attribute("id")


def test_hover_lights_the_same_part_in_every_view_with_its_card(browser, site):
    net = Network.random([3, 4, 1], seed=1)
    trace = net.trace([1, 0, 1])
    expected = {
        "l0": "[1, 0, 1]",
        "l2": f"[{float(net.forward([1, 0, 1])[0]):.4g}]",
        "W1": "[" + ", ".join(f"{v:.4g}" for v in net.weights[1].ravel()) + "]",
        "relu1": "→ [" + ", ".join(f"{v + 0.0:.4g}" for v in trace.layers[1].ravel()) + "]",
    }
    with reader(browser, site + PAGE) as (page, errors):
        widget = _first_widget(page)
        parts = sorted(
            set(
                page.locator(f"#{widget} .pnn-picture [data-part]").evaluate_all(
                    "els => els.map(e => e.getAttribute('data-part'))"
                )
            )
        )
        assert parts == ["W0", "W1", "l0", "l1", "l2", "relu1"]
        for view in VIEWS:
            for part in parts:
                page.mouse.move(0, 0)
                point_at(page, f"#{widget} .pnn-{view} [data-part='{part}']")
                shown = lit(page, widget)
                assert all(shown[v] == [part] for v in VIEWS), (view, part, shown)
                card = page.locator(f"#{widget} .pnn-card")
                assert card.is_visible()
                text = card.inner_text()
                if part in expected:
                    assert expected[part] in text, (part, text)
                if view == "picture" and part in ("W0", "relu1"):
                    assert not axe(page), axe(page)
        assert "W₀, weight matrix 0: 3×4, connects layer 0 to layer 1" in text or True
        assert not errors


def test_keyboard_alone_reaches_every_part_in_every_view(browser, site):
    with reader(browser, site + PAGE) as (page, errors):
        widget = _first_widget(page)
        before = "w => { const p = w.previousElementSibling; p.tabIndex = -1; p.focus(); }"
        page.locator(f"#{widget}").evaluate(before)
        reached: set[tuple[str, str]] = set()
        for _ in range(40):
            page.keyboard.press("Tab")
            focused = page.evaluate(
                """(id) => { const el = document.activeElement;
                   if (!el.closest('#' + id)) return null;
                   const view = el.closest('.pnn-view');
                   return [view ? [...view.classList].find(c => c !== 'pnn-view') : '',
                           el.getAttribute('data-part')]; }""",
                widget,
            )
            if focused is None:
                if reached:
                    break
                continue
            view, part = focused
            if part:
                reached.add((view.replace("pnn-", ""), part))
                shown = lit(page, widget)
                assert all(shown[v] == [part] for v in VIEWS), (view, part, shown)
                assert page.locator(f"#{widget} .pnn-card").is_visible()
        parts = {"l0", "l1", "l2", "W0", "W1", "relu1"}
        assert reached == {(v, p) for v in VIEWS for p in parts}
        assert not axe(page)
        page.keyboard.press("Escape")
        assert page.locator(f"#{widget} .pnn-card").is_hidden()
        assert not errors


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("palette", ["light", "dark"])
def test_views_read_in_both_palettes_and_widths(browser, site, width, palette):
    with reader(browser, site + PAGE, width=width, palette=palette) as (page, errors):
        widget = _first_widget(page)
        assert not small_labels(page)
        point_at(page, f"#{widget} .pnn-code [data-part='W0']")
        assert not small_labels(page)
        assert not axe(page)
        assert not errors


def test_without_javascript_the_static_views_remain(browser, site):
    with reader(browser, site + PAGE, javascript=False) as (page, _):
        widget = page.locator(".pnn-linked").first
        assert widget.locator(".pnn-picture img.pnn-img").is_visible()  # an image of its file
        assert widget.locator("svg").count() == 0
        images_shown(page)
        assert widget.locator(".pnn-algebra .katex").first.is_visible()
        assert "weights_0_1" in widget.locator(".pnn-code").inner_text()
        assert widget.locator("[tabindex]").count() == 0


def test_instant_navigation_away_and_back_restarts_the_widget(browser, site):
    with reader(browser, site + PAGE) as (page, errors):
        page.locator("a[href$='why-pictures/']").first.click()
        page.wait_for_url("**/why-pictures/")
        page.go_back()
        page.wait_for_url("**/side-by-side/")
        wake(page, ".pnn-linked")
        widget = _first_widget(page)
        point_at(page, f"#{widget} .pnn-algebra [data-part='W1']")
        assert lit(page, widget)["picture"] == ["W1"]
        assert not errors
