"""The check every view (algebra, code, the pictures) makes first, written once."""

from __future__ import annotations

from picturenn._checks import shown
from picturenn.network import Network


def check_view(
    net: object, what: str | None, form: str | None = None, forms: tuple[str, ...] = ()
) -> Network:
    """``net`` if it is a Network (and ``form`` one of ``forms``), else a one-line error.

    ``what`` names the function asked, as the reader called it (None: not named).

    >>> check_view([3, 4, 1], "draw.blocks")
    Traceback (most recent call last):
    ...
    TypeError: draw.blocks needs a Network, got list
    >>> check_view(Network.random([3, 1]), None, "table", ("chained", "steps"))
    Traceback (most recent call last):
    ...
    ValueError: form must be one of 'chained', 'steps'; got 'table'
    """
    if not isinstance(net, Network):
        asked = f"{what} needs" if what else "expected"
        raise TypeError(f"{asked} a Network, got {type(net).__name__}")
    if not isinstance(forms, tuple) or forms:  # () asks for no form check
        check_form(form, forms)
    return net


def check_form(form: str | None, forms: tuple[str, ...]) -> None:
    """Refuse a form not in ``forms``, naming the allowed ones."""
    if not isinstance(forms, tuple) or not all(isinstance(f, str) for f in forms):
        raise TypeError(f"forms must be a tuple of form names, got {shown(forms)}")
    if not isinstance(form, str) or form not in forms:
        allowed = ", ".join(repr(f) for f in forms)
        raise ValueError(f"form must be one of {allowed}; got {shown(form)}")
