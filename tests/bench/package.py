"""The package against the book's hand-written numpy, measured side by side."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from picturenn import Network
from picturenn.datasets import streetlight
from tests.bench.timing import interleaved, ratio
from tests.book import book_run, relu


def book_train(lights: np.ndarray, walk: np.ndarray) -> None:
    """Chapter 6's loop written inline (tests/book.py), the baseline for ``Network.train``."""
    book_run(lights, walk, np.random.RandomState(1).random_sample)


def _forward_pair(net: Network, x: np.ndarray) -> dict[str, Callable[[], object]]:
    w0, w1 = net.weights
    return {"package": lambda: net.forward(x), "book": lambda: relu(x.dot(w0)).dot(w1)}


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
