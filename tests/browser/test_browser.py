"""A reader's interactive checks in headless chromium: palette toggle, tabs, search, navigation.

The checks of every page's visit, per palette, are in page_checks.py (test_pages_*.py).
"""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.browser import REVEAL, SCREENSHOTS, pages_containing

pytestmark = [pytest.mark.slow, pytest.mark.browser]


# -- interactive checks, in one light-palette context -------------------------


def _scheme(page: Page) -> str:
    return page.evaluate("document.body.dataset.mdColorScheme")


def test_palette_toggle_switches_and_is_remembered(page, console, site_url, pages):
    page.goto(site_url)
    assert _scheme(page) == "default"
    toggle = page.locator("form[data-md-component=palette] label:visible")
    toggle.click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'slate'")
    page.screenshot(path=_artifact("toggled-dark.png"), full_page=True)
    page.goto(site_url + pages[-1])  # the choice follows the reader to another page
    assert _scheme(page) == "slate"
    page.locator("form[data-md-component=palette] label:visible").click()
    page.wait_for_function("document.body.dataset.mdColorScheme === 'default'")
    assert console.take() == []


def _artifact(name: str) -> Path:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    return SCREENSHOTS / name


_SHOWN = "blocks => blocks.map(b => getComputedStyle(b).display !== 'none')"


def test_each_tab_label_shows_its_panel(page, console, site_url, pages, built_site):
    problems = []
    tabbed = pages_containing(built_site, pages, 'class="tabbed-set')
    for path in tabbed:
        page.goto(site_url + path)
        sets = page.locator(".tabbed-set")
        for s in range(sets.count()):
            labels = sets.nth(s).locator(":scope > .tabbed-labels > label")
            blocks = sets.nth(s).locator(":scope > .tabbed-content > .tabbed-block")
            where = f"{path or '(home)'} tab set {s + 1}"
            if labels.count() != blocks.count() or labels.count() == 0:
                problems.append(f"{where}: {labels.count()} labels, {blocks.count()} panels")
                continue
            sets.nth(s).evaluate(REVEAL)
            for i in range(labels.count()):
                labels.nth(i).click()
                shown = blocks.evaluate_all(_SHOWN)
                if shown != [j == i for j in range(len(shown))]:
                    name = labels.nth(i).inner_text()
                    problems.append(f"{where}: clicking {name!r} shows panels {shown}")
        problems += [f"{path}: {e}" for e in console.take()]
    assert not problems, "\n".join(problems)


def search(page: Page, site_url: str, query: str) -> Locator:
    """Type ``query`` into material's search on the home page; its result items, once shown."""
    page.goto(site_url)
    box = page.locator("input.md-search__input")
    box.click()
    box.press_sequentially(query, delay=30)  # material searches on key events
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=10_000)
    return results


@pytest.mark.parametrize("word", ["relu", "correlation"])
def test_search_finds_the_chapters_words_offline(page, console, reader, site_url, word):
    _, log = reader
    texts = search(page, site_url, word).all_inner_texts()
    assert any(word in text.lower() for text in texts), f"results for {word!r}: {texts}"
    outside, failures = log.take()
    assert outside == [], f"search reached other hosts: {outside}"
    assert failures == []
    assert console.take() == []


NOT_LESSONS = ("reference/", "cli/", "contributing/", "performance/")


def search_results(page: Page, site_url: str, query: str) -> list[str]:
    """The pages material's search lists for ``query``, best first (paths relative to the site)."""
    links = search(page, site_url, query).locator(":scope > a.md-search-result__link")
    hrefs = links.evaluate_all("links => links.map(a => a.href)")
    return [href.removeprefix(site_url).split("#")[0].split("?")[0] for href in hrefs]


@pytest.mark.parametrize(
    ("query", "lesson"),
    [
        ("relu", None),  # any lesson, as long as a lesson comes before the reference
        ("delta", None),
        ("alpha", None),
        ("3x4", "shapes/"),  # how a learner types a shape
        ("legos", "blocks/"),  # the book's word for the blocks
    ],
)
def test_search_lands_on_a_lesson_first(page, console, site_url, query, lesson):
    found = search_results(page, site_url, query)
    assert found, f"nothing found for {query!r}"
    assert not found[0].startswith(NOT_LESSONS), f"{query!r} lists {found}"
    if lesson is not None:
        assert found[0] == lesson, f"{query!r} lists {found}"
    assert console.take() == []


# The page's own repairs, checked after material swaps a page in without a reload.
_REPAIRED = """() => ({
  searchNamed: !!document.querySelector('.md-search[role=dialog][aria-label]'),
  pyconCopies: [...document.querySelectorAll('.language-pycon pre > code')]
    .every(c => c.closest('.highlight').dataset.copy !== undefined),
  mathRendered: [...document.querySelectorAll('.arithmatex')]
    .every(el => el.querySelector('.katex')),
})"""


def test_instant_navigation_keeps_math_and_repairs(page, console, site_url, pages):
    page.goto(site_url)
    visited, problems = [], []
    while (link := page.locator("a.md-footer__link--next")).count():
        target, before = link.get_attribute("href"), page.url
        link.click()
        page.wait_for_function("before => location.href !== before", arg=before)
        visited.append(page.url.removeprefix(site_url))
        try:
            page.wait_for_function(f"() => Object.values(({_REPAIRED})()).every(Boolean)")
        except PlaywrightTimeout:
            state = page.evaluate(_REPAIRED)
            broken = [name for name, ok in state.items() if not ok]
            problems.append(f"{target}: after instant navigation, not {broken}")
    assert visited, "the home page has no 'next' footer link"
    assert page.evaluate("performance.getEntriesByType('navigation').length") == 1
    assert not problems, "\n".join(problems)
    assert console.take() == []
