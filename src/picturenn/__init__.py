"""picturenn: draw, write and run the small networks of *Grokking Deep Learning*, chapter 7.

The network and its helpers are here; the views are submodules, loaded on first
use, so ``import picturenn`` stays fast (matplotlib loads only when you draw).

>>> import picturenn
>>> net = picturenn.Network.random([3, 4, 1], seed=1)
>>> net.widths
[3, 4, 1]
>>> lights, walk = picturenn.datasets.streetlight()
>>> picturenn.algebra.render(net)
'l_2 = relu(l_0 W_0) W_1'
>>> picturenn.draw.architecture(net)
'3 inputs → 4 relu → 1 output; W_0 is 3×4, W_1 is 4×1'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # for type checkers and griffe; at run time __getattr__ imports on first use
    from picturenn import algebra as algebra
    from picturenn import code as code
    from picturenn import datasets as datasets
    from picturenn import draw as draw
    from picturenn.network import Backprop, Network, Trace, relu, relu2deriv

__all__ = ["Backprop", "Network", "Trace", "relu", "relu2deriv"]
__version__ = "0.1.0"
# the views, each a submodule: reachable as picturenn.draw etc. without an import of their own
_SUBMODULES = ("algebra", "code", "datasets", "draw")


def __getattr__(name: str) -> object:
    # lazily (PEP 562): the docs build imports picturenn_docs, and a warm build never needs numpy
    if name in __all__:
        value = getattr(importlib.import_module("picturenn.network"), name)
        globals()[name] = value
        return value
    if name in _SUBMODULES:
        return importlib.import_module(f"picturenn.{name}")  # which binds it here too
    raise AttributeError(f"module 'picturenn' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__, *_SUBMODULES})
