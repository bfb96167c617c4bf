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

Target: performance at least 90 on every page and at or above the plain
baseline of the same page, and accessibility, best practices and SEO at 100.
"""

from __future__ import annotations

import json
import os
import re
import statistics
import subprocess
import tempfile
from pathlib import Path

from tests.browser.browser import CHROMIUM
from tests.build.whole_site import REPO, served, site_pages

CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
TARGETS = {"performance": 90, "accessibility": 100, "best-practices": 100, "seo": 100}
_MAKEFILE_VERSION = re.compile(r"^LIGHTHOUSE\s*:=\s*(\S+)", re.MULTILINE)
CHROME_FLAGS = "--headless=new --no-sandbox --disable-gpu --disable-background-networking"


def score(url: str) -> dict[str, float]:
    """One Lighthouse run (mobile, simulated throttling): each category's score out of 100."""
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
        categories = json.loads(report.read_text())["categories"]
    return {name: round(100 * (categories[name]["score"] or 0)) for name in CATEGORIES}


def lighthouse_binary() -> Path:
    """The Lighthouse `make lighthouse` installed for the version pinned in the Makefile."""
    version = _MAKEFILE_VERSION.search((REPO / "Makefile").read_text()).group(1)
    path = REPO / ".cache" / "lighthouse" / version / "node_modules" / ".bin" / "lighthouse"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make lighthouse` (make bench does it)")
    return path


def measure(site: Path, plain_site: Path, runs: int = 3, only: str = "") -> dict[str, object]:
    """Median scores per page for the site and for the plain baseline of the same page.

    ``only`` keeps pages whose path contains it (a quick look at one page).
    """
    pages = [p for p in site_pages(site) if only in p and (plain_site / p).exists()]
    samples: dict[str, dict[str, list[dict[str, float]]]] = {
        p: {"site": [], "plain": []} for p in pages
    }
    with served(site, compress=True) as root, served(plain_site, compress=True) as plain_root:
        for _ in range(runs):
            for page in pages:
                samples[page]["site"].append(score(root + page))
                samples[page]["plain"].append(score(plain_root + page))
    return {
        page or "(home)": {side: _medians(runs_) for side, runs_ in sides.items()}
        for page, sides in samples.items()
    }


def _medians(runs: list[dict[str, float]]) -> dict[str, float]:
    return {name: statistics.median(run[name] for run in runs) for name in CATEGORIES}


def met(entry: dict[str, dict[str, float]]) -> bool:
    """Whether a page's medians reach every target, its plain baseline's performance too."""
    site, plain = entry["site"], entry["plain"]
    reached = all(site[name] >= target for name, target in TARGETS.items())
    return reached and site["performance"] >= plain["performance"]


def lines(results: dict[str, object]) -> list[str]:
    """The report: per page, the site's median / the plain baseline's, for each category."""
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
        "  target: performance >= 90 and >= plain; accessibility, best practices and SEO 100"
    )
    return out
