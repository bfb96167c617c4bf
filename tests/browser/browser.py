"""Drive Debian's chromium over the served site and collect what a reader would meet.

Each page is visited once per palette; the visit records everything the
per-topic tests then assert on, so the suite loads every page only twice.
"""

from __future__ import annotations

import math
import os
import re
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np
from PIL import Image
from playwright.sync_api import BrowserContext, ConsoleMessage, Page, Request, Response

from tests.build.whole_site import REPO

# Debian's package; another CI without root can point $CHROMIUM at its own (README)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/lib/chromium/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    # belt and braces: should anything try to leave, no other host even resolves
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
# palette name in the tests -> material's data-md-color-scheme
SCHEMES = {"light": "default", "dark": "slate"}
SCREENSHOTS = REPO / "artifacts" / "screenshots"
_MAKEFILE_AXE = re.compile(r"^AXE\s*:=\s*(\S+)", re.MULTILINE)


def axe_script() -> Path:
    """The axe-core file `make axe` fetched for the version pinned in the Makefile."""
    version = _MAKEFILE_AXE.search((REPO / "Makefile").read_text()).group(1)
    path = REPO / ".cache" / "axe" / f"axe-core-{version}" / "axe.min.js"
    if not path.is_file():
        raise FileNotFoundError(f"{path} is missing: run `make axe` (make test does it)")
    return path


class RequestLog:
    """Every request any page or worker of a context makes, and every failure seen."""

    def __init__(self, context: BrowserContext) -> None:
        self.outside: list[str] = []
        self.failures: list[str] = []
        context.on("request", self._request)
        context.on("response", self._response)
        context.on("requestfailed", self._failed)
        # dedicated workers' fetches (material's search) arrive here too; service
        # workers' ones do with PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS (conftest)

    def _request(self, request: Request) -> None:
        if not _is_local(request.url):
            self.outside.append(request.url)

    def _response(self, response: Response) -> None:
        if response.status >= 400:
            self.failures.append(f"HTTP {response.status} for {response.url}")

    def _failed(self, request: Request) -> None:
        self.failures.append(f"request failed ({request.failure}) for {request.url}")

    def take(self) -> tuple[list[str], list[str]]:
        """Return and forget what was logged since the last call."""
        taken = self.outside[:], self.failures[:]
        self.outside.clear()
        self.failures.clear()
        return taken


def _is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in {"data", "blob", "about"} or parts.hostname == "127.0.0.1"


class ConsoleLog:
    """Every console error and uncaught script error of one page."""

    def __init__(self, page: Page) -> None:
        self.errors: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda error: self.errors.append(f"page error: {error}"))

    def _console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            self.errors.append(f"console error: {message.text} ({message.location.get('url')})")

    def take(self) -> list[str]:
        """Return and forget what was logged since the last call."""
        taken = self.errors[:]
        self.errors.clear()
        return taken


@dataclass
class Visit:
    """What one page showed in one palette."""

    page: str
    scheme: str = ""
    outside: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    broken_images: list[str] = field(default_factory=list)
    math: list[str] = field(default_factory=list)
    illegible: list[str] = field(default_factory=list)
    axe: list[str] = field(default_factory=list)
    screenshot: Path | None = None


# Resolves once KaTeX has turned every arithmatex span into rendered math.
_MATH_DONE = """() => [...document.querySelectorAll('.arithmatex')]
    .every(el => el.querySelector('.katex'))"""

# Raw TeX delimiters still in the text a reader sees (code is allowed to show them).
_RAW_MATH = r"""() => {
  const copy = document.querySelector('.md-content').cloneNode(true);
  copy.querySelectorAll('pre, code, script, style, .katex').forEach(el => el.remove());
  const text = copy.textContent;
  return ['\\(', '\\[', '$$'].filter(d => text.includes(d)).map(d => {
    const at = text.indexOf(d);
    return `raw ${d} near: ${text.slice(Math.max(0, at - 30), at + 40)}`;
  });
}"""

# Loads even lazy images, then names each image that has no pixels.
_BROKEN_IMAGES = """async () => {
  const images = [...document.images];
  images.forEach(img => { img.loading = 'eager'; });
  await Promise.all(images.map(img => img.decode().catch(() => null)));
  return images.filter(img => !(img.naturalWidth > 0 && img.naturalHeight > 0))
    .map(img => img.getAttribute('src') || img.outerHTML.slice(0, 120));
}"""

_AXE_RUN = """async () => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.filter(v => ['serious', 'critical'].includes(v.impact))
    .map(v => `${v.impact} ${v.id}: ${v.help} at ` +
              v.nodes.slice(0, 4).map(n => n.target.join(' ')).join(' | '));
}"""


def visit(
    page: Page, console: ConsoleLog, log: RequestLog, base: str, path: str, palette: str
) -> Visit:
    """Load one page fresh and record everything the per-topic tests check."""
    result = Visit(page=path or "(home)")
    log.take()
    console.take()
    # no wait for the network to idle here: the math check waits for what it needs, and
    # the idle wait at the end still catches every request the page made
    page.goto(base + path, wait_until="load")
    result.scheme = page.evaluate("document.body.dataset.mdColorScheme")
    try:
        page.wait_for_function(_MATH_DONE, timeout=5000)
    except Exception:
        result.math.append("math never finished rendering (no .katex in some .arithmatex)")
    result.math += page.evaluate(_RAW_MATH)
    result.broken_images = page.evaluate(_BROKEN_IMAGES)
    page.add_script_tag(path=axe_script())
    result.axe = page.evaluate(_AXE_RUN)
    result.screenshot = _screenshot(page, path, palette)
    result.illegible = _illegible_images(page, result.screenshot)
    page.wait_for_load_state("networkidle")
    result.outside, failures = log.take()
    result.errors = console.take() + failures
    return result


def report(visits: list[Visit], attribute: str) -> str:
    """One line per problem, prefixed with its page, for an assertion message."""
    return "\n".join(f"{v.page}: {problem}" for v in visits for problem in getattr(v, attribute))


def _screenshot(page: Page, path: str, palette: str) -> Path:
    name = path.strip("/").replace("/", "__") or "index"
    target = SCREENSHOTS / palette / f"{name}.png"
    target.parent.mkdir(parents=True, exist_ok=True)
    # a full page is the artifact CI uploads for a person to look at; a long page takes
    # chromium tens of seconds to paint on a busy 2-core machine (30 s timed out once)
    page.screenshot(path=target, full_page=True, timeout=120_000)
    return target


# Where each shown content image stands on the full page, in CSS px (the screenshot's px).
_IMAGE_BOXES = """() => [...document.querySelectorAll('.md-content img')].flatMap(img => {
  const box = img.getBoundingClientRect();
  if (!(box.width > 0 && box.height > 0) || getComputedStyle(img).visibility === 'hidden')
    return [];  // hidden in a closed tab; its tab test shows it
  return [{src: img.getAttribute('src'), left: box.left + scrollX, top: box.top + scrollY,
           right: box.right + scrollX, bottom: box.bottom + scrollY}];
})"""


def _illegible_images(page: Page, screenshot: Path) -> list[str]:
    """Content images whose ink does not stand out from their own background, read from
    the page's full screenshot (one picture of the page, not one more per image)."""
    problems = []
    with Image.open(screenshot) as shot:
        whole = shot.convert("RGB")
    for image in page.evaluate(_IMAGE_BOXES):
        # the whole pixels inside the image: an edge pixel half the page's would count the
        # page's background as the picture's ink
        box = (
            *map(math.ceil, (image["left"], image["top"])),
            *map(math.floor, (image["right"], image["bottom"])),
        )
        ratio = ink_contrast(whole.crop(box))
        if ratio < 3:
            problems.append(f"{image['src']}: ink contrast only {ratio:.2f}:1")
    return problems


def _luminance(rgb: np.ndarray) -> np.ndarray:
    # WCAG relative luminance of sRGB colours in 0..255
    c = rgb / 255.0
    c = np.where(c <= 0.03928, c / 12.92, ((c + 0.055) / 1.055) ** 2.4)
    return c @ np.array([0.2126, 0.7152, 0.0722])


def ink_contrast(picture: Image.Image) -> float:
    """Contrast ratio that the strongest 1% of an image's pixels reach against its main colour.

    Text and lines are a few percent of a diagram; if even those do not reach
    3:1 against the background they sit on, the diagram cannot be read.
    """
    pixels = np.asarray(picture.convert("RGB")).reshape(-1, 3)
    colours, counts = np.unique(pixels, axis=0, return_counts=True)
    background = _luminance(colours[counts.argmax()].astype(float))
    lum = _luminance(pixels.astype(float))
    ratio = (np.maximum(lum, background) + 0.05) / (np.minimum(lum, background) + 0.05)
    return float(np.percentile(ratio, 99))


def pages_containing(built_site: Path, pages: list[str], marker: str) -> list[str]:
    def html(path: str) -> Path:
        return built_site / path / "index.html" if not path.endswith(".html") else built_site / path

    return [p for p in pages if marker in html(p).read_text(encoding="utf-8")]


# Opens every closed tab and <details> around an element, outermost first.
REVEAL = """el => {
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
