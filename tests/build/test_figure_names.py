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

from picturenn_docs.cache import Cache
from picturenn_docs.pages import FIGURES_URI, Checker
from tests.build.site_copy import build, make_copy, summary

DOCS = Path(__file__).resolve().parents[2] / "docs"
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


def names_and_bytes(root: Path, salt: str) -> tuple[str, dict[str, bytes], int]:
    checker = Checker(Cache(root, salt), DOCS, DOCS.parent)
    markdown = checker.check_page(PAGE, "guide/page.md")
    assert checker.failures == []
    figures = {uri: path.read_bytes() for uri, path in checker.figures.items()}
    return markdown, figures, checker.summary.counts["figures"]["drawn"]


def test_names_come_from_the_page_and_the_fence_and_survive_a_new_package(tmp_path):
    before, figures, drawn = names_and_bytes(tmp_path, "package-v1")
    assert sorted(figures) == [
        f"{FIGURES_URI}/guide-page-2-3-1-seed-4-blocks-in-0p5-m1.svg",
        f"{FIGURES_URI}/guide-page-3-4-1-backprop-in-1-0-1-goal-1.svg",
        f"{FIGURES_URI}/guide-page-3-4-1-shapes.svg",
    ]
    assert drawn == 3
    after, again, redrawn = names_and_bytes(tmp_path, "package-v2")  # what a package edit does
    assert redrawn == 3  # every figure really was drawn again...
    assert again == figures  # ...under the same name, with the same bytes
    assert after == before  # and the page links them the same way


def test_two_figures_can_never_share_a_name(tmp_path):
    checker = Checker(Cache(tmp_path, "salt"), DOCS, DOCS.parent)
    page = PAGE + "\n```diagram\nwidths: 3 4 1\nstyle: shapes\n```\n"  # the same figure again
    checker.check_page(page, "page.md")
    assert checker.failures == []  # the same figure twice is one file, not a clash
    assert len(checker.figures) == 3


@pytest.mark.slow
def test_a_package_edit_that_leaves_the_pictures_alone_keeps_every_name(built_site, tmp_path):
    root = make_copy(tmp_path / "project")
    # start warm from the session's cache: the copy's package is the same source
    shutil.copytree(built_site.parent / "cache", root / ".cache" / "picturenn")
    figures = root / "site" / FIGURES_URI

    def built() -> dict[str, bytes]:
        result = build(root)
        assert result.returncode == 0, result.stderr
        return {svg.name: svg.read_bytes() for svg in figures.glob("*.svg")}

    before = built()
    datasets = root / "src" / "picturenn" / "datasets.py"
    datasets.write_text(datasets.read_text() + "\n# an edit that changes no picture\n")
    shutil.rmtree(root / "site")
    after = built()
    assert summary(root)["figures"]["drawn"] == len(before)  # all redrawn, none from the cache
    assert after == before
    assert all(re.fullmatch(r"[a-z0-9-]+\.svg", name) for name in after)
