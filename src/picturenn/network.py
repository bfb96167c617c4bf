"""The network itself: weights, forward pass, trace and the book's training.

This is the core every view (pictures, algebra, code) reads. It depends on
numpy only and imports no view.
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np

from picturenn._checks import (
    as_float_array,
    as_rows,
    check_seed,
    check_size,
    check_width,
    explain_diverged,
    explain_overflow,
    shape_str,
    shown,
)

if TYPE_CHECKING:  # numpy.typing costs a millisecond of import time; annotations are strings
    from numpy.typing import ArrayLike, NDArray

_FLOAT = np.dtype(np.float64)
# forward's unchecked path is taken only while ‖x‖² · gain² stays below _SAFE: no sum
# inside can then come near the float range, so nothing overflows (see _work_out_gain).
# ‖x‖ must be taken without overflowing where x.dot(x) would (and warn): math.hypot
# for a short vector (the fastest way there), else x scaled by 2**-600 (exact: a power
# of two) dotted with itself.
_SAFE = 1e280
_SHORT = 32  # up to this many inputs, hypot beats the scaled dot
_SCALE = 2.0**-600
_SCALED_SAFE = _SAFE * _SCALE * _SCALE  # about 5e-82: ‖x · _SCALE‖² · gain² must stay below it


def relu(x: ArrayLike) -> NDArray[np.float64]:
    """Set every negative value to 0, written exactly as the book writes it.

    >>> import numpy as np
    >>> from picturenn import relu
    >>> relu(np.array([-1.0, 0.5]))
    array([-0. ,  0.5])
    >>> relu([2, -3])
    array([ 2., -0.])
    """
    return _relu(_numbers(x, "relu"))


def relu2deriv(output: ArrayLike) -> NDArray[np.bool_]:
    """Slope of relu, read off its *output*: 1 where it passed signal, else 0.

    >>> import numpy as np
    >>> from picturenn import relu2deriv
    >>> relu2deriv(np.array([0.0, 0.5]))
    array([False,  True])
    """
    return _relu2deriv(_numbers(output, "relu2deriv"))


def _relu(x: np.ndarray) -> np.ndarray:
    return (x > 0) * x  # the book's relu, on arrays known to hold numbers (the hot path)


def _relu2deriv(output: np.ndarray) -> np.ndarray:
    return output > 0


def _numbers(x: object, who: str) -> np.ndarray:
    """A numeric array as it is (its bits untouched), or anything else checked into floats."""
    if isinstance(x, np.ndarray) and x.dtype.kind in "biuf":
        return x
    return as_float_array(x, f"{who}'s input")


@dataclass(frozen=True)
class Trace:
    """Every layer of one forward pass.

    ``layers[k]`` is l_k (``layers[0]`` is the input, ``layers[-1]`` the
    prediction); ``sums[k]`` is the weighted sum l_k W_k *before* relu, the
    values that flow into layer k+1.

    >>> from picturenn import Network
    >>> t = Network([[[1.0, -1.0]], [[2.0], [3.0]]]).trace([2.0])
    >>> t.sums[0].tolist(), t.layers[1].tolist()
    ([[2.0, -2.0]], [[2.0, 0.0]])
    """

    layers: list[np.ndarray]
    sums: list[np.ndarray]


@dataclass(frozen=True)
class Backprop:
    """What one backward pass works out, without changing any weight.

    ``deltas[k]`` is layer k's delta: how far l_k is from what the layers above
    say it *should* be (``deltas[0]``, the input's, is shown but never used).
    The output's delta is the prediction minus the goal, so a prediction that
    is too small has a negative delta. ``gradients[k]`` is l_kᵀ · delta_(k+1):
    one step changes W_k by −alpha · ``gradients[k]``
    (``W_k -= alpha * gradients[k]``). ``error`` is the squared error of the
    prediction.

    The book's chapter 6 code writes the opposite sign, ``goal - prediction``,
    and *adds* ``alpha * layerᵀ · delta``. Both flip the same two signs, so the
    update, and every number training prints, is the same. We keep prediction
    minus goal because it is the slope of the error (the derivative of
    (prediction − goal)² is 2 · (prediction − goal)), so a weight always moves
    *against* its gradient, as gradient descent is written everywhere else.

    >>> from picturenn import Network
    >>> bp = Network([[[1.0, -1.0]], [[2.0], [3.0]]]).backprop([2.0], [1.0])
    >>> bp.error, bp.deltas[2].tolist(), bp.deltas[1].tolist()
    (9.0, [[3.0]], [[6.0, 0.0]])
    """

    trace: Trace
    deltas: list[np.ndarray]
    gradients: list[np.ndarray]
    error: float


class Network:
    """A stack of weight matrices: relu between them, a linear output.

    >>> from picturenn import Network
    >>> net = Network([[[1.0, -1.0]], [[2.0], [3.0]]])
    >>> net.widths
    [1, 2, 1]
    >>> net.forward([2.0])
    array([4.])
    """

    def __init__(self, weights: Sequence[ArrayLike]) -> None:
        """A network from its weight matrices ``[W_0, W_1, ...]``, input side first.

        W_k is the matrix between layer k and layer k+1: one row per value of
        l_k, one column per value of l_(k+1), so each matrix must have as many
        rows as the one before has columns. Each is copied into a float64
        array the network owns: changing your list later changes nothing.
        Relu follows every matrix but the last. To draw random weights the
        way the book does, use [`Network.random`][picturenn.network.Network.random].

        >>> from picturenn import Network
        >>> Network([[[0.5, -1.0, 2.0]], [[1.0], [1.0], [1.0]]]).widths
        [1, 3, 1]
        >>> Network([[[1.0, 2.0]], [[1.0]]])
        Traceback (most recent call last):
        ...
        ValueError: W_1 has 1 rows but layer 1 has 2 values (W_0 is 1×2)
        """
        if isinstance(weights, np.ndarray) or not isinstance(weights, Sequence):
            raise TypeError("weights must be a list of matrices [W_0, W_1, ...]")
        if len(weights) == 0:
            raise ValueError("a network needs at least one weight matrix (W_0)")
        self._adopt([_check_matrix(w, k) for k, w in enumerate(weights)])

    def _adopt(self, weights: list[np.ndarray]) -> None:
        """Take ``weights`` (float64, finite, owned by nobody else) as this network's own."""
        for k in range(1, len(weights)):
            _check_chain(weights[k - 1], weights[k], k)
        self._weights = weights
        # the same arrays, pre-split for the hot paths (training updates them in place)
        self._hidden, self._last = self._weights[:-1], self._weights[-1]
        self._width0 = self._weights[0].shape[0]
        self._vector_shape = (self._width0,)
        self._gain2: float | None = None  # worked out when forward first needs it

    @classmethod
    def random(cls, widths: Sequence[int], seed: int | None = None) -> Network:
        """Draw weights in [-1, 1) exactly as the book does after ``np.random.seed``.

        Uses a private ``RandomState``, so numpy's global random state is untouched.
        At most ``MAX_WEIGHTS`` (100,000,000, 800 MB) weights are drawn; wider
        networks are refused before anything is drawn. The weights cost their
        own memory and no more: each matrix is drawn, doubled and shifted in place.

        >>> from picturenn import Network
        >>> print(Network.random([3, 4, 1], seed=1).weights[0][0, 0].round(4))
        -0.166
        >>> Network.random([10**6, 10**6])
        Traceback (most recent call last):
        ...
        ValueError: Network.random: a 1000000-1000000 network has 1,000,000,000,000 weights \
(W_0 alone is 1000000×1000000, 8 TB); the limit is 100,000,000 weights (800 MB)
        """
        if isinstance(widths, (str, bytes)) or not isinstance(widths, Sequence):
            raise TypeError("widths must be a list of layer sizes, e.g. [3, 4, 1]")
        sizes = [check_width(w, k) for k, w in enumerate(widths)]
        if len(sizes) < 2:
            raise ValueError(f"a network needs at least 2 layers, got widths {list(widths)}")
        check_size(sizes)
        state = np.random.RandomState(check_seed(seed))
        weights = []
        for shape in itertools.pairwise(sizes):
            # the book's 2 * random - 1, in place: the same two roundings, so the same bits,
            # without a second array as big as the first
            w = state.random_sample(shape)
            w *= 2
            w -= 1
            weights.append(w)
        net = cls.__new__(cls)
        net._adopt(weights)
        return net

    @property
    def weights(self) -> list[np.ndarray]:
        """The matrices [W_0, W_1, ...] as read-only views (they follow training).

        >>> from picturenn import Network
        >>> Network.random([3, 4, 1], seed=1).weights[1].shape
        (4, 1)
        """
        views = [w.view() for w in self._weights]
        for view in views:
            view.flags.writeable = False
        return views

    @property
    def widths(self) -> list[int]:
        """Layer sizes, input first: W_k is widths[k] × widths[k+1].

        >>> from picturenn import Network
        >>> Network.random([3, 4, 1]).widths
        [3, 4, 1]
        """
        return [self._weights[0].shape[0]] + [w.shape[1] for w in self._weights]

    def __repr__(self) -> str:
        return f"<Network widths={self.widths}>"

    def forward(self, x: ArrayLike) -> NDArray[np.float64]:
        """Predict: a vector gives a vector, a (k, n) batch gives k rows.

        Values too large for a float (beyond about 1.8e308) are refused in one
        line naming the layer that overflowed, never as numpy's warning.

        >>> from picturenn import Network
        >>> Network.random([3, 4, 1], seed=1).forward([1, 0, 1]).round(4)
        array([0.3919])
        >>> Network([[[1e300]], [[1e10]]]).forward([1.0])
        Traceback (most recent call last):
        ...
        ValueError: the values overflowed: l_2 has values beyond ±1.8e308, the largest a \
float can hold (the input or the weights are too large)
        """
        # The hot path: a float vector of the right width, small enough that nothing
        # inside can overflow (nan/inf make its dot with itself fail the test too),
        # goes straight through. Anything else takes the full, explaining checks first.
        if type(x) is np.ndarray and x.dtype is _FLOAT and x.shape == self._vector_shape:
            gain2 = self._gain2 if self._gain2 is not None else self._work_out_gain()
            # in Python floats, which never warn: 0 · inf is nan, and nan is not < anything
            if self._width0 <= _SHORT:
                norm = math.hypot(*x.tolist())
                safe = norm * norm * gain2 < _SAFE
            else:
                small = x * _SCALE
                safe = float(small.dot(small)) * gain2 < _SCALED_SAFE
            if safe:
                return self._layers(x)[-1]
        elif type(x) is np.ndarray and x.dtype is _FLOAT and x.ndim == 2 and x.size:
            if x.shape[1] == self._width0:
                return self._batch(x)
        rows, was_vector = self._rows(x, "the input")
        return self._checked_layers(rows[0] if was_vector else rows)[-1]

    def _batch(self, x: np.ndarray) -> np.ndarray:
        # an unchecked batch: NaN/inf would poison its output, so check that
        # (far smaller than the input) and only then name the culprit
        with np.errstate(over="ignore", invalid="ignore"):
            out = self._layers(x)[-1]
        if not np.isfinite(out).all():
            self._rows(x, "the input")
            self._checked_layers(x)
        return out

    def _work_out_gain(self) -> float:
        """The largest product of squared Frobenius norms ‖W_0‖²…‖W_k‖² over k.

        Every weighted sum into l_(k+1) is at most ‖l_k‖ · ‖W_k‖ (Cauchy–Schwarz), and
        relu never makes a value bigger, so ‖x‖² times this bounds every sum squared.
        Training changes the weights, so it forgets this and forward works it out again.
        """
        gain2 = product = 1.0
        with np.errstate(over="ignore", invalid="ignore"):  # huge weights: inf, never unsafe
            for w in self._weights:
                flat = w.ravel()
                product *= float(flat.dot(flat))
                gain2 = max(gain2, product)
        self._gain2 = gain2 if math.isfinite(gain2) else math.inf
        return self._gain2

    def _checked_layers(self, rows: np.ndarray) -> list[np.ndarray]:
        """`_layers`, with an overflow explained in one line instead of numpy's warning."""
        with np.errstate(over="ignore", invalid="ignore"):
            layers = self._layers(rows)
        if not np.isfinite(layers[-1]).all():
            explain_diverged(self._weights)
            explain_overflow([(f"l_{k}", layer) for k, layer in enumerate(layers)])
        return layers

    def _layers(self, rows: np.ndarray) -> list[np.ndarray]:
        """The one forward loop: every layer l_0 .. l_L, relu after each matrix but the last."""
        layers = [rows]
        for w in self._hidden:
            layers.append(_relu(layers[-1].dot(w)))
        layers.append(layers[-1].dot(self._last))
        return layers

    def trace(self, x: ArrayLike) -> Trace:
        """Run forward and keep every layer and every pre-relu sum.

        >>> from picturenn import Network
        >>> t = Network.random([3, 4, 1], seed=1).trace([1, 0, 1])
        >>> [layer.shape for layer in t.layers]
        [(1, 3), (1, 4), (1, 1)]
        """
        rows, _ = self._rows(x, "the input")
        return self._trace(self._checked_layers(rows))

    def backprop(self, x: ArrayLike, goal: ArrayLike) -> Backprop:
        """Work out every layer's delta for one input and its goal (no update).

        The output's delta is prediction − goal (the book's code writes
        goal − prediction and adds; see [`Backprop`][picturenn.network.Backprop]).

        >>> from picturenn import Network
        >>> bp = Network.random([3, 4, 1], seed=1).backprop([1, 0, 1], [1])
        >>> [d.shape for d in bp.deltas]
        [(1, 3), (1, 4), (1, 1)]
        >>> print(f"{bp.deltas[2][0, 0]:.4f}")
        -0.6081
        """
        rows, goals = self._pair(x, goal)
        layers = self._checked_layers(rows)
        with np.errstate(over="ignore", invalid="ignore"):
            deltas = self._deltas(layers, goals)
            bp = self._backprop(layers, deltas)
        explain_overflow(
            [(f"δ_{k}", d) for k, d in enumerate(bp.deltas)]
            + [(f"the gradient of W_{k}", g) for k, g in enumerate(bp.gradients)]
            + [("the error (the output's delta squared)", np.array(bp.error))]
        )
        return bp

    def step(self, x: ArrayLike, goal: ArrayLike, alpha: float = 0.2) -> Backprop:
        """One row of the book's loop: forward, every delta, then every weight update.

        For each W_k in order, ``W_k -= alpha * l_kᵀ · delta_(k+1)``, with every
        delta worked out before any weight changes. Returns the
        [`Backprop`][picturenn.network.Backprop] it used, computed *before* the
        update: its trace, its deltas (the input's too), its gradients and the
        row's squared error. A pass of ``step`` over the rows is one iteration
        of [`train`][picturenn.network.Network.train], bit for bit. Like
        ``train``, a step whose numbers overflow does not raise: its error is
        nan or inf (check ``math.isfinite(bp.error)``).

        >>> from picturenn import Network
        >>> from picturenn.datasets import streetlight
        >>> lights, walk = streetlight()
        >>> net = Network.random([3, 4, 1], seed=1)
        >>> for iteration in range(60):
        ...     error = 0.0
        ...     for i in range(len(lights)):
        ...         error += net.step(lights[i], walk[i], alpha=0.2).error
        ...     if iteration % 10 == 9:
        ...         print(f"Error:{error:.12g}")
        Error:0.634231159844
        Error:0.358384076763
        Error:0.0830183113303
        Error:0.0064670549571
        Error:0.000329266900075
        Error:1.50556226651e-05
        """
        alpha = _check_alpha(alpha)
        rows, goals = self._pair(x, goal)
        with np.errstate(over="ignore", invalid="ignore"):  # as in train: divergence is a lesson
            layers = self._layers(rows)
            deltas = self._deltas(layers, goals)
            bp = self._backprop(layers, deltas)
            for w, layer, delta in zip(self._weights, layers, deltas, strict=False):
                w -= alpha * layer.T.dot(delta)  # exactly train's line, on exactly its arrays
        self._gain2 = None  # the weights moved
        return bp

    def train(
        self, inputs: ArrayLike, goals: ArrayLike, alpha: float = 0.2, iterations: int = 60
    ) -> list[float]:
        """Stochastic gradient descent, one row at a time, like chapter 6.

        Returns the summed squared error of each iteration. Too large an alpha
        stops the errors falling, though not always as chapter 4's growth to
        infinity: on the streetlight network an alpha of 2 (or 100) overshoots
        so far that every hidden relu switches off for good, the network
        predicts 0 for every row, and the error sticks at 2; an enormous alpha
        overflows to nan. Training stops at the first iteration whose error is
        nan or infinite: the list ends with that error (a failed run says so at
        once instead of computing nan for the iterations left). Each iteration
        is one pass of [`step`][picturenn.network.Network.step] over the rows.

        >>> from picturenn import Network
        >>> from picturenn.datasets import streetlight
        >>> net = Network.random([3, 4, 1], seed=1)
        >>> errors = net.train(*streetlight(), alpha=0.2, iterations=60)
        >>> print(f"Error:{errors[9]:.12g}")
        Error:0.634231159844
        >>> for alpha in (2, 100, 1e300):
        ...     print(alpha, Network.random([3, 4, 1], seed=1).train(*streetlight(), alpha)[-1])
        2 2.0
        100 2.0
        1e+300 nan
        """
        alpha = _check_alpha(alpha)
        if (
            isinstance(iterations, bool)
            or not isinstance(iterations, numbers.Integral)
            or iterations < 0
        ):
            raise ValueError(f"iterations must be a whole number ≥ 0, got {shown(iterations)}")
        rows, goals = self._pair(inputs, goals)
        self._gain2 = None  # the weights are about to move
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is a lesson, not a crash
            return self._descend(rows, goals, alpha, int(iterations))

    def _descend(
        self, rows: np.ndarray, goals: np.ndarray, alpha: float, iterations: int
    ) -> list[float]:
        # the book's loop: one row at a time, every delta before any update
        weights, layers_of, deltas_of = self._weights, self._layers, self._deltas
        pairs = [(rows[i : i + 1], goals[i : i + 1]) for i in range(len(rows))]  # slice once
        errors = []
        for _ in range(iterations):
            error = 0.0
            for row, goal in pairs:
                layers = layers_of(row)
                deltas = deltas_of(layers, goal)
                # the book's np.sum(x ** 2), without np.sum's Python-level dispatch
                error += (deltas[-1] ** 2).sum()
                for w, layer, delta in zip(weights, layers, deltas, strict=False):
                    w -= alpha * layer.T.dot(delta)
            errors.append(float(error))
            if not math.isfinite(error):
                break  # nan stays nan: every iteration after this one would be wasted
        return errors

    # -- internals ---------------------------------------------------------

    def _rows(self, x: object, what: str) -> tuple[np.ndarray, bool]:
        return as_rows(x, what, self._width0, "layer 0 (l_0)")

    def _pair(self, x: object, goal: object) -> tuple[np.ndarray, np.ndarray]:
        rows, was_vector = self._rows(x, "the input")
        out = self.widths[-1]
        name = f"the output layer l_{len(self._weights)}"
        goals = as_float_array(goal, "the goal")
        if goals.ndim == 1 and out == 1 and not was_vector:
            goals = goals[:, np.newaxis]  # walk_vs_stop as a plain list: one goal per row
        elif goals.ndim == 1 and was_vector and len(goals) != out:
            # one input, so this is its one goal: it is the output layer that does not fit
            raise ValueError(f"the goal has {len(goals)} values but {name} has {out}")
        goals, _ = as_rows(goals, "the goal", out, name)
        if len(goals) != len(rows):
            verb = "is" if len(goals) == 1 else "are"
            raise ValueError(
                f"there {verb} {_count(len(goals), 'goal')} for {_count(len(rows), 'input row')}"
            )
        return rows, goals

    def _trace(self, layers: list[np.ndarray]) -> Trace:
        # the weighted sums before relu: the same products the loop took, so the same bits
        sums = [layer.dot(w) for layer, w in zip(layers, self._weights, strict=False)]
        # "+ 0.0" turns relu's -0.0 into 0.0, so a printed layer reads like the book
        hidden = [layer + 0.0 for layer in layers[1:-1]]
        return Trace([layers[0], *hidden, layers[-1]], sums)

    def _backprop(self, layers: list[np.ndarray], deltas: list[np.ndarray]) -> Backprop:
        """What backprop shows, from the loop's own ``layers`` and ``deltas`` (left unchanged)."""
        trace = self._trace(layers)
        # the input layer has no weights below it; its delta is shown, never used
        shown = [deltas[0].dot(self._weights[0].T), *deltas]
        gradients = [
            layer.T.dot(delta) for layer, delta in zip(trace.layers, shown[1:], strict=False)
        ]
        # "+ 0.0": a gated delta is -0.0 where relu stopped it; show it as plain 0
        return Backprop(
            trace,
            [delta + 0.0 for delta in shown],
            [gradient + 0.0 for gradient in gradients],
            float(np.sum(deltas[-1] ** 2)),
        )

    def _deltas(self, layers: list[np.ndarray], goals: np.ndarray) -> list[np.ndarray]:
        """Deltas of layers 1..L: the output's is l_L - goal; each earlier one is the
        later delta sent back through W_k and gated by where relu let signal pass."""
        weights = self._weights
        delta = layers[-1] - goals
        deltas = [delta]
        for k in range(len(weights) - 1, 0, -1):
            delta = delta.dot(weights[k].T) * _relu2deriv(layers[k])
            deltas.append(delta)
        deltas.reverse()
        return deltas


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def _check_matrix(w: object, k: int) -> np.ndarray:
    matrix = as_float_array(w, f"W_{k}")
    if matrix.ndim != 2:
        raise ValueError(f"W_{k} must be a 2-D matrix, got shape {shape_str(matrix.shape)}")
    return matrix.copy()


def _check_chain(before: np.ndarray, after: np.ndarray, k: int) -> None:
    if after.shape[0] != before.shape[1]:
        raise ValueError(
            f"W_{k} has {after.shape[0]} rows but layer {k} has {before.shape[1]} values "
            f"(W_{k - 1} is {shape_str(before.shape)})"
        )


def _check_number(value: object, name: str) -> float:
    if isinstance(value, bool) or not isinstance(value, numbers.Real):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    try:
        number = float(value)
    except OverflowError:  # a Python int beyond any float
        raise ValueError(f"{name} must be finite, got a number beyond ±1.8e308") from None
    if not math.isfinite(number):
        raise ValueError(f"{name} must be finite, got {value}")
    return number


def _check_alpha(value: object) -> float:
    alpha = _check_number(value, "alpha")
    if alpha < 0:
        raise ValueError(
            f"alpha must be 0 or more, got {alpha:g}: a negative alpha moves every weight "
            "up its gradient, so the error grows instead of falling"
        )
    return alpha
