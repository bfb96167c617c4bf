"""The one rule of the build's guarded speed-ups: run only on the versions they were tested with.

A module that leans on another library's internals (:mod:`picturenn_docs.speedups.api_cache`,
:mod:`picturenn_docs.speedups.lazy_jupyter`) asks :func:`why_untested` first and, given a
reason, switches itself off, leaving the site correct and the build slower.
"""

from __future__ import annotations

from collections.abc import Mapping


def why_untested(
    switch: str, tested: Mapping[str, str], versions: Mapping[str, str], environ: Mapping[str, str]
) -> str | None:
    """Why a guarded speed-up must stay off, or None if it may run.

    ``tested`` maps distributions (lowercase, underscores) to the major.minor
    tested; ``switch`` is the environment variable that turns it off by hand.

    >>> tested = {"mkdocs_jupyter": "0.26"}
    >>> print(why_untested("SWITCH", tested, {"mkdocs_jupyter": "0.26.3"}, {}))
    None
    >>> why_untested("SWITCH", tested, {"mkdocs_jupyter": "0.27.0"}, {})
    'mkdocs-jupyter 0.27.0 is not the tested 0.26.x'
    >>> why_untested("SWITCH", tested, {}, {})
    'mkdocs-jupyter absent is not the tested 0.26.x'
    >>> why_untested("SWITCH", tested, {"mkdocs_jupyter": "0.26.3"}, {"SWITCH": "Off"})
    'SWITCH=off'
    """
    if environ.get(switch, "").lower() == "off":
        return f"{switch}=off"
    for name, version in tested.items():
        found = versions.get(name, "absent")
        if found != version and not found.startswith(f"{version}."):
            return f"{name.replace('_', '-')} {found} is not the tested {version}.x"
    return None
