"""Time and SVG size of every diagram style on small and large networks."""

from __future__ import annotations

import time

from picturenn import Network, draw
from tests.bench.timing import summary

ARCHITECTURES = ([3, 4, 1], [3, 4, 4, 1], [784, 500, 10])


def _figure(style: str, net: Network):
    x = [1.0, 0.0, 1.0] if net.widths[0] == 3 else [1.0] * net.widths[0]
    goal = [1.0] * net.widths[-1]
    if style == "predict":
        return draw.predict(net, x)
    if style == "backprop":
        return draw.backprop(net, x, goal)
    return draw.STYLES[style](net)


def measure(runs: int = 3) -> dict[str, object]:
    """Seconds (min/median/max) and SVG bytes per style and architecture."""
    results: dict[str, object] = {}
    for widths in ARCHITECTURES:
        net = Network.random(widths, seed=1)
        for style in draw.STYLES:
            times, size = [], 0
            for _ in range(runs):
                start = time.perf_counter()
                size = len(draw.to_svg(_figure(style, net)))
                times.append(time.perf_counter() - start)
            entry: dict[str, object] = {"seconds": summary(times), "bytes": size}
            if widths == [784, 500, 10] and style == "detailed":
                entry["target"] = {"seconds": 2.0, "bytes": 500_000}
            results[f"{style} {'-'.join(map(str, widths))}"] = entry
    return results
