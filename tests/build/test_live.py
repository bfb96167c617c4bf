"""Live figures: the fence's checks, the state it ships, and the playground's text under Node.

The page computes through kernel.js (proved by the kernel proof); what it shows
is written by playground-text.js. Here Node runs that file on the kernel's
results and Python runs the scripts it writes: each prints exactly what the
page shows, for random networks and weights that need every digit.
"""

from __future__ import annotations

import contextlib
import html
import io
import json
import random
import re
import shutil
import subprocess
from pathlib import Path

import pytest

from picturenn import Network
from picturenn.datasets import streetlight
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.engines.fences.render import render_network
from picturenn_docs.engines.fences.spec import build_network, parse_spec
from picturenn_docs.widgets.render import render as render_widget
from picturenn_docs.widgets.svg import SVG_OPEN

REPO = Path(__file__).resolve().parents[2]
DOCS = REPO / "docs"
SCRIPTS = DOCS / "javascripts"
LIVE = ("widths: 3 4 1", "seed: 1", "live: true")


def no_figures(identity, draw):
    raise AssertionError("a live figure inlines its picture; it stores no figure file")


def made(body: tuple[str, ...], start: int = 10) -> str:
    spec = parse_spec("network", body, "docs/p.md", start)
    return render_network(spec, build_network(spec, DOCS), "id", no_figures, render_widget)


def shipped(page: str) -> dict:
    return json.loads(html.unescape(re.search(r'data-state="([^"]*)"', page).group(1)))


@pytest.mark.parametrize(
    ("body", "line", "words"),
    [
        (("widths: 3 4 1", "live: yes"), 12, "live must be one of true, playground"),
        (("source: examples/predict_network.py", "live: true"), 12, "live needs 'widths"),
        (("widths: 3 9 1", "live: true"), 12, "at most 6 layers of at most 8 values"),
        (("widths: 3 4 4 4 4 4 1", "live: true"), 12, "at most 6 layers"),
        (("widths: 3 4 1", "live: true", "layout: side-by-side"), 12, "drop 'player'/'layout'"),
        (("widths: 3 4 1", "picture: shapes", "live: true"), 12, "detailed or blocks"),
        (("widths: 4 3 1", "live: true"), 12, "no dataset for 4 inputs and 1 outputs"),
    ],
)
def test_a_bad_live_fence_fails_at_its_line(body, line, words):
    with pytest.raises(CheckFailed) as failure:
        made(body)
    assert failure.value.line == line
    assert words in str(failure.value)


def test_the_figure_ships_the_seeds_weights_the_data_and_picturenns_prediction():
    page = made(LIVE)
    state = shipped(page)
    net = Network.random([3, 4, 1], seed=1)
    # JSON floats are repr-exact: the page starts from the very bits of Network.random
    assert [json.loads(json.dumps(w.tolist())) for w in net.weights] == state["weights"]
    assert state["widths"] == [3, 4, 1]
    assert state["seed"] == 1
    assert state["mode"] == "lesson"
    assert (state["input"], state["goal"], state["dataset"]) == (
        [1.0, 0.0, 1.0],
        [1.0],
        "streetlight",
    )
    assert state["expect"] == [f"{net.forward([1, 0, 1])[0]:.4g}"]
    assert state["limits"] == {
        "layers": 6,
        "width": 8,
        "weight": 1e6,
        "alpha": 10.0,
        "seed": 2**32 - 1,
        "iterations": 20_000,
    }
    lights, walk = streetlight()
    assert state["datasets"]["streetlight"]["inputs"] == lights.tolist()
    assert state["datasets"]["streetlight"]["goals"] == walk.tolist()
    # without JavaScript: picturenn's picture and what the live version does
    assert page.count(SVG_OPEN) == 1
    assert "pnn-live-static" in page
    assert "With JavaScript on, this figure is your own copy of the network" in page
    # never a <script>: material's instant navigation would run its JSON as code
    assert "<script" not in page


def test_an_input_takes_its_rows_goal_and_the_playground_says_so():
    state = shipped(made(("widths: 3 4 2", "input: 0 1 1", "live: playground")))
    assert (state["dataset"], state["input"], state["goal"]) == ("walk-stop", [0, 1, 1], [1, 0])
    assert state["mode"] == "playground"
    xor = shipped(made(("widths: 2 4 1", "seed: 3", "picture: blocks", "live: true")))
    assert (xor["dataset"], xor["style"], xor["seed"]) == ("xor", "blocks", 3)


_NODE_TEXT = r"""
require(process.argv[1]); require(process.argv[2]);
const K = globalThis.PicturennKernel, T = globalThis.PicturennPlaygroundText;
const cases = JSON.parse(require("fs").readFileSync(0, "utf8"));
const out = cases.numbers.map(T.num);
const scripts = cases.networks.map(c => {
  const weights = K.random(c.widths, c.seed);
  c.edits.forEach(([k, n, v]) => { weights[k].data[n % weights[k].data.length] = v; });
  const s = {weights, input: new Float64Array(c.input), goal: new Float64Array(c.goal)};
  const bp = K.backprop(weights, s.input, s.goal);
  return {picturenn: T.withPicturenn(s), numpy: T.withNumpy(s), printed: T.printed(bp)};
});
const parsed = cases.typed.map(t => T.parse(t, "W₁[2,0]", 1e6));
process.stdout.write(JSON.stringify({out, scripts, parsed}));
"""


def _printed_by(script: str) -> str:
    buffer = io.StringIO()
    with contextlib.redirect_stdout(buffer):
        exec(compile(script, "<code view>", "exec"), {"__name__": "__main__"})
    return buffer.getvalue()


@pytest.mark.node
def test_the_page_shows_numbers_as_python_and_its_scripts_print_them(tmp_path):
    node = shutil.which("node")
    assert node, "Node.js is needed (make node)"
    rng = random.Random(7)
    ties = [1.03125, -1.03125, 2.0625, 0.000123455, 9999.5, 99995.0, 1e16, 1.5e-05, -0.0, 0.0]
    numbers = ties + [rng.uniform(-1, 1) * 10 ** rng.randint(-9, 9) for _ in range(3000)]
    networks = []
    for _ in range(12):
        widths = [rng.randint(1, 8) for _ in range(rng.randint(2, 6))]
        edits = [(rng.randrange(len(widths) - 1), rng.randrange(64), rng.uniform(-50, 50))]
        networks.append(
            {
                "widths": widths,
                "seed": rng.randrange(2**32),
                "edits": edits,
                "input": [rng.choice([0.0, 1.0, rng.uniform(-3, 3)]) for _ in range(widths[0])],
                "goal": [rng.uniform(-2, 2) for _ in range(widths[-1])],
            }
        )
    typed = ["0.5", " -1e-3 ", "−2", "abc", "inf", "Infinity", "1e308", "", "0x10", "1e6", "1.5e6"]
    cases = {"numbers": numbers, "networks": networks, "typed": typed}
    done = subprocess.run(
        [node, "-e", _NODE_TEXT, str(SCRIPTS / "kernel.js"), str(SCRIPTS / "playground-text.js")],
        input=json.dumps(cases),
        capture_output=True,
        text=True,
        check=True,
    )
    result = json.loads(done.stdout)
    assert result["out"] == [f"{v + 0.0:.4g}" for v in numbers]
    for case, made_ in zip(networks, result["scripts"], strict=True):
        for lang in ("picturenn", "numpy"):
            assert _printed_by(made_[lang]) == made_["printed"], (case, lang)
    values = [p.get("value") for p in result["parsed"]]
    assert values[:3] == [0.5, -0.001, -2]
    assert values[9] == 1e6
    problems = [p.get("error", "") for p in result["parsed"]]
    for problem in problems[3:9] + problems[10:]:
        assert problem.startswith("W₁[2,0] ")
        assert "finite number between −1e6 and 1e6" in problem


@pytest.mark.node
def test_the_shipped_playground_scripts_lose_only_comment_lines_and_fit_25_kb(tmp_path):
    import gzip

    from picturenn_docs.assets import scripts

    node = shutil.which("node")
    assert node, "Node.js is needed (make node)"
    total = len(gzip.compress((SCRIPTS / "kernel.js").read_bytes(), 9))  # shipped as proved
    for name in scripts.SHIPPED:
        source = (SCRIPTS / name).read_text(encoding="utf-8")
        shipped = scripts.stripped(source)
        assert scripts.stripped(shipped) == shipped  # a second build changes nothing
        code = [line for line in source.split("\n") if line in shipped.split("\n")]
        assert shipped.split("\n") == code  # every line kept is the source's, in order
        (tmp_path / name).write_text(shipped, encoding="utf-8")
        subprocess.run([node, "--check", str(tmp_path / name)], check=True)
        total += len(gzip.compress(shipped.encode(), 9))
    assert total <= 25_000, total  # issue 22's budget (make bench measures the built site's)
