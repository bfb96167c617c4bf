"""The training replay: the book's run, one state per row of every iteration, computed here.

The replay trains a copy of the network one row at a time with
:meth:`Network.train` (one row, one iteration: the book's inner loop) and
keeps, after every row, the weights, each weight's term for that row
(w × the value it multiplies), the four predictions and the iteration's error
so far. :func:`check` compares the end with one ``Network.train`` call over
the whole run: same weights, same six printed errors, digit for digit.
"""

from __future__ import annotations

import html
from typing import TYPE_CHECKING

from picturenn_docs.widgets.data import sym, vector
from picturenn_docs.widgets.html import data_script, disagrees
from picturenn_docs.widgets.train_svg import curve, lines

if TYPE_CHECKING:
    from picturenn import Network
    from picturenn_docs.engines.fences.spec import Spec

ALPHA, ITERATIONS = 0.2, 60  # the book's run (chapter 6)


def _error(value: float) -> str:
    return f"{value:.12g}"


def replay(net: Network) -> dict[str, object]:
    """Every state of the run: the start, then each of ITERATIONS × 4 rows."""
    import numpy as np

    from picturenn import Network
    from picturenn.datasets import streetlight

    lights, walk = streetlight()
    copy = Network(net.weights)

    def state(iteration: int, row: int, error: float | None) -> dict[str, object]:
        hidden = copy.trace(lights[row]).layers[1][0]
        w0, w1 = copy.weights
        terms = np.concatenate([(lights[row][:, None] * w0).ravel(), hidden * w1[:, 0]])
        start = sum((copy.forward(x)[0] - g[0]) ** 2 for x, g in zip(lights, walk, strict=True))
        return {
            "it": iteration,
            "row": row,
            "w": [round(float(v), 4) for w in copy.weights for v in w.ravel()],
            "t": [float(f"{v + 0.0:.3g}") for v in terms],
            "p": [f"{copy.forward(x)[0]:.4f}" for x in lights],
            "error": _error(start if error is None else error),
        }

    steps = [state(-1, 0, None)]
    errors = []
    for iteration in range(ITERATIONS):
        total = 0.0
        for row in range(len(lights)):
            (error,) = copy.train(lights[row : row + 1], walk[row : row + 1], ALPHA, 1)
            total += error
            steps.append(state(iteration, row, total))
        errors.append(total)
    return {"steps": steps, "errors": [_error(e) for e in errors]}


def check(states: dict, net: Network) -> str | None:
    """Where the replay differs from ``Network.train`` over the whole run, else None."""
    from picturenn import Network
    from picturenn.datasets import streetlight

    lights, walk = streetlight()
    trained = Network(net.weights)
    errors = trained.train(lights, walk, alpha=ALPHA, iterations=ITERATIONS)
    if states["errors"] != [_error(e) for e in errors]:
        return "the iteration errors differ from Network.train's"
    last = states["steps"][-1]
    if last["error"] != _error(errors[-1]):
        return f"the last step shows error {last['error']}, Network.train gives {errors[-1]:.12g}"
    weights = [round(float(v), 4) for w in trained.weights for v in w.ravel()]
    if last["w"] != weights:
        return "the last step's weights differ from Network.train's"
    predictions = [f"{trained.forward(x)[0]:.4f}" for x in lights]
    if last["p"] != predictions:
        return f"the last predictions {last['p']} differ from net.forward's {predictions}"
    return None


def render(spec: Spec, net: Network) -> str:
    states = replay(net)
    wrong = check(states, net)
    if wrong:
        raise disagrees(spec, wrong)
    prefix = f"pnn{spec.start}"
    network_svg, colours = lines(net, prefix)
    curve_svg, points = curve([float(e) for e in states["errors"]], prefix)
    data = {"train": {**states, "points": points, "colours": colours, "names": _weight_names(net)}}
    first = states["steps"][0]
    return "\n".join(
        [
            f'<div class="pnn-widget pnn-train" id="{prefix}" data-pnn="train">',
            _controls(prefix, len(states["steps"]) - 1, first),
            '<div class="pnn-views">',
            f'<figure class="pnn-view pnn-picture" tabindex="0">{network_svg}'
            "<figcaption>The 3-4-1 network: blue lines are positive weights, vermillion "
            "negative, thicker for larger |w|.</figcaption></figure>",
            f'<div class="pnn-view pnn-predictions">{_table(first)}</div>',
            # focusable: on a phone the curve scrolls sideways, and keys must reach it too
            f'<figure class="pnn-view pnn-curve" tabindex="0">{curve_svg}'
            "<figcaption>Error per iteration (log scale); the cursor marks the current "
            "iteration.</figcaption></figure>",
            "</div>",
            f'<div class="pnn-card" id="{prefix}-card" hidden></div>',
            data_script(data),
            "</div>",
        ]
    )


def _weight_names(net: Network) -> list[str]:
    """Each weight's name and what it multiplies, in the order of ``w`` and ``t``."""
    names = []
    for k, w in enumerate(net.weights):
        rows, cols = w.shape
        for i in range(rows):
            for j in range(cols):
                below = f"lamp {i}" if k == 0 else f"{sym('l', k)}[{i}]"
                names.append(f"{sym('W', k)}[{i},{j}], from {below} to {sym('l', k + 1)}[{j}]")
    return names


def _controls(prefix: str, last: int, first: dict) -> str:
    return (
        f'<div class="pnn-controls" role="group" aria-label="Training replay" hidden>'
        '<div class="pnn-buttons">'
        '<button type="button" data-act="reset">Reset</button>'
        '<button type="button" data-act="play">Play</button>'
        f'<label class="pnn-slider">Training step <input type="range" min="0" max="{last}" '
        f'value="0" step="1" aria-valuetext="{html.escape(_said(first))}"></label>'
        "</div>"
        f'<p class="pnn-status" id="{prefix}-status">{html.escape(_said(first))}</p>'
        "</div>"
    )


def _said(step: dict) -> str:
    return f"Start, before training: error {step['error']}"


def _table(step: dict) -> str:
    from picturenn.datasets import streetlight

    lights, walk = streetlight()
    rows = "".join(
        f'<tr data-row="{i}"><td>{vector(x)}</td><td>{g[0]:g}</td><td class="pnn-p">{p}</td></tr>'
        for i, (x, g, p) in enumerate(zip(lights, walk, step["p"], strict=True))
    )
    return (
        '<table class="pnn-words"><caption>Predictions against their goals</caption>'
        "<thead><tr><th>lamps</th><th>goal</th><th>prediction</th></tr></thead>"
        f"<tbody>{rows}</tbody></table>"
    )
