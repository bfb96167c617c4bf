"""The code view: the book's one-liner, one line per layer, and a script that runs as pasted."""

import subprocess
import sys

import numpy as np
import pytest

from picturenn import Network
from picturenn.code import example_input, render
from picturenn.datasets import streetlight


@pytest.mark.parametrize(
    ("widths", "oneliner"),
    [
        ([3, 1], "layer_1 = layer_0.dot(weights_0_1)"),
        ([3, 4, 1], "layer_2 = relu(layer_0.dot(weights_0_1)).dot(weights_1_2)"),
        (
            [3, 4, 4, 1],
            "layer_3 = relu(relu(layer_0.dot(weights_0_1)).dot(weights_1_2)).dot(weights_2_3)",
        ),
    ],
)
def test_oneliner(widths, oneliner):
    net = Network.random(widths)
    assert render(net) == oneliner
    assert render(net) == oneliner


def test_steps_form_is_one_line_per_layer():
    assert render(Network.random([3, 4, 4, 1]), "steps").splitlines() == [
        "layer_1 = relu(layer_0.dot(weights_0_1))",
        "layer_2 = relu(layer_1.dot(weights_1_2))",
        "layer_3 = layer_2.dot(weights_2_3)",
    ]


def test_standalone_for_the_chapter_network():
    script = render(Network.random([3, 4, 1], seed=1), "standalone")
    assert script == (
        "# A 3-4-1 network written out by picturenn: paste it into Python and run it.\n"
        "import numpy as np\n"
        "\n"
        "\n"
        "def relu(x):\n"
        "    return (x > 0) * x\n"
        "\n"
        "\n"
        "weights_0_1 = np.array([\n"
        "    [-0.165955990594852, 0.4406489868843162, -0.9997712503653102, -0.39533485473632046],\n"
        "    [-0.7064882183657739, -0.8153228104624044, "
        "-0.6274795772446582, -0.3088785459139045],\n"
        "    [-0.20646505153866013, 0.07763346800671389, -0.1616109711934104, 0.370439000793519],\n"
        "])\n"
        "weights_1_2 = np.array([\n"
        "    [-0.5910955005369651],\n"
        "    [0.7562348727818908],\n"
        "    [-0.9452248136041477],\n"
        "    [0.34093502035680445],\n"
        "])\n"
        "\n"
        "layer_0 = np.array([1.0, 0.0, 1.0])  # one input, 3 values\n"
        "layer_1 = relu(layer_0.dot(weights_0_1))\n"
        "layer_2 = layer_1.dot(weights_1_2)\n"
        "print(layer_2)\n"
    )


def test_seeded_standalone_draws_the_weights_instead_of_writing_them():
    net = Network.random([784, 100, 10], seed=1)
    script = render(net, "standalone", seed=1)
    assert "random = np.random.RandomState(1)  # the book's np.random.seed(1)" in script
    assert "weights_0_1 = 2 * random.random_sample((784, 100)) - 1" in script
    assert "layer_0 = np.full(784, 1.0)  # one input, 784 values" in script
    assert len(script.splitlines()) < 20


def test_seeded_standalone_refuses_weights_that_are_not_the_seeds():
    trained = Network.random([3, 4, 1], seed=1)
    trained.train([[1, 0, 1]], [1], iterations=1)
    with pytest.raises(
        ValueError, match=r"^these weights are not Network.random\(\[3, 4, 1\], seed=1\)'s"
    ):
        render(trained, "standalone", seed=1)
    with pytest.raises(ValueError, match=r"^seed is only used by form='standalone'"):
        render(trained, "steps", seed=1)


def _trained(widths):
    """A network whose weights are arbitrary floats, not the seed's round numbers."""
    net = Network.random(widths, seed=3)
    rng = np.random.default_rng(0)
    inputs = rng.standard_normal((6, widths[0]))
    net.train(inputs, rng.standard_normal((6, widths[-1])), alpha=0.01, iterations=5)
    return net, inputs


@pytest.mark.parametrize("widths", [[3, 4, 1], [3, 1], [2, 5, 3, 2], [4, 6, 6, 6, 3]])
def test_standalone_script_runs_as_pasted_and_prints_forward(widths):
    net, inputs = _trained(widths)
    for x in (None, inputs[0], inputs[:3]):
        script = render(net, "standalone", x=x)
        done = subprocess.run(
            [sys.executable, "-c", script], capture_output=True, text=True, check=True
        )
        expected = net.forward(example_input(net) if x is None else x)
        assert done.stdout == f"{expected}\n"
        assert done.stderr == ""


def _diverged(kind):
    """Weights that training blew up: to -inf from the edge of float range, or to NaN."""
    if kind == "inf":
        net = Network([[[1e308], [1e308], [1e308]]])
        net.train([[1, 1, 1]], [[0]], alpha=0.2, iterations=1)
    else:
        net = Network.random([3, 1], seed=1)
        # far too big a step (chapter 4); train stops at the first non-finite error, so
        # it is called once per iteration to carry on, as a learner's own loop would
        for _ in range(100):
            net.train(*streetlight(), alpha=10, iterations=1)
    return net


@pytest.mark.parametrize(("kind", "literal"), [("inf", "-np.inf"), ("nan", "np.nan")])
def test_standalone_writes_diverged_weights_as_names(kind, literal):
    net = _diverged(kind)
    script = render(net, "standalone")
    assert literal in script
    done = subprocess.run(
        [sys.executable, "-W", "ignore", "-c", script], capture_output=True, text=True, check=True
    )
    with np.errstate(all="ignore"):  # forward refuses such weights; the script just prints
        assert done.stdout == f"{np.array([1.0, 0.0, 1.0]).dot(net.weights[0])}\n"


def test_standalone_without_hidden_layers_skips_relu():
    script = render(Network.random([2, 1]), "standalone")
    assert "relu" not in script
    assert "layer_0 = np.array([1.0, 1.0])  # one input, 2 values" in script


def test_standalone_batch_input_keeps_its_rows():
    script = render(Network.random([3, 4, 1]), "standalone", x=[[1, 0, 1]])
    assert "layer_0 = np.array([[1.0, 0.0, 1.0]])  # 1 input row, 1×3" in script


def test_example_input():
    assert example_input(Network.random([3, 4, 1])).tolist() == [1.0, 0.0, 1.0]
    assert example_input(Network.random([5, 2])).tolist() == [1.0] * 5


@pytest.mark.parametrize(
    ("x", "error", "message"),
    [
        ([1, 0], ValueError, "the input has 2 values per row but layer 0 (l_0) has 3"),
        ([1, 0, np.nan], ValueError, "the input contains NaN or infinite values"),
        ("101", TypeError, "the input must be numbers, got a string"),
    ],
)
def test_bad_input_fails_like_forward(x, error, message):
    net = Network.random([3, 4, 1])
    with pytest.raises(error) as from_forward:
        net.forward(x)
    with pytest.raises(error) as from_code:
        render(net, "standalone", x=x)
    assert str(from_code.value) == str(from_forward.value) == message


def test_bad_form_lists_the_allowed_forms():
    with pytest.raises(
        ValueError, match=r"^form must be one of 'oneliner', 'steps', 'standalone'; got 'java'$"
    ):
        render(Network.random([3, 1]), "java")


@pytest.mark.parametrize("form", ["oneliner", "steps"])
def test_input_is_refused_where_it_would_be_ignored(form):
    with pytest.raises(ValueError, match="x is only used by form='standalone'"):
        render(Network.random([3, 1]), form, x=[1, 0, 1])


def test_widths_alone_write_every_form_that_needs_no_weight_values():
    net = Network.random([784, 100, 10], seed=3)
    for form in ("oneliner", "steps"):
        assert render([784, 100, 10], form) == render(net, form)
    assert render([784, 100, 10], "standalone", seed=3) == render(net, "standalone", seed=3)
    with pytest.raises(ValueError, match="writes every weight out: it needs a Network, or a seed"):
        render([3, 4, 1], "standalone")
