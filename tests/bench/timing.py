"""Median-of-runs timing, interleaved so a noisy neighbour hurts both sides alike."""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable


def interleaved(
    subjects: dict[str, Callable[[], object]], runs: int = 7, number: int = 1
) -> dict[str, dict[str, float]]:
    """Time each subject ``runs`` times, alternating between them; seconds per call.

    Each subject runs once untimed first.

    >>> stats = interleaved({"noop": lambda: None}, runs=3, number=10)
    >>> sorted(stats["noop"])
    ['max', 'median', 'min']
    """
    samples: dict[str, list[float]] = {name: [] for name in subjects}
    for call in subjects.values():
        call()  # warm-up: first calls pay for caches, BLAS threads and lazy imports
    for _ in range(runs):
        for name, call in subjects.items():
            start = time.perf_counter()
            for _ in range(number):
                call()
            samples[name].append((time.perf_counter() - start) / number)
    return {name: summary(values) for name, values in samples.items()}


def summary(values: list[float]) -> dict[str, float]:
    """min / median / max of some timings.

    >>> summary([3.0, 1.0, 2.0])
    {'min': 1.0, 'median': 2.0, 'max': 3.0}
    """
    return {"min": min(values), "median": statistics.median(values), "max": max(values)}


def ratio(stats: dict[str, dict[str, float]], subject: str, baseline: str) -> float:
    """Median of ``subject`` over median of ``baseline``.

    >>> ratio({"a": {"median": 3.0}, "b": {"median": 2.0}}, "a", "b")
    1.5
    """
    return stats[subject]["median"] / stats[baseline]["median"]
