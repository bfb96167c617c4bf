"""Fences that move: linked views and players, every state computed here at build time.

A ``network`` fence with ``layout: side-by-side`` shows picture, algebra and
code together, each part (``l0``, ``W0``, ``relu1``...) marked with the same
``data-part`` id in all three; a fence with ``player: forward``, ``backward``
or ``train`` adds a step-through player. The page gets plain HTML that reads
without JavaScript (the static picture, the algebra, the code) plus the
widget's states as JSON; ``docs/javascripts/widgets.js`` only picks which
state to show. The data is checked against the package before the page is
written: a widget that disagrees fails the build at its fence's line.
"""

from __future__ import annotations

import html
import json
from typing import TYPE_CHECKING

from picturenn_docs import widgets_data, widgets_svg, widgets_views

if TYPE_CHECKING:
    from picturenn import Network
    from picturenn_docs.fences import Spec

OPTIONS = {"layout": ("tabs", "side-by-side"), "player": ("forward", "backward", "train")}
PLAYER_STYLES = {"forward": "predict", "backward": "backprop", "train": "detailed"}


def check_options(spec: Spec) -> None:
    """Fail at the option's line when a widget option is unknown or cannot work."""
    for key, allowed in OPTIONS.items():
        value = spec.values.get(key)
        if value is not None and value not in allowed:
            raise spec.fail(key, f"{key} must be one of {', '.join(allowed)}, not {value!r}")
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


def wanted(spec: Spec) -> bool:
    """Whether the fence asks for a widget rather than today's tabs or figure."""
    return spec.get("layout", "tabs") == "side-by-side" or "player" in spec.values


def render(spec: Spec, net: Network) -> str:
    """The widget's HTML: figure, algebra, code (and controls), with its checked data."""
    player = spec.values.get("player")
    if player == "train":
        from picturenn_docs import widgets_train

        return widgets_train.render(spec, net)
    prefix = f"pnn{spec.start}"
    x = _input(spec, net)
    cards = widgets_data.parts(net, spec.input if player is None else x)
    wrong = widgets_data.check_parts(cards, net, spec.input if player is None else x)
    if wrong:
        raise disagrees(spec, wrong)
    data: dict[str, object] = {"parts": cards}
    if player == "forward":
        from picturenn_docs import widgets_play

        data.update(widgets_play.forward(spec, net, prefix))
    elif player == "backward":
        from picturenn_docs import widgets_play

        data.update(widgets_play.backward(spec, net, prefix))
    style = PLAYER_STYLES.get(player or "", spec.get("picture", "blocks"))
    picture = picture_html(net, style, x, spec.goal, prefix)
    caption = spec.get("caption", "")
    if caption:
        picture += f"<figcaption>{html.escape(caption, quote=False)}</figcaption>"
    kind = player or "linked"
    lamps = bool(data.get("player", {}).get("lamps"))  # type: ignore[union-attr]
    body = [
        f'<div class="pnn-widget pnn-{kind}" id="{prefix}" data-pnn="{kind}">',
        controls(prefix, player, lamps) if player else "",
        '<div class="pnn-views">',
        f'<figure class="pnn-view pnn-picture">{picture}</figure>',
        f'<div class="pnn-view pnn-algebra">{algebra_html(net)}</div>',
        f'<div class="pnn-view pnn-code">{code_html(spec, net, x)}</div>',
        "</div>",
        f'<div class="pnn-card" id="{prefix}-card" hidden></div>',
        data_script(data),
        "</div>",
    ]
    return "\n".join(line for line in body if line)


def disagrees(spec: Spec, what: str) -> Exception:
    return spec.fail(
        "player" if "player" in spec.values else "layout",
        f"widget data disagrees with the package: {what}",
    )


def _input(spec: Spec, net: Network) -> tuple[float, ...]:
    from picturenn_docs.fences import _input

    return _input(spec, net)


def picture_html(net: Network, style: str, x: tuple[float, ...], goal: object, prefix: str) -> str:
    from picturenn import draw

    function = draw.STYLES[style]
    args = {"predict": (net, x), "backprop": (net, x, goal)}.get(style, (net,))
    svg = draw.to_svg(function(*args))
    alt = draw.alt_text(
        net,
        style=style,
        x=x if style in ("predict", "backprop") else None,
        goal=goal if style == "backprop" else None,
    )
    return widgets_svg.inline(svg, prefix, alt, len(net.weights))


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
    from picturenn_docs import fences

    script = code.render(net, "standalone", x=np.array(x))
    printed = fences._run_script(spec, script)
    expected = fences._printed(lambda: print(net.forward(x)))
    if printed != expected:
        raise disagrees(spec, f"the code prints {printed!r}, net.forward gives {expected!r}")
    shown = "".join(
        f'\n<span class="c1">#&gt; {html.escape(line)}</span>' for line in printed.splitlines()
    )
    return widgets_views.code_html(script).replace("</code>", f"{shown}</code>", 1)


def controls(prefix: str, player: str, with_lamps: bool) -> str:
    """The player's buttons, hidden until the script is there to run them."""
    lamps = ""
    if with_lamps:
        lamps = "".join(
            f'<button type="button" class="pnn-lamp" data-lamp="{i}" aria-pressed="false">'
            f"Lamp {i}</button>"
            for i in range(3)
        )
        lamps = f'<div class="pnn-lamps" role="group" aria-label="Input lamps">{lamps}</div>'
    what = {"forward": "Forward pass", "backward": "Backward pass"}[player]
    return (
        f'<div class="pnn-controls" role="group" aria-label="{what} player" hidden>'
        f"{lamps}"
        '<div class="pnn-buttons">'
        '<button type="button" data-act="reset">Reset</button>'
        '<button type="button" data-act="prev">Previous step</button>'
        '<button type="button" data-act="play">Play</button>'
        '<button type="button" data-act="next">Next step</button>'
        f'<span class="pnn-count" id="{prefix}-count"></span>'
        "</div>"
        f'<p class="pnn-live" aria-live="polite" id="{prefix}-live"></p>'
        "</div>"
    )


def data_script(data: dict[str, object]) -> str:
    """The states as JSON in the page: sorted keys, so two builds give the same bytes."""
    text = json.dumps(data, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    text = text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return f'<script type="application/json" class="pnn-data">{text}</script>'
