"""The names of the picture styles, the one list of them, importable without matplotlib.

The CLI and the docs build check a style name before they draw anything;
:data:`picturenn.draw.STYLES` maps each of these names to the function of the
same name.

>>> STYLES
('blocks', 'detailed', 'shapes', 'predict', 'backprop')
"""

STYLES = ("blocks", "detailed", "shapes", "predict", "backprop")
