"""picturenn: draw, write and run the small networks of *Grokking Deep Learning*, chapter 7.

>>> from picturenn import Network
>>> Network.random([3, 4, 1], seed=1).widths
[3, 4, 1]
"""

from picturenn.network import Backprop, Network, Trace, relu, relu2deriv

__all__ = ["Backprop", "Network", "Trace", "relu", "relu2deriv"]
__version__ = "0.1.0"
