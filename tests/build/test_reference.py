"""The API reference names every public function and class once, each with an example."""

from __future__ import annotations

import importlib
import inspect
import re

import pytest

pytestmark = pytest.mark.slow

MODULES = ("network", "datasets", "algebra", "code", "draw", "cli")


def public_names() -> list[str]:
    """``module.name`` of every public function and class, where the reader imports it."""
    names = []
    for short in MODULES:
        module = importlib.import_module(f"picturenn.{short}")
        exported = getattr(module, "__all__", None)
        for name, value in vars(module).items():
            if name.startswith("_") or not (inspect.isfunction(value) or inspect.isclass(value)):
                continue
            if exported is not None and name in exported:
                names.append(f"{short}.{name}")
            elif exported is None and value.__module__ == module.__name__:
                names.append(f"{short}.{name}")
    return names


def test_every_public_name_appears_once_with_an_example(built_site):
    html = (built_site / "reference" / "index.html").read_text(encoding="utf-8")
    ids = re.findall(r'id="(picturenn\.[\w.]+)"', html)
    problems = []
    for dotted in public_names():
        short, name = dotted.split(".")
        found = [i for i in ids if i.startswith(f"picturenn.{short}.") and i.endswith(f".{name}")]
        # drawing styles live in submodules named like them: picturenn.draw.blocks.blocks
        found = [i for i in found if i.count(".") <= 3]
        if len(found) != 1:
            problems.append(f"{dotted}: {len(found)} entries {found}")
            continue
        start = html.index(f'id="{found[0]}"')
        after = [html.find(f'id="{i}"', start + 1) for i in ids]
        end = min([a for a in after if a > start] or [len(html)])
        if "language-pycon" not in html[start:end]:
            problems.append(f"{dotted}: no example")
    assert not problems, "\n".join(problems)
    assert "render" in {d.split(".")[1] for d in public_names()}  # the test looks at real names
