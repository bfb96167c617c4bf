"""picturenn: draw, write and run the small networks of *Grokking Deep Learning*, chapter 7.

>>> from picturenn import Network
>>> Network.random([3, 4, 1], seed=1).widths
[3, 4, 1]
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type checkers and griffe; at run time __getattr__ imports on first use
    from picturenn.network import Backprop, Network, Trace, relu, relu2deriv

__all__ = ["Backprop", "Network", "Trace", "relu", "relu2deriv"]
# the submodules a learner reaches from `import picturenn` alone (picturenn.draw...), each
# imported on first use so that the import itself stays fast
SUBMODULES = ("algebra", "code", "datasets", "draw", "styles")
__version__ = "0.1.0"


def __getattr__(name: str) -> object:
    """``picturenn.draw`` and the other views work after a bare ``import picturenn``.

    >>> import picturenn
    >>> picturenn.datasets.streetlight()[0].shape
    (4, 3)
    """
    # lazily (PEP 562): the docs build imports picturenn_docs, and a warm build never needs numpy
    if name in SUBMODULES:
        return importlib.import_module(f"picturenn.{name}")
    if name in __all__:
        value = getattr(importlib.import_module("picturenn.network"), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'picturenn' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *SUBMODULES})
