"""The HTML pieces every widget is made of: picture, algebra, code, controls and its data.

Shared by the linked views, the players (:mod:`picturenn_docs.widgets.play`)
and the training replay (:mod:`picturenn_docs.widgets.train`).
"""

from __future__ import annotations

import builtins
import contextlib
import html
import io
import json
from typing import TYPE_CHECKING

from picturenn_docs.engines.fences import screens
from picturenn_docs.widgets import svg as widgets_svg
from picturenn_docs.widgets import views as widgets_views

# how a widget's states start in the page (states.py moves them into a file of their own)
DATA_OPEN = '<script type="application/json" class="pnn-data">'

if TYPE_CHECKING:
    from picturenn import Network
    from picturenn_docs.engines.fences.spec import Spec


def disagrees(spec: Spec, what: str) -> Exception:
    return spec.fail(
        "player" if "player" in spec.values else "layout",
        f"widget data disagrees with the package: {what}",
    )


def picture_html(
    net: Network,
    style: str,
    x: tuple[float, ...],
    goal: object,
    prefix: str,
    column_px: int = screens.LAPTOP_PX,
) -> str:
    """The inline SVG of a widget's picture, laid out for a text column ``column_px`` wide
    (as the page's figures are: the predict storyboard's three panels in one row would be
    915 px wide in the laptop's 688 px column)."""
    from picturenn import draw

    function = draw.STYLES[style]
    args = {"predict": (net, x), "backprop": (net, x, goal)}.get(style, (net,))
    svg = draw.to_svg(function(*args, fit=screens.fit(column_px)))
    alt = draw.alt_text(
        net,
        style=style,
        x=x if style in ("predict", "backprop") else None,
        goal=goal if style == "backprop" else None,
    )
    return widgets_svg.inline(svg, prefix, alt, len(net.weights))


def player_picture(
    net: Network,
    style: str,
    inputs: dict[str, tuple],
    start: str,
    prefix: str,
    column_px: int = screens.LAPTOP_PX,
) -> tuple[str, dict[str, widgets_svg.Shown], dict[str, dict[str, str]]]:
    """A player's one inline SVG for all its patterns (``inputs``: name -> ``x`` or
    ``(x, goal)``), laid out for a ``column_px`` column, with what each pattern shows
    in it (:func:`picturenn_docs.widgets.svg.drawn_once`)."""
    from picturenn import draw

    function, fit = draw.STYLES[style], screens.fit(column_px)

    def one(*args: object, ax: object) -> object:
        return function(net, *args, ax=ax, fit=fit)

    svg, shown, ids = widgets_svg.drawn_once(one, inputs, start)
    x, goal = (inputs[start] + (None,))[:2]
    alt = draw.alt_text(net, style=style, x=x, goal=goal)
    return widgets_svg.inline(svg, prefix, alt, len(net.weights)), shown, ids


def algebra_html(net: Network) -> str:
    from picturenn import algebra

    chained = widgets_views.marked_tex(algebra.render(net, "chained", latex=True))
    rows = [
        f"<tr><td>{widgets_views.inline_math(widgets_views.marked_tex(piece))}</td>"
        f"<td>{html.escape(reading)}</td></tr>"
        for piece, reading in algebra.words(net, latex=True)
    ]
    table = (
        '<table class="pnn-words"><thead><tr><th>algebra</th><th>in words</th></tr></thead>'
        f"<tbody>{''.join(rows)}</tbody></table>"
    )
    return widgets_views.display_math(chained) + table


def code_html(spec: Spec, net: Network, x: tuple[float, ...]) -> str:
    """The standalone script, checked like the Code tab: it must print ``net.forward(x)``."""
    import numpy as np

    from picturenn import code

    script = code.render(net, "standalone", x=np.array(x))
    try:
        printed = printed_by(script)
    except Exception as error:
        raise disagrees(spec, f"the code raised {type(error).__name__}: {error}") from None
    expected = str(net.forward(x)) + "\n"
    if printed != expected:
        raise disagrees(spec, f"the code prints {printed!r}, net.forward gives {expected!r}")
    shown = "".join(
        f'\n<span class="c1">#&gt; {html.escape(line)}</span>' for line in printed.splitlines()
    )
    return widgets_views.code_html(script).replace("</code>", f"{shown}</code>", 1)


def controls(prefix: str, player: str, with_lamps: bool, steps: int = 0) -> str:
    """The player's buttons, hidden until the script is there to run them.

    ``steps`` is the count of the first step shown ("Step 1 of 4"), written here
    so the line is there, at its height, before the script starts the player.
    """
    lamps = ""
    if with_lamps:
        lamps = "".join(
            f'<button type="button" class="pnn-lamp" data-lamp="{i}" aria-pressed="false">'
            f"Lamp {i}</button>"
            for i in range(3)
        )
        lamps = f'<div class="pnn-lamps" role="group" aria-label="Input lamps">{lamps}</div>'
    what = {"forward": "Forward pass", "backward": "Backward pass"}[player]
    count = f"Step 1 of {steps}" if steps else ""
    return (
        f'<div class="pnn-controls" role="group" aria-label="{what} player" hidden>'
        f"{lamps}"
        '<div class="pnn-buttons">'
        '<button type="button" data-act="reset">Reset</button>'
        '<button type="button" data-act="prev">Previous step</button>'
        '<button type="button" data-act="play">Play</button>'
        '<button type="button" data-act="next">Next step</button>'
        f'<span class="pnn-count" id="{prefix}-count">{count}</span>'
        "</div>"
        f'<p class="pnn-said" aria-live="polite" id="{prefix}-live"></p>'
        "</div>"
    )


def data_script(data: dict[str, object]) -> str:
    """The states as JSON in the page: sorted keys, so two builds give the same bytes."""
    # not searched (svg.NOT_SEARCHED): material strips the mark before states.py looks
    return f"{DATA_OPEN[:-1]}{widgets_svg.NOT_SEARCHED}>{states_json(data)}</script>"


def states_json(data: dict[str, object]) -> str:
    """The states as JSON text safe inside a ``<script>`` (no "<", ">" or "&").

    >>> states_json({"b": "<svg>", "a": 1})
    '{"a":1,"b":"\\\\u003csvg\\\\u003e"}'
    """
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def printed_by(script: str) -> str:
    """What a script prints when run as pasted (a fresh namespace)."""
    buffer = io.StringIO()
    namespace = {"__name__": "__main__", "__builtins__": builtins}
    with contextlib.redirect_stdout(buffer):
        exec(compile(script, "<code view>", "exec"), namespace)
    return buffer.getvalue()
