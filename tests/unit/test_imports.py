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


def _imports(tree: ast.Module, package: str, known: set[str], typing_too: bool = False) -> set[str]:
    """Our modules this one imports when it runs, at any depth (a late import is still
    an arrow), skipping `if TYPE_CHECKING:` blocks, which never run (unless ``typing_too``:
    a layer may not even name a type from a layer above it)."""
    found: set[str] = set()
    skipped = {
        id(inner)
        for node in ast.walk(tree)
        if isinstance(node, ast.If) and _is_type_checking(node) and not typing_too
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


def import_graph(typing_too: bool = False) -> dict[str, set[str]]:
    files = {
        _module_name(path): path
        for package in PACKAGES
        for path in (SRC / package).rglob("*.py")
        if "egg-info" not in str(path)
    }
    graph = {}
    for name, path in files.items():
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        tree = ast.parse(path.read_text(encoding="utf-8"))
        graph[name] = _imports(tree, package, set(files), typing_too)
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


# The docs build's layers, lowest first: a module imports only its own layer and those below
# (type-only imports included). The library sits below them all.
LAYERS = (
    ("picturenn",),
    ("picturenn_docs.core", "picturenn_docs.console"),
    ("picturenn_docs.engines",),
    ("picturenn_docs.widgets",),
    ("picturenn_docs.speedups", "picturenn_docs.assets"),
    ("picturenn_docs.pipeline",),
    ("picturenn_docs.plugin",),
)


def _layer(module: str) -> int:
    for rank, prefixes in enumerate(LAYERS):
        if any(module == p or module.startswith(p + ".") for p in prefixes):
            return rank
    return -1  # picturenn_docs/__init__.py: only a docstring and the one exception


def _unit(module: str) -> str:
    """An engine's own module or package (engines.fences.spec -> engines.fences)."""
    return ".".join(module.split(".")[:3])


def test_every_docs_build_module_is_in_a_layer():
    graph = import_graph()
    unplaced = [m for m in graph if _layer(m) < 0 and m != "picturenn_docs"]
    assert not unplaced, f"modules in no layer (add them to LAYERS): {unplaced}"


def test_no_module_imports_a_layer_above_its_own():
    graph = import_graph(typing_too=True)
    assert "picturenn_docs.core.build" in graph["picturenn_docs.engines.examples"]  # type-only
    upward = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        for target in targets
        if _layer(target) > _layer(module) and module != "picturenn_docs"
    )
    assert not upward, "imports against the layers:\n" + "\n".join(upward)


def test_engines_import_only_the_core_and_the_library():
    graph = import_graph(typing_too=True)
    crossing = sorted(
        f"{module} -> {target}"
        for module, targets in graph.items()
        if module.startswith("picturenn_docs.engines.")
        for target in targets
        if target.startswith("picturenn_docs.engines.") and _unit(target) != _unit(module)
    )
    assert not crossing, "an engine imports another engine:\n" + "\n".join(crossing)


def test_only_the_adapters_import_mkdocs():
    """The engines stay callable without mkdocs; the plugin and the speed-ups that lean on
    mkdocs' own objects are the only modules that may import it."""
    offenders = []
    for path in (SRC / "picturenn_docs").rglob("*.py"):
        name = _module_name(path)
        if name == "picturenn_docs.plugin" or name.startswith("picturenn_docs.speedups."):
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = (
                [a.name for a in node.names]
                if isinstance(node, ast.Import)
                else [node.module or ""]
                if isinstance(node, ast.ImportFrom)
                else []
            )
            offenders += [f"{name}: {n}" for n in names if n.split(".")[0] == "mkdocs"]
    assert not offenders


def test_no_folder_holds_more_than_about_ten_modules():
    for folder in [SRC / "picturenn_docs", *(SRC / "picturenn_docs").rglob("*/")]:
        if "egg-info" in str(folder) or "__pycache__" in str(folder):
            continue
        modules = [p for p in folder.glob("*.py") if p.name != "__init__.py"]
        assert len(modules) <= 10, f"{folder} holds {len(modules)} modules"


def test_the_views_are_reachable_from_import_picturenn_and_load_only_when_used():
    probe = (
        "import sys, picturenn\n"
        "assert 'numpy' not in sys.modules and 'picturenn.draw' not in sys.modules\n"
        "assert callable(picturenn.draw.to_svg) and callable(picturenn.datasets.streetlight)\n"
        "assert {'draw', 'datasets', 'algebra', 'code'} <= set(dir(picturenn))\n"
    )
    subprocess.run([sys.executable, "-c", probe], check=True, capture_output=True)
