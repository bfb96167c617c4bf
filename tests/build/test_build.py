"""One build without mkdocs: the Build object runs the engines over a small docs folder."""

from __future__ import annotations

import ast
import json
from pathlib import Path

import pytest

from picturenn_docs import build as build_module
from picturenn_docs.build import FENCE_ENGINES, Build
from picturenn_docs.cache import DOCS_DIR, _direct_imports, _with_imports, code_hash
from picturenn_docs.failures import BuildFailed

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


def new_build(root: Path) -> Build:
    (root / "docs").mkdir(exist_ok=True)
    return Build(root, root / "docs", root / "cache", KATEX)


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


def test_an_engine_registered_for_a_fence_replaces_its_blocks(tmp_path, monkeypatch):
    def shout(build, block, page):
        return "\n".join(block.body).upper() + f" ({page.shown})"

    monkeypatch.setitem(FENCE_ENGINES, "shout", shout)
    markdown = new_build(tmp_path).page_markdown("```shout\nhello\n```\n", "a.md")
    assert markdown == "HELLO (docs/a.md)\n"


def test_a_page_engine_rewrites_the_page_after_the_fences(tmp_path, monkeypatch):
    monkeypatch.setattr(build_module, "PAGE_ENGINES", [lambda b, md, page: md + "done\n"])
    assert new_build(tmp_path).page_markdown("text\n", "a.md") == "text\ndone\n"


def test_each_engine_is_keyed_on_its_own_code_and_what_it_imports():
    fences = _with_imports("picturenn_docs.fence_cache")
    assert {"picturenn_docs.fences", "picturenn_docs.running"} <= fences
    assert not fences & {"picturenn_docs.examples", "picturenn_docs.math", "picturenn_docs.build"}
    assert "picturenn_docs.fences" not in _with_imports("picturenn_docs.examples")
    engines = ("examples", "doctests", "fence_cache", "notebooks", "math", "api_cache")
    assert len({code_hash(f"picturenn_docs.{name}") for name in engines}) == len(engines)


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
    return found


def test_the_import_scan_finds_what_parsing_finds_in_every_module():
    modules = [f"picturenn_docs.{path.stem}" for path in sorted(DOCS_DIR.glob("*.py"))]
    assert len(modules) > 20
    for module in modules:
        source = (DOCS_DIR / f"{module.split('.')[1]}.py").read_text(encoding="utf-8")
        assert set(_direct_imports(module)) == _parsed_imports(source), module
