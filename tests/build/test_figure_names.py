"""Figures keep their readable names when the package changes and the picture does not.

A teacher links to ``assets/picturenn/shapes-3-4-1-shapes.svg`` or puts it on a
slide; a package edit (a new cache salt: every figure is redrawn) must not
rename it. Checked twice: on the figure store alone with two salts, and on real
builds of a copy of the project before and after editing its package.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from picturenn_docs.core import build as build_module
from picturenn_docs.engines.fences.engine import FIGURES_URI
from picturenn_docs.pipeline import Pipeline
from tests.build.site_copy import build, minimal_copy, summary

ROOT = Path(__file__).resolve().parents[2]
KATEX = ROOT / "docs" / "assets" / "katex" / "katex.min.js"
PAGE = """# A page

```diagram
widths: 3 4 1
style: shapes
```

```diagram
widths: 3 4 1
input: 1 0 1
goal: 1
style: backprop
```

```network
widths: 2 3 1
seed: 4
input: 0.5 -1
```
"""


def figures_of(root: Path, page: str, library: str, monkeypatch) -> tuple[Pipeline, str]:
    """Build one page as if the library's source hashed to ``library``."""
    monkeypatch.setattr(build_module, "package_hash", lambda memo=None: library)
    monkeypatch.setattr(build_module, "forget_stale_modules", lambda _hash: False)
    (root / "docs").mkdir(parents=True, exist_ok=True)
    made = Pipeline(root, root / "docs", root / "cache", KATEX)
    markdown = made.page_markdown(page, "guide/page.md")
    assert made.failures == []
    return made, markdown


def test_names_come_from_the_page_and_the_fence_and_survive_a_new_package(tmp_path, monkeypatch):
    first, before = figures_of(tmp_path, PAGE, "library-v1", monkeypatch)
    figures = {uri: path.read_bytes() for uri, path in first.fences.figures.items()}
    assert sorted(figures) == [
        f"{FIGURES_URI}/guide-page-2-3-1-seed-4-blocks-in-0p5-m1.svg",
        f"{FIGURES_URI}/guide-page-3-4-1-backprop-in-1-0-1-goal-1-350px.svg",  # phone layout
        f"{FIGURES_URI}/guide-page-3-4-1-backprop-in-1-0-1-goal-1.svg",
        f"{FIGURES_URI}/guide-page-3-4-1-shapes-350px.svg",
        f"{FIGURES_URI}/guide-page-3-4-1-shapes.svg",
    ]
    # a package edit: a new salt for every key, so every figure is drawn again...
    second, after = figures_of(tmp_path, PAGE, "library-v2", monkeypatch)
    assert second.summary.counts["figures"] == {"drawn": len(figures)}
    # ...under the same name, with the same bytes, linked from the page the same way
    assert {uri: path.read_bytes() for uri, path in second.fences.figures.items()} == figures
    assert after == before


def test_the_same_figure_twice_on_a_page_is_one_file(tmp_path, monkeypatch):
    page = PAGE + "\n```diagram\nwidths: 3 4 1\nstyle: shapes\n```\n"
    made, _ = figures_of(tmp_path, page, "library-v1", monkeypatch)
    once, _ = figures_of(tmp_path / "once", PAGE, "library-v1", monkeypatch)
    assert sorted(made.fences.figures) == sorted(once.fences.figures)


@pytest.mark.slow
def test_a_package_edit_that_leaves_the_pictures_alone_keeps_every_name(tmp_path):
    # a page of figures is enough: the names come from the page and its fences
    root = minimal_copy(tmp_path / "project", {"guide/page.md": PAGE})
    figures = root / "site" / FIGURES_URI

    def built() -> dict[str, bytes]:
        result = build(root)
        assert result.returncode == 0, result.stderr
        return {svg.name: svg.read_bytes() for svg in figures.glob("*.svg")}

    before = built()
    assert len(before) >= 3
    datasets = root / "src" / "picturenn" / "datasets.py"
    datasets.write_text(datasets.read_text() + "\n_EDITED = 1  # code that changes no picture\n")
    shutil.rmtree(root / "site")
    after = built()
    assert summary(root)["figures"]["drawn"] == len(before)  # all redrawn, none from the cache
    assert after == before
    assert all(re.fullmatch(r"[a-z0-9-]+\.svg", name) for name in after)
