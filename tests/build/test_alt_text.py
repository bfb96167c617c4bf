"""Meaningful alt text on every image of the built site (read from the HTML, no browser)."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

# alt texts that say nothing about the picture
_EMPTY_WORDS = {"image", "img", "picture", "figure", "diagram", "chart", "graph", "svg", "png"}


class _Images(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.images: list[tuple[str, str | None]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "img":
            values = dict(attrs)
            self.images.append((values.get("src") or "", values.get("alt")))


def alt_problem(src: str, alt: str | None) -> str | None:
    """Why ``alt`` does not describe the image at ``src``, or None if it does."""
    if alt is None or not alt.strip():
        return "no alt text"
    words = re.findall(r"\w+", alt.lower())
    stem = Path(src).stem.lower()
    if len(words) < 3 or set(words) <= _EMPTY_WORDS | set(re.findall(r"\w+", stem)):
        return f"alt text {alt!r} does not describe the picture"
    return None


def test_alt_checker_tells_meaningful_from_empty():
    assert alt_problem("a.svg", None) == "no alt text"
    assert alt_problem("a.svg", "  ") == "no alt text"
    assert alt_problem("net-blocks.svg", "net blocks") is not None
    assert alt_problem("x.png", "diagram image") is not None
    assert alt_problem("x.svg", "3 inputs → 4 relu → 1 output; W_0 is 3×4") is None


@pytest.mark.slow
def test_every_image_has_meaningful_alt_text(built_site):
    problems = []
    for html in sorted(built_site.rglob("*.html")):
        parser = _Images()
        parser.feed(html.read_text(encoding="utf-8"))
        for src, alt in parser.images:
            if (problem := alt_problem(src, alt)) is not None:
                problems.append(f"{html.relative_to(built_site)}: {src}: {problem}")
    assert not problems, "\n".join(problems)
