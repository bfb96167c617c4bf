"""Property tests: for any architecture, the algebra, the code and forward() say the same thing."""

import contextlib
import io
import re

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from picturenn import Network, algebra, code, relu
from picturenn.algebra import words

# depth 1–6 weight matrices, widths 1–10, as the issue asks
widths_strategy = st.lists(st.integers(1, 10), min_size=2, max_size=7)
seeds = st.integers(0, 2**32 - 1)
values = st.floats(-10, 10, allow_nan=False, allow_infinity=False)
quick = settings(max_examples=50, deadline=None)


@st.composite
def seeded_network_and_input(draw):
    """A seeded network, its seed, and an input for it: one vector, or a few rows."""
    widths, seed = draw(widths_strategy), draw(seeds)
    net = Network.random(widths, seed=seed)
    shape = draw(st.sampled_from([(widths[0],), (draw(st.integers(1, 4)), widths[0])]))
    return net, seed, draw(arrays(np.float64, shape, elements=values))


network_and_input = seeded_network_and_input().map(lambda case: (case[0], case[2]))


def _namespace(net, x):
    """What the book's code expects to find: relu, layer_0 and weights_k_(k+1)."""
    names = {"relu": relu, "layer_0": x}
    names.update({f"weights_{k}_{k + 1}": w for k, w in enumerate(net.weights)})
    return names


@quick
@given(network_and_input)
def test_oneliner_and_steps_compute_forward_exactly(case):
    net, x = case
    last = f"layer_{len(net.weights)}"
    for form in ("oneliner", "steps"):
        names = _namespace(net, x)
        exec(code.render(net, form), names)
        assert np.array_equal(names[last], net.forward(x)), form


@quick
@given(network_and_input)
def test_standalone_script_prints_what_forward_prints(case):
    net, x = case
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code.render(net, "standalone", x=x), {})
    assert printed.getvalue() == f"{net.forward(x)}\n"


@quick
@given(seeded_network_and_input())
def test_seeded_standalone_script_prints_what_forward_prints(case):
    net, seed, x = case
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        exec(code.render(net, "standalone", x=x, seed=seed), {})
    assert printed.getvalue() == f"{net.forward(x)}\n"


@quick
@given(widths_strategy)
def test_algebra_names_every_matrix_and_layer_in_order(widths):
    net = Network.random(widths)
    depth = len(net.weights)
    matrices = [str(k) for k in range(depth)]
    for latex, pattern in ((False, r"{}_(\d+)"), (True, r"{}_\{{(\d+)\}}")):
        chained = algebra.render(net, latex=latex)
        assert re.findall(pattern.format("W"), chained) == matrices
        assert re.findall(pattern.format("l"), chained) == [str(depth), "0"]
        steps = algebra.render(net, "steps", latex=latex).splitlines()
        assert len(steps) == depth
        for k, line in enumerate(steps):
            assert re.findall(pattern.format("W"), line) == [str(k)]
            assert re.findall(pattern.format("l"), line) == [str(k + 1), str(k)]
        # relu on every hidden layer, never on the output
        assert chained.count("relu") == depth - 1


@quick
@given(widths_strategy)
def test_shapes_are_the_weight_shapes(widths):
    net = Network.random(widths)
    lines = algebra.render(net, "steps", shapes=True).splitlines()
    for k, (line, w) in enumerate(zip(lines, net.weights, strict=True)):
        rows, cols = w.shape
        assert line == f"l_{k} (1×{rows}) W_{k} ({rows}×{cols}) → l_{k + 1} (1×{cols})"


def _algebra_to_code(letters: str) -> str:
    """Read the letters back as the book's Python: l_k -> layer_k, ' W_k' -> .dot(weights_k_k+1)."""
    python = re.sub(r" W_(\d+)", lambda m: f".dot(weights_{m[1]}_{int(m[1]) + 1})", letters)
    return re.sub(r"l_(\d+)", r"layer_\1", python)


@quick
@given(widths_strategy)
def test_algebra_read_as_python_is_the_code(widths):
    net = Network.random(widths)
    assert _algebra_to_code(algebra.render(net)) == code.render(net)
    assert _algebra_to_code(algebra.render(net, "steps")) == code.render(net, "steps")


@quick
@given(widths_strategy)
def test_words_table_follows_depth(widths):
    net = Network.random(widths)
    depth = len(net.weights)
    table = words(net)
    pieces = [piece for piece, _ in table]
    assert len(table) == (2 * depth + 1 if depth > 1 else 2)
    assert pieces[:depth] == [f"l_{k} W_{k}" for k in range(depth)]
    assert pieces[depth : 2 * depth] == algebra.render(net, "steps").splitlines()
    assert pieces[-1] == algebra.render(net)
    for k, (_, reading) in enumerate(table[:depth]):
        assert reading.startswith(f"layer {k} times weight matrix {k}: ")
        assert f" {widths[k + 1]} columns " in reading or widths[k + 1] == 1
    assert "prediction" in table[2 * depth - 1][1]
    assert len({reading for _, reading in table}) == len(table)
