"""How big a reader sees each figure's labels, and whether a page scrolls sideways.

A label's size on screen is its font size (in the SVG's own units) times the
width the <img> is shown at, over the width of the SVG's viewBox. Measured in
the browser, after every closed tab and <details> is opened, so figures in a
tab that is not the first are measured at the width they get when shown.

Run it alone to print a table for the site built in site/:
``.venv/bin/python -m tests.browser.figures [site-dir]``.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from playwright.sync_api import Browser, Page, sync_playwright

from tests.browser.browser import CHROMIUM, CHROMIUM_ARGS
from tests.build.whole_site import REPO, served, site_pages

WIDTHS = {"laptop": 1280, "phone": 390}
SMALLEST_LABEL_PX = 10.0

# Show every tab panel and open every <details>, so each figure takes the width
# it has when its tab is chosen (panels of one set share a width).
_REVEAL_ALL = """() => {
  const style = document.createElement('style');
  style.textContent = '.tabbed-set > .tabbed-content > .tabbed-block { display: block !important }';
  document.head.append(style);
  document.querySelectorAll('details').forEach(d => { d.open = true; });
}"""

# Every figure the page shows at this width: its shown width, its viewBox width,
# and its smallest label. An <img> the page hides at this width (the variant for
# other screens) is not shown, so not measured.
_LABELS = """async () => {
  const found = [];
  for (const img of document.querySelectorAll('.md-content img')) {
    const src = img.currentSrc || img.src;
    if (!new URL(src).pathname.endsWith('.svg')) continue;
    if (getComputedStyle(img).display === 'none' || img.getClientRects().length === 0) continue;
    img.loading = 'eager';
    await img.decode().catch(() => null);
    const svg = new DOMParser().parseFromString(await (await fetch(src)).text(), 'image/svg+xml');
    const root = svg.documentElement;
    const box = (root.getAttribute('viewBox') || '').trim().split(/[\\s,]+/).map(Number);
    const viewWidth = box.length === 4 ? box[2] : parseFloat(root.getAttribute('width'));
    let smallest = Infinity, text = '';
    for (const t of svg.querySelectorAll('text')) {
      const m = /font-size:\\s*([\\d.]+)px/.exec(t.getAttribute('style') || '')
        || /font:[^;]*?([\\d.]+)px/.exec(t.getAttribute('style') || '');
      const size = m ? parseFloat(m[1]) : parseFloat(t.getAttribute('font-size'));
      if (size < smallest) { smallest = size; text = t.textContent.trim(); }
    }
    // a widget's picture is an image until the widget starts (widgets/states.py): one that
    // started meanwhile is measured inline, below
    if (!img.isConnected) continue;
    const name = new URL(src).pathname.split('/').pop();
    const shown = img.getBoundingClientRect().width;
    // to 0.01 px, as inline below: a width laid out in whole device px leaves 9.9996 for 10
    const font = Math.round(smallest * shown / viewWidth * 100) / 100 * viewWidth / shown;
    found.push({src: name, shown, viewWidth, font, text});
  }
  // figures a widget shows inline (picture of a linked view, a player, the replay)
  document.querySelectorAll('.md-content svg[viewBox]').forEach((root, index) => {
    const labels = root.querySelectorAll('text');
    if (!labels.length || root.getClientRects().length === 0) return;
    const box = root.getAttribute('viewBox').trim().split(/[\\s,]+/).map(Number);
    const shown = root.getBoundingClientRect().width;
    let smallest = Infinity, text = '';
    for (const t of labels) {
      if (t.getClientRects().length === 0) continue;  // a label this state hides
      const ctm = t.getScreenCTM();  // user units -> CSS px, transforms included
      // to 0.01 px: the SVG's width is laid out in whole device px, which leaves 9.9996 for 10
      const size = parseFloat(getComputedStyle(t).fontSize) * Math.hypot(ctm.a, ctm.b);
      const px = Math.round(size * 100) / 100;
      if (px < smallest) { smallest = px; text = t.textContent.trim(); }
    }
    if (smallest === Infinity) return;
    // reported in the root's user units, so font × shown / viewWidth is the size on screen
    const font = smallest * box[2] / shown;
    found.push({src: `inline svg ${index + 1}`, shown, viewWidth: box[2], font, text});
  });
  return found;
}"""

_SCROLL = "() => [document.documentElement.scrollWidth, window.innerWidth]"


@dataclass
class Figure:
    """One figure as a page shows it at one screen width."""

    page: str
    src: str
    shown: float  # CSS px
    view_width: float  # SVG user units
    font: float  # smallest font size, SVG user units
    text: str  # the label with that size

    @property
    def smallest_px(self) -> float:
        return self.font * self.shown / self.view_width


def figures_on(page: Page, url: str, path: str) -> list[Figure]:
    """Load one page and measure every figure it shows at the viewport's width."""
    page.goto(url + path, wait_until="load")
    page.evaluate(_REVEAL_ALL)
    found = page.evaluate(_LABELS)
    return [
        Figure(path or "(home)", f["src"], f["shown"], f["viewWidth"], f["font"], f["text"])
        for f in found
    ]


def sideways(page: Page) -> int:
    """How many CSS px the page as a whole scrolls sideways (0 when it does not)."""
    scroll_width, viewport = page.evaluate(_SCROLL)
    return max(0, scroll_width - viewport)


def open_page(browser: Browser, width: int, palette: str) -> Page:
    context = browser.new_context(
        viewport={"width": width, "height": 844 if width < 600 else 900},
        color_scheme=palette,
        reduced_motion="reduce",
    )
    return context.new_page()


def main(argv: list[str]) -> int:
    site = Path(argv[0]) if argv else REPO / "site"
    with served(site) as url, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for name, width in WIDTHS.items():
            page = open_page(browser, width, "light")
            print(f"== {name} ({width} px) ==")
            for path in site_pages(site):
                for f in figures_on(page, url, path):
                    print(
                        f"  {f.smallest_px:5.1f} px  {f.page:<34} {f.src:<26} shown {f.shown:5.0f}"
                        f" of {f.view_width:6.1f}  font {f.font:4.1f}  {f.text[:30]!r}"
                    )
                extra = sideways(page)
                if extra:
                    print(f"  page {path or '(home)'} scrolls sideways by {extra} px")
            page.context.close()
        browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
