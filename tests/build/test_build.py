"""One build without mkdocs: the pipeline runs the engines over a small docs folder."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from picturenn_docs.core.build import Build
from picturenn_docs.core.cache import (
    DOCS_DIR,
    _direct_imports,
    _module_file,
    _with_imports,
    code_hash,
)
from picturenn_docs.core.failures import BuildFailed
from picturenn_docs.pipeline import Pipeline

ROOT = Path(__file__).resolve().parents[2]
KATEX = ROOT / "docs" / "assets" / "katex" / "katex.min.js"

PAGE = """# A page

```python
print(6 * 7)
#> 42
```

```pycon
>>> 2 + 2
4
```

```diagram
widths: 3 4 1
style: shapes
```
"""


def new_build(root: Path) -> Pipeline:
    (root / "docs").mkdir(exist_ok=True)
    return Pipeline(root, root / "docs", root / "cache", KATEX)


def bare_build(root: Path) -> Build:
    """The core alone: no engine registered."""
    (root / "docs").mkdir(exist_ok=True)
    return Build(root, root / "docs", root / "cache")


def test_a_build_without_mkdocs_checks_a_page_and_makes_its_figure(tmp_path):
    build = new_build(tmp_path)
    markdown = build.page_markdown(PAGE, "guide/index.md")
    assert build.failures == []
    assert "```diagram" not in markdown
    assert "](../assets/picturenn/" in markdown  # the figure, linked from the page's folder
    (uri, svg), *_ = build.fences.figures.items()
    assert uri.startswith("assets/picturenn/")
    assert svg.read_bytes().startswith(b"<?xml")
    counts = build.summary.counts
    assert (counts["examples"]["run"], counts["fences"]["rendered"]) == (2, 1)
    build.done()
    saved = json.loads((tmp_path / "cache" / "last-build.json").read_text())
    assert saved["counts"]["examples"]["passed"] == 2

    again = new_build(tmp_path)
    assert again.page_markdown(PAGE, "guide/index.md") == markdown
    assert again.summary.counts["examples"] == {"cached": 2}
    assert again.summary.counts["fences"] == {"cached": 1}


def test_every_broken_block_of_a_page_is_named_before_the_build_fails(tmp_path):
    build = new_build(tmp_path)
    page = PAGE.replace("#> 42", "#> 41").replace("\n4\n", "\n5\n")
    build.page_markdown(page, "index.md")
    assert [f.line for f in build.failures] == [5, 10]
    with pytest.raises(BuildFailed, match=r"2 check\(s\) failed\ndocs/index.md:5: "):
        build.raise_failures()


def test_an_engine_registered_for_a_fence_replaces_its_blocks(tmp_path):
    def shout(build, block, page):
        return "\n".join(block.body).upper() + f" ({page.shown})"

    build = bare_build(tmp_path)
    build.on_fence(["shout"], shout)
    markdown = build.page_markdown("```shout\nhello\n```\n```python\nx\n```\n", "a.md")
    assert markdown == "HELLO (docs/a.md)\n```python\nx\n```\n"  # no engine: left alone
    with pytest.raises(ValueError, match="'shout' already has an engine"):
        build.on_fence(["shout"], shout)


def test_a_page_engine_rewrites_the_page_after_the_fences(tmp_path):
    build = bare_build(tmp_path)
    build.on_fence(["shout"], lambda b, block, page: "SHOUT")
    build.on_page(lambda b, md, page: md + "done\n")
    assert build.page_markdown("```shout\nx\n```\n", "a.md") == "SHOUT\ndone\n"


def test_each_engine_is_keyed_on_its_own_code_and_what_it_imports():
    fences = _with_imports("picturenn_docs.engines.fences.engine")
    assert {"picturenn_docs.engines.fences.render", "picturenn_docs.core.running"} <= fences
    assert not fences & {
        "picturenn_docs.engines.examples",
        "picturenn_docs.engines.math",
        "picturenn_docs.core.build",
    }
    assert "picturenn_docs.engines.fences.render" not in _with_imports(
        "picturenn_docs.engines.examples"
    )
    engines = (
        "engines.examples",
        "engines.doctests",
        "engines.fences.engine",
        "engines.notebooks",
        "engines.math",
        "speedups.api_cache",
    )
    assert all(_module_file(f"picturenn_docs.{name}").is_file() for name in engines)
    assert len({code_hash(f"picturenn_docs.{name}") for name in engines}) == len(engines)


def test_a_fence_made_by_a_widget_is_keyed_on_the_widgets_code(tmp_path, monkeypatch):
    from picturenn_docs.core import cache as cache_module

    first = new_build(tmp_path).fences.cache.salt
    real = cache_module.code_hash
    changed = {"picturenn_docs.widgets.render": "edited"}
    monkeypatch.setattr(
        "picturenn_docs.engines.fences.engine.code_hash",
        lambda engine: changed.get(getattr(engine, "__module__", engine), real(engine)),
    )
    assert new_build(tmp_path).fences.cache.salt != first


def _parsed_imports(source: str, package: str = "picturenn_docs") -> set[str]:
    """The oracle: imports found by parsing, outside ``if TYPE_CHECKING:`` bodies."""
    skipped: set[int] = set()
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            skipped |= {id(n) for child in node.body for n in ast.walk(child)}
    found: set[str] = set()
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {a.name for a in node.names if a.name.startswith(package + ".")}
        elif isinstance(node, ast.ImportFrom) and (node.module or "").startswith(package):
            found |= {node.module, *(f"{node.module}.{a.name}" for a in node.names)}
            # the scan cannot tell a module from a name: ``x as y`` gives both (harmless)
            found |= {f"{node.module}.{a.asname}" for a in node.names if a.asname}
    return found


def test_the_import_scan_finds_what_parsing_finds_in_every_module():
    files = sorted(p for p in DOCS_DIR.rglob("*.py") if p.name != "__init__.py")
    modules = [
        ".".join(("picturenn_docs", *p.relative_to(DOCS_DIR).with_suffix("").parts)) for p in files
    ]
    assert len(modules) > 20
    for module, file in zip(modules, files, strict=True):
        assert _module_file(module) == file
        source = file.read_text(encoding="utf-8")
        assert set(_direct_imports(module)) == _parsed_imports(source), module
