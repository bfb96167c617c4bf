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

KEEP_AT = 0.15  # the least share of its build a speed-up must save to stay
# name -> (its switch, the builds it targets)
SPEEDUPS = {
    "page cache": ("PICTURENN_PAGE_CACHE", ("warm", "page edit")),
    "api cache": ("PICTURENN_API_CACHE", ("warm", "page edit")),
    "lazy jupyter": ("PICTURENN_LAZY_JUPYTER", ("warm", "page edit")),
}


def measure(project: Path, runs: int = 5) -> dict[str, object]:
    """``project``: a built copy (tests/build/site_copy); its index page is edited and put back."""
    page = project / "docs" / "index.md"
    text = page.read_text()
    samples: dict[tuple[str, str, str, str], list[float]] = {}
    timed_build(project, strict=True)  # warm the cache once
    try:
        for run in range(runs):
            for name, (switch, builds) in SPEEDUPS.items():
                for build in builds:
                    for state, env in (("on", {}), ("off", {switch: "off"})):
                        if build == "page edit":
                            page.write_text(text + f"\n<!-- bench {name} {state} {run} -->\n")
                        wall, cpu = timed_build(project, strict=True, **env)
                        samples.setdefault((name, build, state, "wall"), []).append(wall)
                        samples.setdefault((name, build, state, "cpu"), []).append(cpu)
    finally:
        page.write_text(text)
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
