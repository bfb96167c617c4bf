"""Readable, stable file names for generated figures: the page, the network, the picture.

A figure's name is what a teacher links to, embeds or drops into slides, so it
is made from what the page's fence says (which page, which network, which
picture, which input and goal) and never from the package: a package edit that
leaves a picture alone leaves its name alone too. (The cache key behind the
figure does change, so the picture is still redrawn and checked.) A static host
revalidates files, so the name needs no content hash to bust caches.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Sequence

_UNSAFE = re.compile(r"[^a-z0-9]+")
_STYLE = re.compile(r"\x00style=(\w+)")
_FIT = re.compile(r"\x00fit=(\d+)px")


def slug(text: str) -> str:
    """Lower case, words joined by single dashes.

    >>> slug("Side by side/predict_network.py")
    'side-by-side-predict-network-py'
    """
    return _UNSAFE.sub("-", text.lower()).strip("-")


def numbers(values: Sequence[float]) -> str:
    """Numbers as a name can hold them: ``m`` for minus, ``p`` for the point.

    >>> numbers([1.0, 0.0, -0.5])
    '1-0-m0p5'
    """
    return "-".join(f"{v:g}".replace("-", "m").replace(".", "p") for v in values)


def style_of(identity: str) -> str:
    """The picture style a figure identity names (fences.py writes ``\\0style=NAME``)."""
    match = _STYLE.search(identity)
    if match is None:
        raise ValueError(f"figure identity names no style: {identity!r}")
    return match.group(1)


def fit_of(identity: str) -> int | None:
    """The screen width (CSS px) a figure identity was laid out for, if it names one.

    >>> fit_of(chr(0).join(["widths=(3, 4, 1)", "style=blocks", "fit=350px"]))
    350
    """
    match = _FIT.search(identity)
    return int(match.group(1)) if match else None


def figure_name(
    page: str,
    style: str,
    widths: Sequence[int] | None = None,
    seed: int = 1,
    source: str | None = None,
    x: Sequence[float] | None = None,
    goal: Sequence[float] | None = None,
    fit: int | None = None,
) -> str:
    """The file name of one figure of ``page`` (a docs-relative Markdown path).

    >>> figure_name("shapes.md", "blocks", widths=(3, 4, 1))
    'shapes-3-4-1-blocks.svg'
    >>> figure_name("guide/predict.md", "predict", widths=(3, 4, 1), seed=2, x=(1, 0, 1))
    'guide-predict-3-4-1-seed-2-predict-in-1-0-1.svg'
    >>> figure_name("side-by-side.md", "backprop", source="examples/net.py", goal=(1,))
    'side-by-side-net-backprop-goal-1.svg'

    ``fit`` names the layout of a figure drawn again for a narrower screen:

    >>> figure_name("shapes.md", "shapes", widths=(784, 100, 10), fit=390)
    'shapes-784-100-10-shapes-390px.svg'
    """
    parts = [slug(posixpath.splitext(page)[0])]
    if source is not None:
        parts.append(slug(posixpath.splitext(posixpath.basename(source))[0]))
    else:
        parts.append(numbers(widths or ()))
        if seed != 1:
            parts.append(f"seed-{numbers([seed])}")
    parts.append(slug(style))
    if x is not None:
        parts.append(f"in-{numbers(x)}")
    if goal is not None:
        parts.append(f"goal-{numbers(goal)}")
    if fit is not None:
        parts.append(f"{fit}px")
    return "-".join(parts) + ".svg"
