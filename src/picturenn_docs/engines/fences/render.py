"""The three generated fences of a page: ``network``, ``diagram`` and ``generated``.

``network`` and ``diagram`` fences hold ``key: value`` lines naming a network
(``widths: 3 4 1`` with an optional ``seed: N``, or ``source: examples/NAME.py``
defining ``net``) plus an optional ``input:`` and ``goal:``. A ``network`` fence
becomes content tabs (Picture | Algebra | Code, and Values when an input is
given); a ``diagram`` fence one figure. A ``generated`` fence is Python whose
printed output is inserted as Markdown. Every view comes from the package at
build time; a bad spec fails naming the page, the line and what is wrong.

The Markdown made here names figures as ``{GENERATED}/<name>.svg``; the caller
swaps in the path relative to the page.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING

from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.core.running import Raised, run
from picturenn_docs.engines.fences import screens
from picturenn_docs.engines.fences.spec import GENERATED, Spec, fence_input, wanted

if TYPE_CHECKING:  # the views are imported lazily: a warm build never needs them
    from picturenn import Network

SEEDED_CODE_ABOVE = 64  # weights; bigger seeded networks are written seeded, not as literals

# (identity, draw) -> (file name, alt text, (width, height) in CSS px); draws only when
# the identity is not cached
FigureStore = Callable[[str, Callable[[], tuple[bytes, str]]], tuple[str, str, tuple[int, int]]]
# (spec, network) -> the widget's HTML (picturenn_docs.widgets.render, given by the pipeline)
WidgetRenderer = Callable[[Spec, "Network"], str]


def no_widgets(spec: Spec, net: Network) -> str:
    raise spec.fail(None, "this build draws no widgets (layout: side-by-side, player: ...)")


def render_diagram(
    spec: Spec,
    net: Network,
    identity: str,
    figures: FigureStore,
    widget: WidgetRenderer = no_widgets,
) -> str:
    """A ``diagram`` fence as a figure with generated alt text and an optional caption."""
    if wanted(spec):
        return widget(spec, net)
    style = spec.get("style", "blocks")
    shown, alt = _figure(spec, net, identity, style, figures)
    caption = spec.get("caption", "")
    return _figure_markdown(shown, alt, caption)


def _figure(
    spec: Spec, net: Network, identity: str, style: str, figures: FigureStore
) -> tuple[list[screens.Shown], str]:
    """The figure laid out for a laptop, and for a phone too when that layout is too wide."""
    x = fence_input(spec, net) if style in ("predict", "backprop") else spec.input

    def drawer(px: int) -> Callable[[], tuple[bytes, str]]:
        def draw() -> tuple[bytes, str]:
            from picturenn import draw

            function = draw.STYLES[style]
            args = {"predict": (net, x), "backprop": (net, x, spec.goal)}.get(style, (net,))
            try:
                svg = draw.to_svg(function(*args, fit=screens.fit(px)))
            except (ValueError, TypeError) as error:
                raise spec.fail("style", f"drawing {style} failed: {error}") from None
            return svg, draw.alt_text(net, style=style, x=x, goal=spec.goal)

        return draw

    shown: list[screens.Shown] = []
    figure = f"{identity}\0style={style}\0x={x}\0goal={spec.goal}"
    name, alt, size = figures(f"{figure}\0fit={screens.LAPTOP_PX}px", drawer(screens.LAPTOP_PX))
    shown.append(screens.Shown(name, *size))
    if size[0] > screens.PHONE_PX:
        phone, _, phone_size = figures(
            f"{figure}\0fit={screens.PHONE_PX}px", drawer(screens.PHONE_PX)
        )
        if phone_size != size:  # a layout of its own: each is shown on its screen
            shown = [
                screens.Shown(name, *size, screen="laptop"),
                screens.Shown(phone, *phone_size, screen="phone"),
            ]
    return shown, alt


def _figure_markdown(shown: list[screens.Shown], alt: str, caption: str) -> str:
    """A figure the Markdown way, so mkdocs checks and rewrites the image link.

    >>> made = _figure_markdown([screens.Shown("a.svg", 30, 20)], "3 inputs [x]", "W₀ & W₁")
    >>> print(made.replace("](", "]\\n("))
    <figure markdown="span">
    [![3 inputs \\[x\\]]
    ({GENERATED}/a.svg){ width="30" height="20" loading="lazy" }]
    ({GENERATED}/a.svg "Open the picture full size")
    <figcaption>W₀ &amp; W₁</figcaption>
    </figure>
    """
    lines = ['<figure markdown="span">', _image(shown, alt)]
    if caption:
        lines.append(f"<figcaption>{html.escape(caption, quote=False)}</figcaption>")
    lines.append("</figure>")
    return "\n".join(lines)


def _image(shown: list[screens.Shown], alt: str) -> str:
    # the image links to itself: small on the page, full size one click away
    return screens.image(GENERATED, shown, _escaped(alt))


def _escaped(alt: str) -> str:
    return alt.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")


def render_network(
    spec: Spec,
    net: Network,
    identity: str,
    figures: FigureStore,
    widget: WidgetRenderer = no_widgets,
) -> str:
    """A ``network`` fence as content tabs: Picture | Algebra | Code (| Values)."""
    if wanted(spec):
        return widget(spec, net)
    picture = spec.get("picture", "blocks")
    shown, alt = _figure(spec, net, identity, picture, figures)
    tabs = [
        # raw HTML is not parsed inside a tab, so the picture is a plain Markdown image
        ("Picture", _image(shown, alt)),
        ("Algebra", _algebra_tab(net)),
        ("Code", _code_tab(spec, net)),
    ]
    if spec.input is not None:
        tabs.append(("Values", _values_tab(spec, net)))
    out: list[str] = []
    for title, body in tabs:
        out += [f'=== "{title}"', ""]
        out += [f"    {line}" if line else "" for line in body.splitlines()]
        out.append("")
    return "\n".join(out)


def _algebra_tab(net: Network) -> str:
    from picturenn import algebra

    rows = ["| algebra | in words |", "| --- | --- |"]
    rows += [f"| ${piece}$ | {reading} |" for piece, reading in algebra.words(net, latex=True)]
    return "\n".join(["$$", algebra.render(net, "chained", latex=True), "$$", "", *rows])


def _code_tab(spec: Spec, net: Network) -> str:
    """A script that runs as pasted, checked here: it must print ``net.forward(x)``."""
    import numpy as np

    from picturenn import code

    x = np.array(spec.input) if spec.input is not None else code.example_input(net)
    # too many weights to write out: the script draws them from the seed instead
    seeded = spec.widths is not None and sum(w.size for w in net.weights) > SEEDED_CODE_ABOVE
    script = code.render(net, "standalone", x=x, seed=spec.seed if seeded else None)
    try:
        printed = run(script, "<code view>").output
    except Raised as failure:
        raise spec.fail(None, f"the code view raised {failure}") from None
    expected = f"{net.forward(x)}\n"  # what print(net.forward(x)) prints
    if printed != expected:
        raise spec.fail(
            None, f"the code view prints {printed!r}, but net.forward gives {expected!r}"
        )
    shown = [f"#> {line}".rstrip() for line in printed.splitlines()]
    return "\n".join(["```python", script.rstrip("\n"), *shown, "```"])


def _values_tab(spec: Spec, net: Network) -> str:
    """Every layer's values for the input (and, with a goal, every delta)."""
    trace = net.trace(spec.input)
    rows = ["| vector | values |", "| --- | --- |"]
    last = len(trace.layers) - 1
    for k, layer in enumerate(trace.layers):
        if 0 < k < last:
            before = _vector(trace.sums[k - 1])
            rows.append(f"| $l_{{{k - 1}}} W_{{{k - 1}}}$ (before relu) | {before} |")
        rows.append(f"| $l_{{{k}}}$ | {_vector(layer)} |")
    if spec.goal is not None:
        bp = net.backprop(spec.input, spec.goal)
        for k in range(last, 0, -1):
            rows.append(f"| delta of $l_{{{k}}}$ | {_vector(bp.deltas[k])} |")
        rows.append(f"| error | {bp.error:.4g} |")
    return "\n".join(rows)


def _vector(values: object) -> str:
    import numpy as np

    flat = np.ravel(values) + 0.0  # + 0.0 shows relu's -0.0 as 0
    shown = ", ".join(f"{v:.4g}" for v in flat[:12])
    return f"[{shown}{', …' if flat.size > 12 else ''}]"


def run_generated(body: tuple[str, ...], path: str, first_line: int) -> str:
    """Run a ``generated`` fence in a fresh namespace and return what it printed."""
    try:
        return run("\n".join(body) + "\n", f"<generated {path}:{first_line}>").output
    except Raised as failure:
        line = first_line + (failure.line or 1) - 1
        raise CheckFailed(path, line, f"generated fence raised {failure}") from None
