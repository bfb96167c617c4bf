""" "Check yourself" questions whose answers ``picturenn`` computes while the site is built.

A ```` ```question ```` fence holds ``key: value`` lines (an indented line continues
the value above it)::

    ask: What shape is $W_1$ in a 5-3-2 network?
    kind: text                          # choice, number or text
    network: 5 3 2                      # or source: examples/NAME.py (defines net)
    answer: shape(net.weights[1])       # a Python expression, evaluated against picturenn
    stated: 3 × 2                       # optional: the build checks it equals the answer
    explain: $W_1$ has one row per value of layer 1 and one column per value of
      layer 2: {answer}.                # the worked answer; {expressions} are computed too

``choices: grow | shrink`` lists the options of a choice question; ``digits: 2``
says how many decimals a number question shows (a reply within half of the last
one is right); ``seed: N`` picks the random weights (default 1, the book's).

The expression sees ``net`` (the named network), ``np``, ``re``, ``Network``, ``relu``,
the views ``algebra`` and ``code`` (``algebra.render(net)``), ``lights``/``walk``
(the streetlight data) and the helpers :func:`shape`,
:func:`trained` and :func:`updated`. Nothing is typed by hand: the page ships the
computed answer for a small script to compare with, and the worked answer in a
collapsible block that works without JavaScript. A question the package cannot
answer, or whose stated answer disagrees, fails the build naming page and line.
"""

from __future__ import annotations

import copy
import html
import math
import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from picturenn_docs.core.blocks import Block
from picturenn_docs.core.cache import tree_hash
from picturenn_docs.core.failures import CheckFailed

if TYPE_CHECKING:
    from picturenn_docs.core.build import Build, Page

FENCE = "question"
KIND = "questions"  # cache folder
KINDS = ("choice", "number", "text")
KEYS = ("ask", "kind", "network", "seed", "source", "answer", "stated", "choices", "digits")
KEYS += ("explain",)
REQUIRED = ("ask", "kind", "answer", "explain")
_ENCLOSED = re.compile(r"^[(\[](?P<inner>.*)[)\]]$")
_DROPPED = re.compile(r"[\s_·$\\{}]")  # spacing, subscript marks, LaTeX braces and dollars
_TIMES = re.compile(r"[×*,]|\bby\b")


@dataclass(frozen=True)
class Question:
    """A parsed question fence; ``lines`` maps each key to its page line."""

    path: str
    start: int
    values: dict[str, str] = field(hash=False)
    lines: dict[str, int] = field(hash=False)

    def fail(self, key: str | None, message: str) -> CheckFailed:
        return CheckFailed(self.path, self.lines.get(key or "", self.start), f"question: {message}")

    @property
    def kind(self) -> str:
        return self.values["kind"]

    @property
    def choices(self) -> list[str]:
        return [c.strip() for c in self.values.get("choices", "").split("|") if c.strip()]

    @property
    def digits(self) -> int:
        return int(self.values.get("digits", "2"))

    @property
    def tolerance(self) -> float:
        """Half of the last shown decimal: a correctly rounded reply is right."""
        return 0.5 * 10**-self.digits + 1e-12


@dataclass(frozen=True)
class Answer:
    """What the build worked out: the value the page accepts and the worked answer."""

    value: str | float
    shown: str
    explain: str


def engine(build: Build, block: Block, page: Page) -> str:
    """The build's engine: the question's Markdown, computed once and then read from the cache.

    The example files are an input: a question may name its network by source file.
    """
    cache = build.cache_for(__name__)
    inputs = (str(block.start), "\n".join(block.body), tree_hash(build.docs_dir / "examples"))
    key = cache.key("question", *inputs)
    made = cache.read_text(KIND, key)
    if made is None:
        question = parse(block.body, page.shown, block.start)
        made = render(question, answer(question, build.docs_dir), f"q{block.start}")
        cache.write_text(KIND, key, made)
    return made


# -- reading the fence ---------------------------------------------------------------------


def parse(body: tuple[str, ...], path: str, start: int) -> Question:
    """Read a question fence opened at line ``start`` (its body starts on the next line).

    >>> q = parse(("ask: How many?", "kind: number", "answer: 2", "explain: two"), "p.md", 4)
    >>> q.kind, q.lines["answer"]
    ('number', 7)
    >>> parse(("ask: How many?", "kind: guess", "answer: 2", "explain: two"), "p.md", 4)
    Traceback (most recent call last):
    ...
    picturenn_docs.core.failures.CheckFailed: p.md:6: question: kind must be choice, number or text
    """
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    last = None
    for number, raw in enumerate(body, start=start + 1):
        if not raw.strip() or raw.lstrip().startswith("#"):
            continue
        if raw[:1] in " \t" and last is not None:  # an indented line continues the value
            values[last] += " " + raw.strip()
            continue
        key, colon, value = raw.partition(":")
        key = key.strip().lower()
        if not colon or key not in KEYS:
            known = ", ".join(KEYS)
            raise CheckFailed(
                path, number, f"question: expected 'key: value' with a key of {known}"
            )
        if key in values:
            raise CheckFailed(path, number, f"question: {key!r} is given twice")
        values[key], lines[key], last = value.strip(), number, key
    return _checked(Question(path, start, values, lines))


def _checked(q: Question) -> Question:
    missing = [key for key in REQUIRED if not q.values.get(key)]
    if missing:
        raise q.fail(None, f"missing {', '.join(missing)}")
    if q.kind not in KINDS:
        raise q.fail("kind", "kind must be choice, number or text")
    if ("choices" in q.values) != (q.kind == "choice"):
        raise q.fail("choices" if "choices" in q.values else "kind", "only a choice has choices")
    if q.kind == "choice" and len(q.choices) < 2:
        raise q.fail("choices", "give two or more choices, e.g. 'choices: grow | shrink'")
    if "network" in q.values and "source" in q.values:
        raise q.fail("source", "give either 'network: 3 4 1' or 'source: examples/NAME.py'")
    if not q.values.get("digits", "2").isdigit():
        raise q.fail("digits", "digits must be a whole number, e.g. 2")
    return q


# -- answering it --------------------------------------------------------------------------


def shape(matrix: Any) -> str:
    """A matrix's shape the way the site writes it.

    >>> import numpy as np
    >>> shape(np.zeros((3, 4)))
    '3 × 4'
    """
    return " × ".join(str(n) for n in matrix.shape)


def trained(net: Any, iterations: int = 60, alpha: float = 0.2) -> Any:
    """A copy of ``net`` trained on the streetlight data like chapter 6 (``net`` is untouched)."""
    from picturenn.datasets import streetlight

    copied = copy.deepcopy(net)
    copied.train(*streetlight(), alpha=alpha, iterations=iterations)
    return copied


def updated(net: Any, x: object, goal: object, alpha: float = 0.2) -> Any:
    """A copy of ``net`` after one weight update on one row (``net`` is untouched)."""
    copied = copy.deepcopy(net)
    copied.train([x], [goal], alpha=alpha, iterations=1)
    return copied


def namespace(q: Question, docs_dir: Path) -> dict[str, Any]:
    """What the question's expressions can use: the named network, numpy and the helpers."""
    import numpy as np

    from picturenn import Network, algebra, code
    from picturenn.datasets import streetlight
    from picturenn.network import relu

    lights, walk = streetlight()
    names: dict[str, Any] = {"np": np, "re": re, "Network": Network, "relu": relu}
    names |= {"algebra": algebra, "code": code, "lights": lights}
    names |= {"walk": walk, "shape": shape, "trained": trained, "updated": updated}
    if "network" in q.values:
        try:
            widths = [int(w) for w in q.values["network"].split()]
            seed = int(q.values.get("seed", "1"))
            names["net"] = Network.random(widths, seed=seed)
        except (TypeError, ValueError) as error:
            raise q.fail("network", str(error)) from None
    elif "source" in q.values:
        names["net"] = _network_from(q, docs_dir)
    return names


def _network_from(q: Question, docs_dir: Path) -> Any:
    import runpy

    file = docs_dir / q.values["source"]
    if not file.is_file():
        raise q.fail("source", f"no file {q.values['source']} in the docs folder")
    try:
        return runpy.run_path(str(file))["net"]
    except KeyError:
        raise q.fail("source", f"{q.values['source']} defines no 'net'") from None
    except Exception as error:  # an example that breaks fails the question, naming it
        raise q.fail("source", f"{q.values['source']} raised {type(error).__name__}") from None


def answer(q: Question, docs_dir: Path) -> Answer:
    """Compute the answer with picturenn and check the stated one; CheckFailed names the line."""
    names = namespace(q, docs_dir)
    value = _evaluate(q, "answer", q.values["answer"], names)
    accepted, shown = _accepted(q, value)
    if "stated" in q.values and not _agrees(q, accepted, q.values["stated"]):
        raise q.fail(
            "stated",
            f"the stated answer {q.values['stated']!r} disagrees with what picturenn "
            f"computes from {q.values['answer']!r}: {shown}",
        )
    names["answer"] = shown
    explain = _evaluate(q, "explain", "f" + repr(q.values["explain"]), names)
    return Answer(accepted, shown, str(explain))


def _evaluate(q: Question, key: str, expression: str, names: dict[str, Any]) -> Any:
    try:
        return eval(expression, names)  # build-time code written by the site's authors
    except Exception as error:
        raise q.fail(key, f"{key} raised {type(error).__name__}: {error}") from None


def _accepted(q: Question, value: Any) -> tuple[str | float, str]:
    """The value the page compares with, and how the worked answer shows it."""
    if q.kind == "number":
        numeric = isinstance(value, (int, float)) or _is_scalar(value)
        if isinstance(value, bool) or not numeric:
            raise q.fail("answer", f"a number question needs a number, got {value!r}")
        number = float(value)
        if not math.isfinite(number):
            raise q.fail("answer", f"the answer is {number}, not a finite number")
        return number, f"{number:.{q.digits}f}"
    if not isinstance(value, str):
        raise q.fail("answer", f"a {q.kind} question needs a string answer, got {value!r}")
    if q.kind == "choice" and value not in q.choices:
        raise q.fail("answer", f"the answer {value!r} is not one of the choices {q.choices}")
    return value, value


def _is_scalar(value: Any) -> bool:
    import numpy as np

    return isinstance(value, np.generic) and np.issubdtype(type(value), np.number)


def _agrees(q: Question, accepted: str | float, stated: str) -> bool:
    if q.kind == "number":
        try:
            return abs(float(stated.replace("−", "-")) - float(accepted)) <= q.tolerance
        except ValueError:
            return False
    if q.kind == "choice":
        return stated == accepted
    return normalize(stated) == normalize(str(accepted))


def normalize(text: str) -> str:
    """How a typed text answer is compared (questions.js does exactly the same).

    Subscripts become digits, spacing and LaTeX marks go, ``×``/``*``/``,``/"by"
    all mean "by", anything before the last ``=`` is dropped, and one pair of
    brackets around the whole answer is ignored.

    >>> normalize("l₃ = relu(relu(l₀W₀)W₁)W₂") == normalize("relu(relu(l_0 W_0) W_1) W_2")
    True
    >>> normalize("(3, 4)"), normalize("3 × 4"), normalize("3 by 4")
    ('3x4', '3x4', '3x4')
    """
    text = unicodedata.normalize("NFKC", text).lower().replace("−", "-")
    text = text.rsplit("=", 1)[-1]
    text = _DROPPED.sub("", _TIMES.sub("x", text))
    enclosed = _ENCLOSED.match(text)
    return enclosed["inner"] if enclosed else text


# -- the page's markup ---------------------------------------------------------------------


def render(q: Question, result: Answer, ident: str) -> str:
    """The question as Markdown with a form the script enables and a details block for no-JS."""
    data = {"kind": q.kind, "answer": _data_value(q, result.value), "shown": result.shown}
    if q.kind == "number":
        data["tolerance"] = repr(q.tolerance)
    attrs = " ".join(f'data-{k}="{html.escape(str(v), quote=True)}"' for k, v in data.items())
    return "\n".join(
        [
            f'<div class="pnn-question" id="{ident}" {attrs} markdown>',
            "",
            q.values["ask"],
            f"{{ #{ident}-ask .pnn-question__ask }}",
            "",
            _form(q, ident),
            "",
            '??? success "Answer"',
            "",
            f"    **{_escape_md(result.shown)}.** {result.explain}",
            "",
            "</div>",
        ]
    )


def _data_value(q: Question, value: str | float) -> str:
    if q.kind == "number":
        return repr(float(value))
    if q.kind == "text":
        return normalize(str(value))
    return str(value)


def _form(q: Question, ident: str) -> str:
    """The reply form: hidden until questions.js runs (without it, only the details remain)."""
    feedback = (
        f'<p class="pnn-question__feedback" id="{ident}-feedback" role="status" '
        'aria-live="polite"></p>'
    )
    button = '<button type="submit" class="md-button pnn-question__check">Check</button>'
    if q.kind == "choice":
        options = "".join(
            f'<label class="pnn-question__choice"><input type="radio" name="{ident}-choice" '
            f'value="{html.escape(choice, quote=True)}"> {html.escape(choice)}</label>'
            for choice in q.choices
        )
        field_ = (
            f'<fieldset class="pnn-question__choices" aria-describedby="{ident}-ask">'
            f"<legend>Your answer</legend>{options}</fieldset>"
        )
    else:
        mode = "decimal" if q.kind == "number" else "text"
        field_ = (
            f'<label class="pnn-question__label" for="{ident}-input">Your answer</label>'
            f'<input class="pnn-question__input" id="{ident}-input" type="text" '
            f'inputmode="{mode}" autocomplete="off" spellcheck="false" '
            f'aria-describedby="{ident}-ask">'
        )
    return f'<form class="pnn-question__form" hidden>{field_}{button}{feedback}</form>'


def _escape_md(text: str) -> str:
    """Keep Markdown from reading a computed answer's ``*`` or ``_`` as emphasis."""
    return re.sub(r"([\\`*_])", r"\\\1", text)
