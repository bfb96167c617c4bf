"""Lighthouse scores of every page against the same pages as plain mkdocs-material.

Lighthouse (npm, pinned in the Makefile, fetched by `make lighthouse`) drives
Debian's chromium with its default mobile emulation and simulated throttling.
Each page of the built site and of the plain baseline (tests/bench/build.py:
the same Markdown, nothing executable, only the theme, with the site's own
stylesheets and scripts) is scored ``runs`` times, the two alternating so a
noisy neighbour hurts both alike; the median is reported.

Both sites are served as their host serves them: text files (HTML, CSS, JS,
JSON, SVG) gzip-compressed, as GitHub Pages does (tests/build/whole_site.py,
``served(compress=True)``). Uncompressed, every page would be timed as if the
theme's 250 KB of CSS and JavaScript travelled raw, which no reader meets.

Target (issue 24): every page's performance at least the plain baseline's of the same
page minus 2 points, and accessibility, best practices and SEO at 100. Beside the
scores, each page's diagnostics say where the points go (:func:`diagnostics`).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import statistics
import subprocess
import tempfile
from html.parser import HTMLParser
from pathlib import Path

from tests.browser.browser import CHROMIUM
from tests.build.whole_site import REPO, served, site_pages

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"accessibility": 100, "best-practices": 100, "seo": 100}
PERF_MARGIN = 2  # issue 24: every page's performance at least the plain page's minus 2 points
_MAKEFILE_VERSION = re.compile(r"^LIGHTHOUSE\s*:=\s*(\S+)", re.MULTILINE)
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


def score(url: str, keep: Path | None = None) -> dict[str, float]:
    """One Lighthouse run (mobile, simulated throttling): each category's score out of 100,
    and the diagnostics of DIAGNOSTICS (where the performance points go).

    ``keep``, a file name, keeps the run's whole report there for a closer look.
    """
    binary = lighthouse_binary()
    with tempfile.TemporaryDirectory(prefix="picturenn-lighthouse-") as work:
        report = Path(work) / "report.json"
        command = [
            str(binary),
            url,
            "--quiet",
            "--output=json",
            f"--output-path={report}",
            f"--only-categories={','.join(CATEGORIES)}",
            f"--chrome-flags={CHROME_FLAGS} --user-data-dir={Path(work) / 'profile'}",
        ]
        env = {**os.environ, "CHROME_PATH": CHROMIUM, "PUPPETEER_SKIP_DOWNLOAD": "1"}
        done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
        if done.returncode != 0 or not report.is_file():
            raise RuntimeError(f"lighthouse failed for {url}: {done.stderr[-1000:]}")
        data = json.loads(report.read_text())
        if keep is not None:
            keep.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(report, keep)
    categories = data["categories"]
    out = {name: round(100 * (categories[name]["score"] or 0)) for name in CATEGORIES}
    out.update(diagnostics(data["audits"]))
    return out


# Where the points go, read from the report's audits: the page's element count, the
# metrics performance is scored on, main-thread time, and what travelled.
DIAGNOSTICS = ("dom", "tbt", "lcp", "fcp", "cls", "main", "ours", "theme", "layout", "kb")


def diagnostics(audits: dict[str, dict]) -> dict[str, float]:
    """Per run: DOM elements; TBT, LCP, FCP and main-thread ms; CLS; transferred KB.

    "ours" is script time (evaluation + parse/compile, bootup-time) of the site's own
    scripts (``/javascripts/``), "theme" that of mkdocs-material's bundle
    (``/assets/javascripts/``) working on our DOM, "layout" the main thread's style
    and layout time, whoever caused it.
    """

    def numeric(name: str) -> float:
        return float(audits.get(name, {}).get("numericValue") or 0)

    ours = theme = 0.0
    for item in (audits.get("bootup-time", {}).get("details") or {}).get("items", []):
        url = str(item.get("url", ""))
        spent = float(item.get("scripting", 0)) + float(item.get("scriptParseCompile", 0))
        if "/assets/javascripts/" in url:
            theme += spent
        elif "/javascripts/" in url:
            ours += spent
    layout = sum(
        float(item.get("duration", 0))
        for item in (audits.get("mainthread-work-breakdown", {}).get("details") or {}).get(
            "items", []
        )
        if item.get("group") == "styleLayout"
    )
    return {
        "dom": numeric("dom-size-insight") or numeric("dom-size"),  # Lighthouse 13: an insight
        "tbt": numeric("total-blocking-time"),
        "lcp": numeric("largest-contentful-paint"),
        "fcp": numeric("first-contentful-paint"),
        "cls": round(numeric("cumulative-layout-shift"), 3),
        "main": numeric("mainthread-work-breakdown"),
        "ours": ours,
        "theme": theme,
        "layout": layout,
        "kb": numeric("total-byte-weight") / 1024,
    }


def lighthouse_binary() -> Path:
    """The Lighthouse `make lighthouse` installed for the version pinned in the Makefile."""
    version = _MAKEFILE_VERSION.search((REPO / "Makefile").read_text()).group(1)
    path = REPO / ".cache" / "lighthouse" / version / "node_modules" / ".bin" / "lighthouse"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make lighthouse` (make bench does it)")
    return path


def measure(
    site: Path, plain_site: Path, runs: int = 3, only: str = "", keep: Path | None = None
) -> dict[str, object]:
    """Median scores and diagnostics per page for the site and for the plain baseline of
    the same page.

    ``only`` keeps pages whose path contains it (a quick look at one page); ``keep``, a
    folder, keeps every run's whole Lighthouse report in it (``<page>.<side>.<run>.json``).
    """
    pages = [p for p in site_pages(site) if only in p and (plain_site / p).exists()]
    samples: dict[str, dict[str, list[dict[str, float]]]] = {
        p: {"site": [], "plain": []} for p in pages
    }
    with served(site, compress=True) as root, served(plain_site, compress=True) as plain_root:
        for _ in range(runs):
            for page in pages:
                for side, base in (("site", root), ("plain", plain_root)):
                    n = len(samples[page][side])
                    name = f"{page.strip('/').replace('/', '-') or 'home'}.{side}.{n}.json"
                    samples[page][side].append(score(base + page, keep and keep / name))
    results: dict[str, object] = {}
    for page, sides in samples.items():
        entry = {side: _medians(runs_) for side, runs_ in sides.items()}
        for side, root_dir in (("site", site), ("plain", plain_site)):
            entry[side]["svg"] = inline_svg_elements(root_dir / page / "index.html")
        results[page or "(home)"] = entry
    return results


class _SvgCounter(HTMLParser):
    """Counts the elements inside inline <svg> (the <svg> elements included)."""

    def __init__(self) -> None:
        super().__init__()
        self.depth = 0
        self.count = 0

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag == "svg" or self.depth:
            self.count += 1
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: object) -> None:
        if tag == "svg" or self.depth:
            self.count += 1

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth -= 1


def inline_svg_elements(html: Path) -> int:
    """How many SVG elements a page's HTML carries inline, as sent (before any script runs).

    Inside <template> and inert JSON they are counted too: they are bytes the page sends,
    though the browser builds no DOM of them until a script asks.
    """
    counter = _SvgCounter()
    counter.feed(html.read_text(encoding="utf-8"))
    return counter.count


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {
        name: statistics.median(run[name] for run in runs)
        for name in CATEGORIES + DIAGNOSTICS
        if all(name in run for run in runs)
    }


def met(entry: dict[str, dict[str, float]]) -> bool:
    """Whether a page's medians reach every target: performance at least the plain
    baseline's minus PERF_MARGIN (issue 24), and accessibility, best practices and SEO 100."""
    site, plain = entry["site"], entry["plain"]
    reached = all(site[name] >= TARGETS[name] for name in CATEGORIES if name != "performance")
    return reached and site["performance"] >= plain["performance"] - PERF_MARGIN


# the diagnostic columns: (key, heading, width, format)
_COLUMNS = (
    ("dom", "DOM", 9, "{:.0f}"),
    ("svg", "inline SVG", 10, "{:.0f}"),
    ("tbt", "TBT ms", 10, "{:.0f}"),
    ("lcp", "LCP ms", 11, "{:.0f}"),
    ("cls", "CLS", 11, "{:.3f}"),
    ("ours", "our JS ms", 9, "{:.0f}"),
    ("theme", "theme JS", 10, "{:.0f}"),
    ("layout", "layout ms", 10, "{:.0f}"),
    ("kb", "KB sent", 9, "{:.0f}"),
)


def lines(results: dict[str, object]) -> list[str]:
    """The report: per page, the site's median / the plain baseline's, for each category,
    then where the performance points go (the same medians' diagnostics)."""
    out = [
        "== lighthouse (mobile, simulated throttling, median of runs; both sites served gzipped,",
        "   as GitHub Pages serves them) ==",
        "  each cell: this site / 'plain' baseline (the same page as plain mkdocs-material,",
        "  tests/bench/build.py), scored in this run, alternating",
        f"  {'page':<34} {'perf':>9} {'a11y':>9} {'best':>9} {'seo':>9}",
    ]
    for page, entry in results.items():
        cells = [f"{entry['site'][c]:>3.0f}/{entry['plain'][c]:<3.0f}" for c in CATEGORIES]
        verdict = "ok" if met(entry) else "MISSED"
        out.append(f"  {page:<34} " + " ".join(f"{c:>9}" for c in cells) + f"  {verdict}")
    out.append(
        f"  target: performance >= plain - {PERF_MARGIN} on every page; accessibility, best"
        " practices and SEO 100"
    )
    out += [
        "  where the points go (medians, this site / plain): DOM elements; SVG elements",
        "  inline in the HTML as sent; Total Blocking Time; Largest Contentful Paint; CLS;",
        "  script time (bootup-time) of our scripts and of the theme's bundle; style and",
        "  layout time on the main thread; KB transferred",
        f"  {'page':<20} " + " ".join(f"{h:>{w}}" for _, h, w, _ in _COLUMNS),
    ]
    for page, entry in results.items():
        cells = []
        for key, _, width, form in _COLUMNS:
            pair = [entry[side].get(key) for side in ("site", "plain")]
            text = "/".join("-" if v is None else form.format(v) for v in pair)
            cells.append(f"{text:>{width}}")
        out.append(f"  {page[:20]:<20} " + " ".join(cells))
    return out
