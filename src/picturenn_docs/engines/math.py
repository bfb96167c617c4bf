"""Math rendered at build time: KaTeX's MathML goes into the page, no KaTeX script to the browser.

Pages carry their formulas as pymdownx.arithmatex leaves them (generic mode:
``<span class="arithmatex">\\(...\\)</span>`` and ``<div class="arithmatex">\\[...\\]</div>``);
the notebook page carries nbconvert's ``$...$`` and ``$$...$$`` inside its
rendered Markdown and LaTeX outputs. :class:`MathRenderer` collects the
formulas of every page, renders the ones the cache lacks in ONE node process
with the vendored ``katex.min.js`` (``throwOnError``: a formula KaTeX cannot
read fails the build, naming its page), and puts the MathML in place. That
process starts at the first formula the cache lacks and renders while the
build reads the other pages; a build whose formulas are all cached starts no
node at all.

KaTeX writes MathML only (``output: "mathml"``): browsers lay MathML out
themselves (Chromium 109+, Firefox, Safari), so readers download no KaTeX
stylesheet or fonts, and a formula is a few MathML elements instead of KaTeX's
HTML copy of it (about 880 of the predict page's 2,300 elements). The parts a
widget lights up, ``\\htmlData{part=W0}{...}`` in the TeX, survive as
``data-part`` attributes: KaTeX's MathML keeps no ``\\htmlData``, so they travel
as ``\\href`` targets (which KaTeX's MathML does keep) and become ``data-part``
again here (:func:`carry_parts`, :func:`restore_parts`).
"""

from __future__ import annotations

import contextlib
import hashlib
import html as html_lib
import json
import re
import shutil
import subprocess
import threading
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from picturenn_docs.core.cache import Cache
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.core.summary import Summary

KIND = "math"
# Reads one JSON [tex, display] per line on stdin and answers each with one line of JSON,
# {html} (KaTeX's name for its markup, here MathML) or {error}: the build sends formulas as
# it meets them, node renders meanwhile.
NODE_SCRIPT = """
const katex = require(process.argv[1]);
// MathML only: browsers lay it out, so readers need no KaTeX stylesheet or fonts.
// Trusted: only \\href to a widget part's marker (carry_parts), never a real link.
const OPTIONS = {
  output: "mathml",
  trust: (context) => context.command === "\\\\href" && context.url.startsWith("#pnn-part="),
};
const lines = require("readline").createInterface({input: process.stdin});
lines.on("line", (line) => {
  const [tex, display] = JSON.parse(line);
  let result;
  try {
    const options = {displayMode: display, throwOnError: true, ...OPTIONS};
    result = {html: katex.renderToString(tex, options)};
  } catch (error) {
    result = {error: String(error.message || error).split("\\n")[0]};
  }
  process.stdout.write(JSON.stringify(result) + "\\n");
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
    """The page with every formula replaced by its rendered markup (MathML).

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


# -- widget parts through KaTeX's MathML ---------------------------------------------------

_HTML_DATA_PART = re.compile(r"\\htmlData\{part=([\w.-]+)\}\{")
_PART_MARKER = re.compile(r'<(m[a-z]+)([^>]*?) href="#pnn-part=([\w.-]+)"')
_ANNOTATION = re.compile(
    r'(<annotation encoding="application/x-tex">).*?(</annotation>)', re.DOTALL
)


def carry_parts(tex: str) -> str:
    r"""The TeX KaTeX is given: each ``\htmlData{part=...}`` becomes a marker it keeps in MathML.

    >>> carry_parts(r"\htmlData{part=W0}{W_{0}} x")
    '\\href{#pnn-part=W0}{W_{0}} x'
    """
    return _HTML_DATA_PART.sub(lambda m: rf"\href{{#pnn-part={m[1]}}}{{", tex)


# A sign right after an opening bracket, a relation, an operator or a comma is a number's
# sign: KaTeX's HTML spaces it so, but in MathML an <mo> that is not first in its row is
# an infix operator, spaced like a subtraction: "( − 0.5)". form="prefix" says which.
_SIGN = re.compile(r"(<mo\b[^>]*>(?:[(\[{=<>≤≥×·+−,]|&lt;|&gt;)</mo>)<mo>([−+])</mo>")


def signs_as_prefix(mathml: str) -> str:
    """KaTeX's MathML with the signs of numbers marked as prefix operators.

    >>> signs_as_prefix('<mo stretchy="false">(</mo><mo>−</mo><mn>0.5</mn><mo>−</mo><mn>1</mn>')
    '<mo stretchy="false">(</mo><mo form="prefix">−</mo><mn>0.5</mn><mo>−</mo><mn>1</mn>'
    """
    return _SIGN.sub(r'\1<mo form="prefix">\2</mo>', mathml)


def restore_parts(mathml: str, tex: str) -> str:
    """KaTeX's MathML with its part markers as ``data-part`` and the page's own TeX annotated.

    >>> a = '<annotation encoding="application/x-tex">'
    >>> made = '<msub href="#pnn-part=W0"><mi>W</mi></msub>' + a + "marked</annotation>"
    >>> print(restore_parts(made, "W<1").replace(a, "\\n"))
    <msub data-part="W0"><mi>W</mi></msub>
    W&lt;1</annotation>
    """
    mathml = _PART_MARKER.sub(r'<\1\2 data-part="\3"', mathml)
    own = html_lib.escape(tex, quote=False)
    return _ANNOTATION.sub(lambda m: m[1] + own + m[2], mathml, count=1)


def _finished(mathml: str, tex: str) -> str:
    return signs_as_prefix(restore_parts(mathml, tex))


# -- rendering with KaTeX -------------------------------------------------------------------


def render_with_katex(
    formulas: list[Formula], katex_js: Path, node: str | None = None
) -> list[tuple[str | None, str | None]]:
    """``(mathml, None)`` or ``(None, error)`` for each formula, all from one node process.

    Raises :class:`KatexUnavailable` when there is no ``node`` to run.
    """
    katex = Katex(katex_js, node, len(formulas))
    for formula in formulas:
        katex.send(formula)
    return katex.results()


class Katex:
    """One node process that renders formulas while the build goes on; results come at the end.

    Raises :class:`KatexUnavailable` when there is no ``node`` to run.
    """

    def __init__(self, katex_js: Path, node: str | None = None, count: int = 1) -> None:
        node = node or shutil.which("node")
        if node is None or not Path(node).exists():
            raise KatexUnavailable(
                f"{count} formula(s) need node (Node.js) to render with KaTeX at build time, "
                "and node is not on PATH: install Node.js (e.g. apt-get install nodejs)"
            )
        self.katex_js = katex_js
        self.sent: list[Formula] = []
        self.process = subprocess.Popen(
            [node, "-e", NODE_SCRIPT, str(katex_js.resolve())],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            encoding="utf-8",
        )
        self.lines: list[str] = []
        # drained all along, so node never blocks on a full pipe while we still write
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self) -> None:
        assert self.process.stdout is not None
        with self.process.stdout:
            self.lines = self.process.stdout.readlines()

    def send(self, formula: Formula) -> None:
        assert self.process.stdin is not None
        try:
            line = json.dumps([carry_parts(formula.tex), formula.display])
            self.process.stdin.write(line + "\n")
            self.process.stdin.flush()
        except OSError:  # node has died: results() says why
            pass
        self.sent.append(formula)

    def results(self) -> list[tuple[str | None, str | None]]:
        """Wait for node to answer everything sent."""
        assert self.process.stdin is not None
        assert self.process.stderr is not None
        with contextlib.suppress(OSError):
            self.process.stdin.close()
        self.reader.join()
        with self.process.stderr:
            errors = self.process.stderr.read()
        self.process.wait()
        if self.process.returncode != 0 or len(self.lines) != len(self.sent):
            lines = errors.strip().splitlines() or [f"exit status {self.process.returncode}"]
            raise RuntimeError(f"node could not run KaTeX ({self.katex_js}): {lines[-1]}")
        answers = map(json.loads, self.lines)
        return [
            (None, a["error"]) if "error" in a else (_finished(a["html"], f.tex), None)
            for f, a in zip(self.sent, answers, strict=True)
        ]

    def close(self) -> None:
        """Stop node without waiting for its answers (a build that failed elsewhere)."""
        self.process.kill()
        self.process.wait()
        self.reader.join()  # it closes stdout
        for pipe in (self.process.stdin, self.process.stderr):
            if pipe is not None:
                with contextlib.suppress(OSError):
                    pipe.close()


@dataclass
class MathRenderer:
    """Collect the formulas of every page, render what the cache lacks at once, put them in place.

    The cache entries are keyed by formula, display mode, the bytes of
    ``katex.min.js`` and this module's code, and by nothing of the package:
    editing ``src/picturenn`` re-renders no math.
    """

    cache_root: Path
    katex_js: Path
    summary: Summary = field(default_factory=Summary)
    node: str | None = None
    engine: str = ""  # the hash of this engine's code (Build passes code_hash), in every key
    rendered: dict[Formula, str] = field(default_factory=dict)
    wanted: dict[Formula, list[tuple[str, Path | None]]] = field(default_factory=dict)
    _cache: Cache | None = None
    _katex: Katex | None = None  # started at the first formula the cache lacks
    _no_node: bool = False  # then render() says so, for every formula at once

    @property
    def cache(self) -> Cache:
        if self._cache is None:
            try:
                katex = self.katex_js.read_bytes()
            except FileNotFoundError:
                missing = f"{self.katex_js} is missing: run `make vendor-katex`"
                raise KatexUnavailable(missing) from None
            salt = hashlib.sha256(katex + NODE_SCRIPT.encode()).hexdigest()
            self._cache = Cache(self.cache_root, f"katex {salt} {self.engine}")
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
                    self._send(formula)
                self.wanted.setdefault(formula, []).append((page, source))
        return len(spots)

    def _send(self, formula: Formula) -> None:
        """Have node render the formula now, while the build reads the other pages."""
        if self._katex is None and not self._no_node:
            try:
                self._katex = Katex(self.katex_js, self.node)
            except KatexUnavailable:
                self._no_node = True
        if self._katex is not None:
            self._katex.send(formula)

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
            katex, self._katex = self._katex, None
            if katex is not None and len(katex.sent) == len(formulas):
                results = katex.results()
            else:
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

    def close(self) -> None:
        """Stop the node process of a build that failed before :meth:`render`."""
        if self._katex is not None:
            self._katex.close()
            self._katex = None

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
