"""Replay mkdocstrings' API reference blocks from the cache when nothing they read changed.

**Earns its place:** it saves 32% of a warm build's CPU (1.79 s against 2.64 s with
``PICTURENN_API_CACHE=off``) and 24% of a build after one page edit (medians of 3,
``make bench``'s speed-ups section, 2026-12-03).

Rendering the ``::: picturenn...`` blocks (griffe loads the package, Jinja
compiles and renders mkdocstrings' templates) costs about as much as the rest of
a warm build. A block's HTML depends only on the package source, the block's own
text, the page, mkdocs.yml and the installed library versions, so this Markdown
block processor sits just in front of mkdocstrings' own: on a miss it lets
mkdocstrings render the block, recording the HTML, the headings it hands to the
table of contents, and every anchor and inventory item it registers; on a hit it
puts back exactly those. Cross-references inside the HTML stay unresolved
``<autoref>`` tags either way: autorefs resolves them later, against the
anchors of this build.

Nothing here imports mkdocs or mkdocstrings: the processor finds mkdocstrings'
through the Markdown instance it runs in. It does call mkdocstrings' private
helpers (``_process_block``, ``_process_headings``, ``_autorefs``, ``_handlers``),
so it is the one module of the build that touches another library's internals,
and it guards itself: with any version of mkdocstrings, mkdocstrings-python,
griffe or mkdocs-autorefs other than the ones it was tested with
(:data:`TESTED`), or with ``PICTURENN_API_CACHE=off``, it switches itself off,
every block is rendered by mkdocstrings as usual (the same site, only slower),
and the build summary says why.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from collections.abc import Iterable, Iterator, Mapping, MutableSequence
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, fromstring, tostring

from markdown import Markdown
from markdown.blockprocessors import BlockProcessor
from markdown.extensions import Extension

from picturenn_docs.core.cache import Cache, installed_versions
from picturenn_docs.core.summary import Summary
from picturenn_docs.speedups.guards import why_untested

KIND = "api"
LIBRARIES = (
    "mkdocstrings",
    "mkdocstrings_python",
    "griffelib",
    "mkdocs_autorefs",
    "mkdocs",
    "markdown",
    "pymdown_extensions",
    "mkdocs_material",
    "jinja2",
    "pygments",
)
# major.minor of the libraries whose internals this module uses, as tested
TESTED = {
    "mkdocstrings": "1.0",
    "mkdocstrings_python": "2.0",
    "griffelib": "2.4",
    "mkdocs_autorefs": "1.4",
}
SWITCH = "PICTURENN_API_CACHE"  # "off": render every block with mkdocstrings


def why_off(versions: Mapping[str, str], environ: Mapping[str, str] = os.environ) -> str | None:
    """Why the cache must stay off for these installed versions, or None if it may run.

    >>> print(why_off({**TESTED, "griffelib": "2.4.1"}, environ={}))
    None
    >>> why_off({**TESTED, "mkdocstrings": "1.1.0"}, environ={})
    'mkdocstrings 1.1.0 is not the tested 1.0.x'
    >>> why_off(TESTED, environ={SWITCH: "off"})
    'PICTURENN_API_CACHE=off'
    """
    return why_untested(SWITCH, TESTED, versions, environ)


# mkdocstrings' processor (priority 75) and the tree processor its inner, per-docstring
# Markdown instances have: a block there is left to mkdocstrings
DELEGATE = "mkdocstrings"
INNER_MARKER = "mkdocstrings_ids"
PATH_KEYS = ("paths", "extensions", "custom_templates")


def inputs_hash(root: Path, settings: object, *texts: str) -> str:
    """Hash ``texts`` and the files that mkdocstrings' ``settings`` name (relative to ``root``).

    Those are its ``paths`` (where griffe reads the package), its griffe
    ``extensions`` (``file.py:Class``) and its ``custom_templates``: with the
    package itself, all the rendered HTML can depend on.

    >>> import tempfile
    >>> root = Path(tempfile.mkdtemp())
    >>> _ = (root / "ext.py").write_text("A = 1")
    >>> settings = {"handlers": {"python": {"options": {"extensions": ["ext.py:A"]}}}}
    >>> before = inputs_hash(root, settings, "page")
    >>> _ = (root / "ext.py").write_text("A = 2")
    >>> inputs_hash(root, settings, "page") == before
    False
    """
    digest = hashlib.sha256()
    for text in texts:
        digest.update(text.encode() + b"\0")
    for name in sorted(set(_named_paths(settings))):
        path = root / name.split(":")[0]
        files = [path] if path.is_file() else sorted(path.rglob("*")) if path.is_dir() else []
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                shown = file.relative_to(root).as_posix()  # a moved copy of the project still hits
                digest.update(shown.encode() + b"\0" + file.read_bytes() + b"\0")
    return digest.hexdigest()


def _named_paths(value: object, inside: bool = False) -> Iterator[str]:
    """Every string under a ``paths``, ``extensions`` or ``custom_templates`` key."""
    if isinstance(value, str):
        if inside and value:
            yield value
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _named_paths(item, inside or key in PATH_KEYS)
    elif isinstance(value, Iterable):
        for item in value:
            yield from _named_paths(item, inside)


class ApiCache:
    """The cache entries of one build's API blocks; ``salt`` is set once the files are known."""

    KIND = KIND

    def __init__(self, cache: Cache, summary: Summary, off: str | None = "") -> None:
        self.cache = cache
        self.summary = summary
        self.salt: str | None = None  # None: render every block (nothing known yet)
        # why the cache is off (None: it is on); by default, asked of the installed versions
        self.off = why_off(installed_versions(list(TESTED))) if off == "" else off
        if self.off is not None:
            summary.notes[KIND] = f"cache off ({self.off}): mkdocstrings rendered every block"

    def key(self, url: str, identifier: str, options: str, heading_level: int) -> str | None:
        if self.salt is None:
            return None
        return self.cache.key(KIND, self.salt, url, identifier, options, str(heading_level))

    def read(self, key: str | None) -> dict[str, Any] | None:
        text = None if key is None else self.cache.read_text(KIND, key, ".json")
        return None if text is None else json.loads(text)

    def write(self, key: str | None, entry: dict[str, Any]) -> None:
        if key is not None:
            self.cache.write_text(KIND, key, json.dumps(entry), ".json")


class ApiCacheExtension(Extension):
    """Registers :class:`CachedAutoDoc` in every Markdown instance of the build."""

    def __init__(self, store: ApiCache) -> None:
        super().__init__()
        self.store = store

    def extendMarkdown(self, md: Markdown) -> None:
        processor = CachedAutoDoc(md.parser, self.store)
        md.parser.blockprocessors.register(processor, "picturenn-api", 76)  # mkdocstrings' is 75


class CachedAutoDoc(BlockProcessor):
    """mkdocstrings' ``:::`` block, answered from the cache when possible.

    Mirrors ``mkdocstrings.AutoDocProcessor.run`` and calls its helpers on a miss.
    """

    def __init__(self, parser: Any, store: ApiCache) -> None:
        super().__init__(parser)
        self.store = store

    def _delegate(self) -> Any:
        processors = self.parser.blockprocessors
        return processors[DELEGATE] if DELEGATE in processors else None

    def test(self, parent: Element, block: str) -> bool:
        delegate = self._delegate()
        return delegate is not None and delegate.test(parent, block)

    def run(self, parent: Element, blocks: MutableSequence[str]) -> None:
        delegate = self._delegate()
        md = self.parser.md
        page = delegate._autorefs.current_page
        if INNER_MARKER in md.treeprocessors or page is None:
            delegate.run(parent, blocks)  # a block inside a docstring: not ours to cache
            return
        # the same reading of the block as mkdocstrings' run()
        block = blocks.pop(0)
        match = delegate.regex.search(block)
        if match.start() > 0:
            self.parser.parseBlocks(parent, [block[: match.start()]])
        block, the_rest = self.detab(block[match.end() :])
        if not block and blocks and blocks[0].startswith(("    handler:", "    options:")):
            block = blocks.pop(0)
        identifier, level = match["name"], match["heading"].count("#")

        with self.store.summary.timed("api"):
            key = self.store.key(page.url, identifier, block, level)
            entry = self.store.read(key)
            if entry is None:
                self.store.summary.count("api", "rendered")
                entry = _render(delegate, page, identifier, block, level)
                self.store.write(key, entry)
            else:
                self.store.summary.count("api", "cached")
                _replay(delegate, page, entry)
        el = Element("div", {"class": "mkdocstrings"})
        el.text = md.htmlStash.store(entry["html"])
        el.extend(fromstring(heading) for heading in entry["headings"])
        parent.append(el)
        if the_rest:
            blocks.insert(0, the_rest)


def _render(delegate: Any, page: Any, identifier: str, block: str, level: int) -> dict[str, Any]:
    """Let mkdocstrings render one block; return what it made and registered."""
    html, handler, _ = delegate._process_block(identifier, block, level)
    holder = Element("div")
    anchors: list[list[Any]] = []
    items: list[dict[str, Any]] = []
    if handler.outer_layer:
        with _recording(delegate, page, anchors, items):
            delegate._process_headings(handler, holder)
    return {
        "handler": handler.name,
        "html": html,
        "headings": [tostring(h, encoding="unicode") for h in holder],
        "anchors": anchors,
        "inventory": items,
    }


@contextlib.contextmanager
def _recording(
    delegate: Any, page: Any, anchors: list[list[Any]], items: list[dict[str, Any]]
) -> Iterator[None]:
    autorefs, inventory = delegate._autorefs, delegate._handlers.inventory
    register_anchor, register_item = autorefs.register_anchor, inventory.register

    def anchor(on: Any, *args: Any, **kwargs: Any) -> None:
        if on is not page:
            raise RuntimeError("mkdocstrings registered an anchor on another page")
        anchors.append([list(args), kwargs])
        register_anchor(on, *args, **kwargs)

    def item(**kwargs: Any) -> None:
        items.append(kwargs)
        register_item(**kwargs)

    autorefs.register_anchor, inventory.register = anchor, item
    try:
        yield
    finally:
        autorefs.register_anchor, inventory.register = register_anchor, register_item


def _replay(delegate: Any, page: Any, entry: dict[str, Any]) -> None:
    # the handler counts as used: mkdocstrings writes its CSS and objects.inv only then
    # (mkdocstrings loads it at on_config anyway, so this costs nothing more)
    delegate._handlers.get_handler(entry["handler"])
    for args, kwargs in entry["anchors"]:
        delegate._autorefs.register_anchor(page, *args, **kwargs)
    for kwargs in entry["inventory"]:
        delegate._handlers.inventory.register(**kwargs)
