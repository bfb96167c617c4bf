"""Widget fences: options fail at their line, the data is the package's, a lie fails the build."""

from __future__ import annotations

import gzip
import json
import re
from pathlib import Path

import pytest

import picturenn.draw
from picturenn import Network
from picturenn.datasets import streetlight
from picturenn.draw.lego import fmt
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.engines.fences.render import render_diagram, render_network
from picturenn_docs.engines.fences.spec import build_network, parse_spec
from picturenn_docs.widgets import play as widgets_play
from picturenn_docs.widgets import svg as widgets_svg
from picturenn_docs.widgets import train as widgets_train
from picturenn_docs.widgets.render import render as render_widget

DOCS = Path(__file__).resolve().parents[2] / "docs"
FORWARD = (
    "source: examples/predict_network.py",
    "input: 1 0 1",
    "style: predict",
    "player: forward",
)
BACKWARD = (
    "widths: 3 4 1",
    "seed: 1",
    "style: backprop",
    "input: 1 0 1",
    "goal: 1",
    "player: backward",
)
TRAIN = ("widths: 3 4 1", "seed: 1", "player: train")
LINKED = ("widths: 3 4 1", "seed: 1", "input: 1 0 1", "layout: side-by-side")


def no_figures(identity, draw):
    raise AssertionError("a widget inlines its pictures; it never stores a figure file")


def made(kind: str, body: tuple[str, ...], path: str = "docs/p.md", start: int = 10) -> str:
    spec = parse_spec(kind, body, path, start)
    net = build_network(spec, DOCS)
    render = render_network if kind == "network" else render_diagram
    return render(spec, net, "id", no_figures, render_widget)


def data(html: str) -> dict:
    return json.loads(re.search(r'class="pnn-data"[^>]*>(.*?)</script>', html).group(1))


@pytest.mark.parametrize(
    ("kind", "body", "line", "words"),
    [
        ("network", ("widths: 3 4 1", "layout: sideways"), 12, "layout must be one of"),
        ("diagram", ("widths: 3 4 1", "player: sideways"), 12, "player must be one of"),
        ("diagram", ("widths: 3 4 1", "input: 1 0 1", "player: backward"), 13, "needs 'goal:'"),
        ("diagram", ("widths: 3 4 1", "style: blocks", "player: forward"), 13, "shows style"),
        ("diagram", ("widths: 3 5 1", "player: train"), 12, "widths: 3 4 1"),
        ("diagram", ("widths: 3 4 1", "layout: side-by-side"), 12, "unknown key 'layout'"),
    ],
)
def test_a_bad_widget_option_fails_at_its_line(kind, body, line, words):
    with pytest.raises(CheckFailed) as caught:
        parse_spec(kind, body, "docs/p.md", 10)
    assert (caught.value.path, caught.value.line) == ("docs/p.md", line)
    assert words in caught.value.message


def test_linked_views_mark_the_same_parts_in_picture_algebra_and_code():
    html = made("network", LINKED)
    views = re.findall(
        r'<(figure|div) class="pnn-view pnn-(\w+)">(.*?)</(?:figure|div)>\n', html, re.DOTALL
    )
    parts = {name: set(re.findall(r'data-part=\{?"?(\w+)', body)) for _, name, body in views}
    parts["algebra"] = set(re.findall(r"htmlData\{part=(\w+)\}", html))
    assert (
        parts["picture"]
        == parts["algebra"]
        == parts["code"]
        == {"l0", "l1", "l2", "W0", "W1", "relu1"}
    )
    cards = data(html)["parts"]
    net = Network.random([3, 4, 1], seed=1)
    assert cards["W0"]["name"] == "W₀, weight matrix 0: 3×4, connects layer 0 to layer 1"
    assert cards["l2"]["values"] == f"[{float(net.forward([1, 0, 1])[0]):.4g}]"


def test_the_forward_player_has_every_pattern_and_every_step_from_the_package():
    play = data(made("diagram", FORWARD))["player"]
    assert play["start"] == "101"
    assert len(play["patterns"]) == 8
    net = build_network(parse_spec("diagram", FORWARD, "p.md", 1), DOCS)
    for name, pattern in play["patterns"].items():
        x = [float(c) for c in name]
        trace = net.trace(x)
        steps = pattern["steps"]
        assert len(steps) == 4
        assert steps[1]["values"]["sums0"] == _vector(trace.sums[0])
        assert steps[2]["values"]["l1"] == _vector(trace.layers[1])
        assert steps[3]["values"]["l2"] == _vector(net.forward(x))
        assert f"[{', '.join(c for c in name)}]" in steps[0]["say"]


def test_the_backward_player_ends_in_one_row_of_training():
    play = data(made("diagram", BACKWARD))["player"]
    assert len(play["patterns"]) == 8
    for name, pattern in play["patterns"].items():
        x = [float(c) for c in name]
        net = Network.random([3, 4, 1], seed=1)
        goal = [1.0 if x[0] != x[1] else 0.0]
        bp = net.backprop(x, goal)
        net.train([x], [goal], alpha=0.2, iterations=1)
        steps = pattern["steps"]
        assert len(steps) == 5
        assert steps[0]["values"]["d2"] == _vector(bp.deltas[2])
        assert steps[2]["values"]["d1"] == _vector(bp.deltas[1])
        assert steps[4]["values"]["new0"] == _vector(net.weights[0])


@pytest.mark.parametrize(("body", "last"), [(FORWARD, "step-3-l_2-0"), (BACKWARD, "l_2-0")])
def test_a_players_picture_is_drawn_once_per_layout_and_each_pattern_is_data(
    monkeypatch, body, last
):
    renders = []
    to_svg = picturenn.draw.to_svg
    monkeypatch.setattr(picturenn.draw, "to_svg", lambda fig: renders.append(fig) or to_svg(fig))
    html = made("diagram", body)
    assert len(renders) == 2  # the laptop's layout and the phone's, not one per pattern
    play = data(html)["player"]
    page = re.search(r'<svg class="pnn-svg".*?</svg>', html, re.DOTALL).group(0)
    assert html.count('<svg class="pnn-svg"') == 1  # the page's is the laptop's
    assert "svgs" not in play
    hidden = set(re.findall(r'id="pnn10-([^"]+)"[^>]*? visibility="hidden"', page))
    net = build_network(parse_spec("diagram", body, "p.md", 1), DOCS)
    for name, pattern in play["patterns"].items():
        x = [float(c) for c in name]
        assert pattern["picture"][last] == fmt(net.forward(x)[0])  # the prediction's cell
        wanted = set(pattern["picture"]) | {i for step in pattern["steps"] for i in step["hide"]}
        for svg in (page, play["phone_svg"]):
            assert wanted <= set(re.findall(r'id="pnn10-([^"]+)"', svg)), name
        if name == play["start"]:  # the page without JavaScript: the start's pieces only
            assert hidden == {k for p in play["patterns"].values() for k in p["picture"]} - set(
                pattern["picture"]
            )
    assert hidden  # some pattern has a struck value the start has not


@pytest.mark.parametrize("body", [FORWARD, BACKWARD])
@pytest.mark.parametrize(
    ("lie", "words"),
    [
        ("number", "the picture writes 9"),
        ("piece", "picture lacks not-drawn"),
        ("phone", "the phone picture is drawn unlike the laptop's"),
    ],
)
def test_a_player_picture_that_disagrees_fails_at_the_fence(monkeypatch, body, lie, words):
    honest, calls = widgets_svg.drawn_once, []

    def lying(*args, **kwargs):
        svg, shown, ids = honest(*args, **kwargs)
        calls.append(1)
        texts = shown["111"]
        key = sorted(k for k, t in texts.items() if t is not None)[-1]
        if lie == "number":
            texts[key] = "9" + texts[key]
        elif lie == "piece":
            texts["not-drawn"] = None
        elif len(calls) == 2:  # the phone's layout only
            del texts[key]
        return svg, shown, ids

    monkeypatch.setattr(widgets_svg, "drawn_once", lying)
    with pytest.raises(CheckFailed) as caught:
        made("diagram", body, "docs/predict.md", 30)
    assert caught.value.line == 31 + body.index(next(b for b in body if b.startswith("player")))
    assert words in caught.value.message, caught.value.message


def test_the_training_replay_is_the_books_run():
    replay = data(made("diagram", TRAIN))["train"]
    lights, walk = streetlight()
    net = Network.random([3, 4, 1], seed=1)
    errors = net.train(lights, walk, alpha=0.2, iterations=60)
    assert len(replay["steps"]) == 1 + 60 * 4
    assert replay["steps"][-1]["error"] == f"{errors[-1]:.12g}" == "1.50556226651e-05"
    assert replay["steps"][-1]["w"] == [round(float(v), 4) for w in net.weights for v in w.ravel()]


@pytest.mark.parametrize(
    ("module", "function", "body"),
    [
        (widgets_play, "_forward_pattern", FORWARD),
        (widgets_play, "_backward_pattern", BACKWARD),
        (widgets_train, "replay", TRAIN),
    ],
)
def test_a_widget_whose_data_disagrees_fails_naming_page_and_line(
    monkeypatch, module, function, body
):
    honest = getattr(module, function)

    def lying(*args, **kwargs):
        states = honest(*args, **kwargs)
        _corrupt(states)
        return states

    monkeypatch.setattr(module, function, lying)
    with pytest.raises(CheckFailed) as caught:
        made("diagram", body, "docs/predict.md", 30)
    assert caught.value.path == "docs/predict.md"
    assert caught.value.line == 31 + body.index(next(b for b in body if b.startswith("player")))
    assert "widget data disagrees with the package" in caught.value.message
    assert str(caught.value).startswith("docs/predict.md:3")


def _corrupt(states: dict) -> None:
    """Change the last shown number of the last step, as a stale or hand-edited file would."""
    step = states["steps"][-1]
    if "error" in step:
        step["w"][-1] += 0.5
        return
    key = sorted(step["values"])[-1]
    step["values"][key] = step["values"][key].replace("[", "[9", 1)


def test_widgets_are_deterministic_and_small():
    for kind, body in (
        ("network", LINKED),
        ("diagram", FORWARD),
        ("diagram", BACKWARD),
        ("diagram", TRAIN),
    ):
        first, second = made(kind, body), made(kind, body)
        assert first == second
        script = (DOCS / "javascripts" / "widgets.js").read_bytes()
        raw = re.search(r'class="pnn-data"[^>]*>(.*?)</script>', first).group(
            1
        )  # as the page ships it
        shipped = gzip.compress(script + raw.encode(), 9)
        assert len(shipped) <= 30_000, (body, len(shipped))


def _vector(values) -> str:
    import numpy as np

    flat = np.ravel(values)
    return (
        "["
        + ", ".join(f"{float(v) + 0.0:.4g}" for v in flat[:12])
        + (", …]" if flat.size > 12 else "]")
    )


@pytest.mark.slow
def test_built_pages_name_their_widget_states_and_the_files_hold_them(built_site):
    # the states leave the page (widgets_states.ship): the page keeps an empty block
    # naming a file under assets/widgets/, which registers the same JSON the fence checked
    pages = [p for p in built_site.rglob("*.html") if 'class="pnn-widget ' in p.read_text()]
    assert len(pages) >= 4, pages
    for page in pages:
        html = page.read_text()
        blocks = re.findall(
            r'<script type="application/json" class="pnn-data"([^>]*)>(.*?)</script>', html
        )
        assert blocks, page
        assert all(body == "" for _, body in blocks), page  # nothing left inline
        for attributes, _ in blocks:
            href = re.search(r'data-states="([^"]+)"', attributes).group(1)
            states = (page.parent / href).resolve()
            assert states.parent == (built_site / "assets" / "widgets").resolve()
            name, text = states.stem, states.read_text()
            payload = re.search(r'\["(\w+)"\] = (\{.*\});\n$', text)
            assert payload, states
            assert payload.group(1) == name, states
            assert text.isascii(), states  # whatever charset a host serves it with
            parsed = json.loads(payload.group(2))  # JSON written as a JavaScript literal
            kind = re.search(r'data-pnn="(\w+)"', html).group(1)
            assert {"linked": "parts", "train": "train"}.get(kind, "player") in parsed
