"""The players' states: every step of a forward or backward pass, for every lamp pattern.

A state says what the step does (with its numbers), which parts it lights,
which values of the picture are not reached yet (hidden), and the values it
shows by part (what :func:`check` and the browser tests compare). With three
inputs, all 8 lamp patterns are computed, each with its own picture.
"""

from __future__ import annotations

import itertools
import re
from typing import TYPE_CHECKING

from picturenn_docs.engines.fences import screens
from picturenn_docs.engines.fences.spec import fence_input
from picturenn_docs.widgets import data as widgets_data
from picturenn_docs.widgets.data import sym, vector
from picturenn_docs.widgets.html import code_html, disagrees, picture_html

if TYPE_CHECKING:
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


def _ids(svg: str, prefix: str, pattern: str) -> list[str]:
    return [m for m in re.findall(rf'id="{prefix}-([^"]+)"', svg) if re.fullmatch(pattern, m)]


def _picture(net: Network, style: str, x: tuple[float, ...], goal: object, prefix: str) -> str:
    return picture_html(net, style, x, goal, prefix)


def _phone_picture(
    net: Network, style: str, x: tuple[float, ...], goal: object, prefix: str, laptop: str
) -> str | None:
    """The phone's layout (panels stacked) when the laptop's is wider than a phone's column:
    widgets.js shows it below the same breakpoint as the figures' phone layouts."""
    width = re.search(r'<svg[^>]*?\swidth="([\d.]+)"', laptop)
    if width is None or float(width.group(1)) <= screens.PHONE_PX:
        return None
    return picture_html(net, style, x, goal, prefix, column_px=screens.PHONE_PX)


# pattern key -> the play's key for all patterns' values of it
GROUPED = {"svg": "svgs", "phone_svg": "phone_svgs", "code": "codes"}


def _grouped(play: dict) -> dict:
    """Pictures beside pictures and code beside code: gzip then finds each pattern's repeats
    within its 32 KB window (one pattern's picture and code together are wider than that)."""
    for key, grouped in GROUPED.items():
        values = {name: p.pop(key, None) for name, p in play["patterns"].items()}
        if any(v is not None for v in values.values()):
            play[grouped] = values
    return play


def unlike_layouts(play: dict, prefix: str) -> str | None:
    """A pattern whose phone picture lacks a part its steps hide, or a part the views mark."""
    for name, phone in play.get("phone_svgs", {}).items():
        if phone is None:
            continue
        hidden = {i for step in play["patterns"][name]["steps"] for i in step["hide"]}
        missing = hidden - set(_ids(phone, prefix, ".+"))
        missing |= set(_PART.findall(play["svgs"][name])) - set(_PART.findall(phone))
        if missing:
            return f"lamps {name}: the phone picture lacks {', '.join(sorted(missing)[:3])}"
    return None


_PART = re.compile(r'data-part="([^"]+)"')


# -- forward ---------------------------------------------------------------------------------


def forward(spec: Spec, net: Network, prefix: str) -> dict[str, object]:
    x = fence_input(spec, net)
    made = {name: _forward_pattern(spec, net, p, prefix) for name, p in patterns(net, x)}
    start = name_of(x, net)
    if start not in made:
        made[start] = _forward_pattern(spec, net, x, prefix)
    play = _grouped({"start": start, "patterns": made, "lamps": len(made) == 8})
    wrong = check_forward(play, net) or unlike_layouts(play, prefix)
    if wrong:
        raise disagrees(spec, wrong)
    return {"player": play}


def _forward_pattern(
    spec: Spec, net: Network, x: tuple[float, ...], prefix: str
) -> dict[str, object]:
    svg = _picture(net, "predict", x, None, prefix)
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
            for i in _ids(svg, prefix, rf"step-{s}-l_{s - 1}-\d+(?:-before|-strike|-gate)?")
        ]
        inputs = [
            i
            for s in range(known + 1, depth + 2)
            for i in _ids(svg, prefix, rf"step-{s}-l_{s - 2}-\d+")
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
                    for i in _ids(svg, prefix, rf"step-{panel}-l_{k + 1}-\d+(?:-strike|-gate)?")
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
        "svg": svg,
        "phone_svg": _phone_picture(net, "predict", x, None, prefix, svg),
        "parts": widgets_data.parts(net, x),
        "steps": steps,
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
    made = {
        name: _backward_pattern(spec, net, p, walk_goal(p) if lamps else goal, prefix)
        for name, p in chosen
    }
    start = name_of(x, net) if lamps else "input"
    play = _grouped({"start": start, "patterns": made, "lamps": lamps})
    wrong = check_backward(play, net, goal) or unlike_layouts(play, prefix)
    if wrong:
        raise disagrees(spec, wrong)
    return {"player": play}


def _backward_pattern(
    spec: Spec, net: Network, x: tuple[float, ...], goal: tuple[float, ...], prefix: str
) -> dict[str, object]:
    from picturenn import Network

    svg = _picture(net, "backprop", x, goal, prefix)
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
        return _ids(svg, prefix, rf"delta_{k}-\d+{tail}")

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
        "svg": svg,
        "phone_svg": _phone_picture(net, "backprop", x, goal, prefix, svg),
        "parts": widgets_data.parts(net, x),
        "steps": steps,
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
