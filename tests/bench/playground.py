"""The playground: how long an edit and a training run take, what its scripts weigh, and CLS.

Chromium runs with its CPU throttled 4× (CDP ``Emulation.setCPUThrottlingRate``),
a slow phone's speed. Each time is a median over repeats, measured inside the page
around one call of the playground (``pnnPlayground``, the object the page's figure
carries) plus a forced layout, so style and layout count, painting does not; after one
warm-up round of edits (the very first edit also compiles the script):

- one edit re-drawing every view (picture, algebra, code and what it prints, the
  curve, the link) on the 3-4-1 network, and on the largest network allowed;
- 60 training iterations of the streetlight, drawn once at the end;
- the scripts a live figure needs (kernel.js and the playground's three), gzipped;
- the cumulative layout shift of the page loading, which must be 0.
"""

from __future__ import annotations

import gzip
import statistics
from pathlib import Path

from playwright.sync_api import sync_playwright

from tests.browser.browser import CHROMIUM, CHROMIUM_ARGS
from tests.build.whole_site import served

SCRIPTS = ("kernel.js", "playground-text.js", "playground-picture.js", "playground.js")
TARGETS = {"edit 3-4-1 ms": 16, "edit largest ms": 50, "train 60 ms": 50, "gzipped": 25_000}
LARGEST = [3, 8, 8, 8, 8, 1]  # 6 layers, 8 wide: the limits the page states
PAGES = ("playground/", "side-by-side/")

# every edit a new value (the views skip what did not change), flipping the weight's sign
_EDITS = """([n, widths, round]) => {
  const pg = document.querySelector('.pnn-live').pnnPlayground;
  if (widths) pg.newWidths(widths);
  const times = [];
  for (let r = 0; r < n; r++) {
    const t0 = performance.now();
    pg.setWeight(0, r % 3, 0, (r % 2 ? 0.25 : -0.5) + round + r / 1024);
    document.body.offsetHeight;  // style and layout of what changed
    times.push(performance.now() - t0);
  }
  return times;
}"""
_TRAIN = """(n) => {
  const pg = document.querySelector('.pnn-live').pnnPlayground;
  const times = [];
  for (let r = 0; r < n; r++) {
    pg.reset();
    const t0 = performance.now();
    pg.train(60, false);
    document.body.offsetHeight;
    times.push(performance.now() - t0);
  }
  return times;
}"""
_CLS = """() => new Promise(done => {
  let cls = 0;
  new PerformanceObserver(list => {
    for (const e of list.getEntries()) if (!e.hadRecentInput) cls += e.value;
  }).observe({type: 'layout-shift', buffered: true});
  setTimeout(() => done(cls), 1500);
})"""


def sizes(site: Path) -> dict[str, int]:
    """Raw and gzipped bytes of the live figure's scripts, as one would serve them."""
    texts = [(site / "javascripts" / name).read_bytes() for name in SCRIPTS]
    return {
        "raw": sum(len(t) for t in texts),
        "gzipped": sum(len(gzip.compress(t, 9)) for t in texts),  # each file its own response
    }


def measure(site: Path, repeats: int = 25) -> dict[str, object]:
    results: dict[str, object] = {"scripts": sizes(site)}
    with served(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for page_path in PAGES:
                context = browser.new_context(viewport={"width": 1280, "height": 900})
                page = context.new_page()
                page.goto(root + page_path, wait_until="load")
                results[f"cls {page_path}"] = page.evaluate(_CLS)
                context.close()
            context = browser.new_context(viewport={"width": 1280, "height": 900})
            page = context.new_page()
            page.goto(root + PAGES[0], wait_until="load")
            page.wait_for_selector(".pnn-live.pl-on", state="attached")
            cdp = context.new_cdp_session(page)
            cdp.send("Emulation.setCPUThrottlingRate", {"rate": 4})
            # the first round also compiles the script (a reader's first edits); then warm
            results["edit 3-4-1 cold ms"] = statistics.median(
                page.evaluate(_EDITS, [repeats, None, 0])
            )
            results["edit 3-4-1 ms"] = statistics.median(
                page.evaluate(_EDITS, [repeats, None, 0.1])
            )
            results["train 60 ms"] = statistics.median(page.evaluate(_TRAIN, repeats // 2))
            results["edit largest ms"] = statistics.median(
                page.evaluate(_EDITS, [repeats, LARGEST, 0.2])
            )
            context.close()
        finally:
            browser.close()
    return results


def lines(results: dict[str, object]) -> list[str]:
    def verdict(value: float, target: float) -> str:
        return "ok" if value <= target else "MISSED"

    scripts = results["scripts"]
    out = ["== playground (Chromium, CPU throttled 4x; medians) =="]
    for key, what in (
        ("edit 3-4-1 ms", "one edit, every view re-drawn, 3-4-1"),
        ("edit largest ms", f"one edit, every view re-drawn, {'-'.join(map(str, LARGEST))}"),
        ("train 60 ms", "60 training iterations of the streetlight, then drawn"),
    ):
        value = results[key]
        out.append(
            f"  {what:<58} {value:6.1f} ms (target {TARGETS[key]}) {verdict(value, TARGETS[key])}"
        )
    cold = results["edit 3-4-1 cold ms"]
    out.append(f"  {'the same, the first edits (script still compiling)':<58} {cold:6.1f} ms")
    out.append(
        f"  {'kernel + playground scripts':<58} {scripts['gzipped']:6d} B gzipped "
        f"({scripts['raw']} B raw; target {TARGETS['gzipped']}) "
        f"{verdict(scripts['gzipped'], TARGETS['gzipped'])}"
    )
    for page in PAGES:
        cls = results[f"cls {page}"]
        out.append(
            f"  {'layout shift while ' + page + ' loads (CLS)':<58} {cls:6.3f} (target 0) "
            f"{'ok' if cls == 0 else 'MISSED'}"
        )
    return out


if __name__ == "__main__":  # python -m tests.bench.playground SITE_DIR
    import sys

    print("\n".join(lines(measure(Path(sys.argv[1])))))
