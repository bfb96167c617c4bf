"""Median-of-runs timing, interleaved so a noisy neighbour hurts both sides alike."""

from __future__ import annotations

import resource
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

from tests.build import site_copy


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


def timed_build(root: Path, strict: bool, **env: str) -> tuple[float, float]:
    """Wall seconds, and CPU seconds (user + system) of every process the build started
    (``env``: extra environment variables, e.g. a speed-up's switch)."""
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"]
    if strict:
        command.insert(4, "--strict")
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    start = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=root,
        env=site_copy.environment(root, bytecode=True, **env),
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if done.returncode != 0:
        raise RuntimeError(f"build in {root} failed:\n{done.stderr[-2000:]}")
    cpu = after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime
    return seconds, cpu
