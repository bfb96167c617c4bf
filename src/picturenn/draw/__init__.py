"""Pictures of any [`Network`][picturenn.network.Network], drawn from its real weights.

Every function returns a `matplotlib.figure.Figure` (Agg, no pyplot state)
drawn on an opaque light card that reads on light and dark pages;
``save(fig, path)`` writes it to a ``.svg``, ``.png`` or ``.pdf`` file,
[`to_svg`][picturenn.draw.to_svg] turns it into byte-stable SVG whose labels
are real ``<text>`` (``to_png`` and ``to_pdf`` give the other formats as
bytes), and [`alt_text`][picturenn.draw.alt_text] describes it in words.

To look at a picture: in Jupyter, leave the figure as a cell's last
expression and it shows itself; from a script, ``save`` it and open the file;
for a window, pass your own pyplot Axes (``blocks(net, ax=ax)``, then
``plt.show()``).

``STYLES`` maps each style name to its function: ``detailed``, ``blocks`` and
``shapes`` take the network; ``predict`` also takes an input ``x``;
``backprop`` takes ``x`` and a ``goal``.

>>> from picturenn import Network
>>> from picturenn.draw import STYLES, alt_text, to_svg
>>> net = Network.random([3, 4, 1], seed=1)
>>> sorted(STYLES)
['backprop', 'blocks', 'detailed', 'predict', 'shapes']
>>> to_svg(STYLES["blocks"](net)).startswith(b"<?xml")
True
>>> alt_text(net).split(". ")[0]
'3 inputs → 4 relu → 1 output; W_0 is 3×4, W_1 is 4×1'

Saving, the one line a script needs (the suffix picks the format; this block,
like every example here, runs on its own when copied):

>>> import tempfile
>>> from pathlib import Path
>>> from picturenn import Network
>>> from picturenn.draw import blocks, save
>>> net = Network.random([3, 4, 1], seed=1)
>>> path = save(blocks(net), Path(tempfile.mkdtemp()) / "net.png")
>>> path.name, path.read_bytes()[1:4]
('net.png', b'PNG')
"""

from collections.abc import Callable

from matplotlib.figure import Figure

from picturenn import styles
from picturenn.draw.alt import alt_text, architecture
from picturenn.draw.backprop import backprop
from picturenn.draw.blocks import blocks
from picturenn.draw.detailed import detailed
from picturenn.draw.files import save, to_pdf, to_png
from picturenn.draw.predict import predict
from picturenn.draw.shapes import shapes
from picturenn.draw.style import to_svg

# each style name (picturenn.styles, the one list) is the name of its function here
STYLES: dict[str, Callable[..., Figure]] = {name: globals()[name] for name in styles.STYLES}
"""Each style's drawing function by its name, for choosing a style from text.

>>> from picturenn import Network
>>> from picturenn.draw import STYLES, blocks, to_svg
>>> net = Network.random([3, 4, 1], seed=1)
>>> to_svg(STYLES["blocks"](net)) == to_svg(blocks(net))
True
"""

__all__ = [
    "STYLES",
    "alt_text",
    "architecture",
    "backprop",
    "blocks",
    "detailed",
    "predict",
    "save",
    "shapes",
    "to_pdf",
    "to_png",
    "to_svg",
]
