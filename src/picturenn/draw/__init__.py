"""Pictures of any :class:`~picturenn.Network`, drawn from its real weights.

Every function returns a matplotlib :class:`~matplotlib.figure.Figure` (Agg,
no pyplot state) and :func:`to_svg` turns it into byte-stable SVG.

>>> from picturenn import Network
>>> from picturenn.draw import STYLES, to_svg
>>> net = Network.random([3, 4, 1], seed=1)
>>> sorted(STYLES)
['backprop', 'blocks', 'detailed', 'predict', 'shapes']
>>> to_svg(STYLES["blocks"](net)).startswith(b"<?xml")
True
"""

from picturenn.draw.backprop import backprop
from picturenn.draw.blocks import blocks
from picturenn.draw.detailed import detailed
from picturenn.draw.predict import predict
from picturenn.draw.shapes import shapes
from picturenn.draw.style import to_svg

__all__ = ["backprop", "blocks", "detailed", "predict", "shapes", "to_svg"]
