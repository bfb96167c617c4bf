"""Build times against a plain baseline: the same pages as plain markdown.

The baseline is a copy of the docs where every executable part is inert:
fences become plain text blocks, notebooks become markdown pages, and only
mkdocs-material with its search plugin runs. The project side is a copy too
(tests/build/site_copy), so touching its package source is safe.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time
from pathlib import Path

import nbformat
import yaml

from tests.bench.timing import summary
from tests.build import site_copy

_EXECUTABLE_FENCE = re.compile(r"^(\s*)(`{3,})\s*(network|diagram|generated)\b", re.MULTILINE)


class _EnvLoader(yaml.SafeLoader):
    """mkdocs.yml's ``!ENV`` tags read as mkdocs reads them with the variable unset."""


def _env_default(loader: yaml.SafeLoader, node: yaml.Node) -> object:
    # `!ENV NAME` has no default (None); `!ENV [NAME, default]` falls back to its last item
    if isinstance(node, yaml.SequenceNode):
        return loader.construct_sequence(node)[-1]
    return None


_EnvLoader.add_constructor("!ENV", _env_default)


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
    config = yaml.load((site_copy.ROOT / "mkdocs.yml").read_text(), Loader=_EnvLoader)
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
    _timed_build(target, strict=False)
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


def _timed_build(root: Path, strict: bool) -> float:
    command = [sys.executable, "-m", "mkdocs", "build", "--site-dir", "site"]
    if strict:
        command.insert(4, "--strict")
    start = time.perf_counter()
    done = subprocess.run(
        command,
        cwd=root,
        env=site_copy.environment(root, bytecode=True),
        capture_output=True,
        text=True,
    )
    seconds = time.perf_counter() - start
    if done.returncode != 0:
        raise RuntimeError(f"build in {root} failed:\n{done.stderr[-2000:]}")
    return seconds


def measure(workdir: Path, runs: int = 5) -> dict[str, object]:
    """Interleave plain, cold, warm, touched-page and touched-package builds ``runs`` times."""
    plain = plain_copy(workdir / "plain")
    project = site_copy.make_copy(workdir / "project")
    page = project / "docs" / "index.md"
    package_file = project / "src" / "picturenn" / "datasets.py"
    page_text, package_text = page.read_text(), package_file.read_text()
    samples: dict[str, list[float]] = {k: [] for k in ("plain", "cold", "warm", "page", "src")}
    counts = {}
    for run in range(runs):
        samples["plain"].append(_timed_build(plain, strict=False))
        shutil.rmtree(project / ".cache", ignore_errors=True)
        samples["cold"].append(_timed_build(project, strict=True))
        counts = site_copy.summary(project)
        samples["warm"].append(_timed_build(project, strict=True))
        page.write_text(page_text + f"\n<!-- bench edit {run} -->\n")
        samples["page"].append(_timed_build(project, strict=True))
        package_file.write_text(package_text + f"\n# bench edit {run}\n")
        samples["src"].append(_timed_build(project, strict=True))
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
        },
        "page edit / plain": {"ratio": stats["page"]["median"] / base},
        "package edit / plain": {"ratio": stats["src"]["median"] / base},
    }
