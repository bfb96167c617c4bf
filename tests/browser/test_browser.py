"""A reader's visit, in headless chromium, to every page of the built site."""

from __future__ import annotations

import concurrent.futures
import doctest
import functools
import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.browser import SCHEMES, SCREENSHOTS, ConsoleLog, report

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_every_page_opens_in_its_palette(visits, pages):
    palette, results = visits
    assert [v.page for v in results] == [p or "(home)" for p in pages]
    wrong = [f"{v.page}: {v.scheme}" for v in results if v.scheme != SCHEMES[palette]]
    assert not wrong, f"pages not in the {palette} scheme {SCHEMES[palette]}: {wrong}"
    assert all(v.screenshot.is_file() for v in results)


def test_no_request_leaves_the_machine(visits):
    _, results = visits
    assert not report(results, "outside"), "requests to other hosts:\n" + report(results, "outside")


def test_no_console_errors_or_failed_requests(visits):
    _, results = visits
    assert not report(results, "errors"), report(results, "errors")


def test_every_image_loads(visits):
    _, results = visits
    assert not report(results, "broken_images"), "images with no pixels:\n" + report(
        results, "broken_images"
    )


def test_math_is_rendered(visits):
    _, results = visits
    assert not report(results, "math"), report(results, "math")


def test_diagrams_stay_legible(visits):
    palette, results = visits
    problems = report(results, "illegible")
    assert not problems, f"in the {palette} palette (see {SCREENSHOTS / palette}):\n{problems}"


def test_axe_finds_no_serious_or_critical_violation(visits):
    palette, results = visits
    problems = report(results, "axe")
    assert not problems, f"axe-core, {palette} palette:\n{problems}"


# -- interactive checks, in one light-palette context -------------------------


def _pages_containing(built_site: Path, pages: list[str], marker: str) -> list[str]:
    def html(path: str) -> Path:
        return built_site / path / "index.html" if not path.endswith(".html") else built_site / path

    return [p for p in pages if marker in html(p).read_text(encoding="utf-8")]


@pytest.fixture
def page(reader) -> Iterator[Page]:
    """A fresh tab in the light reader context."""
    context, log = reader
    log.take()
    tab = context.new_page()
    yield tab
    tab.close()


@pytest.fixture
def console(page: Page) -> ConsoleLog:
    """Console and script errors of ``page`` (request it before navigating)."""
    return ConsoleLog(page)


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


# Opens every closed tab and <details> around an element, outermost first.
_REVEAL = """el => {
  const chain = [];
  for (let node = el; node; node = node.parentElement) chain.unshift(node);
  for (const node of chain) {
    if (node.tagName === 'DETAILS') node.open = true;
    if (node.classList.contains('tabbed-block')) {
      const index = [...node.parentElement.children].indexOf(node);
      node.closest('.tabbed-set').querySelector(':scope > .tabbed-labels')
        .children[index].click();
    }
  }
}"""

_SHOWN = "blocks => blocks.map(b => getComputedStyle(b).display !== 'none')"


def test_each_tab_label_shows_its_panel(page, console, site_url, pages, built_site):
    problems = []
    tabbed = _pages_containing(built_site, pages, 'class="tabbed-set')
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
            sets.nth(s).evaluate(_REVEAL)
            for i in range(labels.count()):
                labels.nth(i).click()
                shown = blocks.evaluate_all(_SHOWN)
                if shown != [j == i for j in range(len(shown))]:
                    name = labels.nth(i).inner_text()
                    problems.append(f"{where}: clicking {name!r} shows panels {shown}")
        problems += [f"{path}: {e}" for e in console.take()]
    assert not problems, "\n".join(problems)


def _expected_copy(text: str, language: str) -> tuple[str, str | None]:
    """What the copy button should put on the clipboard, and the error running it shows.

    All of the code; except that a pycon session gives only its code (no >>> /
    ... prompts, no printed output), found by doctest's own parser, so that it
    runs when pasted; a multi-line statement is closed by a blank line. A
    console session gives only its commands, without the "$ " prompt.
    """
    if "language-console" in language:
        commands = [line[2:] for line in text.splitlines() if line.startswith("$ ")]
        return "\n".join(commands), None
    if "language-pycon" not in language:
        return text.rstrip(), None
    examples = doctest.DocTestParser().get_examples(text)
    parts = []
    for i, example in enumerate(examples):
        parts.append(example.source)
        if example.source.count("\n") > 1 and i < len(examples) - 1:
            parts.append("\n")
    errors = [example.exc_msg for example in examples if example.exc_msg]
    return "".join(parts).rstrip(), (errors[0].strip().splitlines()[0] if errors else None)


def _run_python(source: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    tmp_path.mkdir()
    script = tmp_path / "copied.py"
    script.write_text(source, encoding="utf-8")
    env = {**os.environ, "MPLBACKEND": "Agg"}
    return subprocess.run(
        [sys.executable, str(script)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


def _runs_as_shown(source: str, error: str | None, folder: Path, where: str) -> list[str]:
    done = _run_python(source, folder)
    last = (done.stderr.strip().splitlines() or ["(nothing on stderr)"])[-1]
    if error is not None:
        if done.returncode == 0 or last != error:
            return [f"{where}: copied code should stop with {error!r}, ended with {last!r}"]
    elif done.returncode != 0:
        return [f"{where}: copied code fails when run: {last}"]
    elif (said := _printed_under(source)) and done.stdout.splitlines() != said:
        return [f"{where}: prints {done.stdout!r}, the page says {said!r}"]
    return []


def _console_runs_as_shown(commands: str, shown: str, folder: Path, where: str) -> list[str]:
    """Paste the copied commands into a shell: they print what the page shows."""
    folder.mkdir()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}:{os.environ['PATH']}"}
    env["COLUMNS"] = "80"  # as the page's sessions were run (argparse wraps --help to it)
    done = subprocess.run(
        ["bash", "-c", commands],
        cwd=folder,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        timeout=300,
        check=False,
    )
    said = [line for line in shown.splitlines() if not line.startswith("$ ")]
    if done.stdout.splitlines() != said:
        return [f"{where}: the commands print {done.stdout!r}, the page shows {said!r}"]
    return []


def _printed_under(source: str) -> list[str] | None:
    """The `#> ` lines a python block says it prints, or None if it says nothing."""
    lines = [line.strip() for line in source.splitlines()]
    said = [line[2:].removeprefix(" ") for line in lines if line.startswith("#>")]
    return said or None


def test_copy_button_copies_the_whole_snippet_and_it_runs(
    page, console, site_url, pages, built_site, tmp_path
):
    problems = []
    runs: list[Callable[[], list[str]]] = []
    for path in _pages_containing(built_site, pages, "<pre"):
        page.goto(site_url + path)
        buttons = page.locator("button[data-clipboard-target]")
        for b in range(buttons.count()):
            button = buttons.nth(b)
            code = page.locator(button.get_attribute("data-clipboard-target"))
            where = f"{path or '(home)'} code block {b + 1}"
            code.evaluate(_REVEAL)
            page.evaluate("navigator.clipboard.writeText('')")
            code.hover()
            button.click()
            copied = page.evaluate("navigator.clipboard.readText()")
            language = code.evaluate("c => c.closest('[class*=language-]')?.className ?? ''")
            expected, error = _expected_copy(code.evaluate("c => c.textContent"), language)
            if copied != expected:
                problems.append(f"{where}: copied {copied!r}\n    expected {expected!r}")
                continue
            if "doctest:" in copied:
                problems.append(f"{where}: the copy carries a doctest directive: {copied!r}")
            folder = tmp_path / f"block{len(runs) + 1}"
            if "language-python" in language or "language-pycon" in language:
                # alone, in a fresh Python: no prelude, no module globals
                runs.append(functools.partial(_runs_as_shown, copied, error, folder, where))
            elif "language-console" in language:
                shown = code.evaluate("c => c.textContent")
                runs.append(functools.partial(_console_runs_as_shown, copied, shown, folder, where))
        problems += [f"{path}: {e}" for e in console.take()]
    # each copy runs in a process of its own; side by side, one per core
    with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 1) as pool:
        for found in pool.map(lambda run: run(), runs):
            problems += found
    assert not problems, "\n".join(problems)
    assert runs, "no python, pycon or console block was found to copy and run"


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
