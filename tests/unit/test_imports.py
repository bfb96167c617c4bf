"""Arrows one way: the library loads nothing of the docs build; src/ imports in no circle."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

SRC = Path(__file__).resolve().parents[2] / "src"
PACKAGES = ("picturenn", "picturenn_docs")

# what the docs build runs on; a learner who installs picturenn gets none of it
DOCS_LIBRARIES = (
    "mkdocs",
    "markdown",
    "pymdownx",
    "nbconvert",
    "nbclient",
    "jupyter",  # jupyter_client, jupyter_core, ... (a prefix)
    "mkdocs_jupyter",
    "mkdocstrings",
    "griffe",
)

# Imports picturenn and every submodule in a fresh interpreter, then lists what got loaded.
# __main__ runs the CLI when imported, so it is compiled instead (its one import is cli).
_PROBE = """
import json, pkgutil, sys, importlib
import picturenn
for info in pkgutil.walk_packages(picturenn.__path__, "picturenn."):
    if not info.name.endswith(".__main__"):
        importlib.import_module(info.name)
print(json.dumps(sorted(sys.modules)))
"""


def test_the_library_and_every_submodule_load_no_docs_build_library():
    done = subprocess.run(
        [sys.executable, "-c", _PROBE], capture_output=True, text=True, check=True
    )
    loaded = json.loads(done.stdout)
    assert "picturenn.draw.lego" in loaded  # the walk reached the subpackages
    assert "picturenn.cli" in loaded
    leaks = [
        name
        for name in loaded
        if name.split(".")[0].startswith("jupyter") or name.split(".")[0] in DOCS_LIBRARIES
    ]
    assert not leaks, f"importing picturenn loads docs-build libraries: {leaks}"
    assert not [name for name in loaded if name.startswith("picturenn_docs")]


def _module_name(path: Path) -> str:
    parts = list(path.relative_to(SRC).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join(parts)


def _is_type_checking(node: ast.If) -> bool:
    test = node.test
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _imports(tree: ast.Module, package: str, known: set[str]) -> set[str]:
    """Our modules this one imports when it runs, at any depth (a late import is still
    an arrow), skipping `if TYPE_CHECKING:` blocks, which never run."""
    found: set[str] = set()
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node)
        for stmt in node.body
        for inner in ast.walk(stmt)
    }
    for node in ast.walk(tree):
        if id(node) in skipped:
            continue
        if isinstance(node, ast.Import):
            found |= {alias.name for alias in node.names}
        elif isinstance(node, ast.ImportFrom):
            if node.level:  # relative: resolve against this module's package
                base = package.rsplit(".", node.level - 1)[0] if node.level > 1 else package
                target = f"{base}.{node.module}" if node.module else base
            else:
                target = node.module or ""
            # `from pkg import module` is an arrow to the module, not to pkg/__init__
            modules = {f"{target}.{a.name}" for a in node.names} & known
            found |= modules if len(modules) == len(node.names) else modules | {target}
    return {name for name in found if name in known}


def import_graph() -> dict[str, set[str]]:
    files = {
        _module_name(path): path
        for package in PACKAGES
        for path in (SRC / package).rglob("*.py")
        if "egg-info" not in str(path)
    }
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        graph[name] = _imports(ast.parse(path.read_text(encoding="utf-8")), package, set(files))
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Every strongly connected group of two or more modules (or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        for target in sorted(graph[node]):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                group.append(member)
                if member == node:
                    break
            if len(group) > 1 or node in graph[node]:
                found.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_finder_finds_a_late_import_cycle():
    graph = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert cycles(graph) == [["a", "b", "c"]]
    late = ast.parse("def f():\n    from pkg import core\n")
    assert _imports(late, "pkg", {"pkg.core"}) == {"pkg.core"}


def test_no_import_cycle_in_src():
    graph = import_graph()
    assert "picturenn.network" in graph["picturenn.code"]  # the graph sees real imports
    assert cycles(graph) == []


def test_the_library_never_imports_the_docs_build():
    graph = import_graph()
    upward = {
        name: sorted(t for t in targets if t.startswith("picturenn_docs"))
        for name, targets in graph.items()
        if name.split(".")[0] == "picturenn"
    }
    assert not {name: t for name, t in upward.items() if t}


def test_the_core_imports_no_view():
    assert import_graph()["picturenn.network"] <= {"picturenn._checks"}
