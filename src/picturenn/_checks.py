"""Turn user input into float matrices, or fail in the chapter's own words.

Every public entry point funnels its arrays through here, so a learner never
sees a bare numpy error: the message names the layer or matrix and its shape.
"""

from __future__ import annotations

import itertools
import numbers
from collections.abc import Sequence

import numpy as np


def shown(value: object) -> str:
    """``repr(value)`` when it is short and on one line, else what kind of thing it is.

    A message quotes what it was given; an array's repr runs to many lines.

    >>> shown(-1), shown("3 4"), shown([[1.0] * 30])
    ('-1', "'3 4'", 'a list')
    """
    text = repr(value)
    if len(text) <= 40 and "\n" not in text:
        return text
    return f"a {type(value).__name__}"


def check_flag(value: object, name: str) -> bool:
    """A yes/no option: True or False (numpy's too), nothing else that merely looks truthy.

    >>> check_flag(True, "latex")
    True
    >>> check_flag("yes", "latex")
    Traceback (most recent call last):
    ...
    TypeError: latex must be True or False, got 'yes'
    """
    if not isinstance(value, (bool, np.bool_)):
        raise TypeError(f"{name} must be True or False, got {shown(value)}")
    return bool(value)


def shape_str(shape: Sequence[int]) -> str:
    """Write a shape the way the site does: ``3×4``."""
    return "×".join(str(n) for n in shape) if len(shape) else "a single number"


def as_float_array(value: object, what: str) -> np.ndarray:
    """Return ``value`` as a finite float64 array, or raise a one-line error.

    >>> as_float_array([[1, 0, 1]], "the input").dtype
    dtype('float64')
    >>> as_float_array([1, "a"], "the input")
    Traceback (most recent call last):
    ...
    TypeError: the input must hold numbers, found str
    """
    if isinstance(value, np.ndarray) and value.dtype == np.float64:
        array = value
    else:
        array = _convert(value, what)
    if array.size == 0:
        raise ValueError(f"{what} is empty (shape {shape_str(array.shape)})")
    if not np.isfinite(array).all():
        raise ValueError(f"{what} contains NaN or infinite values")
    return array


def _convert(value: object, what: str) -> np.ndarray:
    if value is None:
        raise TypeError(f"{what} must be numbers, got None")
    if isinstance(value, (str, bytes)):
        raise TypeError(f"{what} must be numbers, got a string")
    try:
        raw = np.asarray(value)
        if raw.dtype == object:
            _reject_object(raw, what)
        if raw.dtype.kind not in "biuf":
            raise TypeError(f"{what} must hold numbers, found {_kind_name(raw)}")
        return raw.astype(np.float64)
    except OverflowError:  # a Python int beyond any float
        raise ValueError(
            f"{what} has a number beyond ±1.8e308, the largest a float holds"
        ) from None
    except ValueError as error:
        if str(error).startswith(what):  # ours, raised above
            raise
        raise ValueError(f"{what} is ragged: its rows have different lengths") from None


def _reject_object(raw: np.ndarray, what: str) -> None:
    # object arrays come from ragged nesting or from non-numbers (None, str, ...)
    for item in raw.flat:
        if isinstance(item, (list, tuple, np.ndarray)):
            raise ValueError(f"{what} is ragged: its rows have different lengths")
        if isinstance(item, bool) or not isinstance(item, numbers.Real):
            raise TypeError(f"{what} must hold numbers, found {type(item).__name__}")
    # every item a real number, yet numpy kept objects: an int too big for any float
    raise ValueError(f"{what} has a number beyond ±1.8e308, the largest a float holds")


def _kind_name(raw: np.ndarray) -> str:
    names = {"U": "str", "S": "bytes", "c": "complex", "M": "datetime", "m": "timedelta"}
    return names.get(raw.dtype.kind, str(raw.dtype))


def as_rows(value: object, what: str, width: int, layer: str) -> tuple[np.ndarray, bool]:
    """Return ``value`` as a (k, width) matrix and whether it came as a vector.

    ``layer`` names the layer the rows must fit, e.g. ``"layer 0 (l_0)"``.

    >>> rows, was_vector = as_rows([1, 0, 1], "the input", 3, "layer 0 (l_0)")
    >>> rows.shape, was_vector
    ((1, 3), True)
    >>> as_rows([1, 0], "the input", 3, "layer 0 (l_0)")
    Traceback (most recent call last):
    ...
    ValueError: the input has 2 values per row but layer 0 (l_0) has 3
    """
    array = as_float_array(value, what)
    if array.ndim == 1:
        array, was_vector = array[np.newaxis, :], True
    elif array.ndim == 2:
        was_vector = False
    else:
        raise ValueError(
            f"{what} must be a vector or a matrix of rows, got shape {shape_str(array.shape)}"
        )
    if array.shape[1] != width:
        raise ValueError(f"{what} has {array.shape[1]} values per row but {layer} has {width}")
    return array, was_vector


def check_width(value: object, index: int) -> int:
    """Return a layer width as an int, or explain why it cannot be one.

    >>> check_width(4, 1)
    4
    >>> check_width(0, 1)
    Traceback (most recent call last):
    ...
    ValueError: layer 1 must have at least 1 value, got 0
    """
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        raise TypeError(
            f"layer {index} width must be a whole number, got {type(value).__name__} {shown(value)}"
        )
    if value < 1:
        raise ValueError(f"layer {index} must have at least 1 value, got {value}")
    return int(value)


def check_seed(value: object) -> int | None:
    """Return a random seed numpy accepts (None or 0 … 2**32 - 1), or say why not.

    >>> check_seed(1)
    1
    >>> check_seed(-1)
    Traceback (most recent call last):
    ...
    ValueError: seed must be a whole number from 0 to 2**32 - 1, got -1
    """
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, numbers.Integral):
        kind = type(value).__name__
        raise TypeError(f"seed must be a whole number or None, got {kind} {shown(value)}")
    if not 0 <= value < 2**32:
        raise ValueError(f"seed must be a whole number from 0 to 2**32 - 1, got {value}")
    return int(value)


# -- sizes and numbers at the edge ------------------------------------------

# The most weights Network.random draws: 800 MB of float64. Checked before a
# single number is drawn, so a typo such as [10**6, 10**6] costs nothing.
MAX_WEIGHTS = 100_000_000
_FLOAT_BYTES = 8


def check_size(sizes: Sequence[int], who: str = "Network.random") -> None:
    """Refuse, in one line, widths whose weights would pass ``MAX_WEIGHTS``.

    >>> check_size([3, 4, 1])
    >>> check_size([30000, 30000])
    Traceback (most recent call last):
    ...
    ValueError: Network.random: a 30000-30000 network has 900,000,000 weights (W_0 alone is \
30000×30000, 7.2 GB); the limit is 100,000,000 weights (800 MB)
    """
    shapes = list(itertools.pairwise(sizes))
    count = sum(a * b for a, b in shapes)
    if count <= MAX_WEIGHTS:
        return
    k = max(range(len(shapes)), key=lambda i: shapes[i][0] * shapes[i][1])
    rows, cols = shapes[k]
    raise ValueError(
        f"{who}: a {'-'.join(map(str, sizes))} network has {count:,} weights "
        f"(W_{k} alone is {rows}×{cols}, {_bytes(rows * cols * _FLOAT_BYTES)}); "
        f"the limit is {MAX_WEIGHTS:,} weights ({_bytes(MAX_WEIGHTS * _FLOAT_BYTES)})"
    )


def _bytes(n: int) -> str:
    """``n`` bytes in the largest unit that keeps a number ≥ 1 (decimal units).

    >>> _bytes(800_000_000), _bytes(8 * 10**12), _bytes(8 * 10**20)
    ('800 MB', '8 TB', '800,000,000 TB')
    """
    for unit, size in (("TB", 10**12), ("GB", 10**9), ("MB", 10**6), ("KB", 10**3)):
        if n >= size:
            value = n / size
            return (
                f"{value:,.0f} {unit}"
                if value >= 10 or value.is_integer()
                else f"{value:.1f} {unit}"
            )
    return f"{n} bytes"


def explain_overflow(named: Sequence[tuple[str, np.ndarray]]) -> None:
    """Raise a one-line ValueError naming the first array in ``named`` that is not finite.

    A float holds at most about 1.8e308: past that a sum overflows to inf, and
    relu (or a delta) turns inf into nan. Nothing happens when all are finite.

    >>> explain_overflow([("l_1", np.array([1.0])), ("l_2", np.array([np.inf]))])
    Traceback (most recent call last):
    ...
    ValueError: the values overflowed: l_2 has values beyond ±1.8e308, the largest a float \
can hold (the input or the weights are too large)
    """
    for name, array in named:
        if not np.isfinite(array).all():
            raise ValueError(
                f"the values overflowed: {name} has values beyond ±1.8e308, the largest a "
                "float can hold (the input or the weights are too large)"
            )


def explain_diverged(weights: Sequence[np.ndarray]) -> None:
    """Raise a one-line ValueError when training has left a weight matrix nan or infinite.

    >>> explain_diverged([np.ones((1, 1)), np.array([[np.nan]])])
    Traceback (most recent call last):
    ...
    ValueError: W_1 holds NaN or infinite values: training diverged (alpha was too large); \
start again from Network.random with a smaller alpha
    """
    for k, w in enumerate(weights):
        if not np.isfinite(w).all():
            raise ValueError(
                f"W_{k} holds NaN or infinite values: training diverged (alpha was too large); "
                "start again from Network.random with a smaller alpha"
            )
