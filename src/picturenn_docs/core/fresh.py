"""Keep a long-lived process (``mkdocs serve``) on the package's current source.

A rebuild after an edit of ``src/picturenn`` must run the edited code, but Python
keeps the modules it imported first. When the library's hash changes, forget
every module of the library (the docs build, a separate package, keeps running),
so the next import reads the new source.
"""

from __future__ import annotations

import sys

_loaded: dict[str, str] = {}


def forget_stale_modules(package_hash: str, state: dict[str, str] = _loaded) -> bool:
    """Drop stale package modules if the source changed since the last call; True if dropped.

    ``state`` remembers the hash the loaded modules came from (one per process).

    >>> state = {}
    >>> forget_stale_modules("v1", state), forget_stale_modules("v1", state)
    (False, False)
    """
    previous = state.get("hash")
    state["hash"] = package_hash
    if previous is None or previous == package_hash:
        return False
    for name in list(sys.modules):
        if name == "picturenn" or name.startswith("picturenn."):
            del sys.modules[name]
    return True
