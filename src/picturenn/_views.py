"""The check every view (algebra, code, the pictures) makes first, written once."""

from __future__ import annotations

from picturenn.network import Network


def check_view(
    net: object, what: str, form: str | None = None, forms: tuple[str, ...] = ()
) -> Network:
    """``net`` if it is a Network (and ``form`` one of ``forms``), else a one-line error.

    ``what`` names the function asked, as the reader called it.

    >>> check_view([3, 4, 1], "algebra.render")
    Traceback (most recent call last):
    ...
    TypeError: algebra.render needs a Network, got list
    >>> check_view(Network.random([3, 1]), "algebra.render", "table", ("chained", "steps"))
    Traceback (most recent call last):
    ...
    ValueError: form must be one of 'chained', 'steps'; got 'table'
    """
    if not isinstance(net, Network):
        raise TypeError(f"{what} needs a Network, got {type(net).__name__}")
    if forms and form not in forms:
        allowed = ", ".join(repr(f) for f in forms)
        raise ValueError(f"form must be one of {allowed}; got {form!r}")
    return net
