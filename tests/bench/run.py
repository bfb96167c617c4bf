"""`make bench`: build, package, diagrams and pages, each against its baseline.

Prints a table and writes artifacts/bench/bench.json. It reports; it never fails
(the machines are shared and noisy). Ratios compare medians measured side by
side in this one run.
"""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path

from tests.bench import build, diagrams, lighthouse, package, pages, playground, speedups, widgets
from tests.build import site_copy

OUT = Path(__file__).resolve().parents[2] / "artifacts" / "bench"


def _verdict(value: float, target: float) -> str:
    return "ok" if value <= target else "MISSED"


def build_copy(root: Path) -> None:
    site_copy.make_copy(root)
    done = site_copy.build(root)
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])


def report(results: dict[str, dict[str, object]]) -> list[str]:
    """One line per measured figure, with its target and verdict where it has one."""
    lines = []
    if "build" in results:
        lines += _build_lines(results["build"])
    if "package" in results:
        lines += _package_lines(results["package"])
    if "diagrams" in results:
        lines += _diagram_lines(results["diagrams"])
    if "pages" in results:
        lines += _page_lines(results["pages"])
    if "lighthouse" in results:
        lines += lighthouse.lines(results["lighthouse"])
    if "widgets" in results:
        lines += widgets.lines(results["widgets"])
    if "playground" in results:
        lines += playground.lines(results["playground"])
    if "speedups" in results:
        lines += speedups.lines(results["speedups"])
    return lines


def _build_lines(b: dict[str, object]) -> list[str]:
    lines = [
        "== build (seconds, median of runs) ==",
        "  baseline 'plain': the same pages as plain mkdocs-material markdown (search plugin",
        "  only, fences as text, the notebook as a page), built in this run, interleaved",
    ]
    for name, stats in b["seconds"].items():
        spread = f"min {stats['min']:.2f}  median {stats['median']:.2f}  max {stats['max']:.2f}"
        lines.append(f"  {name:<10} {spread}")
    warm = b["warm / plain"]
    lines.append(
        f"  warm (nothing changed) / plain = {warm['ratio']:.2f}x (target <= 1.3x) "
        f"{_verdict(warm['ratio'], 1.3)}"
    )
    cold = b["cold - budget"]
    lines.append(
        f"  cold {cold['cold']:.2f} s vs budget {cold['budget']:.2f} s (plain + 1.5 s x "
        f"{cold['notebooks']} notebooks + 0.05 s x {cold['figures']} figures) "
        f"{'ok' if cold['met'] else 'MISSED'}"
    )
    shortest = cold["cpu"] / cold["cores"]
    lines.append(
        f"  cold CPU {cold['cpu']:.2f} s (user + system, every process the build started): "
        f"on {cold['cores']} cores no cold build is shorter than {shortest:.2f} s"
    )
    if cold.get("notebook alone") is not None:
        lines.append(
            f"  the notebook alone: 'nb run' (run in a real kernel, alone) + 'nb convert' "
            f"(mkdocs-jupyter converting it) = {cold['notebook alone']:.2f} s, "
            "one after the other (the budget allows 1.5 s)"
        )
    for key, name in (
        ("cold / plain", "cold"),
        ("page edit / plain", "one page edited"),
        ("package edit / plain", "library edited (a comment line)"),
        ("package code edit / plain", "library edited (a line of code)"),
    ):
        entry = b.get(key)
        if entry is None:
            continue
        line = f"  {name} / plain = {entry['ratio']:.2f}x"
        if "target" in entry:
            line += f" (target <= {entry['target']}x) {_verdict(entry['ratio'], entry['target'])}"
        lines.append(line)
    return lines


def _package_lines(package_results: dict[str, object]) -> list[str]:
    lines = ["== package vs the book's numpy (ratio of medians) =="]
    for name, entry in package_results.items():
        lines.append(
            f"  {name:<36} {entry['ratio']:.2f}x (target <= {entry['target']}x) "
            f"{_verdict(entry['ratio'], entry['target'])}"
        )
    return lines


def _diagram_lines(diagram_results: dict[str, object]) -> list[str]:
    lines = ["== diagrams (median seconds, SVG bytes) =="]
    for name, entry in diagram_results.items():
        line = f"  {name:<24} {entry['seconds']['median']:.3f} s  {entry['bytes']:>8} B"
        if "target" in entry:
            t = entry["target"]
            met = entry["seconds"]["median"] <= t["seconds"] and entry["bytes"] <= t["bytes"]
            line += f"  (target <= {t['seconds']} s, <= {t['bytes']} B) {'ok' if met else 'MISSED'}"
        lines.append(line)
    return lines


def _page_lines(page_results: dict[str, object]) -> list[str]:
    lines = ["== pages (bytes transferred, all resources, cold cache) =="]
    for name, entry in page_results.items():
        lines.append(
            f"  {name:<36} {entry['bytes']:>9} B  {entry['requests']:>3} requests "
            f"(target <= {entry['target']}) {_verdict(entry['bytes'], entry['target'])}"
        )
    return lines


SECTIONS = (
    "build",
    "speedups",
    "package",
    "diagrams",
    "pages",
    "lighthouse",
    "widgets",
    "playground",
)


def main(argv: list[str]) -> int:
    """``python -m tests.bench.run [RUNS] [SECTION ...]``; all sections by default."""
    runs = int(argv[0]) if argv else 5
    wanted = argv[1:] or SECTIONS
    results: dict[str, dict[str, object]] = {}
    with tempfile.TemporaryDirectory(prefix="picturenn-bench-") as work:
        workdir = Path(work)
        for section in wanted:
            print(f"measuring {section} ...", flush=True)
            if section == "build":
                results["build"] = build.measure(workdir, runs=runs)
            elif section == "speedups":
                project = workdir / "speedups"
                if not (project / "site").is_dir():
                    build_copy(project)
                results["speedups"] = speedups.measure(project, runs=runs)
            elif section == "package":
                results["package"] = package.measure(runs=max(runs, 9))
            elif section == "diagrams":
                results["diagrams"] = diagrams.measure(runs=3)
            elif section == "pages":
                site = workdir / "project" / "site"
                if not site.is_dir():
                    build_copy(workdir / "project")
                results["pages"] = pages.measure(site)
            elif section == "lighthouse":
                site = workdir / "project" / "site"
                if not site.is_dir():
                    build_copy(workdir / "project")
                plain = workdir / "plain"
                if not (plain / "site").is_dir():
                    build.build_plain(plain)
                # Lighthouse runs are slow (tens of seconds each): 3 runs, the target's median
                results["lighthouse"] = lighthouse.measure(site, plain / "site", runs=3)
            elif section == "widgets":
                site = workdir / "project" / "site"
                if not site.is_dir():
                    build_copy(workdir / "project")
                results["widgets"] = widgets.measure(site)
            elif section == "playground":
                site = workdir / "project" / "site"
                if not site.is_dir():
                    build_copy(workdir / "project")
                results["playground"] = playground.measure(site)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / "bench.json").write_text(json.dumps(results, indent=2))
    print("\n".join(report(results)))
    print(f"(written to {OUT / 'bench.json'})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
