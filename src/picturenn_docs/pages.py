"""Check and generate a whole docs folder, reading from the cache what did not change.

This is what a docs build calls (through the mkdocs adapter) and what a test can
call without mkdocs: :class:`Checker` runs the doctests, every example file, and
every page's examples and fences, counting in a :class:`Summary` what it
recomputed and what it read from the cache. Failures are collected, not
raised one by one, so a build names every broken place at once.
"""

from __future__ import annotations

import json
import posixpath
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from picturenn_docs import doctests, examples, fences, screens
from picturenn_docs.blocks import Block, find_blocks, replace_blocks
from picturenn_docs.cache import PACKAGE_DIR, Cache, tree_hash
from picturenn_docs.failures import CheckFailed
from picturenn_docs.summary import Summary

FIGURES_URI = "assets/picturenn"  # where figures appear in the site (never in docs/)
KINDS = (
    "examples",
    "doctests",
    "fences",
    "figures",
    "notebooks",
    "notebook-html",
    "api",
)  # cache folders we own


@dataclass
class Checker:
    """Everything one build checks, with paths shown relative to ``root``."""

    cache: Cache
    docs_dir: Path
    root: Path
    summary: Summary = field(default_factory=Summary)
    failures: list[CheckFailed] = field(default_factory=list)
    figures: dict[str, Path] = field(default_factory=dict)  # site uri -> cached SVG

    def __post_init__(self) -> None:
        self.shown_docs = self.shown(self.docs_dir)
        self.examples_hash = tree_hash(self.docs_dir / "examples")

    def shown(self, path: Path) -> str:
        """A path as the error messages show it: relative to the project when possible."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    # -- doctests ---------------------------------------------------------------------------

    def check_doctests(self, package_dir: Path = PACKAGE_DIR) -> None:
        """Run the doctests of every package module whose cache entry is missing."""
        with self.summary.timed("doctests"):
            for name, path in doctests.package_modules(package_dir):
                key = self.cache.key("doctest", name)
                if self.cache.read_text("doctests", key) is not None:
                    self.summary.count("doctests", "cached")
                    continue
                self.summary.count("doctests", "run")
                try:
                    passed = doctests.check_module(name, self.shown(path))
                except CheckFailed as failure:
                    self.failures.append(failure)
                    continue
                self.summary.count("doctests", "passed", passed)
                self.cache.write_text("doctests", key, str(passed))

    # -- examples ---------------------------------------------------------------------------

    def check_example_files(self) -> None:
        """Run every ``docs/examples/**/*.py`` file like a python block (``#>`` lines checked)."""
        folder = self.docs_dir / "examples"
        with self.summary.timed("examples"):
            for file in sorted(folder.rglob("*.py")) if folder.is_dir() else []:
                source = examples.source_of_file(file, self.shown(file))
                self._example("python", source)

    def _example(self, lang: str, source: examples.Source) -> None:
        key = self.cache.key("example", lang, source.text)
        if self.cache.read_text("examples", key) is not None:
            self.summary.count("examples", "cached")
            return
        self.summary.count("examples", "run")
        try:
            if lang in examples.PYCON_LANGS:
                examples.check_pycon(source)
            else:
                examples.check_python(source)
        except CheckFailed as failure:
            self.failures.append(failure)
            return
        self.summary.count("examples", "passed")
        self.cache.write_text("examples", key, "passed")

    # -- pages ------------------------------------------------------------------------------

    def check_page(self, markdown: str, src_uri: str) -> str:
        """Run the page's examples, and return it with every fence replaced by what it makes."""
        path = f"{self.shown_docs}/{src_uri}"
        replacements: dict[Block, str] = {}
        for block in find_blocks(markdown):
            if block.lang in examples.PYTHON_LANGS | examples.PYCON_LANGS:
                with self.summary.timed("examples"):
                    self._page_example(block, path)
            elif block.lang in fences.FENCES:
                with self.summary.timed("fences"):
                    made = self._fence(block, path)
                if made is not None:
                    replacements[block] = made.replace(fences.GENERATED, _to_figures(src_uri))
        return replace_blocks(markdown, replacements)

    def _page_example(self, block: Block, path: str) -> None:
        try:
            source = examples.expand_snippets(
                block.body, path, block.first_body_line, self.docs_dir, self.shown_docs
            )
        except CheckFailed as failure:
            self.failures.append(failure)
            return
        self._example(block.lang, source)

    def _fence(self, block: Block, path: str) -> str | None:
        try:
            return self._cached_fence(block, path)
        except CheckFailed as failure:
            self.failures.append(failure)
            return None

    def _cached_fence(self, block: Block, path: str) -> str:
        spec, source = None, b""
        inputs: list[str | bytes] = [block.lang, "\n".join(block.body)]
        if block.lang == "generated":
            inputs.append(self.examples_hash)  # generated code may read the example files
        else:
            spec = fences.parse_spec(block.lang, block.body, path, block.start)
            source = self._source_bytes(spec)
            inputs.append(source)
        key = self.cache.key("fence", *inputs)
        cached = self.cache.read_text("fences", key, ".json")
        if cached is not None:
            entry = json.loads(cached)
            files = {uri: self._figure_files(k) for uri, k in entry["figures"].items()}
            if all(f.is_file() for pair in files.values() for f in pair):
                self.figures.update({uri: svg for uri, (svg, _) in files.items()})
                self.summary.count("fences", "cached")
                self.summary.count("figures", "cached", len(files))
                return entry["markdown"]
        self.summary.count("fences", "rendered")
        made: dict[str, str] = {}  # site uri -> figure key
        if spec is None:
            markdown = fences.run_generated(block.body, path, block.first_body_line)
        else:
            markdown = self._render(spec, source, made)
        self.figures.update({uri: self._figure_files(key)[0] for uri, key in made.items()})
        entry = {"markdown": markdown, "figures": made}
        self.cache.write_text("fences", key, json.dumps(entry), ".json")
        return markdown

    def _source_bytes(self, spec: fences.Spec) -> bytes:
        if spec.source is None:
            return b""
        file = self.docs_dir / spec.source
        return file.read_bytes() if file.is_file() else b""

    def _figure_files(self, key: str) -> tuple[Path, Path]:
        """The SVG and alt-text files of a figure (both marked as used by this build)."""
        return self.cache.path("figures", key, ".svg"), self.cache.path("figures", key, ".alt")

    def _render(self, spec: fences.Spec, source: bytes, made: dict[str, str]) -> str:
        net = fences.build_network(spec, self.docs_dir, self.shown_docs)
        identity = fences.network_identity(spec, source)
        render = fences.render_network if spec.kind == "network" else fences.render_diagram
        try:
            return render(spec, net, identity, self._figure_store(made))
        except CheckFailed:
            raise
        except Exception as error:  # a view that breaks fails the fence, not the whole build
            raise spec.fail(None, f"{type(error).__name__}: {error}") from None

    def _figure_store(self, made: dict[str, str]) -> fences.FigureStore:
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
            name = f"{key[:20]}.svg"
            made[f"{FIGURES_URI}/{name}"] = key
            return name, alt, screens.svg_size(svg.read_bytes()[:2000])

        return store


def _to_figures(src_uri: str) -> str:
    """The figures folder relative to a page, as a Markdown link from that page needs it.

    >>> _to_figures("index.md"), _to_figures("guide/deep/page.md")
    ('assets/picturenn', '../../assets/picturenn')
    """
    return posixpath.relpath(FIGURES_URI, posixpath.dirname(src_uri) or ".")
