"""Each speed-up against its own absence: the build it targets, on and off, in one run.

A speed-up stays in the house only where it saves at least 15% of the build it
targets (issue 21); this section is where that share is measured. Every
speed-up has an environment switch that turns it off (the site stays the same);
the builds alternate on/off so a noisy neighbour hurts both sides alike. The
share is judged on CPU seconds (every process the build starts): the work a
speed-up saves, which a busy shared machine blurs far less than wall time.
"""

from __future__ import annotations

from pathlib import Path

from tests.bench.timing import summary, timed_build
from tests.build.site_copy import clone

KEEP_AT = 0.15  # the least share of its build a speed-up must save to stay
# name -> (its switch, the builds it targets)
SPEEDUPS = {
    "page cache": ("PICTURENN_PAGE_CACHE", ("warm", "page edit")),
    "api cache": ("PICTURENN_API_CACHE", ("warm", "page edit")),
    "lazy jupyter": ("PICTURENN_LAZY_JUPYTER", ("warm", "page edit")),
}


def measure(project: Path, runs: int = 5) -> dict[str, object]:
    """``project``: a built copy (tests/build/site_copy). Each speed-up gets two clones of it,
    one always on and one always off: a build with a speed-up off sweeps that speed-up's
    cache entries away, so one folder taking turns would never build warm with it on."""
    samples: dict[tuple[str, str, str, str], list[float]] = {}
    folders: dict[tuple[str, str], tuple[Path, dict[str, str], str]] = {}
    for name, (switch, _) in SPEEDUPS.items():
        for state, env in (("on", {}), ("off", {switch: "off"})):
            root = clone(
                project, project.parent / f"{project.name}-{name}-{state}".replace(" ", "-")
            )
            page = root / "docs" / "index.md"
            folders[(name, state)] = (root, env, page.read_text())
            timed_build(root, strict=True, **env)  # warm each folder as it will be measured
    for run in range(runs):
        for name, (_, builds) in SPEEDUPS.items():
            for build in builds:
                for state in ("on", "off"):
                    root, env, text = folders[(name, state)]
                    if build == "page edit":
                        (root / "docs" / "index.md").write_text(text + f"\n<!-- bench {run} -->\n")
                    wall, cpu = timed_build(root, strict=True, **env)
                    samples.setdefault((name, build, state, "wall"), []).append(wall)
                    samples.setdefault((name, build, state, "cpu"), []).append(cpu)
    results: dict[str, object] = {}
    for name, (_, builds) in SPEEDUPS.items():
        for build in builds:
            entry = {
                f"{state} {clock}": summary(samples[(name, build, state, clock)])
                for state in ("on", "off")
                for clock in ("wall", "cpu")
            }
            entry["saves"] = 1 - entry["on cpu"]["median"] / entry["off cpu"]["median"]
            results[f"{name} / {build}"] = entry
    return results


def lines(results: dict[str, object]) -> list[str]:
    out = [
        "== speed-ups: the build each targets, with it on and off (medians: CPU s, wall s) ==",
        f"  kept only where it saves >= {KEEP_AT:.0%} of that build",
    ]
    for label, entry in results.items():
        verdict = "earns its place" if entry["saves"] >= KEEP_AT else "BELOW 15%"
        out.append(
            f"  {label:<24} on {entry['on cpu']['median']:.2f} ({entry['on wall']['median']:.2f})"
            f"  off {entry['off cpu']['median']:.2f} ({entry['off wall']['median']:.2f})"
            f"  saves {entry['saves']:.0%} of its CPU  {verdict}"
        )
    return out
