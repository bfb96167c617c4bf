"""mkdocs-jupyter's converter is imported only when a notebook is converted (guarded)."""

from __future__ import annotations

import os
import subprocess
import sys

from picturenn_docs.speedups import lazy_jupyter

# what mkdocs does: our plugin's module first (mkdocs.yml's order), then mkdocs-jupyter's
LOAD_PLUGINS = """
import sys
import picturenn_docs.plugin, mkdocs_jupyter.plugin
print("before", "nbconvert" in sys.modules, "jupytext.formats" in sys.modules)
mkdocs_jupyter.plugin.convert.nb2html  # what a cold build's conversion touches first
print("after", "nbconvert" in sys.modules)
"""


def loaded(**env: str) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", LOAD_PLUGINS],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    )
    return done.stdout.splitlines()


def test_loading_the_plugins_imports_no_converter_until_one_is_used():
    assert loaded() == ["before False False", "after True"]


def test_switched_off_the_plugins_import_as_usual():
    assert loaded(PICTURENN_LAZY_JUPYTER="off") == ["before True True", "after True"]


def test_an_untested_mkdocs_jupyter_switches_it_off():
    why = lazy_jupyter.why_off({"mkdocs_jupyter": "1.0.0"}, loaded={}, environ={})
    assert why == "mkdocs-jupyter 1.0.0 is not the tested 0.26.x"
