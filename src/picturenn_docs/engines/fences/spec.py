"""The ``network`` and ``diagram`` fences' keys: parsed, checked, and turned into a network.

``network`` and ``diagram`` fences hold ``key: value`` lines naming a network
(``widths: 3 4 1`` with an optional ``seed: N``, or ``source: examples/NAME.py``
defining ``net``) plus an optional ``input:`` and ``goal:``, and the options
of the picture and of the widgets (``layout: side-by-side``, ``player: ...``).
A bad spec fails naming the page, the line and what is wrong.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from picturenn.styles import STYLES
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.core.running import Raised, run

if TYPE_CHECKING:  # the library is imported lazily: a warm build never needs numpy
    from picturenn import Network

FENCES = ("network", "diagram", "generated")
GENERATED = "{GENERATED}"
NETWORK_KEYS = ("widths", "seed", "source", "input", "goal")
KEYS = {
    "network": (*NETWORK_KEYS, "picture", "layout", "player", "live"),  # widget options: OPTIONS
    "diagram": (*NETWORK_KEYS, "style", "caption", "player"),
}
PICTURES = ("blocks", "detailed", "shapes")
# the widgets' options (picturenn_docs.widgets draws them): side-by-side views, players
OPTIONS = {
    "layout": ("tabs", "side-by-side"),
    "player": ("forward", "backward", "train"),
    "live": ("true", "playground"),  # editable in place; the playground page's fuller one
}
PLAYER_STYLES = {"forward": "predict", "backward": "backprop", "train": "detailed"}
LIVE_LAYERS, LIVE_WIDTH = 6, 8  # the largest network a live figure lets a reader build

# (identity, draw) -> (file name, alt text, (width, height) in CSS px); draws only when
# the identity is not cached


@dataclass(frozen=True)
class Spec:
    """A parsed ``network``/``diagram`` fence; ``lines`` maps each key to its page line."""

    kind: str
    path: str
    start: int
    values: dict[str, str] = field(hash=False)
    lines: dict[str, int] = field(hash=False)
    widths: tuple[int, ...] | None = None
    seed: int = 1
    source: str | None = None
    input: tuple[float, ...] | None = None
    goal: tuple[float, ...] | None = None

    def fail(self, key: str | None, message: str) -> CheckFailed:
        line = self.lines.get(key, self.start) if key else self.start
        return CheckFailed(self.path, line, f"{self.kind} fence: {message}")

    def get(self, key: str, default: str) -> str:
        return self.values.get(key, default)


def parse_spec(kind: str, body: tuple[str, ...], path: str, start: int) -> Spec:
    """Read the ``key: value`` lines of a fence opened at line ``start``.

    >>> spec = parse_spec("network", ("widths: 3 4 1", "input: 1 0 1"), "p.md", 7)
    >>> spec.widths, spec.seed, spec.input
    ((3, 4, 1), 1, (1.0, 0.0, 1.0))
    >>> parse_spec("diagram", ("widths: 3 4 1", "colour: red"), "p.md", 7)
    Traceback (most recent call last):
    ...
    picturenn_docs.core.failures.CheckFailed: p.md:9: diagram fence: unknown key 'colour' ...
    """
    values: dict[str, str] = {}
    lines: dict[str, int] = {}
    for offset, raw in enumerate(body, start=start + 1):
        text = raw.strip()
        if not text or text.startswith("#"):
            continue
        key, colon, value = text.partition(":")
        key = key.strip().lower()
        problem = _key_problem(kind, key, colon, values)
        if problem:
            raise CheckFailed(path, offset, f"{kind} fence: {problem}")
        values[key], lines[key] = value.strip(), offset
    spec = Spec(kind, path, start, values, lines)
    return _checked(spec)


def _key_problem(kind: str, key: str, colon: str, seen: dict[str, str]) -> str | None:
    if not colon or not key:
        return "expected 'key: value' lines"
    if key not in KEYS[kind]:
        return f"unknown key {key!r} (known: {', '.join(KEYS[kind])})"
    if key in seen:
        return f"{key!r} is given twice"
    return None


def _checked(spec: Spec) -> Spec:
    values = spec.values
    if ("widths" in values) == ("source" in values):
        raise spec.fail(None, "give either 'widths: 3 4 1' or 'source: examples/NAME.py'")
    if "seed" in values and "source" in values:
        raise spec.fail("seed", "'seed' only applies to 'widths' (a source file sets its weights)")
    updates: dict[str, object] = {}
    if "widths" in values:
        widths = _numbers(spec, "widths", int)
        if len(widths) < 2 or min(widths) < 1:
            raise spec.fail("widths", "widths needs 2 or more positive whole numbers, e.g. 3 4 1")
        updates["widths"] = tuple(widths)
    if "seed" in values:
        (updates["seed"],) = _numbers(spec, "seed", int, count=1)
    if "source" in values:
        updates["source"] = values["source"].strip("\"'")
    for key in ("input", "goal"):
        if key in values:
            updates[key] = tuple(_numbers(spec, key, float))
    for key, allowed in (("picture", PICTURES), ("style", STYLES)):
        if key in values and values[key] not in allowed:
            raise spec.fail(key, f"{key} must be one of {', '.join(allowed)}, not {values[key]!r}")
    check_options(spec)
    if spec.kind == "diagram" and values.get("style") == "backprop" and "goal" not in values:
        raise spec.fail("style", "style backprop needs 'goal:' (and 'input:') to work back from")
    return Spec(**{**spec.__dict__, **updates})


def _numbers(spec: Spec, key: str, kind: type, count: int | None = None) -> list:
    words = spec.values[key].replace(",", " ").split()
    try:
        numbers = [kind(word) for word in words]
    except ValueError:
        what = "whole numbers" if kind is int else "numbers"
        raise spec.fail(key, f"{key} must be {what}, got {spec.values[key]!r}") from None
    if not numbers or (count is not None and len(numbers) != count):
        raise spec.fail(key, f"{key} needs {count or 'at least one'} value(s)")
    return numbers


def build_network(spec: Spec, docs_dir: Path, shown_dir: str = "docs") -> Network:
    """The fence's network, its input checked against it."""
    from picturenn import Network

    if spec.source is not None:
        net = _network_from_file(spec, docs_dir / spec.source, f"{shown_dir}/{spec.source}")
    else:
        assert spec.widths is not None
        try:
            net = Network.random(list(spec.widths), seed=spec.seed)
        except (ValueError, TypeError) as error:
            raise spec.fail("seed" if "seed" in str(error) else "widths", str(error)) from None
    for key in ("input", "goal"):
        value = getattr(spec, key)
        if value is None:
            continue
        try:
            net.forward(value) if key == "input" else net.backprop(fence_input(spec, net), value)
        except (ValueError, TypeError) as error:
            raise spec.fail(key, str(error)) from None
    return net


def _network_from_file(spec: Spec, file: Path, shown: str) -> Network:
    from picturenn import Network

    if not file.is_file():
        raise spec.fail("source", f"no such file: {shown}")
    try:
        net = run(file.read_text(encoding="utf-8"), shown).namespace.get("net")
    except Raised as failure:
        raise CheckFailed(shown, failure.line, f"running it raised {failure}") from None
    if not isinstance(net, Network):
        raise spec.fail("source", f"{shown} must define 'net', a picturenn.Network")
    return net


def network_identity(spec: Spec, source_bytes: bytes = b"") -> str:
    """What makes two fences show the same network (for figure names)."""
    if spec.source is not None:
        return f"source={spec.source}\0" + source_bytes.hex()
    return f"widths={spec.widths} seed={spec.seed}"


def check_options(spec: Spec) -> None:
    """Fail at the option's line when a widget option is unknown or cannot work."""
    for key, allowed in OPTIONS.items():
        value = spec.values.get(key)
        if value is not None and value not in allowed:
            raise spec.fail(key, f"{key} must be one of {', '.join(allowed)}, not {value!r}")
    if "live" in spec.values:
        _check_live(spec)
    player = spec.values.get("player")
    if player is None:
        return
    style = spec.values.get("style")
    if style is not None and style != PLAYER_STYLES[player]:
        shows = PLAYER_STYLES[player]
        raise spec.fail("player", f"player {player} shows style {shows}, not {style}")
    if player == "backward" and "goal" not in spec.values:
        raise spec.fail("player", "player backward needs 'goal:' (and 'input:') to work back from")
    if player == "train" and spec.values.get("widths", "").split() != ["3", "4", "1"]:
        raise spec.fail("player", "player train replays the book's run: it needs widths: 3 4 1")


def _check_live(spec: Spec) -> None:
    values = spec.values
    if "widths" not in values:
        raise spec.fail(
            "live", "live needs 'widths: 3 4 1' (and 'seed:'): reset goes back to the seed"
        )
    if "player" in values or values.get("layout") == "side-by-side":
        raise spec.fail(
            "live", "live shows picture, algebra and code itself: drop 'player'/'layout'"
        )
    widths = values["widths"].replace(",", " ").split()
    if len(widths) > LIVE_LAYERS or any(w.isdigit() and int(w) > LIVE_WIDTH for w in widths):
        raise spec.fail(
            "live",
            f"a live network has at most {LIVE_LAYERS} layers of at most {LIVE_WIDTH} values",
        )
    if values.get("picture") == "shapes":
        raise spec.fail("picture", "a live picture is detailed or blocks (shapes has no weights)")


def wanted(spec: Spec) -> bool:
    """Whether the fence asks for a widget rather than the plain tabs or figure."""
    return (
        spec.get("layout", "tabs") == "side-by-side"
        or "player" in spec.values
        or "live" in spec.values
    )


def fence_input(spec: Spec, net: Network) -> tuple[float, ...]:
    """The fence's input, else the one the views show when none is given."""
    from picturenn.code import example_input

    if spec.input is not None:
        return spec.input
    return tuple(float(v) for v in example_input(net))
