"""The offline copy works from the file system, as a student opens it from a USB stick.

`make offline`'s zip is unpacked and opened over file:// in chromium: following
the navigation from the home page reaches every page of the nav, figures and
math render on each, search finds "relu", and no request leaves the file system.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlsplit

import pytest
from mkdocs.config import load_config
from playwright.sync_api import Browser, Page

from tests.build.hosting import unpack
from tests.build.whole_site import REPO

pytestmark = pytest.mark.browser

NOTEBOOK = "notebooks/picture-your-network.html"  # a page, with directory URLs off
LOCAL_SCHEMES = {"file", "data", "blob", "about"}

# Every link a reader can use to move around: tabs, sidebar, previous/next, footer.
_NAV_LINKS = """() => [...document.querySelectorAll(
    '.md-tabs a[href], .md-nav--primary a[href], a.md-footer__link, .md-copyright a[href]'
  )].map(a => a.href)"""

_PAGE_STATE = """async () => {
  const images = [...document.querySelectorAll('.md-content img')];
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  const math = [...document.querySelectorAll('.arithmatex')];
  await document.fonts.ready;
  return {
    title: document.querySelector('.md-content h1')?.textContent ?? null,
    figures: images.filter(i => i.naturalWidth > 0).map(i => i.src),
    broken: images.filter(i => !(i.naturalWidth > 0)).map(i => i.getAttribute('src')),
    math: math.length,
    rawMath: math.filter(el => !el.querySelector('.katex')).length,
    notMathml: math
      .filter(el => !/math/.test(getComputedStyle(el.querySelector('math') ?? el).display)).length,
  };
}"""


def nav_pages() -> set[str]:
    """The HTML file of each page in mkdocs.yml's nav, as the offline build names them."""
    files: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            value = next(iter(item.values())) if isinstance(item, dict) else item
            walk(value) if isinstance(value, list) else files.append(value)

    walk(load_config(str(REPO / "mkdocs.yml")).nav)
    return {name.rsplit(".", 1)[0] + ".html" for name in files}


class Crawl:
    """What following the navigation of the copy met, page by page."""

    def __init__(self, page: Page, root: Path) -> None:
        self.page, self.base = page, root.as_uri() + "/"
        self.reached: dict[str, dict] = {}  # page file -> its state
        self.problems: dict[str, str] = {}  # page file or link -> what went wrong
        self.requests: list[str] = []
        self.errors: list[str] = []
        page.on("request", lambda request: self.requests.append(request.url))
        page.on("requestfailed", self._failed)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))
        page.on("console", self._console)

    def _failed(self, request) -> None:
        # the crawl going on to the next page aborts what is still loading (the favicon,
        # on a busy machine): not a fault of the copy when the file is there
        aborted = request.failure == "net::ERR_ABORTED"
        if aborted and request.url.startswith(self.base) and _file_of(request.url).is_file():
            return
        self.errors.append(f"failed: {request.url} {request.failure}")

    def _console(self, message) -> None:
        if message.type == "error":
            self.errors.append(f"console: {message.text}")

    def run(self) -> None:
        queue, seen = [self.base + "index.html"], set()
        while queue:
            url = queue.pop(0)
            if url in seen:
                continue
            seen.add(url)
            name = url.removeprefix(self.base)
            try:
                self.page.goto(url, wait_until="load")
                state = self.page.evaluate(_PAGE_STATE)
            except Exception as error:  # a download, a missing file: the reader is stuck
                self.problems[name] = f"does not open as a page: {str(error).splitlines()[0]}"
                continue
            if state["title"] is None:
                self.problems[name] = "opens, but is not a page of the site (a directory listing?)"
                continue
            self.reached[name] = state
            for link in self.page.evaluate(_NAV_LINKS):
                target = urldefrag(link).url
                if target.startswith(self.base):
                    queue.append(target)
                elif urlsplit(target).scheme == "file":
                    self.problems[target] = f"linked from {name}, outside the copy"

    @property
    def outside(self) -> list[str]:
        return [url for url in self.requests if urlsplit(url).scheme not in LOCAL_SCHEMES]


def _file_of(url: str) -> Path:
    return Path(unquote(urlsplit(url).path))


@pytest.fixture(scope="module")
def offline_copy(offline_zip: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return unpack(offline_zip, tmp_path_factory.mktemp("usb-stick"))


@pytest.fixture(scope="module")
def crawl(browser: Browser, offline_copy: Path) -> Iterator[Crawl]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    crawl = Crawl(context.new_page(), offline_copy)
    crawl.run()
    yield crawl
    context.close()


def test_navigation_reaches_every_page_from_the_file_system(crawl):
    expected = nav_pages()
    assert len(expected) >= 14
    assert NOTEBOOK in expected  # the notebook page too, not its .ipynb download
    assert crawl.problems == {}
    assert set(crawl.reached) >= expected, f"never reached: {sorted(expected - set(crawl.reached))}"


def test_figures_and_math_render_from_the_file_system(crawl, offline_copy):
    broken = {name: s["broken"] for name, s in crawl.reached.items() if s["broken"]}
    raw = {name: s["rawMath"] for name, s in crawl.reached.items() if s["rawMath"]}
    assert broken == {}
    assert raw == {}
    shown = {src for s in crawl.reached.values() for src in s["figures"]}
    drawn = {svg.as_uri() for svg in (offline_copy / "assets" / "picturenn").glob("*.svg")}
    assert drawn, "the copy holds no generated figures"
    assert drawn <= shown, f"figures never shown: {sorted(drawn - shown)}"
    with_math = [s for s in crawl.reached.values() if s["math"]]
    assert with_math, "no page with math was reached"
    # MathML, laid out by the browser: no stylesheet or font to fetch from the file system
    assert [name for name, s in crawl.reached.items() if s["notMathml"]] == []


def test_nothing_leaves_the_file_system(crawl):
    assert crawl.requests, "no request was seen at all: the log is not listening"
    assert crawl.outside == []
    assert crawl.errors == []


def test_search_finds_relu_from_the_file_system(browser, offline_copy):
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    requests: list[str] = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto((offline_copy / "index.html").as_uri())
    search = page.locator("input.md-search__input")
    search.click()
    search.press_sequentially("relu", delay=30)  # material searches on key events
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=15_000)
    texts = results.all_inner_texts()
    assert any("relu" in text.lower() for text in texts), texts
    results.first.locator("a").first.click()  # a result opens its page inside the copy
    page.wait_for_load_state("load")
    assert page.url.startswith(offline_copy.as_uri())
    assert urlsplit(page.url).path.endswith(".html")
    assert [url for url in requests if urlsplit(url).scheme not in LOCAL_SCHEMES] == []
    context.close()


def test_widgets_run_from_the_file_system(browser, offline_copy):
    # a widget's states are a file of their own, loaded by a script tag when the widget
    # nears the viewport: fetch() of file:// fails in chromium, a script does not
    pages = [
        p for p in sorted(offline_copy.glob("*.html")) if 'class="pnn-widget ' in p.read_text()
    ]
    assert len(pages) >= 3, pages  # predict, correlation, training at least
    context = browser.new_context(viewport={"width": 1280, "height": 900}, reduced_motion="reduce")
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    for html in pages:
        page.goto(html.as_uri(), wait_until="load")
        widget = page.locator(".pnn-widget").first
        widget.scroll_into_view_if_needed()
        page.wait_for_selector(".pnn-widget.pnn-ready", state="attached", timeout=15_000)
        assert (
            widget.locator(".pnn-controls").count() == 0
            or widget.locator(".pnn-controls").is_visible()
        ), html.name
    assert errors == []
    context.close()
