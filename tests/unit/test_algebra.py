"""The algebra view: exact strings for known networks, LaTeX that KaTeX accepts, the 7.8 table."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from picturenn import Network
from picturenn.algebra import render, words

KATEX = Path(__file__).resolve().parents[2] / "docs" / "assets" / "katex" / "katex.min.js"


@pytest.mark.parametrize(
    ("widths", "chained"),
    [
        ([3, 1], "l_1 = l_0 W_0"),
        ([3, 4, 1], "l_2 = relu(l_0 W_0) W_1"),
        ([3, 4, 4, 1], "l_3 = relu(relu(l_0 W_0) W_1) W_2"),
    ],
)
def test_chained_form(widths, chained):
    net = Network.random(widths)
    assert render(net) == chained
    assert render(net) == chained


def test_steps_form_is_one_equation_per_layer():
    net = Network.random([3, 4, 4, 1])
    assert render(net, "steps").splitlines() == [
        "l_1 = relu(l_0 W_0)",
        "l_2 = relu(l_1 W_1)",
        "l_3 = l_2 W_2",
    ]
    assert render(Network.random([3, 1]), "steps") == "l_1 = l_0 W_0"


def test_latex_forms():
    net = Network.random([3, 4, 1])
    assert render(net, latex=True) == r"l_{2} = \operatorname{relu}(l_{0} W_{0}) W_{1}"
    assert render(net, "steps", latex=True).splitlines() == [
        r"l_{1} = \operatorname{relu}(l_{0} W_{0})",
        r"l_{2} = l_{1} W_{1}",
    ]
    # two-digit subscripts must stay grouped: l_{10}, not l_10 (which reads as l_1 0)
    deep = Network.random([1] * 12)
    assert render(deep, latex=True).startswith("l_{11} = ")
    assert r"W_{10}" in render(deep, latex=True)


def test_shapes_in_steps_and_chained_forms():
    net = Network.random([3, 4, 1])
    assert render(net, "steps", shapes=True).splitlines() == [
        "l_0 (1×3) W_0 (3×4) → l_1 (1×4)",
        "l_1 (1×4) W_1 (4×1) → l_2 (1×1)",
    ]
    assert render(net, shapes=True) == "l_0 (1×3) W_0 (3×4) W_1 (4×1) → l_2 (1×1)"
    assert render(net, "steps", latex=True, shapes=True).splitlines()[0] == (
        r"l_{0}\ (1 \times 3) \; W_{0}\ (3 \times 4) \to l_{1}\ (1 \times 4)"
    )


def test_words_for_the_chapter_network():
    table = words(Network.random([3, 4, 1]))
    assert table == [
        ("l_0 W_0", "layer 0 times weight matrix 0: each of its 4 columns makes one weighted sum"),
        ("l_1 W_1", "layer 1 times weight matrix 1: its single column makes one weighted sum"),
        (
            "l_1 = relu(l_0 W_0)",
            "layer 1 is layer 0 times weight matrix 0, then relu sets each negative sum to 0",
        ),
        (
            "l_2 = l_1 W_1",
            "layer 2, the prediction, is layer 1 times weight matrix 1 (no relu on the output)",
        ),
        (
            "l_2 = relu(l_0 W_0) W_1",
            "the whole forward pass at once: each equation substituted into the next",
        ),
    ]


def test_words_without_hidden_layer_has_no_repeated_chain():
    assert [algebra for algebra, _ in words(Network.random([3, 1]))] == ["l_0 W_0", "l_1 = l_0 W_0"]


def test_words_in_latex():
    table = words(Network.random([3, 4, 1]), latex=True)
    assert table[2][0] == r"l_{1} = \operatorname{relu}(l_{0} W_{0})"
    assert table[2][1] == words(Network.random([3, 4, 1]))[2][1]


def test_bad_form_lists_the_allowed_forms():
    with pytest.raises(ValueError, match=r"^form must be one of 'chained', 'steps'; got 'tree'$"):
        render(Network.random([3, 1]), "tree")


def test_only_networks_are_written():
    with pytest.raises(TypeError, match="expected a Network, got list"):
        words([[1.0]])
    with pytest.raises(TypeError, match="layer 0 width must be a whole number, got list"):
        render([[1.0]])


@pytest.mark.parametrize("form", ["chained", "steps"])
def test_widths_alone_write_the_same_letters(form):
    net = Network.random([3, 4, 4, 1])
    for shapes in (False, True):
        assert render([3, 4, 4, 1], form, shapes=shapes) == render(net, form, shapes=shapes)
    # no weights are drawn, so a network too big to hold is still written
    assert render([10**8, 10**8], form) == "l_1 = l_0 W_0"


def test_every_latex_form_renders_in_the_vendored_katex():
    node = shutil.which("node")
    assert node, "node is needed to check the LaTeX against docs/assets/katex"
    expressions = []
    for widths in ([3, 1], [3, 4, 1], [3, 4, 4, 1], [2, 3, 4, 5, 6, 7, 8], [1] * 12):
        net = Network.random(widths)
        for form in ("chained", "steps"):
            for shapes in (False, True):
                expressions += render(net, form, latex=True, shapes=shapes).splitlines()
        expressions += [algebra for algebra, _ in words(net, latex=True)]
    script = (
        f"const katex = require({json.dumps(str(KATEX))});"
        "const lines = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "for (const l of lines) katex.renderToString(l, {throwOnError: true});"
        "console.log(lines.length);"
    )
    done = subprocess.run(
        [node, "-e", script],
        input=json.dumps(expressions),
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(len(expressions))
