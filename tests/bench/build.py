"""Build times against a plain baseline: the same pages as plain markdown.

The baseline is a copy of the docs where every executable part is inert:
fences become plain text blocks, notebooks become markdown pages, and only
mkdocs-material with its search plugin runs. The project side is a copy too
(tests/build/site_copy), so touching its package source is safe.
"""

from __future__ import annotations

import os
import re
import shutil
from pathlib import Path

import nbformat
import yaml

from tests.bench import notebook_chain, site_config
from tests.bench.timing import summary, timed_build
from tests.build import site_copy

_EXECUTABLE_FENCE = re.compile(r"^(\s*)(`{3,})\s*(network|diagram|generated)\b", re.MULTILINE)


def plain_copy(target: Path) -> Path:
    """Write the baseline project into ``target``: same pages, nothing executable."""
    shutil.copytree(site_copy.ROOT / "docs", target / "docs", ignore=site_copy.IGNORED)
    shutil.copytree(site_copy.ROOT / "overrides", target / "overrides")  # the theme's custom_dir
    for page in (target / "docs").rglob("*.md"):
        text = _EXECUTABLE_FENCE.sub(r"\1\2text", page.read_text())
        page.write_text(text.replace(".ipynb", ".md"))
    for notebook in (target / "docs").rglob("*.ipynb"):
        notebook.with_suffix(".md").write_text(_notebook_markdown(notebook))
        notebook.unlink()
    config = site_config.read()
    config["plugins"] = ["search"]
    config["strict"] = False  # some links point at API anchors only mkdocstrings makes
    config.pop("watch", None)
    config["nav"] = _renamed(config["nav"])
    (target / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True))
    return target


def build_plain(target: Path) -> Path:
    """Write and build the baseline project into ``target``; returns its site folder."""
    if not (target / "docs").is_dir():
        plain_copy(target)
    timed_build(target, strict=False)
    return target / "site"


def _notebook_markdown(path: Path) -> str:
    cells = nbformat.read(path, as_version=4).cells
    parts = [
        c.source if c.cell_type == "markdown" else f"```python\n{c.source}\n```" for c in cells
    ]
    return "\n\n".join(parts) + "\n"


def _renamed(nav: object) -> object:
    if isinstance(nav, list):
        return [_renamed(item) for item in nav]
    if isinstance(nav, dict):
        return {key: _renamed(value) for key, value in nav.items()}
    return nav.replace(".ipynb", ".md") if isinstance(nav, str) else nav


def measure(workdir: Path, runs: int = 5) -> dict[str, object]:
    """Interleave plain, cold, warm, touched-page and touched-package builds ``runs`` times.

    The package is touched twice a run: a comment line appended to one module ("src",
    issue 21's "src/picturenn edited"), then a line of code ("src code", which re-runs
    everything that imports the library, as a real change of behaviour does).
    """
    plain = plain_copy(workdir / "plain")
    project = site_copy.make_copy(workdir / "project")
    page = project / "docs" / "index.md"
    package_file = project / "src" / "picturenn" / "datasets.py"
    page_text, package_text = page.read_text(), package_file.read_text()
    samples: dict[str, list[float]] = {
        k: [] for k in ("plain", "cold", "warm", "page", "src", "src code", "plain cpu", "cold cpu")
    }
    chains = {
        src_uri: notebook_chain.chain_project(workdir / "chain" / Path(src_uri).stem, src_uri)
        for src_uri in sorted(
            p.relative_to(project / "docs").as_posix() for p in (project / "docs").rglob("*.ipynb")
        )
    }
    if chains:
        samples.update({"nb run": [], "nb convert": []})
    counts = {}
    for run in range(runs):
        wall, cpu = timed_build(plain, strict=False)
        samples["plain"].append(wall)
        samples["plain cpu"].append(cpu)
        package_file.write_text(package_text)  # each run's cold build: the library as it is
        shutil.rmtree(project / ".cache", ignore_errors=True)
        wall, cpu = timed_build(project, strict=True)
        samples["cold"].append(wall)
        samples["cold cpu"].append(cpu)
        counts = site_copy.summary(project)
        samples["warm"].append(timed_build(project, strict=True)[0])
        page.write_text(page_text + f"\n<!-- bench edit {run} -->\n")
        samples["page"].append(timed_build(project, strict=True)[0])
        # a comment line: the library's code is the same, so only what reads its text re-runs
        package_file.write_text(package_text + f"\n# bench edit {run}\n")
        samples["src"].append(timed_build(project, strict=True)[0])
        # a line of code: everything that imports the library may differ, so it all re-runs
        package_file.write_text(package_text + f"\n_BENCH_EDIT = {run}\n")
        samples["src code"].append(timed_build(project, strict=True)[0])
        if chains:  # the longest notebook chain of this run
            timed = [notebook_chain.time_chain(project, uri, c) for uri, c in chains.items()]
            ran, converted = max(timed, key=sum)
            samples["nb run"].append(ran)
            samples["nb convert"].append(converted)
    stats = {name: summary(values) for name, values in samples.items()}
    base = stats["plain"]["median"]
    # a cold build draws every figure and executes every notebook
    notebooks = sum(counts.get("notebooks", {}).values())
    figures = sum(counts.get("figures", {}).values())
    cold_budget = base + 1.5 * notebooks + 0.05 * figures
    return {
        "seconds": stats,
        "warm / plain": {"ratio": stats["warm"]["median"] / base, "target": 1.3},
        "cold - budget": {
            "cold": stats["cold"]["median"],
            "budget": cold_budget,
            "notebooks": notebooks,
            "figures": figures,
            "met": stats["cold"]["median"] <= cold_budget,
            # no build ends sooner than its CPU work spread over every core
            "cpu": stats["cold cpu"]["median"],
            "cores": os.cpu_count() or 1,
            "notebook alone": (stats["nb run"]["median"] + stats["nb convert"]["median"])
            if chains
            else None,
        },
        "cold / plain": {"ratio": stats["cold"]["median"] / base, "target": 4.0},
        "page edit / plain": {"ratio": stats["page"]["median"] / base, "target": 1.3},
        "package edit / plain": {"ratio": stats["src"]["median"] / base, "target": 4.0},
        "package code edit / plain": {"ratio": stats["src code"]["median"] / base},
    }
