"""Widget pages: what the widgets weigh, and how soon after a reader reaches one it answers.

Weight is what the widgets add to a page, gzipped: widgets.js plus the page's
widget states (inline ``pnn-data`` JSON, or the states file it names), against
the 30 KB budget. Time is from the moment the reader scrolls the page's first
widget into view to the ``pnn-ready`` mark widgets.js sets once it runs (a
widget starts only when it nears the viewport), beside the page's own load
event measured in the same visit: medians over fresh browser contexts.
"""

from __future__ import annotations

import gzip
import re
import statistics
from pathlib import Path
from urllib.parse import urljoin

from playwright.sync_api import sync_playwright

from tests.browser.browser import CHROMIUM, CHROMIUM_ARGS
from tests.build.whole_site import served, site_pages

BUDGET = 30_000  # bytes, gzipped: script + one page's data
_DATA = re.compile(r'<script type="application/json" class="pnn-data"([^>]*)>(.*?)</script>', re.S)
_STATES_FILE = re.compile(r'data-states="([^"]+)"')
_SCROLL = """() => {
  performance.mark('pnn-near');
  document.querySelector('.pnn-widget').scrollIntoView();
}"""
_TIMES = """() => {
  const near = performance.getEntriesByName('pnn-near')[0].startTime;
  const ready = performance.getEntriesByName('pnn-ready');
  const nav = performance.getEntriesByType('navigation')[0];
  // a widget already near the viewport at load is running before the scroll: 0 ms
  return [ready.length ? Math.max(0, ready[ready.length - 1].startTime - near) : null,
          nav.loadEventEnd];
}"""


def states(site: Path, page: str, html: str) -> str:
    """The widget states a page ships: inline, or in the files its widgets name."""
    found = []
    for attributes, inline in _DATA.findall(html):
        named = _STATES_FILE.search(attributes)
        if named:
            path = urljoin("/" + page, named.group(1)).lstrip("/")
            found.append((site / path).read_text(encoding="utf-8"))
        else:
            found.append(inline)
    return "".join(found)


def weights(site: Path) -> dict[str, dict[str, int]]:
    """Gzipped bytes of the script plus each widget page's data."""
    script = (site / "javascripts" / "widgets.js").read_bytes()
    found = {}
    for page in site_pages(site):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        data = states(site, page, html)
        if data:
            found[page] = {
                "script": len(gzip.compress(script, 9)),
                "with data": len(gzip.compress(script + data.encode(), 9)),
                "widgets": html.count('class="pnn-widget '),
            }
    return found


def measure(site: Path, runs: int = 5) -> dict[str, object]:
    results: dict[str, object] = {}
    pages = weights(site)
    with served(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for page_path, weight in pages.items():
                ready, load = [], []
                for _ in range(runs):
                    context = browser.new_context()
                    page = context.new_page()
                    page.goto(root + page_path, wait_until="load")
                    page.evaluate(_SCROLL)
                    page.wait_for_selector(".pnn-widget.pnn-ready", state="attached")
                    first, loaded = page.evaluate(_TIMES)
                    ready.append(first)
                    load.append(loaded)
                    context.close()
                results[page_path] = {
                    **weight,
                    "budget": BUDGET,
                    "ready ms": statistics.median(ready),
                    "load ms": statistics.median(load),
                }
        finally:
            browser.close()
    return results


def lines(results: dict[str, object]) -> list[str]:
    out = ["== widgets (gzipped script + page data; scrolled into view -> interactive) =="]
    for page, entry in results.items():
        verdict = "ok" if entry["with data"] <= entry["budget"] else "MISSED"
        out.append(
            f"  {page:<16} {entry['with data']:>6} B (script {entry['script']} B, budget "
            f"{entry['budget']}) {verdict}; interactive {entry['ready ms']:.0f} ms after it is "
            f"seen (page load event {entry['load ms']:.0f} ms)"
        )
    return out


if __name__ == "__main__":  # python -m tests.bench.widgets SITE_DIR
    import sys

    print("\n".join(lines(measure(Path(sys.argv[1]), runs=3))))
