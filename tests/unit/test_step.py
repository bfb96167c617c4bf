"""Network.step: one row of the book's loop, which a learner can write out by hand."""

import contextlib
import io

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from picturenn import Network
from picturenn.datasets import streetlight
from tests.book import BOOK_PRINTED


def hand_loop(net: Network, lights, walk, alpha: float, iterations: int) -> list[float]:
    """The book's loop over `step`, summing each row's error as train does."""
    errors = []
    for _ in range(iterations):
        error = 0.0
        for i in range(len(lights)):
            error += net.step(lights[i], walk[i], alpha=alpha).error
        errors.append(error)
    return errors


def test_a_hand_loop_of_step_prints_the_books_six_lines():
    lights, walk = streetlight()
    net = Network.random([3, 4, 1], seed=1)
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        for iteration, error in enumerate(hand_loop(net, lights, walk, 0.2, 60)):
            if iteration % 10 == 9:
                print(f"Error:{error:.12g}")
    assert out.getvalue().splitlines() == BOOK_PRINTED


@settings(max_examples=40, deadline=None)
@given(
    widths=st.lists(st.integers(1, 5), min_size=2, max_size=4),
    seed=st.integers(0, 2**32 - 1),
    alpha=st.sampled_from([0.0, 0.01, 0.2, 1.0, 3.0]),
    rows=st.integers(1, 4),
)
def test_step_is_train_bit_for_bit(widths, seed, alpha, rows):
    rng = np.random.default_rng(seed)
    inputs = rng.standard_normal((rows, widths[0]))
    goals = rng.standard_normal((rows, widths[-1]))
    by_train, by_step = Network.random(widths, seed=seed), Network.random(widths, seed=seed)
    errors = by_train.train(inputs, goals, alpha=alpha, iterations=5)
    by_hand = hand_loop(by_step, inputs, goals, alpha, len(errors))
    assert np.array(by_hand).tobytes() == np.array(errors).tobytes()  # nan where train had nan
    for a, b in zip(by_train.weights, by_step.weights, strict=True):
        assert a.tobytes() == b.tobytes()  # exact bits, -0.0 and all


def test_step_returns_the_backprop_from_before_its_update():
    net = Network.random([3, 4, 1], seed=1)
    before = [w.copy() for w in net.weights]
    expected = net.backprop([1, 0, 1], [1])
    bp = net.step([1, 0, 1], [1], alpha=0.2)
    for got, want in zip(
        bp.deltas + bp.gradients, expected.deltas + expected.gradients, strict=True
    ):
        assert np.array_equal(got, want)
    assert bp.error == expected.error
    assert len(bp.deltas) == 3  # the input's delta too
    for w, old, gradient in zip(net.weights, before, bp.gradients, strict=True):
        np.testing.assert_allclose(w, old - 0.2 * gradient)  # the change is −alpha·gradient


def test_the_books_signs_give_the_same_update():
    # the book: delta = goal - prediction and weights += alpha * ...; ours flips both signs
    net = Network.random([3, 4, 1], seed=1)
    w0, w1 = (w.copy() for w in net.weights)
    layer_0 = np.array([[1.0, 0.0, 1.0]])
    layer_1 = (layer_0.dot(w0) > 0) * layer_0.dot(w0)
    layer_2_delta = np.array([[1.0]]) - layer_1.dot(w1)
    layer_1_delta = layer_2_delta.dot(w1.T) * (layer_1 > 0)
    w1 += 0.2 * layer_1.T.dot(layer_2_delta)
    w0 += 0.2 * layer_0.T.dot(layer_1_delta)
    bp = net.step([1, 0, 1], [1])
    assert bp.deltas[2][0, 0] == -layer_2_delta[0, 0]
    assert np.array_equal(net.weights[0], w0)
    assert np.array_equal(net.weights[1], w1)


def test_step_checks_like_train():
    net = Network.random([3, 4, 1], seed=1)
    with pytest.raises(ValueError, match=r"^alpha must be 0 or more"):
        net.step([1, 0, 1], [1], alpha=-0.1)
    with pytest.raises(ValueError, match=r"^the goal has 2 values but the output layer l_2 has 1$"):
        net.step([1, 0, 1], [1, 2])
    assert np.array_equal(net.weights[0], Network.random([3, 4, 1], seed=1).weights[0])


def test_a_diverging_step_reports_nan_and_forward_then_names_the_matrix():
    net = Network.random([3, 4, 1], seed=1)
    errors = [net.step([1, 0, 1], [1], alpha=1e300).error for _ in range(3)]
    assert not np.isfinite(errors[-1])
    with pytest.raises(ValueError, match=r"^W_\d holds NaN or infinite values: training diverged"):
        net.forward([1, 0, 1])
