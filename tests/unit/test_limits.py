"""Numbers and sizes at the edge: refused in one line before any work, never numpy's warning."""

import math
import subprocess
import sys

import numpy as np
import pytest

from picturenn import Network
from picturenn._checks import MAX_WEIGHTS
from picturenn.datasets import streetlight


@pytest.mark.parametrize(
    ("widths", "says"),
    [
        ([10**6, 10**6], "W_0 alone is 1000000×1000000, 8 TB"),
        ([30000, 30000], "900,000,000 weights"),
        ([3, 10**5, 10**4], "W_1 alone is 100000×10000"),
        ([2**40, 2**40, 1], "W_0 alone"),  # beyond what numpy can even shape
    ],
)
def test_random_refuses_too_many_weights_in_one_line(widths, says):
    with pytest.raises(ValueError, match=r"^Network\.random: a [\d-]+ network has") as info:
        Network.random(widths, seed=1)
    message = str(info.value)
    assert says in message
    assert f"the limit is {MAX_WEIGHTS:,} weights" in message
    assert "\n" not in message


def test_random_at_the_limit_holds_only_its_own_memory():
    # peak memory of a fresh process drawing 10000×10000 (800 MB): no 2× temporary
    probe = (
        "import resource; from picturenn import Network\n"
        "base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "net = Network.random([10000, 10000], seed=1)\n"
        "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    grown_kb = int(done.stdout)
    assert grown_kb * 1024 < 1.15 * 800_000_000, f"grew {grown_kb / 1e6:.2f} GB"


@pytest.mark.parametrize("seed", [0, 1, 7, 2**32 - 1])
def test_random_keeps_the_books_bits(seed):
    state = np.random.RandomState(seed)
    book = [2 * state.random_sample(shape) - 1 for shape in [(5, 7), (7, 3), (3, 1)]]
    net = Network.random([5, 7, 3, 1], seed=seed)
    assert [w.tobytes() for w in net.weights] == [w.tobytes() for w in book]


def test_train_stops_at_the_first_non_finite_error():
    lights, walk = streetlight()
    errors = Network.random([3, 4, 1], seed=1).train(lights, walk, alpha=1e300, iterations=10**6)
    assert not math.isfinite(errors[-1])
    assert all(math.isfinite(e) for e in errors[:-1])
    assert len(errors) < 10


@pytest.mark.parametrize("iterations", [np.int64(2), np.int32(2), np.uint8(2)])
def test_train_takes_numpy_whole_numbers(iterations):
    lights, walk = streetlight()
    expected = Network.random([3, 4, 1], seed=1).train(lights, walk, iterations=2)
    assert Network.random([3, 4, 1], seed=1).train(lights, walk, iterations=iterations) == expected


@pytest.mark.parametrize("alpha", [-0.2, -1e-9, np.float64(-1)])
def test_a_negative_alpha_is_refused_for_what_it_is(alpha):
    with pytest.raises(ValueError, match=r"^alpha must be 0 or more.*error grows instead"):
        Network.random([3, 4, 1], seed=1).train(*streetlight(), alpha=alpha)


OVERFLOWING = [
    (lambda: Network([[[1e300]], [[1e10]]]).forward([1.0]), "l_2"),
    (lambda: Network([[[1e300]], [[1e10]]]).forward(np.array([1.0])), "l_2"),
    (lambda: Network([[[1e300]], [[1e10]]]).forward(np.ones((3, 1))), "l_2"),
    (lambda: Network([[[1e300]], [[1e10]]]).trace([1.0]), "l_2"),
    (lambda: Network([[[1e300, -1e300]], [[1e10], [1e10]]]).trace([1.0]), "l_2"),
    (lambda: Network([[[1e300]], [[1e10]]]).backprop([1.0], [0.0]), "l_2"),
    (lambda: Network([[[1e200]]]).backprop([1.0], [0.0]), "δ_0"),  # δ_1 · W_0ᵀ = 1e400
    (lambda: Network([[[1e160]], [[1e-10]]]).backprop([1.0], [0.0]), "the gradient of W_1"),
]


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize(("call", "names"), OVERFLOWING)
def test_an_overflow_is_named_in_one_line_without_a_warning(call, names):
    with pytest.raises(ValueError, match=r"^the values overflowed: ") as info:
        call()
    assert names in str(info.value)


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("x", [[1e308, 1, 1], [1e200] * 3, [-1.7e308] * 3])
def test_huge_but_representable_inputs_compute_without_a_warning(x):
    net = Network.random([3, 4, 1], seed=1)
    with np.errstate(all="ignore"):
        w0, w1 = net.weights
        expected = ((np.dot(x, w0) > 0) * np.dot(x, w0)).dot(w1)
    if np.isfinite(expected).all() and np.isfinite(np.dot(x, w0)).all():
        assert np.array_equal(net.forward(np.array(x, dtype=float)), expected)
    else:  # a weighted sum passed the float range: said so, not warned
        with pytest.raises(ValueError, match=r"^the values overflowed: l_1 "):
            net.forward(np.array(x, dtype=float))


@pytest.mark.filterwarnings("error")
@pytest.mark.parametrize("width", [3, 40])  # math.hypot guards the short, a scaled dot the long
@pytest.mark.parametrize("scale", [1.0, 1e-300, 1e100, 1e150, 1e200, 1.7e308])
def test_the_fast_path_and_the_checked_path_agree(width, scale):
    net = Network.random([width, 5, 2], seed=3)
    x = np.random.default_rng(width).uniform(-1, 1, width) * scale
    with np.errstate(all="ignore"):
        hidden = x.dot(net.weights[0])
        expected = ((hidden > 0) * hidden).dot(net.weights[1])
    if np.isfinite(expected).all():
        assert net.forward(x).tobytes() == expected.tobytes()  # the fast path
        assert net.forward(x.tolist()).tobytes() == expected.tobytes()  # the checked path
    else:
        for given in (x, x.tolist()):
            with pytest.raises(ValueError, match=r"^the values overflowed: l_"):
                net.forward(given)
