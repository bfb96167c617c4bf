"""The streetlight dataset of chapters 6 and 7."""

from __future__ import annotations

import numpy as np


def streetlight() -> tuple[np.ndarray, np.ndarray]:
    """Return the book's lights and whether to walk, as float arrays.

    Each row of ``lights`` is one streetlight: three lamps, on (1) or off (0).
    ``walk`` holds one goal per row: 1 means walk, 0 means stop. No single
    lamp correlates with walking here (you walk when the first two lamps
    disagree), which is why the network needs a hidden layer.

    >>> from picturenn.datasets import streetlight
    >>> lights, walk = streetlight()
    >>> lights.shape, walk.shape
    ((4, 3), (4, 1))
    >>> walk.ravel().tolist()
    [1.0, 1.0, 0.0, 0.0]
    """
    lights = np.array([[1, 0, 1], [0, 1, 1], [0, 0, 1], [1, 1, 1]], dtype=float)
    walk = np.array([[1, 1, 0, 0]], dtype=float).T
    return lights, walk
