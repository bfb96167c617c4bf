"""The playground in a real browser: edits reach every view, the code runs, the link restores.

Every expected number here comes from picturenn in this process, never from the
page: the page computes through kernel.js, and these tests check what it shows
against the library, through every control a reader has (mouse, keys, the link).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
import pytest
from playwright.sync_api import Browser, Page, expect

from picturenn import Network
from tests.browser.widgets_browser import axe_script
from tests.build.hosting import unpack

pytestmark = [pytest.mark.slow, pytest.mark.browser]
PAGE = "playground/"
LIVE = ".pnn-live"
POSITIVE = "#0072B2"

_AXE = """async () => {
  const result = await axe.run({include: [['.pnn-live']]}, {resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.impact} ${v.id}: ${v.help} at ` +
              v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '));
}"""
# every label of the playground's pictures, in CSS px as shown
_LABELS = """() => [...document.querySelectorAll('.pnn-live .pl-svg text')]
  .filter(t => t.textContent && t.getBBox().width > 0)
  .map(t => [t.textContent, parseFloat(getComputedStyle(t).fontSize) * t.getScreenCTM().a])"""
_STATE = """() => ({
  printed: document.querySelector('.pl-printed').textContent,
  algebra: document.querySelector('.pl-math').textContent,
  code: document.querySelector('.pl-script').textContent,
  hash: location.hash,
})"""


@pytest.fixture(scope="module")
def site(request: pytest.FixtureRequest) -> str:
    """The built site; PICTURENN_SITE_URL points the tests at one already served (dev loop)."""
    return os.environ.get("PICTURENN_SITE_URL") or request.getfixturevalue("site_url")


@contextmanager
def opened(
    browser: Browser,
    url: str,
    *,
    width: int = 1280,
    palette: str = "light",
    motion: str = "reduce",
    near: bool = False,
) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page at ``url`` with its playground running; yields it and its console errors.
    ``near``: scrolled to the figure first (a lesson's starts as the reader nears it)."""
    context = browser.new_context(
        viewport={"width": width, "height": 900}, color_scheme=palette, reduced_motion=motion
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    if near:
        page.locator(LIVE).first.scroll_into_view_if_needed()
    page.wait_for_selector(f"{LIVE}.pl-on", state="attached")
    try:
        yield page, errors
    finally:
        context.close()


def num(v: float) -> str:
    return f"{float(v) + 0.0:.4g}"


def vec(values) -> str:
    return "[" + " ".join(num(v) for v in np.ravel(values)) + "]"


def printed(weights: list[np.ndarray], x, goal) -> str:
    """What the page's code prints and its algebra shows, worked out by picturenn."""
    bp = Network(weights).backprop(x, goal)
    lines = [f"l{k} = {vec(layer)}" for k, layer in enumerate(bp.trace.layers)]
    lines += [f"delta{k} = {vec(d)}" for k, d in enumerate(bp.deltas[1:], start=1)]
    return "\n".join([*lines, f"error = {num(bp.error)}"]) + "\n"


def seeded(widths: list[int], seed: int = 1) -> list[np.ndarray]:
    return [w.copy() for w in Network.random(widths, seed=seed).weights]


def shown(page: Page) -> dict[str, str]:
    """What the views and the address bar show, once the address bar has caught up (it
    follows the last change after 150 ms)."""
    page.wait_for_function("!document.querySelector('.pnn-live').pnnPlayground.sharing")
    return page.evaluate(_STATE)


def type_into(page: Page, selector: str, text: str) -> None:
    page.fill(selector, text)
    page.press(selector, "Enter")


# a point of the weight's line (or cell) that no other weight covers: where a reader clicks
_CLEAR_POINT = """(at) => {
  const g = document.querySelector(`.pnn-live [data-w="${at}"]`);
  g.scrollIntoView({block: 'center'});
  const shape = g.querySelector('.pl-line, .pl-cell').getBoundingClientRect();
  const line = g.querySelector('.pl-line');
  for (let t = 0.5; t < 0.95; t += 0.05) {
    for (const s of [t, 1 - t]) {
      let x = shape.left + shape.width * s, y = shape.top + shape.height * s;
      const rising = line && +line.getAttribute('y2') < +line.getAttribute('y1');
      if (rising) y = shape.bottom - shape.height * s;
      if (document.elementFromPoint(x, y)?.closest('[data-w]') === g) return [x, y];
    }
  }
  return null;
}"""


def click_weight(page: Page, k: int, i: int, j: int) -> None:
    point = page.evaluate(_CLEAR_POINT, f"{k},{i},{j}")
    assert point, f"no point of W{k}[{i},{j}] can be clicked"
    page.mouse.click(*point)


def edit_weight(page: Page, k: int, i: int, j: int, value: str) -> None:
    """Click the weight in the picture (its line or cell) and type a value, as a reader."""
    click_weight(page, k, i, j)
    assert page.evaluate("document.activeElement.closest('.pl-picture-view') !== null")
    page.keyboard.press("Control+a")
    page.keyboard.type(value)
    page.keyboard.press("Enter")


def axe(page: Page) -> list[str]:
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=axe_script())
    return page.evaluate(_AXE)


def test_an_edit_reaches_the_picture_the_algebra_and_the_code(browser, site):
    weights = seeded([3, 4, 1])
    with opened(browser, site + PAGE) as (page, errors):
        start = shown(page)
        assert start["printed"] == printed(weights, [1, 0, 1], [1])
        edit_weight(page, 1, 1, 0, "0.5")
        weights[1][1, 0] = 0.5
        now = shown(page)
        expected = printed(weights, [1, 0, 1], [1])
        assert now["printed"] == expected  # the code's output, under the code
        prediction = Network(weights).forward([1, 0, 1])
        hidden = vec(Network(weights).trace([1, 0, 1]).layers[1])
        assert f"l₂ = l₁W₁ = {hidden} W₁ = {vec(prediction)}" in now["algebra"]
        assert "        [0.5],\n" in now["code"]  # W₁'s row 1, as Python reads it back
        line = page.locator(f'{LIVE} [data-w="1,1,0"]')
        assert line.get_attribute("aria-label") == "W₁[1,0] = 0.5"
        assert line.locator(".pl-line").get_attribute("stroke") == POSITIVE
        assert page.locator(f'{LIVE} [data-l="2,0"] .pl-value').text_content() == num(prediction[0])
        assert "W₁[1,0] is now 0.5" in page.locator(".pl-live").text_content()
        assert page.locator(".pl-live").get_attribute("aria-live") == "polite"
        # a lamp is an input too: [1 1 1] is row 3 of the data, whose goal is 0
        page.get_by_role("button", name="Lamp 1 off").click()
        assert page.locator(".pl-printed").text_content() == printed(weights, [1, 1, 1], [0])
        assert "l₀ = [1 1 1]" in page.locator(".pl-math").text_content()
        # check yourself: each kind of question, answered right and wrong
        for _ in range(3):
            page.get_by_role("button", name="Another question").click()
            quiz = page.evaluate("document.querySelector('.pnn-live').pnnPlayground.quiz")
            truth = _truth(quiz, weights, [1, 1, 1], [0], 0.2)
            type_into(page, "[name=answer]", repr(truth + 0.001))
            assert page.locator(".pl-verdict").text_content().startswith("Right: the kernel gives")
            type_into(page, "[name=answer]", repr(truth + 1))
            assert page.locator(".pl-verdict").text_content().startswith("Not quite")
        assert "within 1% of the kernel's value, or 0.01" in page.locator(".pl-quiz").text_content()
        assert errors == []


def _truth(quiz: dict, weights: list[np.ndarray], x, goal, alpha: float) -> float:
    net = Network(weights)
    k, j = quiz["k"], quiz["j"]
    if quiz["kind"] == "sum":
        return float(net.trace(x).sums[k][0, j])
    if quiz["kind"] == "delta":
        return float(net.backprop(x, goal).deltas[k][0, j])
    net.train([x], [goal], alpha=alpha, iterations=1)
    return float(net.weights[k][quiz["i"], j])


def test_the_copied_code_prints_the_pages_numbers_in_python(browser, site):
    with opened(browser, site + PAGE, motion="no-preference") as (page, errors):
        line = page.locator(f'{LIVE} [data-w="0,2,1"]')
        before = line.get_attribute("aria-label")
        page.get_by_role("button", name="Play").click()  # trains one iteration a frame
        page.wait_for_function(
            "document.querySelector('.pl-status').textContent.includes('Trained 5')"
        )
        moving = line.get_attribute("aria-label")
        page.get_by_role("button", name="Pause").click()
        assert before != moving  # the picture's weights change while it runs
        edit_weight(page, 0, 2, 1, "0.123456789012345")
        on_page = page.locator(".pl-printed").text_content()
        outputs = []
        for lang in ("picturenn", "plain numpy"):
            page.get_by_role("button", name=lang, exact=True).click()
            page.get_by_role("button", name="Copy the code").click()
            copied = "The code is copied: paste it into Python"
            expect(page.locator(".pl-live")).to_have_text(copied)
            code = page.evaluate("navigator.clipboard.readText()")
            assert code == page.locator(".pl-script").text_content()
            done = subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
            )
            assert done.returncode == 0, done.stderr
            outputs.append(done.stdout)
        assert outputs == [on_page, on_page]
        last = on_page.splitlines()[2].split(" = ")[1]  # l2, the prediction
        assert f"= {last}\n" in page.locator(".pl-math").text_content()
        assert errors == []


BAD_LINKS = [
    ("#pnn=1&w=3-99-1&s=1&d=streetlight&x=1,0,1&g=1&a=0.2&p=detailed", "layer 1 (l₁) needs"),
    ("#pnn=2&w=3-4-1", "another version"),
    ("#pnn=1&w=3-4-1&s=1&d=nope&x=1,0,1&g=1&a=0.2&p=detailed", "no dataset “nope”"),
    ("#pnn=1&w=3-4-1&s=1&d=streetlight&x=1,0&g=1&a=0.2&p=detailed", "the input l₀ needs 3"),
    ("#pnn=1&w=3-4-1&s=-4&d=streetlight&x=1,0,1&g=1&a=0.2&p=detailed", "the seed must be"),
    ("#pnn=1&w=3-4-1&s=1&d=streetlight&x=1,0,1&g=1&a=0&p=detailed", "alpha must be above 0"),
    ("#pnn=1&w=3-4-1&s=1&d=streetlight&x=1,0,1&g=1&a=0.2&p=shapes", "detailed or blocks"),
    ("#pnn=1&w=3-4-1&s=1&d=streetlight&x=1,0,1&g=1&a=0.2&p=detailed&e=0.0.0:1e308", "W₀[0,0]"),
    ("#pnn=1&w=3-4-1&s=1&d=streetlight&x=1,0,1&g=1&a=0.2&p=detailed&e=7.0.0:1", "does not have"),
    ("#pnn=1&w=3-4-1&s=1&d=%E0%A4%A", "not valid text"),
    ("#pnn=1&w=3-4-1", "no seed (s=)"),
]


def test_the_link_holds_the_whole_network_and_a_bad_one_falls_back(browser, site):
    with opened(browser, site + PAGE) as (page, errors):
        page.select_option(f"{LIVE} .pl-setup select", "xor")
        type_into(page, "[name=widths]", "2 5 3 1")
        page.get_by_role("button", name="Strips and boxes").click()
        type_into(page, "[name=alpha]", "0.5")
        edit_weight(page, 2, 1, 0, "-0.75")  # a cell of W₂'s box
        page.get_by_role("button", name="Lamp 0 on").click()
        for _ in range(2):
            page.get_by_role("button", name="Train 1 iteration").click()
        state = shown(page)
        assert "w=2-5-3-1" in state["hash"]
        assert "&p=blocks" in state["hash"]
        assert "&a=0.5" in state["hash"]
        assert "d=xor" in state["hash"]
        assert "&e=" in state["hash"]
        page.goto("about:blank")
        page.goto(site + PAGE + state["hash"], wait_until="load")
        page.wait_for_selector(f"{LIVE}.pl-on", state="attached")
        assert shown(page) == state
        assert page.locator(f"{LIVE} .pl-setup select").input_value() == "xor"
        assert page.locator("[name=alpha]").input_value() == "0.5"
        pressed = page.locator('[data-style="blocks"]').get_attribute("aria-pressed")
        assert pressed == "true"
        assert page.locator(".pl-warn").is_hidden()
        start = printed(seeded([3, 4, 1]), [1, 0, 1], [1])
        for link, reason in BAD_LINKS:  # pasted while the page is open: the fragment changes
            page.evaluate("hash => { location.hash = hash; }", link)
            # waits until the warning shows this link's reason (the fragment's change is
            # handled in an event, after the evaluate returns)
            expect(page.locator(".pl-warn")).to_contain_text(reason)
            expect(page.locator(".pl-warn")).to_be_visible()
            assert page.locator(".pl-printed").text_content() == start, link
        assert errors == []


_CURVE = """() => ({
  points: document.querySelector('.pnn-live .pl-curve-line').getAttribute('points'),
  label: document.querySelector('.pl-curve svg').getAttribute('aria-label'),
  status: document.querySelector('.pl-status').textContent,
})"""


def test_a_reloaded_link_replays_the_training_run_to_the_same_curve(browser, site):
    from picturenn.datasets import streetlight

    weights = seeded([3, 4, 1])
    with opened(browser, site + PAGE) as (page, errors):
        page.get_by_role("button", name="Train 60 iterations").click()  # reduced motion: at once
        type_into(page, "[name=alpha]", "0.5")  # mid-run, no reset
        for _ in range(3):
            page.get_by_role("button", name="Train 1 iteration").click()
        edit_weight(page, 1, 2, 0, "-0.3")  # a weight typed mid-run, then more training
        page.get_by_role("button", name="Train 60 iterations").click()
        state, curve = shown(page), page.evaluate(_CURVE)
        # picturenn, the same run: the page's curve is that run's
        net, data = Network(weights), streetlight()
        run = list(net.train(*data, alpha=0.2, iterations=60))
        run += net.train(*data, alpha=0.5, iterations=3)
        typed = [w.copy() for w in net.weights]
        typed[1][2, 0] = -0.3
        net = Network(typed)
        run += net.train(*data, alpha=0.5, iterations=60)
        last = f"Trained 123 iterations; last iteration's error {num(run[-1])}"
        assert curve["status"].startswith(last)
        over = f"Error curve over 123 iterations, from {num(run[0])} to {num(run[-1])}"
        assert curve["label"] == over
        assert "&t=60@0.2,3@0.5,1.2.0:-0.3,60@0.5" in state["hash"]
        assert len(state["hash"]) < 160  # the log, not the 16 trained weights or 123 errors
        page.goto("about:blank")
        page.goto(site + PAGE + state["hash"], wait_until="load")
        page.wait_for_selector(f"{LIVE}.pl-on", state="attached")
        assert shown(page) == state  # the trained weights, to the last digit the views show
        assert page.evaluate(_CURVE) == curve  # every point of the curve, and the error shown
        assert page.locator(".pl-printed").text_content() == printed(net.weights, [1, 0, 1], [1])
        page.locator(".pl-curve svg").focus()
        page.keyboard.press("End")
        assert page.locator(".pl-live").text_content() == f"Iteration 122: error {num(run[-1])}"
        # a run the kernel cannot replay falls back, and says why
        bad = state["hash"].replace("&t=60@0.2", "&t=60@99")
        page.evaluate("hash => { location.hash = hash; }", bad)
        # material's instant navigation may show the page again for the new fragment: the
        # figure it makes starts from the link too, so wait for what it shows, not read once
        expect(page.locator(".pl-warn")).to_contain_text("alpha must be")
        expect(page.locator(".pl-status")).to_contain_text("Not trained yet")
        expect(page.locator(".pl-curve svg")).to_have_attribute(
            "aria-label", "Error curve: no training yet"
        )
        assert errors == []


def test_keyboard_alone_edits_nudges_trains_and_reads_the_curve(browser, site):
    with opened(browser, site + PAGE) as (page, errors):
        unnamed, unseen = [], []
        for _ in range(60):  # from the top of the page, Tab until a weight of the picture
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED)
            if focused["inside"]:
                if not focused["name"]:
                    unnamed.append(focused["tag"])
                if not focused["outline"]:
                    unseen.append(focused["tag"])
            if focused["weight"]:
                break
        assert focused["weight"] == "0,0,0"
        assert unnamed == []
        assert unseen == []
        page.keyboard.press("ArrowRight")
        assert page.evaluate(_FOCUSED)["weight"] == "0,0,1"
        page.keyboard.press("Enter")
        editor = page.locator("[name=weight]")
        assert page.evaluate("document.activeElement.id") == editor.get_attribute("id")
        assert page.locator(".pl-picture-view label").text_content() == "Weight W₀[0,1]"
        weights = seeded([3, 4, 1])
        page.keyboard.press("ArrowUp")
        page.keyboard.press("Shift+ArrowDown")
        weights[0][0, 1] = weights[0][0, 1] + 0.1 - 0.01
        assert editor.input_value() == repr(float(weights[0][0, 1]))
        assert page.locator(".pl-printed").text_content() == printed(weights, [1, 0, 1], [1])
        page.keyboard.press("Control+a")
        page.keyboard.type("-0.25")
        page.keyboard.press("Enter")
        weights[0][0, 1] = -0.25
        assert page.locator(".pl-printed").text_content() == printed(weights, [1, 0, 1], [1])
        page.keyboard.press("Escape")  # back to the weight in the picture
        assert page.evaluate(_FOCUSED)["weight"] == "0,0,1"
        for _ in range(40):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.textContent") == "Train 1 iteration":
                break
        page.keyboard.press("Enter")
        page.keyboard.press("Tab")  # Play: with reduced motion, 60 iterations at once
        assert page.evaluate("document.activeElement.textContent") == "Train 60 iterations"
        page.keyboard.press("Space")
        status = page.locator(".pl-status").text_content()
        assert status.startswith("Trained 61 iterations")
        net = Network(weights)
        from picturenn.datasets import streetlight

        errors_py = net.train(*streetlight(), alpha=0.2, iterations=61)
        assert f"last iteration's error {num(errors_py[-1])}" in status
        page.locator(".pl-curve svg").focus()
        page.keyboard.press("Home")
        page.keyboard.press("ArrowRight")
        assert page.locator(".pl-live").text_content() == f"Iteration 1: error {num(errors_py[1])}"
        assert errors == []


_FOCUSED = """() => {
  const el = document.activeElement;
  const label = el.id && document.querySelector(`label[for="${el.id}"]`);
  const name = el.getAttribute('aria-label') || (label && label.textContent) ||
    (el.tagName === 'BUTTON' || el.tagName === 'SELECT' ? el.textContent.trim() : '');
  const style = getComputedStyle(el);
  return {
    inside: !!el.closest('.pnn-live'),
    tag: el.tagName + ' ' + (el.className.baseVal ?? el.className),
    name: name, weight: el.getAttribute('data-w'),
    outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  };
}"""

BAD_WEIGHTS = ["abc", "inf", "1e308", "", "Infinity", "-1e7", "0x10"]


def test_bad_input_says_what_is_wrong_and_changes_nothing(browser, site):
    with opened(browser, site + PAGE) as (page, errors):
        click_weight(page, 1, 2, 0)
        cases = [("[name=weight]", bad, "W₁[2,0] ") for bad in BAD_WEIGHTS]
        cases += [("[name=alpha]", bad, "alpha ") for bad in ("0", "-1", "11", "abc", "")]
        seed = "The seed must be a whole number from 0 to 4294967295"
        cases += [("[name=seed]", b, seed) for b in ("1.5", "-1")]
        cases += [("[name=seed]", "4294967296", seed)]
        cases += [
            ("[name=widths]", "3 9 1", "Layer 1 (l₁) needs a whole number of values from 1 to 8"),
            ("[name=widths]", "3 4 4 4 4 4 1", "at most 6 layers, not 7"),
            ("[name=widths]", "2 4 1", "Layer 0 holds the dataset's 3 input values"),
            ("[name=widths]", "", "Widths is empty"),
            ("[name=widths]", "3 a 1", "whole numbers"),
            ("[name=goal0]", "nan", "goal[0] must be a finite number"),
        ]
        before = shown(page)
        for selector, bad, words in cases:
            type_into(page, selector, bad)
            message = page.locator(f"#{page.locator(selector).get_attribute('aria-describedby')}")
            assert words in message.text_content(), (selector, bad, message.text_content())
            assert page.locator(selector).get_attribute("aria-invalid") == "true"
            assert shown(page) == before, (selector, bad)
        type_into(page, "[name=widths]", "3 8 8 8 8 1")  # the largest network allowed
        for button, words in (
            ("Add a layer", "at most 6 layers"),
            ("One value more in l₂", "to 8"),
        ):
            before = shown(page)
            page.get_by_role("button", name=button).click()
            assert words in page.locator(".pl-setup .pl-msg").text_content()
            assert shown(page) == before
        page.select_option(f"{LIVE} .pl-setup select", "dimmed")  # numbers, not lamps
        before = shown(page)
        type_into(page, "[name=input1]", "1e308")
        assert (
            "l₀[1] (input value 1) must be a finite number"
            in page.locator(".pl-state").text_content()
        )
        assert shown(page) == before
        assert errors == []


def test_axe_finds_nothing_serious_in_the_playground_light_and_dark(browser, site):
    with opened(browser, site + PAGE) as (page, errors):
        found = axe(page)
        click_weight(page, 0, 1, 1)
        type_into(page, "[name=weight]", "abc")  # an inline message showing
        found += axe(page)
        page.get_by_role("button", name="Strips and boxes").click()
        page.get_by_role("button", name="Train 60 iterations").click()
        type_into(page, "[name=answer]", "0.5")
        found += axe(page)
        assert found == []
        assert errors == []
    with opened(browser, site + PAGE, width=390, palette="dark") as (page, errors):
        wide, small = [], []
        for widths, style in (("3 4 1", "Circles and lines"), ("3 8 8 8 8 1", "Strips and boxes")):
            type_into(page, "[name=widths]", widths)
            page.get_by_role("button", name=style).click()
            page.get_by_role("button", name="Train 60 iterations").click()
            if page.evaluate("document.documentElement.scrollWidth") > 390:
                wide.append(widths)
            small += [f"{t!r} {px:.1f}px" for t, px in page.evaluate(_LABELS) if px < 9.95]
        page.get_by_role("button", name="Circles and lines").click()
        small += [f"{t!r} {px:.1f}px" for t, px in page.evaluate(_LABELS) if px < 9.95]
        assert page.evaluate("document.documentElement.scrollWidth") <= 390
        assert wide == []
        assert small == []
        assert axe(page) == []
        assert errors == []


# where the text of the label above the printed box starts, and where the printed lines do
_PRINTS_LEFT = """() => {
  const box = document.querySelector('.pl-printed');
  const left = node => { const r = document.createRange(); r.selectNodeContents(node);
                         return r.getBoundingClientRect().left; };
  return [box.previousElementSibling.textContent, left(box.previousElementSibling),
          left(box.querySelector('code'))];
}"""


def test_it_prints_lines_up_with_the_printed_lines(browser, site):
    for width in (390, 1280):
        with opened(browser, site + PAGE, width=width) as (page, errors):
            label, at, lines = page.evaluate(_PRINTS_LEFT)
            assert label == "It prints:"
            assert at == pytest.approx(lines, abs=0.5), f"{width} px: label at {at}, lines {lines}"
            assert errors == []


def test_without_javascript_the_static_picture_and_its_sentence_remain(browser, site):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site + PAGE)
    assert page.locator(f"{LIVE} .pnn-live-static img.pnn-img").is_visible()  # its file's image
    assert page.evaluate("document.querySelector('.pnn-live-static img').naturalWidth") > 0
    assert "With JavaScript on, this figure is your own copy" in page.locator(LIVE).inner_text()
    page.goto(site + "side-by-side/")  # a lesson's live figure: its static picture too
    assert page.locator(f"{LIVE} .pnn-live-static img.pnn-img").is_visible()
    assert "share a link to it" in page.locator(LIVE).inner_text()
    context.close()


def test_the_offline_copy_runs_the_playground_from_the_file_system(browser, offline_zip, tmp_path):
    root = unpack(offline_zip, tmp_path)
    requests: list[str] = []
    with opened(browser, (root / "playground.html").as_uri()) as (page, errors):
        page.on("request", lambda r: requests.append(r.url))
        edit_weight(page, 1, 0, 0, "0.5")
        page.get_by_role("button", name="Train 60 iterations").click()
        assert page.locator(".pl-status").text_content().startswith("Trained 60 iterations")
        page.wait_for_function("location.hash.includes('&e=')")
        page.get_by_role("button", name="Copy the code").click()  # no clipboard needed
        # selected at once, for Ctrl+C; a file:// page's clipboard may never answer
        assert page.locator(".pl-live").text_content().startswith("The code is")
        selected = page.evaluate("String(getSelection())")
        assert selected.strip() == page.locator(".pl-script").text_content().strip()
        assert errors == []
    assert [u for u in requests if urlsplit(u).scheme not in ("file", "data", "about")] == []
    assert Path(root / "side-by-side.html").is_file()


def test_instant_navigation_starts_the_playground_and_a_lessons_live_figure(browser, site):
    # material swaps the page's content in place: each figure must start, once, quietly
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.goto(site + "correlation/")  # a page without a live figure
    loaded = "() => [...document.scripts].map(s => s.src.split('/').pop())"
    try:
        # nor its scripts: live-figures.js loads them on the first page that needs them
        assert "kernel.js" not in page.evaluate(loaded)
        for target, mode in (("playground/", "playground"), ("side-by-side/", "lesson")):
            page.locator(f".md-nav--primary a[href$='{target}']").first.click()
            page.wait_for_url(f"**/{target}*")
            # a figure starts as a reader nears it (the lesson's is far down its page)
            page.locator(f"div{LIVE}").first.scroll_into_view_if_needed()
            page.wait_for_selector(f"{LIVE}.pl-on", state="attached")
            assert page.locator(LIVE).get_attribute("data-mode") == mode
            assert page.locator(".pl-ui").count() == 1
        assert page.evaluate(loaded).count("playground.js") == 1  # loaded once, kept
        assert errors == []
    finally:
        context.close()


LESSON = "side-by-side/"


def test_a_lessons_live_figure_has_widths_a_dataset_and_a_link_that_reopens_it(browser, site):
    with opened(browser, site + LESSON, near=True) as (page, errors):
        root = page.locator(LIVE)
        figure = root.get_attribute("id")
        page.select_option(f"{LIVE} .pl-setup select", "walk-stop")  # two outputs
        type_into(page, "[name=widths]", "3 5 2")
        page.get_by_role("button", name="One value fewer in l₁").click()  # 3 4 2
        page.get_by_role("button", name="Train 60 iterations").click()
        type_into(page, "[name=widths]", "3 9 2")  # over the limit: said inline, nothing changes
        assert "Layer 1 (l₁) needs a whole number of values from 1 to 8" in root.inner_text()
        assert page.evaluate("location.hash") == ""  # a lesson leaves the address bar alone
        page.get_by_role("button", name="Link to this network").click()
        expect(page.locator(".pl-live")).to_have_text("The link is copied: paste it anywhere")
        link = page.evaluate("navigator.clipboard.readText()")
        assert link == page.get_by_label("This network's link").input_value()
        assert f"#pnn=1&f={figure}&w=3-4-2&" in link
        assert "d=walk-stop" in link
        assert "&t=60@0.2" in link
        state = shown(page) | page.evaluate(_CURVE)
        state.pop("hash")
        assert "Trained 60 iterations" in state["status"]
        page.goto("about:blank")
        page.goto(link, wait_until="load")
        # the figure the link names starts at once, in view, as it was left
        page.wait_for_selector(f"{LIVE}.pl-on", state="attached")
        again = shown(page) | page.evaluate(_CURVE)
        again.pop("hash")
        assert again == state
        assert page.locator(f"{LIVE} .pl-setup select").input_value() == "walk-stop"
        top = page.evaluate(f"document.getElementById('{figure}').getBoundingClientRect().top")
        assert -1 <= top < 200
        assert page.locator(".pl-warn").is_hidden()
        assert axe(page) == []
        assert errors == []
    with opened(browser, site + LESSON, width=390, palette="dark", near=True) as (page, errors):
        wide, small = [], []
        for widths, style in (
            ("3 4 4 1", "Strips and boxes"),
            ("3 8 8 8 8 1", "Circles and lines"),
        ):
            type_into(page, "[name=widths]", widths)
            page.get_by_role("button", name=style).click()
            page.get_by_role("button", name="Train 60 iterations").click()
            page.get_by_role("button", name="Link to this network").click()
            if page.evaluate("document.documentElement.scrollWidth") > 390:
                wide.append(widths)
            small += [f"{t!r} {px:.1f}px" for t, px in page.evaluate(_LABELS) if px < 9.95]
        assert wide == []
        assert small == []
        assert axe(page) == []
        assert errors == []
