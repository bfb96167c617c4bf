"""Helpers for the widget tests: open a page as a reader would, run axe, read what is shown."""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from contextlib import contextmanager

from playwright.sync_api import Browser, Page
from playwright.sync_api import TimeoutError as PlaywrightTimeout

from tests.browser.browser import axe_script

AXE_RUN = """async () => {
  const widgets = {include: [...document.querySelectorAll('.pnn-widget')].map(w => ['#' + w.id])};
  const result = await axe.run(widgets, {resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.impact} ${v.id}: ${v.help} at ` +
              v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '));
}"""

# CSS px of every text of the widgets' pictures, as the reader sees it (font size x zoom)
LABEL_SIZES = """() => [...document.querySelectorAll('.pnn-widget svg text')]
  .filter(t => t.getBBox().width > 0 && getComputedStyle(t).visibility !== 'hidden')
  .map(t => { const m = t.getScreenCTM();  // rotated labels too: the matrix's scale
               const size = parseFloat(getComputedStyle(t).fontSize);
               return [t.textContent, size * Math.hypot(m.a, m.b)]; })"""


@contextmanager
def reader(
    browser: Browser,
    url: str,
    *,
    width: int = 1280,
    palette: str = "light",
    motion: str = "reduce",
    javascript: bool = True,
    without: str | None = None,
) -> Iterator[tuple[Page, list[str]]]:
    """A fresh page at ``url``; yields it with the list its console errors land in.

    ``without``: a URL pattern the page cannot load (``**/assets/widgets/*.js``, the
    widgets' states: they stay asleep, and the page is not woken).
    """
    context = browser.new_context(
        viewport={"width": width, "height": 900},
        color_scheme=palette,
        reduced_motion=motion,
        java_script_enabled=javascript,
    )
    if without is not None:
        context.route(without, lambda route: route.abort())
    page = context.new_page()
    errors: list[str] = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(url, wait_until="load")
    if javascript and without is None:
        wake(page)
    try:
        yield page, errors
    finally:
        context.close()


def wake(page: Page, widget: str = ".pnn-widget") -> None:
    """Bring the page's first such widget into view, as a reader scrolling to it, and wait
    until it runs (widgets.js starts a widget only when it nears the viewport)."""
    page.locator(widget).first.scroll_into_view_if_needed()
    page.wait_for_selector(f"{widget}.pnn-ready", state="attached")


def axe(page: Page) -> list[str]:
    """Serious and critical axe-core findings in the page's widgets, as they are now."""
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=axe_script())
    # material's tooltips take a copy button's title while it is focused or hovered and give
    # it back a moment after: check the page at rest, not mid-tooltip (a button that never
    # gets its name back still fails, below)
    page.evaluate("document.activeElement && document.activeElement.blur()")
    with contextlib.suppress(PlaywrightTimeout):
        page.wait_for_function(_COPY_BUTTONS_NAMED, timeout=3000)
    return page.evaluate(AXE_RUN)


_COPY_BUTTONS_NAMED = """() => [...document.querySelectorAll('button[data-clipboard-target]')]
    .every(b => b.title || b.getAttribute('aria-label'))"""


def lit(page: Page, widget: str) -> dict[str, set[str]]:
    """Which parts are highlighted, per view of the widget."""
    return page.evaluate(
        """(id) => {
          const out = {};
          for (const view of document.getElementById(id).querySelectorAll('.pnn-view')) {
            const name = [...view.classList].find(c => c !== 'pnn-view').replace('pnn-', '');
            out[name] = [...new Set([...view.querySelectorAll('.pnn-hl')]
              .map(el => el.getAttribute('data-part')))];
          }
          return out;
        }""",
        widget,
    )


def small_labels(page: Page, least: float = 10.0) -> list[str]:
    """Labels of the widgets' pictures shown smaller than ``least`` CSS px."""
    return [
        f"{text!r} at {size:.1f}px"
        for text, size in page.evaluate(LABEL_SIZES)
        if size < least - 0.05
    ]


def point_at(page: Page, selector: str) -> None:
    """Move the mouse onto an element, scrolled to the middle (clear of the sticky header)."""
    element = page.locator(selector).first
    element.evaluate("e => e.scrollIntoView({block: 'center', inline: 'center'})")
    element.hover()


def numbers_shown(page: Page, widget: str) -> dict[str, str]:
    """The numbers the widget's picture shows now, by the drawing's gid (the widget's prefix
    and a pattern's own ``~n`` variant left off); a gid shown twice is kept as a list."""
    pairs = page.evaluate(
        """(id) => [...document.querySelectorAll('#' + id + ' .pnn-picture svg g[id] > text')]
          .filter(t => getComputedStyle(t).visibility !== 'hidden')
          .map(t => [t.parentNode.id.slice(id.length + 1).split('~')[0], t.textContent])""",
        widget,
    )
    shown: dict[str, str] = {}
    for gid, text in pairs:
        shown[gid] = [shown[gid], text] if gid in shown else text
    return shown


# every image standing for a picture (picturenn_docs/widgets/states.py), and the file it shows
_IMAGES = """() => [...document.querySelectorAll('img.pnn-img, .pnn-img img')]
  .map(i => [i.currentSrc, i.complete && i.naturalWidth > 0])"""
_INLINE = """([src, text]) => {
  for (const img of document.querySelectorAll('img.pnn-img, .pnn-img img')) {
    if (img.currentSrc !== src) continue;
    const holder = document.createElement('div');
    holder.innerHTML = text;
    (img.closest('picture') || img).replaceWith(holder.firstElementChild);
  }
}"""


def images_shown(page: Page) -> list[str]:
    """The pictures' images as this page shows them (its screen's file, of a <picture>),
    after checking each loaded; returns their URLs."""
    found = page.evaluate(_IMAGES)
    assert found, "no picture image on the page"
    assert [src for src, loaded in found if not loaded] == []
    return [src for src, _ in found]


def images_inline(page: Page) -> None:
    """Each picture's image replaced by the SVG of the very file it shows (a page without
    JavaScript shows the image), so the numbers a reader sees in it can be read."""
    for src in images_shown(page):
        page.evaluate(_INLINE, [src, page.request.get(src).text()])
