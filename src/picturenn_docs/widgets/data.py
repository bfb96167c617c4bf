"""What a widget can show, computed by picturenn at build time, and the check against it.

Every number a widget shows is written here as text, from :meth:`Network.trace`,
:meth:`Network.backprop` and :meth:`Network.train`; the browser only picks
which state to show. :func:`check` then recomputes the shown numbers another
way (``forward`` instead of ``trace``, one ``train`` call instead of the
row-by-row replay) and names the first that disagrees.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from picturenn import Network

_SUB = str.maketrans("0123456789", "₀₁₂₃₄₅₆₇₈₉")


def sym(letter: str, k: int, mark: str = "") -> str:
    """``sym("W", 0)`` is ``"W₀"`` (the picture's spelling; no matplotlib needed)."""
    return f"{letter}{str(k).translate(_SUB)}{mark}"


def num(value: float) -> str:
    """One shown number: 4 significant digits, relu's ``-0.0`` as ``0``.

    >>> num(-0.0), num(0.39194327), num(1.0), num(-1.5e-05)
    ('0', '0.3919', '1', '-1.5e-05')
    """
    return f"{float(value) + 0.0:.4g}"


def vector(values: object, cap: int = 12) -> str:
    """``[a, b, ...]`` of at most ``cap`` shown numbers."""
    import numpy as np  # not at import: a warm build never loads numpy

    flat = np.ravel(np.asarray(values, dtype=float))
    shown = ", ".join(num(v) for v in flat[:cap])
    return f"[{shown}{', …' if flat.size > cap else ''}]"


def parts(net: Network, x: tuple[float, ...] | None) -> dict[str, dict[str, str]]:
    """The card of every part: its name in words, its shape, its values when there is an input."""
    widths = net.widths
    depth = len(widths) - 1
    trace = net.trace(x) if x is not None else None
    cards: dict[str, dict[str, str]] = {}
    for k, n in enumerate(widths):
        role = "the input" if k == 0 else "the prediction" if k == depth else "a hidden layer"
        card = {"name": f"{sym('l', k)}, layer {k}: {role}", "shape": f"1×{n}"}
        if trace is not None:
            card["values"] = vector(trace.layers[k])
        cards[f"l{k}"] = card
    for k, w in enumerate(net.weights):
        m, n = w.shape
        cards[f"W{k}"] = {
            "name": f"{sym('W', k)}, weight matrix {k}: {m}×{n}, "
            f"connects layer {k} to layer {k + 1}",
            "shape": f"{m}×{n}",
            "values": vector(w),
        }
    for k in range(1, depth):
        card = {
            "name": f"relu of layer {k}: sets each negative weighted sum "
            f"of {sym('l', k - 1)}{sym('W', k - 1)} to 0",
            "shape": f"1×{widths[k]} in, 1×{widths[k]} out",
        }
        if trace is not None:
            before, after = trace.sums[k - 1], trace.layers[k]
            card["values"] = f"{vector(before)} → {vector(after)}"
        cards[f"relu{k}"] = card
    return cards


def check_parts(cards: dict[str, dict[str, str]], net: Network, x: object) -> str | None:
    """The first card whose values disagree with ``net.forward`` and the weights, else None."""
    depth = len(net.widths) - 1
    for k, w in enumerate(net.weights):
        if cards[f"W{k}"].get("values") != vector(w):
            return f"W{k}'s values"
    if x is not None and cards[f"l{depth}"].get("values") != vector(net.forward(x)):
        return f"l{depth}'s values (the prediction)"
    return None
