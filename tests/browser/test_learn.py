"""Learning by doing, in chromium: "Check yourself" questions, glossary terms, the book's loop.

Every question of every lesson is answered with the value this test recomputes
from picturenn (never read back from the page), by keyboard only, and must be
called right; a wrong reply must be called wrong. Glossary terms show their
meaning on hover and on keyboard focus, and axe stays clean with a definition
open and feedback shown.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Locator, Page

from picturenn_docs.core.blocks import find_blocks
from picturenn_docs.engines import glossary, questions
from tests import lessons
from tests.browser.browser import _AXE_RUN, CHROMIUM, SCREENSHOTS, axe_script
from tests.build.whole_site import REPO

pytestmark = [pytest.mark.slow, pytest.mark.browser]

DOCS = REPO / "docs"
LESSONS = list(lessons.LESSONS)
BOOK = list(lessons.BOOK_LINES)
assert CHROMIUM  # the fixtures in conftest launch it


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert not errors, errors


def open_page(page: Page, base: str, name: str) -> None:
    page.goto(f"{base}{name}/", wait_until="load")
    page.wait_for_load_state("networkidle")


def expected(name: str) -> list[tuple[str, questions.Question, str | float]]:
    """(id, question, answer) for each question of a lesson, recomputed from picturenn here."""
    found = []
    for block in find_blocks((DOCS / f"{name}.md").read_text(encoding="utf-8")):
        if block.lang != questions.FENCE:
            continue
        q = questions.parse(block.body, f"docs/{name}.md", block.start)
        value = eval(q.values["answer"], questions.namespace(q, DOCS))  # the package, not the page
        found.append((f"q{block.start}", q, value))
    return found


def reply_for(q: questions.Question, value: str | float) -> str:
    if q.kind == "number":
        return f"{float(value):.{q.digits}f}"
    return str(value)


def wrong_reply(q: questions.Question, value: str | float) -> str:
    if q.kind == "number":
        return f"{float(value) + 1:.{q.digits}f}"
    if q.kind == "choice":
        return next(choice for choice in q.choices if choice != value)
    return "relu(l0 W9)"


def answer_by_keyboard(page: Page, box: Locator, q: questions.Question, reply: str) -> str:
    """Reach the reply with Tab from just before the form, answer, and Check: no mouse."""
    box.locator(".pnn-question__form").evaluate(
        """form => { let start = form.querySelector('.test-start');
                     if (!start) { start = document.createElement('span');
                                   start.className = 'test-start'; start.tabIndex = -1;
                                   start.style.position = 'absolute';  // out of the layout
                                   form.prepend(start); }
                     start.focus(); }"""
    )
    page.keyboard.press("Tab")
    if q.kind == "choice":
        # a radio group is one tab stop; arrow keys move (and pick) within it
        focused = page.evaluate("document.activeElement.value")
        if not page.evaluate("document.activeElement.checked"):
            page.keyboard.press("Space")
        steps = q.choices.index(reply) - q.choices.index(focused)
        for _ in range(abs(steps)):
            page.keyboard.press("ArrowRight" if steps > 0 else "ArrowLeft")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.textContent") == "Check"
        page.keyboard.press("Enter")
    else:
        focused = page.evaluate("document.activeElement.id")
        assert focused.endswith("-input"), f"Tab reached {focused!r}, not the answer field"
        page.keyboard.press("ControlOrMeta+a")
        page.keyboard.type(reply)
        page.keyboard.press("Enter")
    return box.locator(".pnn-question__feedback").inner_text()


@pytest.mark.parametrize("name", LESSONS)
def test_every_question_accepts_what_picturenn_computes_and_rejects_a_wrong_reply(
    page, site_url, name
):
    open_page(page, site_url, name)
    found = expected(name)
    assert 2 <= len(found) <= 4
    for ident, q, value in found:
        box = page.locator(f"#{ident}")
        assert box.locator("details").count() == 1  # the worked answer, for readers without JS
        wrong = answer_by_keyboard(page, box, q, wrong_reply(q, value))
        assert wrong.startswith("Not quite"), f"{name} {ident}: {wrong!r}"
        assert box.locator("details").get_attribute("open") is None
        right = answer_by_keyboard(page, box, q, reply_for(q, value))
        assert right.startswith("Right"), f"{name} {ident}: {q.values['ask']!r} -> {right!r}"
        assert box.locator("details").get_attribute("open") is not None


def test_answering_by_mouse_gives_the_same_feedback(page, site_url):
    open_page(page, site_url, "correlation")
    (count_id, count, value), _, (choice_id, _, grow) = expected("correlation")
    box = page.locator(f"#{count_id}")
    box.get_by_label("Your answer").click()
    box.get_by_label("Your answer").fill(wrong_reply(count, value))
    box.get_by_role("button", name="Check").click()
    assert box.locator(".pnn-question__feedback").inner_text().startswith("Not quite")
    box.get_by_label("Your answer").fill(reply_for(count, value))
    box.get_by_role("button", name="Check").click()
    assert box.locator(".pnn-question__feedback").inner_text().startswith("Right")
    box = page.locator(f"#{choice_id}")
    box.get_by_label("shrink").click()
    box.get_by_role("button", name="Check").click()
    assert box.locator(".pnn-question__feedback").inner_text().startswith("Not quite")
    box.get_by_label(grow).click()
    box.get_by_role("button", name="Check").click()
    assert box.locator(".pnn-question__feedback").inner_text() == (
        f"Right: {grow}. The worked answer is open below."
    )


def test_replies_are_labelled_and_feedback_is_a_polite_live_region(page, site_url):
    open_page(page, site_url, "shapes")
    for box in page.locator(".pnn-question").all():
        field = box.get_by_label("Your answer")
        assert field.count() == 1
        feedback = box.locator(".pnn-question__feedback")
        assert feedback.get_attribute("aria-live") == "polite"
        assert feedback.get_attribute("role") == "status"


def test_without_javascript_the_answer_is_in_a_details_block(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    open_page(page, site_url, "shapes")
    box = page.locator(".pnn-question").first
    assert not box.locator("form").is_visible()
    box.locator("summary").click()
    assert "3 × 2" in box.locator("details").inner_text()
    context.close()


def test_the_script_and_the_build_normalize_typed_text_alike(page, site_url):
    open_page(page, site_url, "algebra")
    samples = [
        "l₃ = relu(relu(l₀W₀)W₁)W₂",
        "(3, 2)",
        "3 by 2",
        "  Layer_2 = RELU(layer_0.dot(weights_0_1)).dot(weights_1_2) ",
        "[1 × 4]",
        "$l_{1}$",
        "−0.5",
    ]
    in_page = page.evaluate("s => s.map(window.picturennQuestions.normalize)", samples)
    assert in_page == [questions.normalize(s) for s in samples]


def definitions() -> dict[str, str]:
    return glossary.definitions((DOCS / glossary.FILE).read_text(encoding="utf-8"))


def tooltip_text(page: Page) -> str:
    tip = page.locator(".md-tooltip2--active")
    tip.first.wait_for(state="visible", timeout=3000)
    return tip.first.inner_text().strip()


def test_a_glossary_term_shows_its_meaning_on_hover(page, site_url):
    open_page(page, site_url, "predict")
    term = page.locator(".md-content abbr", has_text=re.compile("^relu$")).first
    term.hover()
    assert tooltip_text(page) == definitions()["relu"]


def test_a_glossary_term_shows_its_meaning_on_keyboard_focus(page, site_url):
    open_page(page, site_url, "training")
    first = page.locator(".md-content abbr[tabindex='0']").first
    name = first.inner_text()
    # Tab from the element just before the term, as a keyboard reader would arrive
    first.evaluate(
        """e => { const before = document.createElement('span'); before.tabIndex = 0;
                  e.before(before); before.focus(); }"""
    )
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.tagName") == "ABBR"
    assert tooltip_text(page) == definitions()[name]
    # one tab stop per term and page: no term is focusable twice
    names = page.eval_on_selector_all(
        ".md-content abbr[tabindex='0']", "els => els.map(e => e.textContent.toLowerCase())"
    )
    assert len(names) == len(set(names))
    inside_links = page.locator(".md-content a abbr[tabindex]").count()
    assert inside_links == 0


def test_every_lesson_uses_glossary_terms(page, site_url):
    shown = {}
    for name in LESSONS:
        open_page(page, site_url, name)
        shown[name] = page.locator(".md-content abbr[title]").count()
    assert all(shown.values()), shown


def axe(page: Page) -> list[str]:
    page.add_script_tag(path=axe_script())
    return page.evaluate(_AXE_RUN)


def test_axe_is_clean_with_feedback_shown_and_a_definition_open(page, site_url):
    open_page(page, site_url, "correlation")
    for ident, q, value in expected("correlation"):
        answer_by_keyboard(page, page.locator(f"#{ident}"), q, wrong_reply(q, value))
    ident, q, value = expected("correlation")[0]
    answer_by_keyboard(page, page.locator(f"#{ident}"), q, reply_for(q, value))
    page.locator(".md-content abbr[tabindex='0']").first.focus()
    tooltip_text(page)
    problems = axe(page)
    assert not problems, "\n".join(problems)


def test_the_numpy_loop_and_net_train_print_the_same_lines_on_the_page(page, site_url):
    open_page(page, site_url, "training")
    tabs = page.locator("#the-same-loop-written-out ~ .tabbed-set").first
    printed = []
    for label in ("Plain numpy", "With picturenn"):
        tabs.get_by_text(label, exact=True).click()
        code = tabs.locator(".tabbed-block:visible pre").inner_text()
        printed.append([line.removeprefix("#> ") for line in code.splitlines() if "#> " in line])
    assert printed[0] == printed[1] == BOOK


SIZES = {"wide": 1280, "phone": 390}


@pytest.mark.parametrize("palette", ["light", "dark"])
@pytest.mark.parametrize("size", list(SIZES))
def test_screenshots_of_questions_and_glossary(browser, site_url, palette, size):
    """Pictures to look at (artifacts/screenshots/learn): feedback shown, a definition open."""
    context = browser.new_context(
        viewport={"width": SIZES[size], "height": 900}, color_scheme=palette
    )
    page = context.new_page()
    open_page(page, site_url, "correlation")
    found = expected("correlation")
    answer_by_keyboard(page, page.locator(f"#{found[0][0]}"), found[0][1], "9")
    answer_by_keyboard(page, page.locator(f"#{found[1][0]}"), found[1][1], reply_for(*found[1][1:]))
    page.locator("#check-yourself").scroll_into_view_if_needed()
    page.evaluate("document.getElementById('check-yourself').scrollIntoView()")
    folder = SCREENSHOTS / "learn"
    folder.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=folder / f"questions-{palette}-{size}.png")
    open_page(page, site_url, "training")
    page.locator(".md-content abbr[tabindex='0']").first.focus()
    tooltip_text(page)
    page.screenshot(path=folder / f"glossary-{palette}-{size}.png")
    context.close()
    assert Path(folder / f"glossary-{palette}-{size}.png").stat().st_size > 10_000
