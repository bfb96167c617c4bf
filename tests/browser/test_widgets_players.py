"""The players and the training replay in a real browser, against numbers computed here."""

from __future__ import annotations

import itertools
import os
import re
import runpy
from pathlib import Path

import numpy as np
import pytest

from picturenn import Network
from picturenn.datasets import streetlight
from picturenn.draw.lego import fmt
from tests.browser.widgets_browser import (
    axe,
    images_inline,
    images_shown,
    lit,
    numbers_shown,
    reader,
    small_labels,
    wake,
)

pytestmark = [pytest.mark.slow, pytest.mark.browser]
EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "examples" / "predict_network.py"
PATTERNS = ["".join(bits) for bits in itertools.product("01", repeat=3)]


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> str:
    return os.environ.get("PICTURENN_SITE_URL") or request.getfixturevalue("site_url")


def vec(values) -> str:
    return "[" + ", ".join(f"{float(v) + 0.0:.4g}" for v in np.ravel(values)) + "]"


def set_lamps(page, widget, pattern: str) -> None:
    for lamp, bit in enumerate(pattern):
        button = page.locator(f"#{widget} .pnn-lamp[data-lamp='{lamp}']")
        if (button.get_attribute("aria-pressed") == "true") != (bit == "1"):
            button.click()
    assert page.locator(f"#{widget}").get_attribute("data-pattern") == pattern


def steps_shown(page, widget: str, count: int) -> list[tuple[str, dict[str, list[str]]]]:
    """Reset to step 1 of the current pattern (Previous), then Next through every step."""
    for _ in range(count):
        page.get_by_role("button", name="Previous step").click()
    shown = []
    for k in range(1, count + 1):
        assert page.locator(f"#{widget} .pnn-count").inner_text() == f"Step {k} of {count}"
        shown.append((page.locator(f"#{widget} .pnn-said").inner_text(), lit(page, widget)))
        if k < count:
            page.get_by_role("button", name="Next step").click()
    return shown


def forward_numbers(net: Network, x: list[float]) -> dict[str, str]:
    """What the predict picture must show for ``x`` once every step is taken: each panel's
    strips, and above the 0 of each sum relu struck, the sum."""
    trace, depth = net.trace(x), len(net.weights)
    want = {f"step-1-l_0-{i}": fmt(v) for i, v in enumerate(trace.layers[0][0])}
    for k in range(depth):
        want.update({f"step-{k + 2}-l_{k}-{i}": fmt(v) for i, v in enumerate(trace.layers[k][0])})
        for i, v in enumerate(trace.layers[k + 1][0]):
            want[f"step-{k + 2}-l_{k + 1}-{i}"] = fmt(v)
            if k + 1 < depth and trace.sums[k][0][i] < 0:
                want[f"step-{k + 2}-l_{k + 1}-{i}-before"] = fmt(trace.sums[k][0][i])
    return want


def backward_numbers(net: Network, x: list[float], goal: list[float]) -> dict[str, str]:
    """What the backprop picture must show: each layer, each delta, the goal, and where a
    layer was 0 the delta its gate stopped, struck."""
    bp, depth = net.backprop(x, goal), len(net.weights)
    want = {f"goal-{i}": fmt(v) for i, v in enumerate(goal)}
    for k in range(depth + 1):
        want.update({f"l_{k}-{i}": fmt(v) for i, v in enumerate(bp.trace.layers[k][0])})
        want.update({f"delta_{k}-{i}": fmt(v) for i, v in enumerate(bp.deltas[k][0])})
        if 0 < k < depth:
            sent = bp.deltas[k + 1].dot(net.weights[k].T)[0]
            for i, v in enumerate(bp.trace.layers[k][0]):
                if v <= 0:
                    want[f"delta_{k}-{i}-before"] = fmt(sent[i])
    return want


def values_shown(page, widget: str, gids: str) -> dict[str, str]:
    """The picture's numbers whose gid matches ``gids`` (a regular expression)."""
    return {g: t for g, t in numbers_shown(page, widget).items() if re.fullmatch(gids, g)}


def test_forward_player_shows_the_package_trace_for_all_8_lamp_patterns(browser, site):
    net = runpy.run_path(str(EXAMPLE))["net"]
    with reader(browser, site + "predict/") as (page, errors):
        widget = page.locator(".pnn-forward").get_attribute("id")
        assert page.locator(f"#{widget}").get_attribute("data-pattern") == "101"
        for pattern in PATTERNS:
            set_lamps(page, widget, pattern)
            x = [float(c) for c in pattern]
            trace = net.trace(x)
            shown = steps_shown(page, widget, 4)
            texts = [text for text, _ in shown]
            assert f"l₀ = {vec(x)}" in texts[0]
            assert f"l₀W₀ = {vec(trace.sums[0])}" in texts[1]
            assert f"l₁ = {vec(trace.layers[1])}" in texts[2]
            assert f"l₂ = {vec(net.forward(x))}" in texts[3]
            assert all(t.startswith(f"Step {k} of 4: ") for k, t in enumerate(texts, 1))
            assert [sorted(views["code"]) for _, views in shown] == [
                ["l0"],
                ["W0", "l0"],
                ["l1", "relu1"],
                ["W1", "l2"],
            ]
            assert shown[3][1]["picture"] == ["W1", "l2"]
            # the one picture, after the last step: this pattern's numbers, each once, and
            # a struck sum exactly where relu zeroed one
            drawn = values_shown(page, widget, r"step-\d+-l_\d+-\d+(?:-before)?")
            assert drawn == forward_numbers(net, x), pattern
            card = page.locator(f"#{widget} .pnn-picture [data-part='l2']").first
            card.evaluate("e => e.scrollIntoView({block: 'center'})")
            card.dispatch_event("mouseover")
            assert vec(net.forward(x)) in page.locator(f"#{widget} .pnn-card").inner_text()
            assert f"np.array([{', '.join(f'{v:.1f}' for v in x)}])" in (
                page.locator(f"#{widget} .pnn-code").inner_text()
            )
            assert not axe(page), pattern
        assert not errors


def test_backward_player_shows_the_package_backprop_for_all_8_lamp_patterns(browser, site):
    with reader(browser, site + "correlation/") as (page, errors):
        widget = page.locator(".pnn-backward").get_attribute("id")
        for pattern in PATTERNS:
            set_lamps(page, widget, pattern)
            x = [float(c) for c in pattern]
            goal = [1.0 if x[0] != x[1] else 0.0]
            net = Network.random([3, 4, 1], seed=1)
            bp = net.backprop(x, goal)
            shown = [text for text, _ in steps_shown(page, widget, 5)]
            assert f"δ₂ = {vec(bp.trace.layers[2])} − {vec(goal)} = {vec(bp.deltas[2])}" in shown[0]
            assert f"δ₂W₁ᵀ = {vec(bp.deltas[2].dot(net.weights[1].T))}" in shown[1]
            assert f"δ₁ = {vec(bp.deltas[1])}" in shown[2]
            assert f"ΔW₀ = l₀ᵀδ₁ = {vec(bp.gradients[0])}" in shown[3]
            drawn = values_shown(page, widget, r"(?:l|delta)_\d+-\d+(?:-before)?|goal-\d+")
            assert drawn == backward_numbers(net, x, goal), pattern
            net.train([x], [goal], alpha=0.2, iterations=1)
            assert f"becoming {vec(net.weights[0])}" in shown[4]
            assert not axe(page), pattern
        assert not errors


def test_player_by_keyboard_alone(browser, site):
    with reader(browser, site + "predict/") as (page, errors):
        widget = page.locator(".pnn-forward").get_attribute("id")
        count = page.locator(f"#{widget} .pnn-count")
        focused = "() => document.activeElement.textContent"
        page.get_by_role("button", name="Next step").focus()
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        assert count.inner_text() == "Step 3 of 4"
        page.keyboard.press("ArrowLeft")
        assert count.inner_text() == "Step 2 of 4"
        page.keyboard.press("Shift+Tab")  # Play
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(focused) == "Previous step"
        page.keyboard.press("Enter")
        assert count.inner_text() == "Step 1 of 4"
        for _ in range(2):
            page.keyboard.press("Shift+Tab")
        assert page.evaluate(focused) == "Lamp 2"
        page.keyboard.press("Space")  # lamp 2 off
        assert page.locator(f"#{widget}").get_attribute("data-pattern") == "100"
        for _ in range(3):
            page.keyboard.press("Tab")
        assert page.evaluate(focused) == "Play"
        page.keyboard.press("Enter")
        assert page.evaluate(focused) == "Pause"
        page.keyboard.press("Enter")
        assert page.evaluate(focused) == "Play"
        page.keyboard.press("Shift+Tab")
        page.keyboard.press("Shift+Tab")
        assert page.evaluate(focused) == "Reset"
        page.keyboard.press("Enter")
        assert count.inner_text() == "Step 1 of 4"
        assert page.locator(f"#{widget}").get_attribute("data-pattern") == "101"
        assert page.locator(f"#{widget} .pnn-said").get_attribute("aria-live") == "polite"
        assert not axe(page)
        assert not errors


def test_play_runs_to_the_end_and_reduced_motion_never_animates(browser, site):
    with reader(browser, site + "predict/", motion="no-preference") as (page, errors):
        widget = page.locator(".pnn-forward").get_attribute("id")
        assert (
            page.locator(f"#{widget} .pnn-code .pnn-part").first.evaluate(
                "e => getComputedStyle(e).transitionDuration"
            )
            != "0s"
        )
        page.get_by_role("button", name="Play").click()
        page.wait_for_function(
            f"document.getElementById('{widget}').dataset.step === '4'", timeout=10_000
        )
        page.wait_for_selector(f"#{widget} [data-act='play']:text('Play')")
        assert not errors
    with reader(browser, site + "predict/", motion="reduce") as (page, errors):
        widget = page.locator(".pnn-forward").get_attribute("id")
        page.wait_for_timeout(1500)
        assert page.locator(f"#{widget}").get_attribute("data-step") == "1"  # no autoplay
        assert (
            page.locator(f"#{widget} .pnn-code .pnn-part").first.evaluate(
                "e => getComputedStyle(e).transitionDuration"
            )
            == "0s"
        )
        assert not errors


def test_training_slider_start_middle_end_match_network_train(browser, site):
    lights, walk = streetlight()
    with reader(browser, site + "training/") as (page, errors):
        widget = page.locator(".pnn-train").get_attribute("id")
        slider = page.get_by_role("slider", name="Training step")
        for step, iterations in ((0, 0), (120, 30), (240, 60)):
            slider.fill(str(step))
            net = Network.random([3, 4, 1], seed=1)
            errors_run = net.train(lights, walk, alpha=0.2, iterations=iterations)
            predictions = page.locator(f"#{widget} .pnn-p").all_inner_texts()
            assert predictions == [f"{net.forward(x)[0]:.4f}" for x in lights]
            text = slider.get_attribute("aria-valuetext")
            if step == 0:
                start = sum(
                    (net.forward(x)[0] - g[0]) ** 2 for x, g in zip(lights, walk, strict=True)
                )
                assert text == f"Start, before training: error {start:.12g}"
            else:
                assert text.startswith(f"Iteration {iterations - 1}, row 3 (lamps [1, 1, 1])")
                assert text.endswith(f"error so far this iteration {errors_run[-1]:.12g}")
            colours = page.locator(f"#{widget} .pnn-picture g[id$='-w-0-0-1'] path").evaluate(
                "p => getComputedStyle(p).stroke"
            )
            blue = net.weights[0][0, 1] > 0
            assert colours == ("rgb(0, 114, 178)" if blue else "rgb(213, 94, 0)")
            line = page.locator(f"#{widget} .pnn-picture g[id$='-w-1-1-0']")
            line.dispatch_event("mouseover", {"clientX": 10, "clientY": 10})
            card = page.locator(f"#{widget} .pnn-card").inner_text()
            assert f"w = {round(float(net.weights[1][1, 0]), 4):g}" in card.replace("w = ", "w = ")
            assert not axe(page)
        assert text.endswith("1.50556226651e-05")
        curve = page.locator(f"#{widget} .pnn-curve svg")
        box = curve.bounding_box()
        curve.evaluate("e => e.scrollIntoView({block: 'center'})")
        box = curve.bounding_box()
        page.mouse.move(box["x"] + box["width"] * 0.55, box["y"] + box["height"] / 2)
        assert "iteration" in page.locator(f"#{widget} .pnn-card").inner_text()
        page.get_by_role("button", name="Reset").click()
        assert slider.input_value() == "0"
        assert not errors


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("path", ["predict/", "correlation/", "training/"])
def test_widget_pages_read_at_both_widths_and_palettes(browser, site, path, width, palette):
    with reader(browser, site + path, width=width, palette=palette) as (page, errors):
        assert not small_labels(page)
        if path == "training/":
            page.get_by_role("slider", name="Training step").fill("240")
        else:
            page.get_by_role("button", name="Next step").click()
            page.locator(".pnn-lamp[data-lamp='1']").click()
        assert not small_labels(page)
        assert not overflowing(page)  # the phone gets its own layout: nothing scrolls sideways
        assert not axe(page)
        assert not errors


def overflowing(page) -> list[str]:
    """Widget pictures wider than their column, as ``id: picture px > column px``."""
    return page.evaluate(
        """() => [...document.querySelectorAll('.pnn-widget .pnn-picture')]
          .filter(v => v.scrollWidth > v.clientWidth + 1)
          .map(v => v.closest('.pnn-widget').id + ': ' + v.scrollWidth + ' > ' + v.clientWidth)"""
    )


def test_a_turned_phone_changes_the_players_layout_and_keeps_its_step(browser, site):
    with reader(browser, site + "correlation/", width=390) as (page, errors):
        widget = page.locator(".pnn-backward").get_attribute("id")
        set_lamps(page, widget, "011")  # not the start: the new layout shows it too
        page.get_by_role("button", name="Next step").click()
        net, x = Network.random([3, 4, 1], seed=1), [0.0, 1.0, 1.0]
        want = backward_numbers(net, x, [1.0])
        gids = r"l_\d+-\d+|goal-\d+"
        assert values_shown(page, widget, gids) == {g: want[g] for g in want if re.match(gids, g)}
        tall = page.locator(f"#{widget} .pnn-picture svg").bounding_box()
        page.set_viewport_size({"width": 1280, "height": 900})
        page.wait_for_function(
            f"document.querySelector('#{widget} .pnn-picture svg').getBoundingClientRect()"
            f".width > {tall['width'] + 100}"
        )
        assert page.locator(f"#{widget} .pnn-count").inner_text().startswith("Step 2 of")
        assert lit(page, widget)["picture"]  # the new picture is lit like the old one
        assert values_shown(page, widget, gids) == {g: want[g] for g in want if re.match(gids, g)}
        assert not overflowing(page)
        assert not errors


# where a player's picture stands: how far below its buttons (in rem), its top in the page
# and its figure's height (picture and caption); the image before it starts, the SVG after
_PLACE = """(sel) => {
  const widget = document.querySelector(sel);
  const figure = widget.querySelector('.pnn-picture');
  const picture = figure.querySelector(':scope > svg, :scope > img, :scope > picture > img');
  const box = picture.getBoundingClientRect();
  const rem = parseFloat(getComputedStyle(document.documentElement).fontSize);
  return {
    kind: picture.tagName.toLowerCase(),
    below: (box.top - widget.querySelector('.pnn-buttons').getBoundingClientRect().bottom) / rem,
    top: box.top + window.scrollY,
    figure: figure.getBoundingClientRect().height,
  };
}"""
# the page's layout shifts so far, each as what moved where
_SHIFTS = """() => new Promise(done => {
  const moved = [];
  new PerformanceObserver(list => {
    for (const s of list.getEntries().flatMap(e => e.sources))
      moved.push(`${s.node?.nodeName} ${s.previousRect.y} -> ${s.currentRect.y}`);
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(moved), 500);
})"""


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize(
    ("path", "player"), [("predict/", ".pnn-forward"), ("correlation/", ".pnn-backward")]
)
def test_a_players_picture_stands_below_its_buttons_and_starting_moves_nothing(
    browser, site, path, player, width
):
    # asleep: its states cannot load, so the page shows the picture's image
    with reader(browser, site + path, width=width, without="**/assets/widgets/*.js") as (page, _):
        page.locator(player).scroll_into_view_if_needed()
        asleep = page.evaluate(_PLACE, player)
        assert "pnn-ready" not in page.locator(player).get_attribute("class")
    with reader(browser, site + path, width=width) as (page, errors):
        started = page.evaluate(_PLACE, player)
        shifts = page.evaluate(_SHIFTS)
        assert not errors
    assert (asleep["kind"], started["kind"]) == ("img", "svg")
    # between the buttons and the picture: the step's sentence (two lines) and the margins,
    # about 4 rem; never a blank band (the sentence's line once held a screen's height)
    assert started["below"] < 5, f"{started['below']:.1f} rem between the buttons and picture"
    # the SVG takes the image's place at its size: nothing above or below it moves
    assert started["top"] == pytest.approx(asleep["top"], abs=0.5), "the picture moved"
    assert started["figure"] == pytest.approx(asleep["figure"], abs=0.5), (
        "the figure changed height"
    )
    assert shifts == []


def test_without_javascript_the_static_figures_remain(browser, site):
    # the pictures are images of their files (widgets/states.py), loaded, no SVG inline
    for path in ("predict/", "correlation/", "training/"):
        with reader(browser, site + path, javascript=False) as (page, _):
            widget = page.locator(".pnn-widget").first
            assert widget.locator(
                ".pnn-picture img.pnn-img, .pnn-picture .pnn-img img"
            ).is_visible()
            assert widget.locator("svg").count() == 0
            images_shown(page)
            assert widget.locator(".pnn-controls").is_hidden()
    # the one picture of a player shows its start pattern alone: every number once, its own
    # (on a laptop and on a phone, each screen's own file)
    net = runpy.run_path(str(EXAMPLE))["net"]
    for width in (1280, 390):
        with reader(browser, site + "predict/", javascript=False, width=width) as (page, _):
            widget = page.locator(".pnn-forward").get_attribute("id")
            images_inline(page)
            drawn = values_shown(page, widget, r"step-\d+-l_\d+-\d+(?:-before)?")
            assert drawn == forward_numbers(net, [1.0, 0.0, 1.0])
        with reader(browser, site + "correlation/", javascript=False, width=width) as (page, _):
            widget = page.locator(".pnn-backward").get_attribute("id")
            images_inline(page)
            drawn = values_shown(page, widget, r"(?:l|delta)_\d+-\d+(?:-before)?|goal-\d+")
            assert drawn == backward_numbers(Network.random([3, 4, 1], seed=1), [1, 0, 1], [1])


def test_instant_navigation_between_widget_pages_restarts_them(browser, site):
    with reader(browser, site + "predict/") as (page, errors):
        page.get_by_role("button", name="Next step").click()
        page.locator("a[href$='correlation/']").first.click()
        page.wait_for_url("**/correlation/")
        wake(page, ".pnn-backward")
        page.get_by_role("button", name="Next step").click()
        assert page.locator(".pnn-backward .pnn-count").inner_text() == "Step 2 of 5"
        page.go_back()
        page.wait_for_url("**/predict/")
        wake(page, ".pnn-forward")
        assert page.locator(".pnn-forward .pnn-count").inner_text() == "Step 1 of 4"
        page.get_by_role("button", name="Next step").click()
        assert page.locator(".pnn-forward .pnn-count").inner_text() == "Step 2 of 4"
        assert not errors
