"""Load mkdocs-jupyter's converter only when a notebook page is converted.

**Earns its place:** it saves 34% of a warm build's CPU (1.76 s against 2.68 s with
``PICTURENN_LAZY_JUPYTER=off``) and 36% of a build after one page edit (medians of 3,
``make bench``'s speed-ups section, 2026-12-03).

mkdocs-jupyter's plugin module imports nbconvert (through its ``convert``
module) and jupytext at import time: about 1.3 s on this machine, paid by every
build, though a warm build converts nothing (mkdocs-jupyter replays the page
from its own cache, keyed on the executed notebook). This module makes those
two imports lazy with the standard library's :class:`importlib.util.LazyLoader`:
each module is created by its first import and runs on the first use of one
of its attributes, which the plugin makes only when it converts a notebook or reads a
Markdown file as a jupytext notebook (mkdocs.yml's ``ignore: ["*.md"]`` for the
plugin stops the second).

That rests on how mkdocs-jupyter's plugin uses the two modules, which is not
its public API, so this is the build's second guarded module (the first is
:mod:`picturenn_docs.speedups.api_cache`): with a version of mkdocs-jupyter other than
the one it was tested with, or ``PICTURENN_LAZY_JUPYTER=off``, it does nothing,
the build imports them as usual (the same site, only slower), and the build
summary says why.
"""

from __future__ import annotations

import importlib.abc
import importlib.machinery
import importlib.util
import os
import sys
from collections.abc import Mapping, Sequence

from picturenn_docs.core.cache import installed_versions
from picturenn_docs.speedups.guards import why_untested

PLUGIN = "mkdocs_jupyter.plugin"
# the modules mkdocs-jupyter's plugin imports at the top and uses only inside its hooks
LAZY = ("jupytext", "mkdocs_jupyter.convert")
TESTED = {"mkdocs_jupyter": "0.26"}  # major.minor, as tested
SWITCH = "PICTURENN_LAZY_JUPYTER"  # "off": import mkdocs-jupyter's modules as usual


def why_off(
    versions: Mapping[str, str],
    loaded: Mapping[str, object] = sys.modules,
    environ: Mapping[str, str] = os.environ,
) -> str | None:
    """Why the imports must stay eager, or None if they may be lazy.

    >>> print(why_off({"mkdocs_jupyter": "0.26.3"}, loaded={}, environ={}))
    None
    >>> why_off({"mkdocs_jupyter": "0.27.0"}, loaded={}, environ={})
    'mkdocs-jupyter 0.27.0 is not the tested 0.26.x'
    >>> why_off({"mkdocs_jupyter": "0.26.3"}, loaded={PLUGIN: None}, environ={})
    'mkdocs-jupyter was imported before picturenn_docs'
    """
    untested = why_untested(SWITCH, TESTED, versions, environ)
    if untested is not None:
        return untested
    if PLUGIN in loaded:
        return "mkdocs-jupyter was imported before picturenn_docs"
    return None


def install() -> str | None:
    """Make the next imports of :data:`LAZY` lazy, before mkdocs loads mkdocs-jupyter's plugin.

    Returns why it did nothing (None when the imports will be lazy).
    """
    off = why_off(installed_versions(TESTED))
    if off is not None:
        return off
    pending = {name for name in LAZY if name not in sys.modules}
    if pending:
        sys.meta_path.insert(0, _LazyFinder(pending))
    return None


class _LazyFinder(importlib.abc.MetaPathFinder):
    """Finds each of ``names`` once, as the standard path finder does, with a lazy loader.

    The lazy module must be made by the import statement itself: one put into
    ``sys.modules`` beforehand would run as soon as ``import`` looked at it.
    """

    def __init__(self, names: set[str]) -> None:
        self.names = names

    def find_spec(
        self, name: str, path: Sequence[str] | None = None, target: object = None
    ) -> importlib.machinery.ModuleSpec | None:
        if name not in self.names:
            return None
        self.names.discard(name)
        if not self.names:
            sys.meta_path.remove(self)
        spec = importlib.machinery.PathFinder.find_spec(name, path)
        if spec is not None and spec.loader is not None:
            spec.loader = importlib.util.LazyLoader(spec.loader)
        return spec


# mkdocs imports the plugins in mkdocs.yml's order, ours before mkdocs-jupyter's, so
# installing on import is early enough; the build summary reports this result
WHY_OFF = install()
