"""A live figure: the reader's own copy of the network, computed in the page by the kernel.

A ``network`` fence with ``live: true`` (or ``live: playground``, the fuller
one of the playground page) becomes a figure the reader edits in place.
Everything it shows afterwards is computed in the browser, only through
``docs/javascripts/kernel.js``, which every build proves equal to picturenn.
The build writes what that needs and what stands without JavaScript:

- the static picture, drawn here by picturenn (the no-JS fallback), and one
  sentence saying what the live version does;
- the starting state as JSON in the figure's ``data-state`` attribute (widths,
  seed, the seed's weights, input, goal, alpha, the datasets and the limits):
  not a file to fetch, so the copy opened from ``file://`` works too, and not a
  ``<script>``, which material's instant navigation re-creates without its type
  (it would run the JSON as a script);
- picturenn's own prediction for that state, which ``playground.js`` compares
  with the kernel's when it starts.

``picturenn.datasets`` holds only the streetlight; the others are made here
from it (see :func:`datasets`) and shipped as data.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from picturenn_docs.engines.fences.spec import LIVE_LAYERS, LIVE_WIDTH, fence_input
from picturenn_docs.widgets.data import num
from picturenn_docs.widgets.html import picture_html

if TYPE_CHECKING:
    from picturenn import Network
    from picturenn_docs.engines.fences.spec import Spec

ALPHA = 0.2  # the book's
LIMITS = {
    "layers": LIVE_LAYERS,
    "width": LIVE_WIDTH,
    "weight": 1e6,  # any number a reader types: weights, inputs and goals
    "alpha": 10.0,
    "seed": 2**32 - 1,  # numpy's RandomState takes 0 .. 2**32 - 1
    # the longest training run a link replays (its curve): 0.2 s of the kernel for the
    # largest network on a laptop; a longer run's link keeps its weights, not its curve
    "iterations": 20_000,
}
NOTE = (
    "With JavaScript on, this figure is your own copy of the network: change its input, "
    "any weight, the widths, the dataset or alpha, train it here and share a link to it, and "
    "the picture, the algebra and the code follow."
)


def datasets() -> dict[str, dict[str, object]]:
    """The data a live network trains on: the streetlight, and four made from it.

    >>> found = datasets()
    >>> for name, d in found.items():
    ...     print(name, len(d["inputs"][0]), "->", len(d["goals"][0]), d["lamps"])
    streetlight 3 -> 1 True
    first-lamp 3 -> 1 True
    walk-stop 3 -> 2 True
    xor 2 -> 1 True
    dimmed 3 -> 1 False
    >>> found["xor"]["inputs"], found["xor"]["goals"]
    ([[1.0, 0.0], [0.0, 1.0], [0.0, 0.0], [1.0, 1.0]], [[1.0], [1.0], [0.0], [0.0]])
    """
    import numpy as np

    from picturenn.datasets import streetlight

    lights, walk = streetlight()
    brightness = np.array([[0.9], [0.6], [0.8], [0.5]])
    made = {
        "streetlight": ("Streetlight: walk or stop", lights, walk),
        "first-lamp": ("First lamp: walk when lamp 0 is on", lights, lights[:, :1]),
        "walk-stop": ("Walk and stop: two outputs", lights, np.hstack([walk, 1 - walk])),
        # walking is exactly "lamp 0 or lamp 1 but not both": the streetlight's XOR
        "xor": ("Lamps 0 and 1 only: either, not both", lights[:, :2], walk),
        "dimmed": ("Dimmed streetlight: lamps at their own brightness", lights * brightness, walk),
    }
    return {
        name: {
            "label": label,
            "inputs": inputs.tolist(),
            "goals": goals.tolist(),
            "lamps": bool(np.isin(inputs, (0.0, 1.0)).all()),
        }
        for name, (label, inputs, goals) in made.items()
    }


def _dataset(spec: Spec, net: Network, data: dict[str, dict[str, object]]) -> str:
    ends = (net.widths[0], net.widths[-1])
    for name, d in data.items():
        if (len(d["inputs"][0]), len(d["goals"][0])) == ends:  # type: ignore[index]
            return name
    shapes = sorted({(len(d["inputs"][0]), len(d["goals"][0])) for d in data.values()})  # type: ignore[index]
    known = ", ".join(f"{a} in, {b} out" for a, b in shapes)
    raise spec.fail(
        "live", f"no dataset for {ends[0]} inputs and {ends[1]} outputs (known: {known})"
    )


def state(spec: Spec, net: Network) -> dict[str, object]:
    """The starting state the page's script reads (and picturenn's prediction for it)."""
    data = datasets()
    name = _dataset(spec, net, data)
    rows, goals = data[name]["inputs"], data[name]["goals"]
    x = [float(v) for v in fence_input(spec, net)] if spec.input is not None else rows[0]  # type: ignore[index]
    if spec.goal is not None:
        goal = [float(v) for v in spec.goal]
    else:
        goal = goals[rows.index(x)] if x in rows else goals[0]  # type: ignore[union-attr,index]
    if len(goal) != net.widths[-1]:
        raise spec.fail("goal", f"goal needs {net.widths[-1]} value(s), one per output")
    return {
        "mode": "playground" if spec.values["live"] == "playground" else "lesson",
        "widths": net.widths,
        "seed": spec.seed,
        "weights": [w.tolist() for w in net.weights],
        "input": x,
        "goal": goal,
        "alpha": ALPHA,
        "style": spec.get("picture", "detailed"),
        "dataset": name,
        "datasets": data,
        "limits": LIMITS,
        "expect": [num(v) for v in net.forward(x)],  # picturenn's prediction, as shown
    }


def render(spec: Spec, net: Network) -> str:
    """The live figure: the static picture and its sentence, with the starting state."""
    start = state(spec, net)
    prefix = f"pnnlive{spec.start}"
    style = str(start["style"])
    x = tuple(start["input"])  # type: ignore[arg-type]
    picture = picture_html(net, style, x, start["goal"], prefix)
    text = json.dumps(start, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return "\n".join(
        [
            f'<div class="pnn-live" id="{prefix}" data-mode="{start["mode"]}" '
            f'data-state="{html.escape(text)}">',
            f'<figure class="pnn-live-static">{picture}</figure>',
            f'<p class="pnn-live-note">{html.escape(NOTE)}</p>',
            "</div>",
        ]
    )
