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


def entries(site) -> list[tuple[str, str]]:
    """(anchor, HTML up to the next anchor on its page) of every ``picturenn.`` entry of the
    API reference's pages: an index and a page per part."""
    found = []
    for page in sorted((site / "reference").glob("**/index.html")):
        html = page.read_text(encoding="utf-8")
        marks = list(re.finditer(r'id="(picturenn\.[\w.]+)"', html))
        if not marks:  # the index names only the package itself
            continue
        ends = [m.start() for m in marks[1:]] + [len(html)]
        found += [(m.group(1), html[m.start() : end]) for m, end in zip(marks, ends, strict=True)]
    return found


def test_every_public_name_appears_once_with_an_example(built_site):
    shown = entries(built_site)
    problems = []
    for dotted in public_names():
        short, name = dotted.split(".")
        found = [
            (anchor, html)
            for anchor, html in shown
            if anchor.startswith(f"picturenn.{short}.")
            and anchor.endswith(f".{name}")
            # drawing styles live in submodules named like them: picturenn.draw.blocks.blocks
            and anchor.count(".") <= 3
        ]
        if len(found) != 1:
            problems.append(f"{dotted}: {len(found)} entries {[a for a, _ in found]}")
        elif "language-pycon" not in found[0][1]:
            problems.append(f"{dotted}: no example")
    assert not problems, "\n".join(problems)
    assert "render" in {d.split(".")[1] for d in public_names()}  # the test looks at real names
