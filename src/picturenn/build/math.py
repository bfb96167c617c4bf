"""Math rendered at build time: KaTeX's HTML goes into the page, no KaTeX script to the browser.

Pages carry their formulas as pymdownx.arithmatex leaves them (generic mode:
``<span class="arithmatex">\\(...\\)</span>`` and ``<div class="arithmatex">\\[...\\]</div>``);
the notebook page carries nbconvert's ``$...$`` and ``$$...$$`` inside its
rendered Markdown and LaTeX outputs. :class:`MathRenderer` collects the
formulas of every page, renders the ones the cache lacks in ONE node process
with the vendored ``katex.min.js`` (``throwOnError``: a formula KaTeX cannot
read fails the build, naming its page), and puts the HTML in place. A build
whose formulas are all cached starts no node at all.
"""

from __future__ import annotations

import hashlib
import html as html_lib
import json
import re
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from picturenn.build.cache import Cache
from picturenn.build.failures import CheckFailed
from picturenn.build.summary import Summary

KIND = "math"
# Reads [[tex, display], ...] as JSON on stdin, writes [{html} | {error}, ...] on stdout.
NODE_SCRIPT = """
const katex = require(process.argv[1]);
let input = "";
process.stdin.setEncoding("utf8");
process.stdin.on("data", (chunk) => { input += chunk; });
process.stdin.on("end", () => {
  const results = JSON.parse(input).map(([tex, display]) => {
    try {
      return {html: katex.renderToString(tex, {displayMode: display, throwOnError: true})};
    } catch (error) {
      return {error: String(error.message || error).split("\\n")[0]};
    }
  });
  process.stdout.write(JSON.stringify(results));
});
"""


@dataclass(frozen=True)
class Formula:
    """One piece of TeX and whether it is shown as a display (block) or inline."""

    tex: str
    display: bool

    def shown(self) -> str:
        """The formula with its delimiters, as an error message quotes it.

        >>> Formula("x^2", display=True).shown()
        '\\\\[x^2\\\\]'
        """
        return f"\\[{self.tex}\\]" if self.display else f"\\({self.tex}\\)"


@dataclass(frozen=True)
class Spot:
    """Where a formula sits in a page: ``html[start:end]`` becomes ``before + math + after``."""

    start: int
    end: int
    formula: Formula
    before: str = ""
    after: str = ""


class KatexUnavailable(RuntimeError):
    """Formulas KaTeX has not rendered yet, and no node or katex.min.js to render them."""


# -- finding formulas -----------------------------------------------------------------------

_ARITHMATEX = re.compile(
    r'(?P<open><(?P<tag>span|div)\b[^>]*\bclass="arithmatex"[^>]*>)\s*'
    r"(?:\\\((?P<inline>.*?)\\\)|\\\[(?P<display>.*?)\\\])"
    r"\s*(?P<close></(?P=tag)>)",
    re.DOTALL,
)
# the notebook's rendered Markdown cells and text/latex outputs (JupyterLab's classes)
_NOTEBOOK_MATH_DIV = re.compile(
    r'<div\b[^>]*\bclass="[^"]*\bjp-Rendered(?:Markdown|Latex)\b[^"]*"[^>]*>'
)
_DIV_TAG = re.compile(r"<(/?)div\b[^>]*>")
# code is shown as written, never as math
_CODE = re.compile(r"<(pre|code)\b[^>]*>.*?</\1>", re.DOTALL)
_TAG = re.compile(r"<[^>]*>")
# nbconvert's own delimiters (nbconvert.filters.markdown_mistune), display forms first
_TEXT_MATH = re.compile(
    r"(?<!\\)\$\$(?P<d1>.+?)(?<!\\)\$\$"
    r"|(?<!\\)\\\[(?P<d2>.+?)(?<!\\)\\\]"
    r"|(?P<d3>\\begin\{(?P<env>[a-z]*\*?)\}.*?\\end\{(?P=env)\})"
    r"|(?<![$\\])\$(?P<i1>.+?)(?<![$\\])\$"
    r"|(?<!\\)\\\((?P<i2>.+?)(?<!\\)\\\)",
    re.DOTALL,
)


def find(page_html: str) -> list[Spot]:
    """Every formula of a page: arithmatex's spans and divs, and the notebook's math.

    >>> [s.formula for s in find('<p><span class="arithmatex">\\\\(l_0 &lt; W\\\\)</span></p>')]
    [Formula(tex='l_0 < W', display=False)]
    >>> html = '<div class="jp-RenderedMarkdown"><p>$a$ and <code>$b$</code></p>$$c$$</div>'
    >>> [(s.formula.tex, s.formula.display) for s in find(html)]
    [('a', False), ('c', True)]
    """
    spots = []
    for m in _ARITHMATEX.finditer(page_html):
        tex = html_lib.unescape(_either(m, "inline", "display")).strip()
        formula = Formula(tex, display=m["display"] is not None)
        spots.append(Spot(m.start(), m.end(), formula, m["open"], m["close"]))
    for start, end in _notebook_math_regions(page_html):
        spots += _text_math(page_html, start, end)
    return sorted(spots, key=lambda spot: spot.start)


def _either(match: re.Match[str], *groups: str) -> str:
    return next(match[g] for g in groups if match[g] is not None)


def _notebook_math_regions(page_html: str) -> list[tuple[int, int]]:
    """The inside of every rendered-Markdown or LaTeX div, its nested divs included."""
    regions = []
    for opening in _NOTEBOOK_MATH_DIV.finditer(page_html):
        if regions and opening.start() < regions[-1][1]:
            continue  # nested in a region already taken
        depth = 1
        for tag in _DIV_TAG.finditer(page_html, opening.end()):
            depth += -1 if tag[1] else 1
            if depth == 0:
                regions.append((opening.end(), tag.start()))
                break
    return regions


def _text_math(page_html: str, start: int, end: int) -> list[Spot]:
    """Math in the text of ``page_html[start:end]``, outside tags, code and pre."""
    spots = []
    skipped = [(m.start(), m.end()) for m in _CODE.finditer(page_html, start, end)]
    skipped += [(m.start(), m.end()) for m in _TAG.finditer(page_html, start, end)]
    skipped.sort()
    position = start
    for skip_start, skip_end in [*skipped, (end, end)]:
        if skip_start < position:
            position = max(position, skip_end)
            continue
        for m in _TEXT_MATH.finditer(page_html, position, skip_start):
            tex = html_lib.unescape(_either(m, "d1", "d2", "d3", "i1", "i2")).strip()
            display = m["i1"] is None and m["i2"] is None
            spots.append(Spot(m.start(), m.end(), Formula(tex, display)))
        position = max(position, skip_end)
    return spots


def substitute(page_html: str, rendered: Mapping[Formula, str]) -> str:
    """The page with every formula replaced by its rendered HTML.

    >>> page = '<p>see <span class="arithmatex">\\\\(x\\\\)</span>.</p>'
    >>> substitute(page, {Formula("x", False): "<b>x</b>"})
    '<p>see <span class="arithmatex"><b>x</b></span>.</p>'
    """
    pieces, position = [], 0
    for spot in find(page_html):
        pieces.append(page_html[position : spot.start])
        pieces += [spot.before, rendered[spot.formula], spot.after]
        position = spot.end
    pieces.append(page_html[position:])
    return "".join(pieces)


# -- rendering with KaTeX -------------------------------------------------------------------


def render_with_katex(
    formulas: list[Formula], katex_js: Path, node: str | None = None
) -> list[tuple[str | None, str | None]]:
    """``(html, None)`` or ``(None, error)`` for each formula, all from one node process.

    Raises :class:`KatexUnavailable` when there is no ``node`` to run.
    """
    node = node or shutil.which("node")
    if node is None or not Path(node).exists():
        raise KatexUnavailable(
            f"{len(formulas)} formula(s) need node (Node.js) to render with KaTeX at build "
            "time, and node is not on PATH: install Node.js (e.g. apt-get install nodejs)"
        )
    request = json.dumps([[f.tex, f.display] for f in formulas])
    done = subprocess.run(
        [node, "-e", NODE_SCRIPT, str(katex_js.resolve())],
        input=request,
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        lines = done.stderr.strip().splitlines() or [f"exit status {done.returncode}"]
        raise RuntimeError(f"node could not run KaTeX ({katex_js}): {lines[-1]}")
    results = json.loads(done.stdout)
    return [(r.get("html"), r.get("error")) for r in results]


@dataclass
class MathRenderer:
    """Collect the formulas of every page, render what the cache lacks at once, put them in place.

    The cache entries are keyed by formula, display mode, the bytes of
    ``katex.min.js`` and :data:`NODE_SCRIPT`, and by nothing of the package:
    editing ``src/picturenn`` re-renders no math.
    """

    cache_root: Path
    katex_js: Path
    summary: Summary = field(default_factory=Summary)
    node: str | None = None
    rendered: dict[Formula, str] = field(default_factory=dict)
    wanted: dict[Formula, list[tuple[str, Path | None]]] = field(default_factory=dict)
    _cache: Cache | None = None

    @property
    def cache(self) -> Cache:
        if self._cache is None:
            try:
                katex = self.katex_js.read_bytes()
            except FileNotFoundError:
                missing = f"{self.katex_js} is missing: run `make vendor-katex`"
                raise KatexUnavailable(missing) from None
            salt = hashlib.sha256(katex + NODE_SCRIPT.encode()).hexdigest()
            self._cache = Cache(self.cache_root, f"katex {salt}")
        return self._cache

    def collect(self, page_html: str, page: str, source: Path | None = None) -> int:
        """Note the page's formulas, reading each from the cache; return how many it has.

        ``page`` names the page in failures; ``source``, if given, is searched
        for the line a broken formula is on.
        """
        with self.summary.timed(KIND):
            spots = find(page_html)
            for spot in spots:
                formula = spot.formula
                if formula in self.rendered:
                    continue
                if formula not in self.wanted:
                    cached = self.cache.read_text(KIND, self._key(formula), ".html")
                    if cached is not None:
                        self.rendered[formula] = cached
                        self.summary.count(KIND, "cached")
                        continue
                self.wanted.setdefault(formula, []).append((page, source))
        return len(spots)

    def _key(self, formula: Formula) -> str:
        return self.cache.key(KIND, formula.tex, "display" if formula.display else "inline")

    def render(self) -> list[CheckFailed]:
        """Render every collected formula the cache lacked, in one node process.

        Returns one failure per page and formula that KaTeX refused.
        """
        if not self.wanted:
            return []
        with self.summary.timed(KIND):
            formulas = list(self.wanted)
            results = render_with_katex(formulas, self.katex_js, self.node)
            failures = []
            for formula, (made, error) in zip(formulas, results, strict=True):
                if made is None:
                    message = f"KaTeX cannot render {formula.shown()}: {error}"
                    for page, source in self.wanted[formula]:
                        failures.append(CheckFailed(page, _line_of(source, formula.tex), message))
                    continue
                self.cache.write_text(KIND, self._key(formula), made, ".html")
                self.rendered[formula] = made
                self.summary.count(KIND, "rendered")
            self.wanted.clear()
        return failures

    def sweep(self) -> int:
        """Delete the cached formulas this build did not use (none if it used no math at all)."""
        return 0 if self._cache is None else self._cache.sweep((KIND,))

    def apply(self, page_html: str) -> str:
        """The page with its formulas rendered (after :meth:`render`)."""
        with self.summary.timed(KIND):
            return substitute(page_html, self.rendered)


def _line_of(source: Path | None, tex: str) -> int | None:
    """The first line of ``source`` holding the formula's first line, if it can be found."""
    if source is None or not source.is_file():
        return None
    needle = tex.strip().splitlines()[0] if tex.strip() else tex
    for number, line in enumerate(source.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in line:
            return number
    return None
