"""Chapter 6's training loop exactly as the book writes it: plain numpy, no picturenn.

Shared by the reference tests (``Network.train`` must match it bit for bit) and
``make bench`` (``Network.train`` must stay within 1.1x of its time).
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

# What the book printed at the end of chapter 6 (Python 2 printed floats as '%.12g').
BOOK_PRINTED = [
    "Error:0.634231159844",
    "Error:0.358384076763",
    "Error:0.0830183113303",
    "Error:0.0064670549571",
    "Error:0.000329266900075",
    "Error:1.50556226651e-05",
]


def relu(x: np.ndarray) -> np.ndarray:
    return (x > 0) * x


def relu2deriv(output: np.ndarray) -> np.ndarray:
    return output > 0


def book_run(
    streetlights: np.ndarray,
    walk_vs_stop: np.ndarray,
    random: Callable[[tuple[int, int]], np.ndarray],
) -> list[float]:
    """The book's loop; ``random(shape)`` draws like ``np.random.random`` after ``seed(1)``.

    Returns the error the book prints every tenth iteration.
    """
    alpha, hidden_size = 0.2, 4
    weights_0_1 = 2 * random((3, hidden_size)) - 1
    weights_1_2 = 2 * random((hidden_size, 1)) - 1
    printed = []
    for iteration in range(60):
        layer_2_error = 0
        for i in range(len(streetlights)):
            layer_0 = streetlights[i : i + 1]
            layer_1 = relu(np.dot(layer_0, weights_0_1))
            layer_2 = np.dot(layer_1, weights_1_2)
            layer_2_error += np.sum((layer_2 - walk_vs_stop[i : i + 1]) ** 2)
            layer_2_delta = walk_vs_stop[i : i + 1] - layer_2
            layer_1_delta = layer_2_delta.dot(weights_1_2.T) * relu2deriv(layer_1)
            weights_1_2 += alpha * layer_1.T.dot(layer_2_delta)
            weights_0_1 += alpha * layer_0.T.dot(layer_1_delta)
        if iteration % 10 == 9:
            printed.append(layer_2_error)
    return printed
