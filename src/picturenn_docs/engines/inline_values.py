"""Numbers in sentences, checked by the build like every example.

A page writes a number as it should read, next to the expression that makes
it: ``{{ −0.6081 | f"{delta:.4f}" }}``. The names come from the page's
```` ```values ```` blocks, Python run once per page in a fresh namespace (the
reader never sees them). The build evaluates each expression and compares:
the page shows the written text when they agree and fails, naming the page
and line, when they do not. A minus sign may be typed as − (U+2212): it
compares equal to ``-``.

Markers inside fenced blocks and inline code are text, so a page can show the
syntax. A ``{{`` without `` | `` fails too, so a typo cannot slip through as
literal braces.

In a build, :func:`setup_fence` hides each ``values`` block and :func:`page_engine`
fills the values in after the fences; it reads the page's own file, so a
failure names the line the author sees whatever the fences above it became.
"""

from __future__ import annotations

import builtins
import json
import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from picturenn_docs.core.blocks import Block, find_blocks
from picturenn_docs.core.cache import tree_hash
from picturenn_docs.core.failures import CheckFailed

if TYPE_CHECKING:
    from picturenn_docs.core.build import Build, Page

KIND = "values"  # the cache folder

LANG = "values"  # the fence that sets up a page's names
_MARKER = re.compile(r"\{\{(?P<inside>.*?)\}\}")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_MINUS = "\N{MINUS SIGN}"


@dataclass(frozen=True)
class Value:
    """One inline value: where it is, what the page says, and what computes it."""

    line: int  # 1-based
    start: int  # column span of the whole marker in that line
    end: int
    written: str
    expression: str


@dataclass(frozen=True)
class Setup:
    """The page's ``values`` code, one block after another, and where each line came from."""

    code: str
    origins: tuple[int, ...]  # the page line of each line of code


def find(markdown: str, path: str) -> tuple[Setup, list[Value], list[CheckFailed]]:
    """The page's setup code, its inline values, and the markers that are malformed.

    >>> page = "```values\\nx = 2\\n```\\nTwice {{ 4 | 2 * x }} and `{{ a | b }}`.\\n"
    >>> setup, values, bad = find(page, "docs/p.md")
    >>> setup.code, values[0].written, values[0].expression, values[0].line, bad
    ('x = 2\\n', '4', '2 * x', 4, [])
    """
    lines = markdown.splitlines()
    fenced: set[int] = set()  # 0-based lines that belong to a fenced block
    code: list[str] = []
    origins: list[int] = []
    for block in find_blocks(markdown):
        fenced.update(range(block.start - 1, block.end))
        if block.lang == LANG:
            code += block.body
            origins += range(block.first_body_line, block.first_body_line + len(block.body))
    values, bad = [], []
    for index, line in enumerate(lines):
        if index in fenced or "{{" not in line:
            continue
        # inline code is text: blank it out (same length, so columns still match the line)
        seen = _CODE_SPAN.sub(lambda m: " " * len(m[0]), line)
        for match in _MARKER.finditer(seen):
            inside = line[match.start() + 2 : match.end() - 2]
            written, bar, expression = inside.partition(" | ")
            if not bar or not written.strip() or not expression.strip():
                shown = line[match.start() : match.end()]
                message = (
                    f"write an inline value as {{{{ as it reads | expression }}}}, not {shown}"
                )
                bad.append(CheckFailed(path, index + 1, message))
                continue
            values.append(Value(index + 1, *match.span(), written.strip(), expression.strip()))
        if "{{" in _MARKER.sub("", seen):
            bad.append(CheckFailed(path, index + 1, "an inline value opens {{ but never closes }}"))
    return Setup("".join(f"{line}\n" for line in code), tuple(origins)), values, bad


def evaluate(setup: Setup, values: list[Value], path: str) -> dict[str, str]:
    """Run the setup in a fresh namespace and return each expression's text.

    >>> page = '```values\\nw = -0.60807\\n```\\nw is {{ −0.6081 | f"{w:.4f}" }}'
    >>> setup, values, _ = find(page, "p.md")
    >>> evaluate(setup, values, "p.md")
    {'f"{w:.4f}"': '-0.6081'}
    """
    namespace: dict[str, object] = {"__name__": "__main__", "__builtins__": builtins}
    try:
        exec(compile(setup.code, f"<values {path}>", "exec"), namespace)
    except Exception as error:
        line = _setup_line(setup, error)
        raise CheckFailed(
            path, line, f"values block raised {type(error).__name__}: {error}"
        ) from None
    computed = {}
    for value in values:
        try:
            result = eval(compile(value.expression, f"<value {path}>", "eval"), namespace)
        except Exception as error:
            message = f"inline value {value.expression!r} raised {type(error).__name__}: {error}"
            raise CheckFailed(path, value.line, message) from None
        computed[value.expression] = result if isinstance(result, str) else str(result)
    return computed


def fill(
    markdown: str, values: list[Value], computed: dict[str, str], path: str
) -> tuple[str, list[CheckFailed]]:
    """The page with every marker replaced by its written text, and every disagreement.

    >>> page = "Off by {{ 0.61 | round(x, 2) }}."
    >>> _, values, _ = find(page, "p.md")
    >>> fill(page, values, {"round(x, 2)": "0.61"}, "p.md")
    ('Off by 0.61.', [])
    >>> print(fill(page, values, {"round(x, 2)": "0.62"}, "p.md")[1][0])
    p.md:1: the page says 0.61 but round(x, 2) gives 0.62
    """
    lines = markdown.splitlines()
    failures = []
    for value in sorted(values, key=lambda v: (v.line, -v.start)):  # right to left per line
        got = computed[value.expression]
        if _same(value.written) != _same(got):
            message = f"the page says {value.written} but {value.expression} gives {got}"
            failures.append(CheckFailed(path, value.line, message))
        line = lines[value.line - 1]
        lines[value.line - 1] = line[: value.start] + value.written + line[value.end :]
    ending = "\n" if markdown.endswith("\n") else ""
    return "\n".join(lines) + ending, sorted(failures, key=lambda f: f.line or 0)


def _same(text: str) -> str:
    return text.replace(_MINUS, "-").strip()


def _setup_line(setup: Setup, error: Exception) -> int | None:
    """The page line a setup error points at."""
    import traceback

    frames = traceback.extract_tb(error.__traceback__)
    ours = [f.lineno for f in frames if f.filename.startswith("<values")]
    number = ours[-1] if ours else getattr(error, "lineno", None)  # a SyntaxError has no frame
    if not setup.origins:
        return None
    if number is None:
        return setup.origins[0]
    return setup.origins[min(number, len(setup.origins)) - 1]


def setup_fence(build: Build, block: Block, page: Page) -> str:
    """A ``values`` block is the numbers' setup code, not something for the reader."""
    return ""


def page_engine(build: Build, markdown: str, page: Page) -> str:
    """Check every inline value of the page and write each as the author wrote it."""
    source = build.docs_dir / page.src_uri
    original = source.read_text(encoding="utf-8") if source.is_file() else markdown
    setup, values, bad = find(original, page.shown)  # lines as in the author's file
    build.failures.extend(bad)
    if not values:
        return markdown
    with build.summary.timed("examples"):
        computed = _computed(build, setup, values, page.shown)
    if computed is None:
        return markdown
    _, wrong = fill(original, values, computed, page.shown)
    build.failures.extend(wrong)
    # the same markers, in the same order, in the page as the fences left it
    _, here, _ = find(markdown, page.shown)
    if [v.expression for v in here] != [v.expression for v in values]:
        raise CheckFailed(page.shown, None, "inline values changed while the page was built")
    return fill(markdown, here, computed, page.shown)[0]


def _computed(build: Build, setup: Setup, values: list[Value], shown: str) -> dict[str, str] | None:
    cache = build.cache_for(__name__)
    examples = tree_hash(build.docs_dir / "examples")  # a setup may read the example files
    key = cache.key(KIND, setup.code, examples, *[v.expression for v in values])
    cached = cache.read_text(KIND, key, ".json")
    if cached is not None:
        build.summary.count("examples", "cached")
        return json.loads(cached)
    build.summary.count("examples", "run")
    try:
        computed = evaluate(setup, values, shown)
    except CheckFailed as failure:
        build.failures.append(failure)
        return None
    build.summary.count("examples", "passed")
    cache.write_text(KIND, key, json.dumps(computed), ".json")
    return computed
