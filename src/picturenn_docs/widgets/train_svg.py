"""The training replay's pictures: the network with one line per weight, and the error curve.

The network is :func:`picturenn.draw.detailed` of the start weights, its
grouped weight lines swapped for one line per weight (gid ``w-k-i-j``) so
each can take its weight's colour and thickness at every step. The error
curve is drawn here with the package's house style; where each iteration sits
on it (the cursor's positions) is worked out by matplotlib's transforms at
build time.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from picturenn_docs.widgets import svg as widgets_svg

if TYPE_CHECKING:
    from picturenn import Network

THICKEST = 2.6  # points, as draw.detailed's thickest class


def lines(net: Network, prefix: str) -> tuple[str, dict[str, str]]:
    """The detailed picture with a line per weight; returns it inline and the sign colours."""
    from picturenn import draw
    from picturenn.draw import style

    fig = draw.detailed(net)
    ax = fig.axes[0]
    edges, nodes = ax.collections[0], ax.collections[1]
    positions = nodes.get_offsets()
    edges.remove()
    widths = net.widths
    starts = [sum(widths[:k]) for k in range(len(widths))]
    largest = max(float(abs(w).max()) for w in net.weights)
    for k, w in enumerate(net.weights):
        for i in range(w.shape[0]):
            for j in range(w.shape[1]):
                (x0, y0), (x1, y1) = positions[starts[k] + i], positions[starts[k + 1] + j]
                value = float(w[i, j])
                ax.plot(
                    [x0, x1],
                    [y0, y1],
                    color=style.POSITIVE if value > 0 else style.NEGATIVE,
                    linewidth=max(0.5, THICKEST * abs(value) / largest),
                    solid_capstyle="round",
                    alpha=0.9,
                    zorder=1,
                    gid=f"w-{k}-{i}-{j}",
                )
    for text in ax.texts:  # the legend's "largest" is the start's; the replay changes it
        if text.get_text().startswith("thicker"):
            text.set_text("thicker = larger |w|")
    svg = draw.to_svg(fig)
    label = (
        "The 3-4-1 network drawn as nodes and one line per weight, coloured by the "
        "weight's sign and thickened by its size, at the current training step."
    )
    return widgets_svg.inline(svg, prefix, label, len(net.weights)), {
        "pos": style.POSITIVE,
        "neg": style.NEGATIVE,
        "largest": f"{largest:.4g}",
    }


def curve(errors: list[float], prefix: str) -> tuple[str, list[list[float]]]:
    """The error per iteration on a log scale, with a cursor; returns it and each point's place."""
    from matplotlib.figure import Figure

    from picturenn.draw import style

    with style.house_style():
        fig = Figure(figsize=(4.6, 2.4), facecolor=style.CARD)
        ax = fig.add_subplot()
        ax.set_facecolor(style.CARD)
        ax.plot(range(len(errors)), errors, color="#3949ab", linewidth=1.6)
        ax.set_yscale("log")
        ax.set_xlabel("iteration", fontsize=10)
        ax.set_ylabel("error (log scale)", fontsize=10)
        ax.tick_params(labelsize=10)
        ax.grid(True, which="major", color="#dddddd")
        for side in ("top", "right"):
            ax.spines[side].set_visible(False)
        ax.axvline(0, color="#ad1457", linewidth=1.4, gid="cursor")
        ax.plot([0], [errors[0]], "o", color="#ad1457", markersize=5, gid="dot")
        fig.tight_layout()
        fig.canvas.draw()
        height = fig.get_figheight() * 72
        scale = 72 / fig.dpi
        points = []
        for i, error in enumerate(errors):
            x, y = ax.transData.transform((i, error))
            points.append([round(x * scale, 2), round(height - y * scale, 2)])
    svg = style.to_svg(fig)
    label = "The error of each of the 60 training iterations, on a log scale, falling from "
    label += f"{errors[0]:.3g} to {errors[-1]:.3g}; a cursor marks the current iteration."
    return widgets_svg.inline(svg, f"{prefix}c", label, 0), points
