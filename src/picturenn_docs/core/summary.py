"""Counters and stage timings of one build, printed as a one-screen summary."""

from __future__ import annotations

import contextlib
import json
import time
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass, field

STAGES = ("doctests", "examples", "fences", "notebooks", "math", "api", "pages", "kernel")


@dataclass
class Summary:
    """What a build checked, what it recomputed and what it read from the cache.

    >>> s = Summary()
    >>> s.count("examples", "run", 2)
    >>> s.count("examples", "cached")
    >>> s.counts["examples"]["run"]
    2
    """

    counts: dict[str, Counter[str]] = field(
        default_factory=lambda: {stage: Counter() for stage in (*STAGES, "figures")}
    )
    seconds: dict[str, float] = field(default_factory=lambda: dict.fromkeys(STAGES, 0.0))
    # a stage that says something instead of its counts (e.g. why it is switched off)
    notes: dict[str, str] = field(default_factory=dict)
    started: float = field(default_factory=time.perf_counter)

    def count(self, stage: str, what: str, n: int = 1) -> None:
        self.counts[stage][what] += n

    @contextlib.contextmanager
    def timed(self, stage: str) -> Iterator[None]:
        start = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[stage] = self.seconds.get(stage, 0.0) + time.perf_counter() - start

    def recomputed(self) -> int:
        """How many things this build ran or drew instead of reading them from the cache."""
        work = ("run", "drawn", "rendered", "executed")
        return sum(counter[what] for counter in self.counts.values() for what in work)

    def as_dict(self) -> dict[str, object]:
        return {
            "counts": {stage: dict(counter) for stage, counter in self.counts.items()},
            "notes": dict(self.notes),
            "seconds": {stage: round(s, 3) for stage, s in self.seconds.items()},
            "total_seconds": round(time.perf_counter() - self.started, 3),
        }

    def to_json(self) -> str:
        return json.dumps(self.as_dict(), indent=2, sort_keys=True)

    def format(self) -> str:
        """The summary as a few aligned lines.

        >>> print(Summary(started=time.perf_counter()).format().splitlines()[1])
          examples  0 checked: 0 run, 0 passed, 0 cached                       0.00 s
        """
        c, s = self.counts, self.seconds
        rows = [
            (
                "examples",
                f"{c['examples']['run'] + c['examples']['cached']} checked: "
                f"{c['examples']['run']} run, {c['examples']['passed']} passed, "
                f"{c['examples']['cached']} cached",
            ),
            (
                "fences",
                f"{c['fences']['rendered'] + c['fences']['cached']}: "
                f"{c['fences']['rendered']} rendered, {c['fences']['cached']} cached; "
                f"figures {c['figures']['drawn']} drawn, {c['figures']['cached']} cached",
            ),
            (
                "doctests",
                f"{c['doctests']['run'] + c['doctests']['cached']} modules: "
                f"{c['doctests']['run']} run ({c['doctests']['passed']} examples passed), "
                f"{c['doctests']['cached']} cached",
            ),
            (
                "notebooks",
                f"{c['notebooks']['executed'] + c['notebooks']['cached']}: "
                f"{c['notebooks']['executed']} executed, {c['notebooks']['cached']} cached",
            ),
            (
                "math",
                f"{c['math']['rendered'] + c['math']['cached']} formulas: "
                f"{c['math']['rendered']} rendered by KaTeX, {c['math']['cached']} cached",
            ),
            (
                "api",
                f"{c['api']['rendered'] + c['api']['cached']} reference blocks: "
                f"{c['api']['rendered']} rendered by mkdocstrings, {c['api']['cached']} cached",
            ),
            (
                "pages",
                f"{c['pages']['converted'] + c['pages']['cached']} pages: "
                f"{c['pages']['converted']} converted by mkdocs, {c['pages']['cached']} cached",
            ),
            (
                "kernel",
                f"{c['kernel']['cases']} cases: equal to picturenn under Node"
                if c["kernel"]["run"]
                else ("proof cached" if c["kernel"]["cached"] else "no kernel in docs/"),
            ),
        ]
        rows = [(name, self.notes.get(name, text)) for name, text in rows]
        lines = ["picturenn: every example, fence, doctest and notebook checked"]
        lines += [f"  {name:<10}{text:<58}{s[name]:5.2f} s" for name, text in rows]
        # notes of a stage without counts (e.g. a guarded speed-up that switched itself off)
        shown = {name for name, _ in rows}
        lines += [f"  {name:<10}{text}" for name, text in self.notes.items() if name not in shown]
        total = time.perf_counter() - self.started
        lines.append(f"  {'total':<10}{'checks and build':<58}{total:5.2f} s")
        return "\n".join(lines)
