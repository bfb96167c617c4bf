"""Widget pages: what the widgets weigh, and how soon after loading they answer.

Weight is what the widgets add to a page, gzipped: widgets.js plus the page's
widget data (the ``pnn-data`` JSON), against the 30 KB budget. Time is from
navigation start to the ``pnn-ready`` mark widgets.js sets once every widget
of the page is running, against the page's own load event measured in the
same visit (the baseline): medians over fresh browser contexts.
"""

from __future__ import annotations

import gzip
import re
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.browser import CHROMIUM, CHROMIUM_ARGS
from tests.build.whole_site import served, site_pages

BUDGET = 30_000  # bytes, gzipped: script + one page's data
_DATA = re.compile(r'<script type="application/json" class="pnn-data">(.*?)</script>', re.DOTALL)
_TIMES = """() => {
  const ready = performance.getEntriesByName('pnn-ready');
  const nav = performance.getEntriesByType('navigation')[0];
  return [ready.length ? ready[ready.length - 1].startTime : null, nav.loadEventEnd];
}"""


def weights(site: Path) -> dict[str, dict[str, int]]:
    """Gzipped bytes of the script plus each widget page's data."""
    script = (site / "javascripts" / "widgets.js").read_bytes()
    found = {}
    for page in site_pages(site):
        html = (site / page / "index.html").read_text(encoding="utf-8")
        data = "".join(_DATA.findall(html))
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
    out = ["== widgets (gzipped script + page data; navigation start -> first interactive) =="]
    for page, entry in results.items():
        verdict = "ok" if entry["with data"] <= entry["budget"] else "MISSED"
        ratio = entry["ready ms"] / entry["load ms"] if entry["load ms"] else float("nan")
        out.append(
            f"  {page:<16} {entry['with data']:>6} B (script {entry['script']} B, budget "
            f"{entry['budget']}) {verdict}; interactive {entry['ready ms']:.0f} ms, "
            f"load event {entry['load ms']:.0f} ms ({ratio:.2f}x)"
        )
    return out


if __name__ == "__main__":  # python -m tests.bench.widgets SITE_DIR
    import sys

    print("\n".join(lines(measure(Path(sys.argv[1]), runs=3))))
