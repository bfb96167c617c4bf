"""The pictures: what they write must be what the network is, in bytes that never drift."""

import re
import xml.etree.ElementTree as ET

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from matplotlib.colors import to_rgb
from matplotlib.figure import Figure

from picturenn import Network
from picturenn.draw import STYLES, alt_text, blocks, detailed, predict, shapes, to_svg
from picturenn.draw import backprop as draw_backprop
from picturenn.draw import style as house
from picturenn.draw.lego import fmt

X, GOAL = [1, 0, 1], [1]
SVG = "{http://www.w3.org/2000/svg}"


def book_net() -> Network:
    return Network.random([3, 4, 1], seed=1)


def draw(name: str, net: Network, x=None, goal=None) -> Figure:
    x = [1.0] * net.widths[0] if x is None else x
    goal = [1.0] * net.widths[-1] if goal is None else goal
    args = {"predict": [x], "backprop": [x, goal]}.get(name, [])
    return STYLES[name](net, *args)


def texts_by_id(fig: Figure) -> dict[str, str]:
    return {t.get_gid(): t.get_text() for t in fig.axes[0].texts if t.get_gid()}


def svg_texts_by_id(svg: bytes) -> dict[str, str]:
    """What each labelled group of the SVG says, read back as a browser would."""
    found = {}
    for group in ET.fromstring(svg).iter(f"{SVG}g"):
        lines = ["".join(text.itertext()) for text in group.findall(f"{SVG}text")]
        if group.get("id") and lines:
            found[group.get("id")] = "\n".join(lines)
    return found


@pytest.mark.parametrize("name", sorted(STYLES))
def test_every_style_returns_a_figure_on_its_own_card(name):
    fig = draw(name, book_net(), X, GOAL)
    assert isinstance(fig, Figure)
    assert [p.get_facecolor()[:3] for p in fig.patches] == [to_rgb(house.CARD)]
    assert to_svg(fig).startswith(b"<?xml")


@pytest.mark.parametrize("name", sorted(STYLES))
def test_a_given_axes_is_drawn_into(name):
    fig = Figure(figsize=(12, 9))
    ax = fig.add_subplot()
    net = book_net()
    args = {"predict": [X], "backprop": [X, GOAL]}.get(name, [])
    assert STYLES[name](net, *args, ax=ax) is fig
    assert ax.texts


def test_every_style_name_draws_and_is_described():
    from picturenn import styles

    for name in styles.STYLES:  # the one list the CLI and the fences read
        assert to_svg(draw(name, book_net(), X, GOAL)).startswith(b"<?xml"), name
        assert alt_text(book_net(), name, x=X, goal=GOAL).startswith("3 inputs"), name


architectures = st.lists(st.integers(1, 10), min_size=2, max_size=7)


@settings(max_examples=25, deadline=None)
@given(widths=architectures)
def test_shapes_written_on_the_blocks_are_the_weight_shapes(widths):
    net = Network.random(widths)
    expected = {f"shape-W_{k}": "×".join(map(str, w.shape)) for k, w in enumerate(net.weights)}
    expected |= {f"shape-l_{k}": f"1×{n}" for k, n in enumerate(widths)}
    fig = blocks(net)
    written = {k: v for k, v in texts_by_id(fig).items() if k.startswith("shape-")}
    assert written == expected
    in_svg = {k: v for k, v in svg_texts_by_id(to_svg(fig)).items() if k.startswith("shape-")}
    assert in_svg == expected


def test_shapes_reads_matrix_shapes_off_the_widths():
    written = texts_by_id(shapes(Network.random([3, 4, 4, 1])))
    assert [written[f"shape-W_{k}"] for k in range(3)] == ["W₀: 3×4", "W₁: 4×4", "W₂: 4×1"]
    assert written["width-l_0"] == "3 values · input"
    assert written["width-l_3"] == "1 value · output"


def test_detailed_draws_every_weight_of_a_small_network_in_few_artists():
    net = Network.random([3, 4, 4, 1], seed=1)
    ax = detailed(net).axes[0]
    (edges,) = [c for c in ax.collections if len(c.get_paths()) and c.get_facecolor().size == 0]
    segments = sum(len(p.vertices) // 2 for p in edges.get_paths())
    assert segments == sum(w.size for w in net.weights)
    assert len(ax.collections) <= 3
    assert not any(t.get_gid() and t.get_gid().startswith("thinned") for t in ax.texts)


def test_detailed_colours_lines_by_sign():
    net = Network([[[0.5, -0.25]]])
    edges = detailed(net).axes[0].collections[0]
    colours = {tuple(c[:3]) for c in edges.get_edgecolors()}
    assert colours == {to_rgb(house.POSITIVE), to_rgb(house.NEGATIVE)}


def test_detailed_784_500_10_thins_and_says_so():
    net = Network.random([784, 500, 10], seed=1)
    fig = detailed(net)
    ax = fig.axes[0]
    written = texts_by_id(fig)
    assert written["thinned-W_0"] == "showing the 500 strongest\nof 392,000 weights"
    assert written["thinned-W_1"] == "showing the 500 strongest\nof 5,000 weights"
    assert "784 nodes" in written["band-l_0"]
    assert len(ax.collections) <= 3
    assert len(ax.patches) + len(ax.texts) + len(ax.lines) < 60
    svg = to_svg(fig)
    assert len(svg) < 500_000
    assert "392,000 weights" in " ".join(svg_texts_by_id(svg).values())


def test_blocks_says_when_a_box_cannot_show_every_dot():
    written = texts_by_id(blocks(Network.random([784, 500, 10], seed=1)))
    assert written["thinned-W_0"] == "thinned: 14×14 of 392,000 dots drawn"
    assert written["thinned-W_1"] == "thinned: 14×10 of 5,000 dots drawn"
    assert "thinned-W_0" not in texts_by_id(blocks(book_net()))


def test_predict_writes_the_values_and_the_relu_zeroed_sums():
    net = book_net()
    trace = net.trace(X)
    sums, l1 = trace.sums[0][0], trace.layers[1][0]
    assert (sums < 0).any()
    assert (sums > 0).any()
    written = texts_by_id(predict(net, X))
    assert [written[f"step-1-l_0-{i}"] for i in range(3)] == ["1", "0", "1"]
    for i, total in enumerate(sums):
        if total < 0:
            assert written[f"step-2-l_1-{i}-before"] == fmt(total)
            assert written[f"step-2-l_1-{i}"] == "0"
        else:
            assert f"step-2-l_1-{i}-before" not in written
            assert written[f"step-2-l_1-{i}"] == fmt(l1[i])
    assert written["step-3-l_2-0"] == fmt(net.forward(X)[0]) == "0.39"


def test_predict_has_one_panel_per_layer_at_any_depth():
    net = Network.random([2, 3, 3, 3, 2], seed=4)
    written = texts_by_id(predict(net, [0.5, -1]))
    panels = {int(k.split("-")[1]) for k in written if k.startswith("step-")}
    assert panels == {1, 2, 3, 4, 5}
    assert [written[f"step-5-l_4-{i}"] for i in range(2)] == [
        fmt(v) for v in net.forward([0.5, -1])
    ]


def test_backprop_writes_each_delta_and_closes_the_relu_gate():
    net = book_net()
    bp = net.backprop(X, GOAL)
    written = texts_by_id(draw_backprop(net, X, GOAL))
    assert written["delta_2-0"] == fmt(bp.deltas[2][0, 0]) == "−0.61"
    assert written["goal-0"] == "1"
    l1 = bp.trace.layers[1][0]
    passed_back = bp.deltas[2].dot(net.weights[1].T)[0]
    for i in range(4):
        assert written[f"delta_1-{i}"] == fmt(bp.deltas[1][0, i])
        if l1[i] == 0:  # the gate is shut: the stopped value is struck above the 0
            assert written[f"delta_1-{i}-before"] == fmt(passed_back[i])
            assert written[f"delta_1-{i}"] == "0"
    assert [written[f"delta_0-{i}"] for i in range(3)] == [fmt(v) for v in bp.deltas[0][0]]


def _luminance(colour) -> float:
    channels = np.array(to_rgb(colour))
    linear = np.where(channels <= 0.03928, channels / 12.92, ((channels + 0.055) / 1.055) ** 2.4)
    return float(linear @ [0.2126, 0.7152, 0.0722])


def _contrast(a, b) -> float:
    high, low = sorted([_luminance(a), _luminance(b)], reverse=True)
    return (high + 0.05) / (low + 0.05)


@pytest.mark.parametrize("name", sorted(STYLES))
def test_text_is_readable_on_the_card_whatever_the_page_behind(name):
    # Every label sits on the opaque card, a strip, a box or a greyed cell (or on its
    # own badge), never on the page: it must read on the darkest of those.
    fills = [house.CARD, house.LAYER_FILL, house.MATRIX_FILL, house.KILLED_FILL]
    fig = draw(name, book_net(), X, GOAL)
    for text in fig.axes[0].texts:
        badge = text.get_bbox_patch()
        behind = [badge.get_facecolor()] if badge else fills
        worst = min(_contrast(text.get_color(), fill) for fill in behind)
        assert worst >= 4.5, (text.get_text(), text.get_color(), worst)


def test_alt_text_is_written_from_the_network():
    net = book_net()
    assert alt_text(net).startswith("3 inputs → 4 relu → 1 output; W_0 is 3×4, W_1 is 4×1.")
    deep = Network.random([3, 4, 4, 1])
    assert alt_text(deep, "shapes").startswith(
        "3 inputs → 4 relu → 4 relu → 1 output; W_0 is 3×4, W_1 is 4×4, W_2 is 4×1."
    )
    assert "the prediction l_2 is 0.39" in alt_text(net, "predict", x=X)
    assert "relu sets 3 of the 4 weighted sums into l_1 to 0" in alt_text(net, "predict", x=X)
    assert "δ_2 = l_2 − goal is −0.61" in alt_text(net, "backprop", x=X, goal=GOAL)
    big = Network.random([784, 500, 10])
    assert "Only the 500 strongest of the 392,000 weights of W_0" in alt_text(big, "detailed")
    assert "1 input → 1 output; W_0 is 1×1" in alt_text(Network([[[2.0]]]))


@pytest.mark.parametrize(
    ("call", "error", "message"),
    [
        (lambda n: predict(n, [1, 0]), ValueError, "the input has 2 values per row but layer 0"),
        (lambda n: predict(n, [1, float("nan"), 1]), ValueError, "NaN"),
        (lambda n: predict(n, [[1, 0, 1], [0, 1, 1]]), ValueError, "one input at a time"),
        (lambda n: predict(n, "101"), TypeError, "the input must be numbers"),
        (lambda n: draw_backprop(n, X, [[1, 2]]), ValueError, "the goal has 2 values per row"),
        (lambda n: blocks([3, 4, 1]), TypeError, "draw.blocks needs a Network, got list"),
        (lambda n: alt_text(n, "pretty"), ValueError, "unknown style 'pretty'"),
        (lambda n: alt_text(n, "predict"), ValueError, "needs the input x"),
    ],
)
def test_bad_input_gets_one_line_in_the_chapters_terms(call, error, message):
    with pytest.raises(error) as caught:
        call(book_net())
    assert message in str(caught.value)
    assert "\n" not in str(caught.value)


def test_drawing_leaves_no_pyplot_figures_behind():
    import matplotlib.pyplot as plt

    before = plt.get_fignums()
    for name in STYLES:
        to_svg(draw(name, book_net(), X, GOAL))
    assert plt.get_fignums() == before


def test_svg_labels_are_real_text_in_a_generic_font_stack():
    svg = to_svg(blocks(book_net())).decode()
    assert "3×4" in svg
    assert "W₀" in svg
    assert re.search(r"font-family: [^;\"]*sans-serif", svg)
    assert "<dc:date>" not in svg
