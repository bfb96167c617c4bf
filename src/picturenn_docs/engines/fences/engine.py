"""The fences engine of a build: each generated fence's Markdown and figures, cached.

A fence is remembered by its language, its body and what it reads (a
``source:`` file; for ``generated`` fences, the example files), and each
figure by what it shows, so a rebuild draws only what changed. Figures are
served from the cache as ``assets/picturenn/<name>.svg``, named from the page
and the fence (figure_names.py): nothing is ever written into ``docs/``.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from picturenn_docs.core.blocks import Block
from picturenn_docs.core.cache import code_hash, tree_hash
from picturenn_docs.core.failures import CheckFailed
from picturenn_docs.engines.fences import screens
from picturenn_docs.engines.fences.names import figure_name, fit_of, style_of
from picturenn_docs.engines.fences.render import (
    FigureStore,
    WidgetRenderer,
    no_widgets,
    render_diagram,
    render_network,
    run_generated,
)
from picturenn_docs.engines.fences.spec import (
    GENERATED,
    Spec,
    build_network,
    network_identity,
    parse_spec,
)

if TYPE_CHECKING:
    from picturenn_docs.core.build import Build

FIGURES_URI = "assets/picturenn"  # where figures appear in the site (never in docs/)


class Fences:
    """Make the fences of every page; ``figures`` maps each figure's site URI to its file."""

    KIND = "fences"
    KINDS = ("fences", "figures")

    def __init__(self, build: Build, widget: WidgetRenderer = no_widgets) -> None:
        self.build = build
        self.widget = widget  # draws the fences that ask for a widget (picturenn_docs.widgets)
        # keyed on the widgets' code too: it is handed in, not imported, yet it makes fences
        self.cache = build.cache_for(__name__).salted(code_hash(widget))
        self.summary = build.summary
        self.figures: dict[str, Path] = {}  # site uri -> cached SVG
        self.examples_hash = tree_hash(build.docs_dir / "examples")

    def make(self, block: Block, shown: str, src_uri: str) -> str:
        """The Markdown that replaces ``block`` on page ``src_uri`` (raises CheckFailed)."""
        with self.summary.timed(self.KIND):
            made = self._cached(block, shown)
        return made.replace(GENERATED, to_figures(src_uri))

    def key(self, block: Block, path: str) -> tuple[str, Spec | None, bytes]:
        """The fence's cache key, with its parsed keys and source (None, b"": generated)."""
        spec, source = None, b""
        inputs: list[str | bytes] = [block.lang, "\n".join(block.body)]
        if block.lang == "generated":
            inputs.append(self.examples_hash)  # generated code may read the example files
        else:
            spec = parse_spec(block.lang, block.body, path, block.start)
            source = self._source_bytes(spec)
            inputs += [source, path]  # the page names the figures, so it keys the Markdown
        return self.cache.key("fence", *inputs), spec, source

    def _cached(self, block: Block, path: str) -> str:
        key, spec, source = self.key(block, path)
        cached = self.cache.read_text("fences", key, ".json")
        if cached is not None:
            entry = json.loads(cached)
            files = {uri: self._figure_files(k) for uri, k in entry["figures"].items()}
            if all(f.is_file() for pair in files.values() for f in pair):
                self.figures.update({uri: svg for uri, (svg, _) in files.items()})
                self.summary.count("fences", "cached")
                if files:
                    self.summary.count("figures", "cached", len(files))
                return entry["markdown"]
        self.summary.count("fences", "rendered")
        made: dict[str, str] = {}  # site uri -> figure key
        if spec is None:
            markdown = run_generated(block.body, path, block.first_body_line)
        else:
            markdown = self._render(spec, source, made)
        self.figures.update({uri: self._figure_files(key)[0] for uri, key in made.items()})
        entry = {"markdown": markdown, "figures": made}
        self.cache.write_text("fences", key, json.dumps(entry), ".json")
        return markdown

    def _source_bytes(self, spec: Spec) -> bytes:
        if spec.source is None:
            return b""
        file = self.build.docs_dir / spec.source
        return file.read_bytes() if file.is_file() else b""

    def _figure_files(self, key: str) -> tuple[Path, Path]:
        """The SVG and alt-text files of a figure (both marked as used by this build)."""
        return self.cache.path("figures", key, ".svg"), self.cache.path("figures", key, ".alt")

    def _render(self, spec: Spec, source: bytes, made: dict[str, str]) -> str:
        net = build_network(spec, self.build.docs_dir, self.build.shown_docs)
        identity = network_identity(spec, source)
        draw = render_network if spec.kind == "network" else render_diagram
        try:
            return draw(spec, net, identity, self._figure_store(spec, made), self.widget)
        except CheckFailed:
            raise
        except Exception as error:  # a view that breaks fails the fence, not the whole build
            raise spec.fail(None, f"{type(error).__name__}: {error}") from None

    def _figure_store(self, spec: Spec, made: dict[str, str]) -> FigureStore:
        page = spec.path.removeprefix(f"{self.build.shown_docs}/")

        def store(
            identity: str, draw: Callable[[], tuple[bytes, str]]
        ) -> tuple[str, str, tuple[int, int]]:
            key = self.cache.key("figure", identity)
            svg, alt_path = self._figure_files(key)
            if svg.is_file() and alt_path.is_file():
                self.summary.count("figures", "cached")
                alt = alt_path.read_text(encoding="utf-8")
            else:
                self.summary.count("figures", "drawn")
                data, alt = draw()
                self.cache.write_text("figures", key, alt, ".alt")
                self.cache.write_bytes("figures", key, data, ".svg")
            # named from the page and the fence, never the key: stable across package edits
            fit = fit_of(identity)  # the laptop layout keeps the plain name; a phone's says so
            name = figure_name(
                page,
                style_of(identity),
                spec.widths,
                spec.seed,
                spec.source,
                spec.input,
                spec.goal,
                None if fit == screens.LAPTOP_PX else fit,
            )
            uri = f"{FIGURES_URI}/{name}"
            if self.figures.get(uri, svg) != svg or made.get(uri, key) != key:
                raise spec.fail(None, f"another figure of this page is already named {name}")
            made[uri] = key
            return name, alt, screens.svg_size(svg.read_bytes()[:2000])

        return store


def to_figures(src_uri: str) -> str:
    """The figures folder relative to a page, as a Markdown link from that page needs it.

    >>> to_figures("index.md"), to_figures("guide/deep/page.md")
    ('assets/picturenn', '../../assets/picturenn')
    """
    return posixpath.relpath(FIGURES_URI, posixpath.dirname(src_uri) or ".")
