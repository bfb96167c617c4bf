"""The network itself: weights, forward pass, trace and the book's training.

This is the core every view (pictures, algebra, code) reads. It depends on
numpy only and imports no view.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from picturenn._checks import as_float_array, as_rows, check_seed, check_width, shape_str

_FLOAT = np.dtype(np.float64)


def relu(x: np.ndarray) -> np.ndarray:
    """Set every negative value to 0, written exactly as the book writes it.

    >>> import numpy as np
    >>> from picturenn import relu
    >>> relu(np.array([-1.0, 0.5]))
    array([-0. ,  0.5])
    """
    return (x > 0) * x


def relu2deriv(output: np.ndarray) -> np.ndarray:
    """Slope of relu, read off its *output*: 1 where it passed signal, else 0.

    >>> import numpy as np
    >>> from picturenn import relu2deriv
    >>> relu2deriv(np.array([0.0, 0.5]))
    array([False,  True])
    """
    return output > 0


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
    ``gradients[k]`` is l_kᵀ · delta_(k+1); one step of training changes W_k by
    ``-alpha * gradients[k]``. ``error`` is the squared error of the prediction.

    The sign: the output's delta is prediction − goal, and training subtracts.
    The book's chapter 6 notebook writes goal − prediction and adds; that is
    the same update with both signs flipped. This package keeps prediction −
    goal because it is the slope of the error, so "subtract the slope" reads the
    same at every layer.

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

    def __init__(self, weights: Sequence[object]) -> None:
        if isinstance(weights, np.ndarray) or not isinstance(weights, Sequence):
            raise TypeError("weights must be a list of matrices [W_0, W_1, ...]")
        if len(weights) == 0:
            raise ValueError("a network needs at least one weight matrix (W_0)")
        self._weights = [_check_matrix(w, k) for k, w in enumerate(weights)]
        for k in range(1, len(self._weights)):
            _check_chain(self._weights[k - 1], self._weights[k], k)
        # the same arrays, pre-split for the hot paths (training updates them in place)
        self._hidden, self._last = self._weights[:-1], self._weights[-1]
        self._width0 = self._weights[0].shape[0]
        self._vector_shape = (self._width0,)

    @classmethod
    def random(cls, widths: Sequence[int], seed: int | None = None) -> Network:
        """Draw weights in [-1, 1) exactly as the book does after ``np.random.seed``.

        Uses a private ``RandomState``, so numpy's global random state is untouched.

        >>> from picturenn import Network
        >>> print(Network.random([3, 4, 1], seed=1).weights[0][0, 0].round(4))
        -0.166
        """
        if isinstance(widths, (str, bytes)) or not isinstance(widths, Sequence):
            raise TypeError("widths must be a list of layer sizes, e.g. [3, 4, 1]")
        sizes = [check_width(w, k) for k, w in enumerate(widths)]
        if len(sizes) < 2:
            raise ValueError(f"a network needs at least 2 layers, got widths {list(widths)}")
        state = np.random.RandomState(check_seed(seed))
        return cls([2 * state.random_sample(shape) - 1 for shape in itertools.pairwise(sizes)])

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

    def forward(self, x: object) -> np.ndarray:
        """Predict: a vector gives a vector, a (k, n) batch gives k rows.

        >>> from picturenn import Network
        >>> Network.random([3, 4, 1], seed=1).forward([1, 0, 1]).round(4)
        array([0.3919])
        """
        # The hot path: a float vector of the right width, finite (nan/inf would
        # poison its dot with itself), goes straight through. Anything else takes
        # the full, explaining checks first.
        if type(x) is np.ndarray and x.dtype is _FLOAT and x.shape == self._vector_shape:
            if math.isfinite(x.dot(x)):
                return self._layers(x)[-1]
        elif type(x) is np.ndarray and x.dtype is _FLOAT and x.ndim == 2 and x.size:
            if x.shape[1] == self._width0:
                return self._batch(x)
        rows, was_vector = self._rows(x, "the input")
        return self._layers(rows[0] if was_vector else rows)[-1]

    def _batch(self, x: np.ndarray) -> np.ndarray:
        # an unchecked batch: NaN/inf would poison its output, so check that
        # (far smaller than the input) and only then name the culprit
        with np.errstate(invalid="ignore"):
            out = self._layers(x)[-1]
        if not np.isfinite(out).all():
            self._rows(x, "the input")
        return out

    def _layers(self, rows: np.ndarray) -> list[np.ndarray]:
        """The one forward loop: every layer l_0 .. l_L, relu after each matrix but the last."""
        layers = [rows]
        for w in self._hidden:
            layers.append(relu(layers[-1].dot(w)))
        layers.append(layers[-1].dot(self._last))
        return layers

    def trace(self, x: object) -> Trace:
        """Run forward and keep every layer and every pre-relu sum.

        >>> from picturenn import Network
        >>> t = Network.random([3, 4, 1], seed=1).trace([1, 0, 1])
        >>> [layer.shape for layer in t.layers]
        [(1, 3), (1, 4), (1, 1)]
        """
        rows, _ = self._rows(x, "the input")
        return self._trace(rows)

    def backprop(self, x: object, goal: object) -> Backprop:
        """Work out every layer's delta for one input and its goal (no update).

        >>> from picturenn import Network
        >>> bp = Network.random([3, 4, 1], seed=1).backprop([1, 0, 1], [1])
        >>> [d.shape for d in bp.deltas]
        [(1, 3), (1, 4), (1, 1)]
        """
        rows, goals = self._pair(x, goal)
        return self._backprop(rows, goals)

    def train(
        self, inputs: object, goals: object, alpha: float = 0.2, iterations: int = 60
    ) -> list[float]:
        """Stochastic gradient descent, one row at a time, like chapter 6.

        Returns the summed squared error of each iteration. Too large an alpha
        stops the errors falling, though not always as chapter 4's growth to
        infinity: on the streetlight network an alpha of 2 (or 100) overshoots
        so far that every hidden relu switches off for good, the network
        predicts 0 for every row, and the error sticks at 2; an enormous alpha
        overflows to nan.

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
        alpha = _check_number(alpha, "alpha")
        if isinstance(iterations, bool) or not isinstance(iterations, int) or iterations < 0:
            raise ValueError(f"iterations must be a whole number ≥ 0, got {iterations!r}")
        rows, goals = self._pair(inputs, goals)
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is a lesson, not a crash
            return self._descend(rows, goals, alpha, iterations)

    def step(self, x: object, goal: object, alpha: float = 0.2) -> Backprop:
        """One row of the book's loop: forward, every delta, then every weight update.

        Returns what it worked out *before* changing the weights (the layers, the
        deltas, the gradients and the error), then does ``W_k -= alpha * gradients[k]``
        for every k in order, exactly as one row of :meth:`train` does, so a loop of
        steps over the rows is bit for bit the same training.

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
        alpha = _check_number(alpha, "alpha")
        rows, goals = self._pair(x, goal)
        if len(rows) != 1:
            raise ValueError(f"step takes one input row at a time, got {len(rows)} rows")
        with np.errstate(over="ignore", invalid="ignore"):  # divergence is a lesson, not a crash
            layers = self._layers(rows)
            deltas = self._deltas(layers, goals)
            shown = self._backprop(rows, goals)
            for w, layer, delta in zip(self._weights, layers, deltas, strict=False):
                w -= alpha * layer.T.dot(delta)
        return shown

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
        return errors

    # -- internals ---------------------------------------------------------

    def _rows(self, x: object, what: str) -> tuple[np.ndarray, bool]:
        return as_rows(x, what, self._width0, "layer 0 (l_0)")

    def _pair(self, x: object, goal: object) -> tuple[np.ndarray, np.ndarray]:
        rows, _ = self._rows(x, "the input")
        out = self.widths[-1]
        name = f"the output layer l_{len(self._weights)}"
        goals = as_float_array(goal, "the goal")
        if goals.ndim == 1 and out == 1:
            goals = goals[:, np.newaxis]  # walk_vs_stop as a plain list: one goal per row
        goals, _ = as_rows(goals, "the goal", out, name)
        if len(goals) != len(rows):
            verb = "is" if len(goals) == 1 else "are"
            raise ValueError(
                f"there {verb} {_count(len(goals), 'goal')} for {_count(len(rows), 'input row')}"
            )
        return rows, goals

    def _trace(self, rows: np.ndarray) -> Trace:
        layers = self._layers(rows)
        # the weighted sums before relu: the same products the loop took, so the same bits
        sums = [layer.dot(w) for layer, w in zip(layers, self._weights, strict=False)]
        # "+ 0.0" turns relu's -0.0 into 0.0, so a printed layer reads like the book
        hidden = [layer + 0.0 for layer in layers[1:-1]]
        return Trace([layers[0], *hidden, layers[-1]], sums)

    def _backprop(self, rows: np.ndarray, goals: np.ndarray) -> Backprop:
        trace = self._trace(rows)
        deltas = self._deltas(trace.layers, goals)
        # the input layer has no weights below it; its delta is shown, never used
        deltas.insert(0, deltas[0].dot(self._weights[0].T))
        gradients = [
            layer.T.dot(delta) for layer, delta in zip(trace.layers, deltas[1:], strict=False)
        ]
        # "+ 0.0": a gated delta is -0.0 where relu stopped it; show it as plain 0
        return Backprop(
            trace,
            [delta + 0.0 for delta in deltas],
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
            delta = delta.dot(weights[k].T) * relu2deriv(layers[k])
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
    if isinstance(value, bool) or not isinstance(value, (int, float, np.floating, np.integer)):
        raise TypeError(f"{name} must be a number, got {type(value).__name__}")
    if not np.isfinite(value):
        raise ValueError(f"{name} must be finite, got {value}")
    return float(value)
