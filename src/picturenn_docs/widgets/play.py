"""The players' states: every step of a forward or backward pass, for every lamp pattern.

A state says what the step does (with its numbers), which parts it lights,
which values of the picture are not reached yet (hidden), and the values it
shows by part (what :func:`check` and the browser tests compare). With three
inputs, all 8 lamp patterns are computed. The picture is drawn once per screen
layout for all of them (:func:`picturenn_docs.widgets.svg.drawn_once`): each
pattern says which of its pieces show and what its numbers read, and
``widgets.js`` applies that to the one SVG. Those numbers are checked too.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from picturenn_docs.engines.fences import screens
from picturenn_docs.engines.fences.spec import fence_input
from picturenn_docs.widgets import data as widgets_data
from picturenn_docs.widgets import svg as widgets_svg
from picturenn_docs.widgets.data import sym, vector
from picturenn_docs.widgets.html import code_html, disagrees, player_picture

if TYPE_CHECKING:
    from collections.abc import Callable

    from picturenn import Network
    from picturenn_docs.engines.fences.spec import Spec

ALPHA = 0.2  # the book's learning rate; the update step says so
_COUNT = ["none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]


def count(n: int) -> str:
    return _COUNT[n] if n < len(_COUNT) else f"{n:,}"


def patterns(net: Network, x: tuple[float, ...]) -> list[tuple[str, tuple[float, ...]]]:
    """(name, input) of every lamp pattern for a 3-input network, else just the fence's input."""
    if net.widths[0] != 3:
        return [("input", x)]
    return [
        ("".join(str(b) for b in bits), tuple(float(b) for b in bits))
        for bits in itertools.product((0, 1), repeat=3)
    ]


def name_of(x: tuple[float, ...], net: Network) -> str:
    if net.widths[0] != 3 or any(v not in (0.0, 1.0) for v in x):
        return "input"
    return "".join(str(int(v)) for v in x)


def _ids(gids: dict[str, str], pattern: str) -> list[str]:
    """The drawing's gids (of one pattern) that match ``pattern``, in drawing order."""
    return [g for g in gids if re.fullmatch(pattern, g)]


def _pictures(
    net: Network, style: str, inputs: dict[str, tuple], start: str, prefix: str
) -> dict[str, object]:
    """The laptop picture, the phone's when the laptop's is wider than a phone's column
    (widgets.js shows it below the same breakpoint as the figures' phone layouts), what
    each pattern shows in them and its gids' ids there. Both must agree on those, since
    one table serves both: a phone picture that disagrees is named (``"unlike"``)."""
    laptop, shown, ids = player_picture(net, style, inputs, start, prefix)
    drawn: dict[str, object] = {"svg": laptop, "shown": shown, "ids": ids, "phone": None}
    width = re.search(r'<svg[^>]*?\swidth="([\d.]+)"', laptop)
    if width is None or float(width.group(1)) <= screens.PHONE_PX:
        return drawn
    phone, phone_shown, phone_ids = player_picture(
        net, style, inputs, start, prefix, column_px=screens.PHONE_PX
    )
    drawn["phone"] = phone
    for name in inputs:
        if (phone_shown[name], phone_ids[name]) != (shown[name], ids[name]):
            drawn["unlike"] = f"lamps {name}: the phone picture is drawn unlike the laptop's"
            break
    return drawn


def _hidden(steps: list[dict], ids: dict[str, str]) -> list[dict]:
    """Steps whose hidden values are named by the drawing's gids, renamed to their ids in
    the one picture (a pattern's own struck value may be ``gid~1`` there)."""
    for step in steps:
        step["hide"] = [ids[gid] for gid in step["hide"]]
    return steps


def _play(drawn: dict, made: dict, start: str, lamps: bool) -> dict:
    """The player's data: the patterns (with what each shows in the picture), the code
    views side by side (gzip finds each pattern's repeats within its 32 KB window), and
    the phone's picture; the laptop's is the page's own."""
    play = {"start": start, "lamps": lamps, "patterns": made}
    play["codes"] = {name: pattern.pop("code") for name, pattern in made.items()}
    if drawn["phone"] is not None:
        play["phone_svg"] = drawn["phone"]
    return play


def unlike_layouts(play: dict, drawn: dict, prefix: str) -> str | None:
    """A piece some pattern hides, lights or writes that a picture lacks, else None."""
    if drawn.get("unlike"):
        return str(drawn["unlike"])
    laptop, phone = str(drawn["svg"]), drawn["phone"]
    have = {"laptop": set(re.findall(rf'id="{prefix}-([^"]+)"', laptop))}
    if phone is not None:
        have["phone"] = set(re.findall(rf'id="{prefix}-([^"]+)"', str(phone)))
        lacking = set(_PART.findall(laptop)) - set(_PART.findall(str(phone)))
        if lacking:
            return f"the phone picture lacks {', '.join(sorted(lacking)[:3])}"
    for name, pattern in play["patterns"].items():
        wanted = {i for step in pattern["steps"] for i in step["hide"]} | set(pattern["picture"])
        for layout, ids in have.items():
            missing = wanted - ids
            if missing:
                return f"lamps {name}: the {layout} picture lacks {', '.join(sorted(missing)[:3])}"
    return None


def check_picture(play: dict, values: Callable[[str], dict[str, float]]) -> str | None:
    """The first number a pattern writes into the picture that is not its trace's.

    ``values(name)`` gives the pattern's numbers by the drawing's gid (``l_1-2`` or
    ``step-2-l_1-2``...); a piece the drawing left unnamed must read one of them.
    """
    from picturenn.draw.lego import fmt

    for name, pattern in play["patterns"].items():
        expected = {gid: fmt(v) for gid, v in values(name).items()}
        for key, text in pattern["picture"].items():
            if text is None:
                continue
            gid = key.split(widgets_svg.VARIANT)[0]
            if gid.startswith("varying-"):
                if text not in expected.values():
                    return f"lamps {name}: the picture writes {text}, not a number of its pass"
            elif text != expected.get(gid):
                right = expected.get(gid)
                return f"lamps {name}: the picture writes {text} at {gid}, the package {right}"
    return None


_PART = re.compile(r'data-part="([^"]+)"')


# -- forward ---------------------------------------------------------------------------------


def forward(spec: Spec, net: Network, prefix: str) -> dict[str, object]:
    """The forward player's data, and its picture for the page (``"svg"``)."""
    x = fence_input(spec, net)
    inputs = dict(patterns(net, x))
    start = name_of(x, net)
    inputs.setdefault(start, x)
    drawn = _pictures(net, "predict", {n: (p,) for n, p in inputs.items()}, start, prefix)
    made = {
        name: _forward_pattern(spec, net, p, drawn["ids"][name], drawn["shown"][name])
        for name, p in inputs.items()
    }
    play = _play(drawn, made, start, len(made) == 8)
    wrong = (
        check_forward(play, net)
        or check_picture(play, lambda name: _forward_values(net, inputs[name]))
        or unlike_layouts(play, drawn, prefix)
    )
    if wrong:
        raise disagrees(spec, wrong)
    return {"player": play, "svg": drawn["svg"]}


def _forward_values(net: Network, x: tuple[float, ...]) -> dict[str, float]:
    """Every number the predict picture writes, by gid: panel s shows l_(s-2) below and
    l_(s-1) on top (a struck cell's sum as ``-before``); panel 1 holds l_0."""
    trace = net.trace(x)
    values = {f"step-1-l_0-{i}": v for i, v in enumerate(trace.layers[0][0])}
    for k in range(len(net.weights)):
        for i, v in enumerate(trace.layers[k][0]):
            values[f"step-{k + 2}-l_{k}-{i}"] = v
        for i, v in enumerate(trace.layers[k + 1][0]):
            values[f"step-{k + 2}-l_{k + 1}-{i}"] = v
            values[f"step-{k + 2}-l_{k + 1}-{i}-before"] = trace.sums[k][0][i]
    return values


def _forward_pattern(
    spec: Spec,
    net: Network,
    x: tuple[float, ...],
    gids: dict[str, str],
    shown: dict[str, str | None],
) -> dict[str, object]:
    from picturenn import draw

    trace = net.trace(x)
    depth = len(net.weights)
    layers = [layer[0] for layer in trace.layers]
    sums = [s[0] for s in trace.sums]

    def later(panel: int, known: int) -> list[str]:
        """Values not worked out yet: the outputs of the panels after ``panel``, and
        the inputs of the panels after ``known`` (panel s reads layer s - 2)."""
        outputs = [
            i
            for s in range(panel + 1, depth + 2)
            for i in _ids(gids, rf"step-{s}-l_{s - 1}-\d+(?:-before|-strike|-gate)?")
        ]
        inputs = [
            i for s in range(known + 1, depth + 2) for i in _ids(gids, rf"step-{s}-l_{s - 2}-\d+")
        ]
        return outputs + inputs

    steps = [
        {
            "say": f"the input goes into layer 0: {sym('l', 0)} = {vector(layers[0])}",
            "parts": ["l0"],
            "hide": later(1, known=2),  # panel 2 reads l_0, the input
            "values": {"l0": vector(layers[0])},
        }
    ]
    for k in range(depth):
        panel, n = k + 2, net.widths[k + 1]
        product = f"{sym('l', k)}{sym('W', k)}"
        if k == depth - 1:
            steps.append(
                {
                    "say": f"{count(n)} weighted sum{'s' if n != 1 else ''} of {sym('l', k)}, "
                    f"one per column of {sym('W', k)}, give the prediction: "
                    f"{sym('l', k + 1)} = {vector(layers[k + 1])}",
                    "parts": [f"W{k}", f"l{k + 1}"],
                    "hide": [],
                    "values": {f"l{k + 1}": vector(layers[k + 1])},
                }
            )
            continue
        killed = [i for i, v in enumerate(sums[k]) if v < 0]
        steps.append(
            {
                "say": f"{count(n)} weighted sums of {sym('l', k)}, one per column of "
                f"{sym('W', k)}: {product} = {vector(sums[k])}",
                "parts": [f"l{k}", f"W{k}"],
                "hide": later(panel, known=panel)  # the sums are not l_{k+1} until relu
                + [  # relu has not struck anything yet: the 0, its line and grey cell wait
                    i
                    for i in _ids(gids, rf"step-{panel}-l_{k + 1}-\d+(?:-strike|-gate)?")
                    if int(re.sub(r"-(strike|gate)$", "", i).rsplit("-", 1)[1]) in killed
                ],
                "values": {f"sums{k}": vector(sums[k])},
            }
        )
        steps.append(
            {
                "say": f"relu zeroes {count(len(killed))}: "
                f"{sym('l', k + 1)} = {vector(layers[k + 1])}",
                "parts": [f"relu{k + 1}", f"l{k + 1}"],
                "hide": later(panel, known=panel + 1),
                "values": {f"l{k + 1}": vector(layers[k + 1])},
            }
        )
    return {
        "parts": widgets_data.parts(net, x),
        "steps": _hidden(steps, gids),
        "picture": shown,
        "alt": draw.alt_text(net, style="predict", x=x),
        "code": _code(spec, net, x),
        "caption": f"The forward pass for the input {vector(x)}: prediction "
        f"{vector(layers[depth])}.",
    }


def _code(spec: Spec, net: Network, x: tuple[float, ...]) -> str:
    """The code view for this input (run and checked against ``net.forward``)."""
    return code_html(spec, net, x)


def check_forward(play: dict, net: Network) -> str | None:
    """The first pattern whose shown prediction is not ``net.forward`` of its lamps."""
    depth = len(net.weights)
    for name, pattern in play["patterns"].items():
        if name == "input":
            continue
        x = [float(c) for c in name]
        shown = pattern["steps"][-1]["values"].get(f"l{depth}")
        expected = vector(net.forward(x))
        if shown != expected:
            return f"lamps {name}: the player shows {shown}, net.forward gives {expected}"
    return None


# -- backward --------------------------------------------------------------------------------


def walk_goal(x: tuple[float, ...]) -> tuple[float, ...]:
    """The streetlight rule: walk (1) when lamps 0 and 1 disagree."""
    return (1.0 if x[0] != x[1] else 0.0,)


def backward(spec: Spec, net: Network, prefix: str) -> dict[str, object]:
    x, goal = fence_input(spec, net), tuple(spec.goal or ())
    lamps = net.widths[0] == 3 and net.widths[-1] == 1 and walk_goal(x) == goal
    chosen = patterns(net, x) if lamps else [("input", x)]
    inputs = {name: (p, walk_goal(p) if lamps else goal) for name, p in chosen}
    start = name_of(x, net) if lamps else "input"
    drawn = _pictures(net, "backprop", inputs, start, prefix)
    made = {
        name: _backward_pattern(spec, net, p, g, drawn["ids"][name], drawn["shown"][name])
        for name, (p, g) in inputs.items()
    }
    play = _play(drawn, made, start, lamps)
    wrong = (
        check_backward(play, net, goal)
        or check_picture(play, lambda name: _backward_values(net, *inputs[name]))
        or unlike_layouts(play, drawn, prefix)
    )
    if wrong:
        raise disagrees(spec, wrong)
    return {"player": play, "svg": drawn["svg"]}


def _backward_values(
    net: Network, x: tuple[float, ...], goal: tuple[float, ...]
) -> dict[str, float]:
    """Every number the backprop picture writes, by gid: each layer, each delta (a gated
    one's ungated value as ``-before``: the delta above sent back through W_kᵀ), the goal."""
    bp = net.backprop(x, goal)
    depth = len(net.weights)
    values = {f"goal-{i}": v for i, v in enumerate(goal)}
    for k in range(depth + 1):
        values.update({f"l_{k}-{i}": v for i, v in enumerate(bp.trace.layers[k][0])})
        values.update({f"delta_{k}-{i}": v for i, v in enumerate(bp.deltas[k][0])})
        if k < depth:
            sent = bp.deltas[k + 1].dot(net.weights[k].T)[0]
            values.update({f"delta_{k}-{i}-before": v for i, v in enumerate(sent)})
    return values


def _backward_pattern(
    spec: Spec,
    net: Network,
    x: tuple[float, ...],
    goal: tuple[float, ...],
    gids: dict[str, str],
    shown: dict[str, str | None],
) -> dict[str, object]:
    from picturenn import Network, draw

    bp = net.backprop(x, goal)
    depth = len(net.weights)
    layers = [layer[0] for layer in bp.trace.layers]
    deltas = [d[0] for d in bp.deltas]

    def deltas_of(k: int, before: bool | None = None) -> list[str]:
        # None: every part of a value; True: a struck one's old value; False: the rest (the
        # value the gate left, its line and its grey cell)
        tail = {None: r"(?:-before|-strike|-gate)?", True: "-before", False: "(?:-strike|-gate)?"}[
            before
        ]
        return _ids(gids, rf"delta_{k}-\d+{tail}")

    unseen = [i for k in range(depth) for i in deltas_of(k)]
    prediction = layers[depth]
    steps = [
        {
            "say": f"the output delta is the prediction minus the goal: "
            f"{sym('δ', depth)} = {vector(prediction)} − {vector(goal)} = {vector(deltas[depth])}",
            "parts": [f"l{depth}", f"d{depth}"],
            "hide": unseen,
            "values": {f"d{depth}": vector(deltas[depth])},
        }
    ]
    for k in range(depth - 1, 0, -1):
        unseen = [i for i in unseen if not re.match(rf"delta_{k}-", i)]
        sent = bp.deltas[k + 1].dot(net.weights[k].T)[0]
        gated = [i for i, v in enumerate(layers[k]) if v <= 0]
        steps.append(
            {
                "say": f"the delta goes back through {sym('W', k, 'ᵀ')}: "
                f"{sym('δ', k + 1)}{sym('W', k, 'ᵀ')} = {vector(sent)}",
                "parts": [f"d{k + 1}", f"W{k}", f"d{k}"],
                # the gate has not acted yet: its 0s, lines and grey cells wait
                "hide": unseen + [i for i in deltas_of(k, False) if int(i.split("-")[1]) in gated],
                "values": {f"sent{k}": vector(sent)},
            }
        )
        steps.append(
            {
                "say": f"the relu gate stops it where {sym('l', k)} was 0 "
                f"({count(len(gated))} of {count(len(layers[k]))}): "
                f"{sym('δ', k)} = {vector(deltas[k])}",
                "parts": [f"relu{k}", f"l{k}", f"d{k}"],
                "hide": unseen,
                "values": {f"d{k}": vector(deltas[k])},
            }
        )
    gradients = ", ".join(
        f"Δ{sym('W', k)} = {sym('l', k)}ᵀ{sym('δ', k + 1)} = {vector(bp.gradients[k])}"
        for k in range(depth - 1, -1, -1)
    )
    steps.append(
        {
            "say": f"each matrix's gradient is the layer below, transposed, times the delta above: "
            f"{gradients}",
            "parts": [f"W{k}" for k in range(depth)],
            "hide": [],
            "values": {f"grad{k}": vector(bp.gradients[k]) for k in range(depth)},
        }
    )
    updated = Network([w - ALPHA * g for w, g in zip(net.weights, bp.gradients, strict=True)])
    changed = [int((g != 0).sum()) for g in bp.gradients]
    news = "; ".join(
        f"{sym('W', k)} changes {count(changed[k])} weight{'s' if changed[k] != 1 else ''}, "
        f"becoming {vector(updated.weights[k])}"
        for k in range(depth - 1, -1, -1)
    )
    steps.append(
        {
            "say": f"the update subtracts alpha {ALPHA:g} times each gradient: {news}",
            "parts": [f"W{k}" for k in range(depth)],
            "hide": [],
            "values": {f"new{k}": vector(updated.weights[k]) for k in range(depth)},
        }
    )
    return {
        "parts": widgets_data.parts(net, x),
        "steps": _hidden(steps, gids),
        "picture": shown,
        "alt": draw.alt_text(net, style="backprop", x=x, goal=goal),
        "code": _code(spec, net, x),
        "caption": f"The backward pass for the input {vector(x)} with goal {vector(goal)}: "
        f"output delta {vector(deltas[depth])}.",
    }


def check_backward(play: dict, net: Network, goal: tuple[float, ...]) -> str | None:
    """The first pattern whose update differs from one row of ``Network.train`` at alpha 0.2."""
    from picturenn import Network

    for name, pattern in play["patterns"].items():
        if name == "input":
            continue
        x = [float(c) for c in name]
        copy = Network(net.weights)
        copy.train([x], [list(walk_goal(tuple(x)))], alpha=ALPHA, iterations=1)
        for k, w in enumerate(copy.weights):
            shown = pattern["steps"][-1]["values"][f"new{k}"]
            if shown != vector(w):
                return f"lamps {name}: W{k} after the update shows {shown}, train gives {vector(w)}"
    return None
