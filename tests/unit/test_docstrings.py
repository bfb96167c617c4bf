"""Every public function and class of the package shows a runnable example."""

import importlib
import inspect

import pytest

PUBLIC_MODULES = [
    "picturenn",
    "picturenn.network",
    "picturenn.datasets",
    "picturenn.algebra",
    "picturenn.code",
    "picturenn.draw",
    "picturenn.cli",
]


def public_objects(module_name: str) -> list[tuple[str, object]]:
    module = importlib.import_module(module_name)
    names = getattr(module, "__all__", None) or [n for n in vars(module) if not n.startswith("_")]
    found = []
    for name in names:
        obj = getattr(module, name)
        if not (inspect.isfunction(obj) or inspect.isclass(obj)):
            continue
        if "__all__" in vars(module) or obj.__module__ == module_name:
            found.append((f"{module_name}.{name}", obj))
    return found


@pytest.mark.parametrize("module_name", PUBLIC_MODULES)
def test_public_names_have_a_docstring_example(module_name):
    objects = public_objects(module_name)
    assert objects, f"{module_name} exposes nothing"
    missing = [name for name, obj in objects if ">>>" not in (inspect.getdoc(obj) or "")]
    assert not missing, f"no >>> example in: {', '.join(missing)}"
