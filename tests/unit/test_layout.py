"""No text of any picture overlaps another or runs off the card, for every small network.

The book's first networks are 1-1 and 1-1-1: narrow strips, but titles as long
as ever. Each label is measured as matplotlib renders it (its window extent on
an Agg renderer), over widths 1–4 and depths 1–3, in every style, at natural
size and at a phone's width.
"""

import itertools

import numpy as np
import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.transforms import Bbox

from picturenn import Network
from picturenn.code import example_input
from picturenn.draw import STYLES

SLACK = 0.5  # pixels: touching is not overlapping
PHONE = 3.4  # inches: the narrowest card the site asks for


def labels(fig: Figure) -> list[tuple[str, Bbox]]:
    renderer = fig.canvas.get_renderer()
    return [
        (text.get_text(), text.get_window_extent(renderer))
        for ax in fig.axes
        for text in ax.texts
        if text.get_visible() and text.get_text().strip()
    ]


def layout_problems(fig: Figure) -> list[str]:
    """Every label outside the figure, and every pair of labels that overlap."""
    card, found = fig.bbox, []
    boxes = labels(fig)
    for text, box in boxes:
        if (
            box.x0 < card.x0 - SLACK
            or box.y0 < card.y0 - SLACK
            or box.x1 > card.x1 + SLACK
            or box.y1 > card.y1 + SLACK
        ):
            found.append(f"clipped: {text!r}")
    for (a, box_a), (b, box_b) in itertools.combinations(boxes, 2):
        across = min(box_a.x1, box_b.x1) - max(box_a.x0, box_b.x0)
        down = min(box_a.y1, box_b.y1) - max(box_a.y0, box_b.y0)
        if across > SLACK and down > SLACK:
            found.append(f"overlap: {a!r} and {b!r}")
    return found


def picture(style: str, widths: list[int], fit: float | None) -> Figure:
    net = Network.random(widths, seed=1)
    x, goal = example_input(net), np.ones(widths[-1])
    args = {"predict": (x,), "backprop": (x, goal)}.get(style, ())
    return STYLES[style](net, *args, fit=fit)


def test_the_measure_sees_an_overlap_and_a_clip():
    fig = Figure(figsize=(2, 1))
    FigureCanvasAgg(fig)  # as every picture has
    ax = fig.add_axes((0, 0, 1, 1))
    ax.text(0.1, 0.5, "one label")
    ax.text(0.15, 0.5, "another label")
    ax.text(0.9, 0.1, "running off the edge")
    found = layout_problems(fig)
    assert "overlap: 'one label' and 'another label'" in found
    assert "clipped: 'running off the edge'" in found


@pytest.mark.parametrize("fit", [None, PHONE])
@pytest.mark.parametrize("style", sorted(STYLES))
def test_every_small_network_lays_out_cleanly(style, fit):
    bad = {}
    for depth, width in itertools.product((1, 2, 3), (1, 2, 3, 4)):
        widths = [width] * (depth + 1)
        found = layout_problems(picture(style, widths, fit))
        if found:
            bad["-".join(map(str, widths))] = found[:3]
    assert not bad, bad


@pytest.mark.parametrize("style", sorted(STYLES))
@pytest.mark.parametrize("widths", [[1, 1], [1, 1, 1], [3, 1], [1, 4, 1], [4, 1, 4], [3, 4, 1]])
def test_mixed_widths_lay_out_cleanly(style, widths):
    assert layout_problems(picture(style, widths, None)) == []
