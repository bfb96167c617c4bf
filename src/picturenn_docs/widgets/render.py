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
from typing import TYPE_CHECKING

from picturenn_docs.engines.fences.spec import PLAYER_STYLES, fence_input
from picturenn_docs.widgets import data as widgets_data
from picturenn_docs.widgets import live as widgets_live
from picturenn_docs.widgets import play as widgets_play
from picturenn_docs.widgets import train as widgets_train
from picturenn_docs.widgets.html import (
    algebra_html,
    code_html,
    controls,
    data_script,
    disagrees,
    picture_html,
)
from picturenn_docs.widgets.svg import not_searched

if TYPE_CHECKING:
    from picturenn import Network
    from picturenn_docs.engines.fences.spec import Spec


def render(spec: Spec, net: Network) -> str:
    """The widget's HTML: figure, algebra, code (and controls), with its checked data."""
    if "live" in spec.values:
        return widgets_live.render(spec, net)
    player = spec.values.get("player")
    if player == "train":
        return not_searched(widgets_train.render(spec, net))
    prefix = f"pnn{spec.start}"
    x = fence_input(spec, net)
    cards = widgets_data.parts(net, spec.input if player is None else x)
    wrong = widgets_data.check_parts(cards, net, spec.input if player is None else x)
    if wrong:
        raise disagrees(spec, wrong)
    data: dict[str, object] = {"parts": cards}
    if player == "forward":
        data.update(widgets_play.forward(spec, net, prefix))
    elif player == "backward":
        data.update(widgets_play.backward(spec, net, prefix))
    style = PLAYER_STYLES.get(player or "", spec.get("picture", "blocks"))
    # a player's picture is drawn once, for all its patterns: the page shows it at the start
    picture = data.pop("svg", None) or picture_html(net, style, x, spec.goal, prefix)
    caption = spec.get("caption", "")
    if caption:
        picture += f"<figcaption>{html.escape(caption, quote=False)}</figcaption>"
    kind = player or "linked"
    play = data.get("player", {})
    lamps = bool(play.get("lamps"))  # type: ignore[union-attr]
    steps = len(play["patterns"][play["start"]]["steps"]) if play else 0  # type: ignore[index]
    body = [
        f'<div class="pnn-widget pnn-{kind}" id="{prefix}" data-pnn="{kind}">',
        controls(prefix, player, lamps, steps) if player else "",
        '<div class="pnn-views">',
        f'<figure class="pnn-view pnn-picture">{picture}</figure>',
        f'<div class="pnn-view pnn-algebra">{algebra_html(net)}</div>',
        f'<div class="pnn-view pnn-code">{code_html(spec, net, x)}</div>',
        "</div>",
        f'<div class="pnn-card" id="{prefix}-card" hidden></div>',
        data_script(data),
        "</div>",
    ]
    return not_searched("\n".join(line for line in body if line))
