"""The package against the book's hand-written numpy, measured side by side."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from picturenn import Network
from picturenn.datasets import streetlight
from tests.bench.timing import interleaved, ratio


def _relu(x: np.ndarray) -> np.ndarray:
    return (x > 0) * x


def book_train(lights: np.ndarray, walk: np.ndarray) -> None:
    """Chapter 6's loop written inline, the baseline for ``Network.train``."""
    state = np.random.RandomState(1)
    weights_0_1 = 2 * state.random_sample((3, 4)) - 1
    weights_1_2 = 2 * state.random_sample((4, 1)) - 1
    for _ in range(60):
        layer_2_error = 0
        for i in range(len(lights)):
            layer_0 = lights[i : i + 1]
            layer_1 = _relu(np.dot(layer_0, weights_0_1))
            layer_2 = np.dot(layer_1, weights_1_2)
            layer_2_error += np.sum((layer_2 - walk[i : i + 1]) ** 2)
            layer_2_delta = layer_2 - walk[i : i + 1]
            layer_1_delta = layer_2_delta.dot(weights_1_2.T) * (layer_1 > 0)
            weights_1_2 -= 0.2 * layer_1.T.dot(layer_2_delta)
            weights_0_1 -= 0.2 * layer_0.T.dot(layer_1_delta)


def _forward_pair(net: Network, x: np.ndarray) -> dict[str, Callable[[], object]]:
    w0, w1 = net.weights
    return {"package": lambda: net.forward(x), "book": lambda: _relu(x.dot(w0)).dot(w1)}


def measure(runs: int = 9) -> dict[str, object]:
    """Time train and forward against their hand-written twins; return ratios and stats."""
    lights, walk = streetlight()
    results: dict[str, object] = {}
    train = interleaved(
        {
            "package": lambda: Network.random([3, 4, 1], seed=1).train(lights, walk),
            "book": lambda: book_train(lights, walk),
        },
        runs=runs,
        number=5,
    )
    results["train 3-4-1 (60 iterations)"] = {
        "ratio": ratio(train, "package", "book"),
        "target": 1.1,
        "seconds": train,
    }
    cases = [
        ("forward 3-4-1, one row", [3, 4, 1], 1, 1.5, 20000),
        ("forward 784-100-10, one row", [784, 100, 10], 1, 1.5, 5000),
        ("forward 784-100-10, batch of 1000", [784, 100, 10], 1000, 1.05, 20),
    ]
    rng = np.random.default_rng(0)
    for label, widths, batch, target, number in cases:
        net = Network.random(widths, seed=1)
        x = rng.random((batch, widths[0])) if batch > 1 else rng.random(widths[0])
        stats = interleaved(_forward_pair(net, x), runs=runs, number=number)
        results[label] = {
            "ratio": ratio(stats, "package", "book"),
            "target": target,
            "seconds": stats,
        }
    return results
