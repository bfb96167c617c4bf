"""The core against hand-written numpy: shapes, forward, trace, backprop, the book's run."""

import itertools

import numpy as np
import pytest

from picturenn import Network
from picturenn.datasets import streetlight
from tests import book
from tests.book import BOOK_PRINTED


def book_run() -> list[float]:
    """The book's loop (tests/book.py), its weights drawn from numpy's global seed."""
    np.random.seed(1)
    streetlights = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1]])
    walk_vs_stop = np.array([[1, 1, 0, 0]]).T
    return book.book_run(streetlights, walk_vs_stop, np.random.random)


@pytest.fixture
def restore_global_random():
    state = np.random.get_state()
    yield
    np.random.set_state(state)


@pytest.mark.usefixtures("restore_global_random")
def test_train_reproduces_the_book_bit_for_bit():
    net = Network.random([3, 4, 1], seed=1)
    errors = net.train(*streetlight(), alpha=0.2, iterations=60)
    assert len(errors) == 60
    assert errors[9::10] == book_run()  # exact float equality, not approx
    assert [f"Error:{e:.12g}" for e in errors[9::10]] == BOOK_PRINTED


def test_train_accepts_plain_lists_like_the_book():
    net = Network.random([3, 4, 1], seed=1)
    errors = net.train([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1]], [1, 1, 0, 0])
    assert f"{errors[59]:.12g}" == "1.50556226651e-05"


@pytest.mark.usefixtures("restore_global_random")
def test_random_matches_global_seed_and_leaves_global_state_alone():
    np.random.seed(123)
    before = np.random.get_state()[1].copy()
    net = Network.random([3, 4, 1], seed=1)
    assert np.array_equal(np.random.get_state()[1], before)
    np.random.seed(1)
    w0 = 2 * np.random.random((3, 4)) - 1
    w1 = 2 * np.random.random((4, 1)) - 1
    assert np.array_equal(net.weights[0], w0)
    assert np.array_equal(net.weights[1], w1)


def test_random_is_deterministic_and_seed_sensitive():
    a, b, c = (Network.random([5, 3, 2], seed=s) for s in (7, 7, 8))
    assert all(np.array_equal(x, y) for x, y in zip(a.weights, b.weights, strict=False))
    assert not np.array_equal(a.weights[0], c.weights[0])


@pytest.mark.parametrize("widths", [[3, 1], [3, 4, 1], [2, 5, 5, 3], [7, 1, 6, 2, 4]])
def test_shapes_follow_the_widths(widths):
    net = Network.random(widths, seed=0)
    assert net.widths == widths
    assert [w.shape for w in net.weights] == list(itertools.pairwise(widths))


@pytest.mark.parametrize("seed", range(5))
def test_forward_equals_hand_written_numpy(seed):
    rng = np.random.default_rng(seed)
    widths = list(rng.integers(1, 8, size=rng.integers(2, 6)))
    net = Network.random([int(w) for w in widths], seed=seed)
    batch = rng.normal(size=(6, widths[0]))
    expected = batch
    for k, w in enumerate(net.weights):
        expected = expected.dot(w)
        if k < len(net.weights) - 1:
            expected = np.maximum(expected, 0)
    assert np.allclose(net.forward(batch), expected, rtol=0, atol=1e-12)
    assert net.forward(batch[0]).shape == (widths[-1],)
    assert np.array_equal(net.forward(batch[0]), net.forward(batch[:1])[0])


def test_forward_is_the_books_one_liner():
    net = Network.random([3, 4, 1], seed=1)
    layer_0 = np.array([1.0, 0, 1])
    weights_0_1, weights_1_2 = net.weights
    expected = ((layer_0.dot(weights_0_1) > 0) * layer_0.dot(weights_0_1)).dot(weights_1_2)
    assert np.array_equal(net.forward(layer_0), expected)


def test_trace_keeps_sums_and_relu_layers():
    net = Network([[[1.0, -1.0]], [[2.0], [3.0]]])
    trace = net.trace([2.0])
    assert trace.sums[0].tolist() == [[2.0, -2.0]]
    assert trace.layers[1].tolist() == [[2.0, 0.0]]
    assert trace.layers[2].tolist() == [[4.0]]
    assert trace.layers[0].tolist() == [[2.0]]


def test_backprop_deltas_are_what_each_layer_should_be():
    net = Network([[[1.0, -1.0]], [[2.0], [3.0]]])
    bp = net.backprop([2.0], [1.0])
    assert bp.error == 9.0  # prediction 4, goal 1
    assert bp.deltas[2].tolist() == [[3.0]]
    # the output delta goes back through W_1, gated where relu passed nothing
    assert bp.deltas[1].tolist() == [[6.0, 0.0]]
    assert bp.gradients[1].tolist() == [[6.0], [0.0]]
    assert bp.gradients[0].tolist() == [[12.0, 0.0]]


def test_backprop_does_not_change_weights():
    net = Network.random([3, 4, 1], seed=1)
    before = [w.copy() for w in net.weights]
    net.backprop([1, 0, 1], [1])
    assert all(np.array_equal(a, b) for a, b in zip(before, net.weights, strict=False))


def test_weights_are_read_only_views_that_follow_training():
    net = Network.random([3, 4, 1], seed=1)
    w0 = net.weights[0]
    with pytest.raises(ValueError, match="read-only"):
        w0[0, 0] = 5
    first = w0.copy()
    net.train(*streetlight(), iterations=1)
    assert not np.array_equal(first, w0)


def test_network_copies_the_matrices_it_is_given():
    w0 = np.ones((2, 2))
    net = Network([w0])
    w0[0, 0] = 9
    assert net.weights[0][0, 0] == 1


def test_divergent_alpha_reports_growing_error_not_a_crash():
    net = Network.random([3, 1], seed=1)
    errors = net.train(*streetlight(), alpha=5, iterations=300)
    assert errors[40] > 1e200  # overshooting: each step lands further away
    assert errors[-1] == np.inf or np.isnan(errors[-1])


def test_repr_names_the_widths():
    assert repr(Network.random([3, 4, 1])) == "<Network widths=[3, 4, 1]>"
