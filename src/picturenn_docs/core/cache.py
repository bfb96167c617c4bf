"""A content-addressed cache for build results.

Every entry's key hashes its own inputs *and* a salt made of the library's code
(``src/picturenn/**/*.py`` but its comment lines: :func:`package_hash`), the
versions of the libraries the results depend on, and the source of the engine
that produced it (:func:`code_hash`). So editing the library's code re-runs
everything that could depend on it (editing a comment line re-runs nothing),
editing one engine re-runs only its own kind, and a build with nothing changed
only hashes and reads. Entries are plain files under one git-ignored folder: deleting it
is always safe.
"""

from __future__ import annotations

import functools
import hashlib
import importlib.util
import os
import platform
import re
import shutil
import sys
import tempfile
import types
from collections.abc import Mapping, Sequence
from pathlib import Path

CACHE_ENV = "PICTURENN_CACHE_DIR"
DEFAULT_DIR = ".cache/picturenn"
# The library whose source keys every result: the one `import picturenn` finds (found
# without importing it), which need not sit beside this package (a project copy on
# PYTHONPATH, a library installed elsewhere).
_LIBRARY = importlib.util.find_spec("picturenn")
PACKAGE_DIR = Path(_LIBRARY.origin if _LIBRARY and _LIBRARY.origin else "picturenn").parent
DOCS_DIR = Path(__file__).resolve().parents[1]  # the picturenn_docs package
LIBRARIES = ("numpy", "matplotlib", "nbclient", "nbformat", "ipykernel")
_DIST_INFO = re.compile(r"^(?P<name>[A-Za-z0-9_.]+)-(?P<version>[^-]+)\.dist-info$")


def package_hash(package_dir: Path = PACKAGE_DIR, memo: Path | None = None) -> str:
    """Hash what the package's ``.py`` files do: every file's name and its code, not its
    comments (:func:`code_tokens`), in a fixed order.

    Reading the code costs about 80 ms; ``memo`` (a file) remembers the last answer
    under the hash of the files' bytes, so a build with the same files only hashes bytes.

    >>> len(package_hash())
    64
    """
    files = sorted(p for p in package_dir.rglob("*.py") if p.is_file())
    sources = [(p.relative_to(package_dir).as_posix(), p.read_bytes()) for p in files]
    raw = hashlib.sha256(b"".join(n.encode() + b"\0" + data + b"\0" for n, data in sources))
    raw_key = f"{_TOKENS_VERSION} {raw.hexdigest()}"
    if memo is not None:
        try:
            known, answer = memo.read_text(encoding="utf-8").split("\n")[:2]
        except (OSError, ValueError):
            known = answer = ""
        if known == raw_key and len(answer) == 64:
            return answer
    digest = hashlib.sha256()
    for name, data in sources:
        digest.update(name.encode() + b"\0" + code_tokens(data) + b"\0")
    answer = digest.hexdigest()
    if memo is not None:
        memo.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=memo.parent, prefix=".tmp-")
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            out.write(f"{raw_key}\n{answer}\n")
        os.replace(tmp, memo)
    return answer


_TOKENS_VERSION = "tokens-2"  # change it whenever code_tokens changes what it keeps


def code_tokens(source: bytes) -> bytes:
    r"""The code of a module, as its tokens with their places, without its whole-line comments.

    A result can differ only if the code does: a comment alone on its line never runs,
    never shows in a traceback (which prints the line that ran) and no module of the
    library reads its own source. Everything else is kept: every token with its line
    and column (a traceback or warning names them), a comment that follows code on its
    line (a traceback prints that line whole), docstrings (doctests, the API reference).
    So editing or appending a comment line keeps the hash; a comment line inserted above
    code moves that code and changes it. A file tokenize cannot read is kept whole.

    >>> code_tokens(b"x = 1  # one\n# a note\n") == code_tokens(b"x = 1  # one\n# another\n")
    True
    >>> code_tokens(b"x = 1\n") == code_tokens(b"x = 2\n")
    False
    >>> code_tokens(b"x = 1  # one\n") == code_tokens(b"x = 1  # two\n")
    False
    >>> code_tokens(b"x = 1\n") == code_tokens(b"# moved\nx = 1\n")
    False
    """
    import io
    import tokenize

    parts = []
    try:
        for token in tokenize.tokenize(io.BytesIO(source).readline):
            if token.type == tokenize.NL or (
                token.type == tokenize.COMMENT and token.line.lstrip().startswith("#")
            ):
                continue  # a comment alone on its line, a blank line: the places below tell
            if token.type in (tokenize.ENDMARKER, tokenize.DEDENT):
                # no code of their own; their places move when comment lines are appended
                parts.append(f"{token.type}\0")
                continue
            parts.append(f"{token.type}\0{token.start}\0{token.end}\0{token.string}\0")
    except (tokenize.TokenError, SyntaxError):
        return b"whole\0" + source
    return "".join(parts).encode("utf-8", "surrogatepass")


def code_hash(engine: object) -> str:
    """Hash an engine's module and every docs-build module it imports, directly or not.

    ``engine`` is a dotted module name, a module, or anything defined in one.
    Imports under ``if TYPE_CHECKING:`` never run, so they do not count.

    >>> from picturenn_docs.core.failures import CheckFailed
    >>> code_hash(CheckFailed) == code_hash("picturenn_docs.core.failures")
    True
    >>> code_hash("picturenn_docs.engines.examples") == code_hash("picturenn_docs.core.failures")
    False
    """
    if isinstance(engine, str):
        name = engine
    elif isinstance(engine, types.ModuleType):
        name = engine.__name__
    else:
        name = engine.__module__
    return _modules_hash(name)


@functools.cache
def _modules_hash(name: str) -> str:
    digest = hashlib.sha256()
    for module in sorted(_with_imports(name)):
        digest.update(module.encode() + b"\0" + _module_file(module).read_bytes() + b"\0")
    return digest.hexdigest()


def _module_file(name: str) -> Path:
    """The source file of a docs-build module (a sub-package's ``__init__.py``)."""
    path = DOCS_DIR.joinpath(*name.split(".")[1:])
    return path / "__init__.py" if path.is_dir() else path.with_suffix(".py")


def _with_imports(name: str) -> set[str]:
    """``name`` and the docs-build modules it imports at run time, transitively."""
    seen: set[str] = set()
    todo = [name]
    while todo:
        module = todo.pop()
        if module in seen or not _module_file(module).is_file():
            continue
        seen.add(module)
        todo += _direct_imports(module)
    return seen


# Import statements, read line by line rather than parsed: every build hashes every engine,
# and parsing the 30-odd modules took 0.15 s of each warm build. A match inside a string
# can only add a module (a needless re-run), never hide one; tests/build/test_build.py
# checks the result against the parsed source of every module.
_IMPORT = re.compile(
    r"^(?P<indent>[ \t]*)(?:from[ \t]+(?P<module>[\w.]+)[ \t]+import[ \t]+"
    r"(?P<names>\([^)]*\)|[^\n#;]*)|import[ \t]+(?P<modules>[^\n#;]*))",
    re.MULTILINE,
)
_TYPE_CHECKING = re.compile(r"^(?P<indent>[ \t]*)if[ \t]+(?:typing\.)?TYPE_CHECKING[ \t]*:")
_NAME = re.compile(r"[\w.]+")


@functools.cache  # each engine's hash walks the same modules: read each one once
def _direct_imports(module: str) -> tuple[str, ...]:
    """The docs-build modules (or names in them) ``module`` imports at run time.

    Imports under ``if TYPE_CHECKING:`` never run, so they do not count.

    >>> "picturenn_docs.core.failures" in _direct_imports("picturenn_docs.engines.examples")
    True
    """
    package = DOCS_DIR.name
    found: list[str] = []
    for statement in _IMPORT.finditer(_run_time_source(module)):
        source = statement["module"]
        if source is None:
            found += [n for n in _names(statement["modules"]) if n.startswith(package + ".")]
        elif source.startswith(package):
            found += [source, *(f"{source}.{n}" for n in _names(statement["names"]))]
    return tuple(found)


def _names(imported: str) -> list[str]:
    """The dotted names of an import's list, aliases included (``a as b`` gives a and b)."""
    return _NAME.findall(imported.replace(" as ", " , "))


def _run_time_source(module: str) -> str:
    """The module's source without the bodies of its ``if TYPE_CHECKING:`` blocks."""
    kept: list[str] = []
    skipping_deeper_than: int | None = None
    for line in _module_file(module).read_text(encoding="utf-8").splitlines():
        indent = len(line) - len(line.lstrip())
        if skipping_deeper_than is not None:
            if not line.strip() or indent > skipping_deeper_than:
                continue
            skipping_deeper_than = None
        block = _TYPE_CHECKING.match(line)
        if block:
            skipping_deeper_than = len(block["indent"])
            continue  # (an import on the same line is skipped too)
        kept.append(line)
    return "\n".join(kept)


def tree_hash(folder: Path, pattern: str = "*") -> str:
    """Hash the files below ``folder`` matching ``pattern``, names and bytes (none: no folder)."""
    digest = hashlib.sha256()
    for path in sorted(folder.rglob(pattern)) if folder.is_dir() else []:
        if path.is_file():
            digest.update(path.relative_to(folder).as_posix().encode() + b"\0")
            digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def library_versions(
    paths: Sequence[str] = tuple(sys.path), libraries: Sequence[str] = LIBRARIES
) -> str:
    """The Python and library versions results depend on, as one line.

    >>> library_versions().startswith("python=")
    True
    >>> "numpy=" in library_versions()
    True
    """
    found = installed_versions(libraries, paths)
    versions = " ".join(f"{name}={found.get(name, 'absent')}" for name in libraries)
    return f"python={platform.python_version()} {versions}"


def installed_versions(
    libraries: Sequence[str], paths: Sequence[str] = tuple(sys.path)
) -> dict[str, str]:
    """{distribution: version} of those of ``libraries`` that are installed (names lowercase,
    with underscores: ``mkdocs_autorefs``).

    Read from the names of installed ``*.dist-info`` folders: one directory
    listing per path entry, far cheaper than :mod:`importlib.metadata`.

    >>> installed_versions(["numpy", "no_such_library"]).keys() == {"numpy"}
    True
    """
    wanted = {name.lower() for name in libraries}
    found: dict[str, str] = {}
    for entry in paths:
        try:
            names = os.listdir(entry or ".")
        except OSError:
            continue
        for name in names:
            match = _DIST_INFO.match(name)
            if match and match["name"].lower() in wanted:
                found.setdefault(match["name"].lower(), match["version"])
    return found


def resolve_dir(
    configured: str | None, base: Path, environ: Mapping[str, str] = os.environ
) -> Path:
    """The cache folder: ``$PICTURENN_CACHE_DIR`` wins, then the configured one, then the default.

    Relative paths are taken from ``base`` (the folder of ``mkdocs.yml``).

    >>> resolve_dir("x/y", Path("/proj"), environ={}).as_posix()
    '/proj/x/y'
    >>> resolve_dir(None, Path("/proj"), environ={CACHE_ENV: "/tmp/c"}).as_posix()
    '/tmp/c'
    """
    chosen = environ.get(CACHE_ENV) or configured or DEFAULT_DIR
    return (base / chosen).resolve()


class Cache:
    """Files under ``root/<kind>/``, named by a key that hashes the salt and the inputs.

    >>> import tempfile
    >>> cache = Cache(Path(tempfile.mkdtemp()), salt="package-v1")
    >>> key = cache.key("example", "print(1)")
    >>> cache.read_text("example", key) is None
    True
    >>> cache.write_text("example", key, "ok")
    >>> cache.read_text("example", key)
    'ok'
    >>> Cache(cache.root, salt="package-v2").key("example", "print(1)") == key
    False
    """

    def __init__(self, root: Path, salt: str, used: set[Path] | None = None) -> None:
        self.root = root
        self.salt = salt
        self.used: set[Path] = set() if used is None else used

    def salted(self, extra: str) -> Cache:
        """The same folder, with ``extra`` added to every key (one engine's cache).

        Entries it uses count as used by this cache too, for :meth:`sweep`.
        """
        return Cache(self.root, f"{self.salt} {extra}", self.used)

    def key(self, kind: str, *inputs: str | bytes) -> str:
        digest = hashlib.sha256(f"{kind}\0{self.salt}\0".encode())
        for part in inputs:
            data = part.encode() if isinstance(part, str) else part
            digest.update(len(data).to_bytes(8, "big") + data)
        return digest.hexdigest()

    def path(self, kind: str, key: str, suffix: str = ".txt") -> Path:
        path = self.root / kind / f"{key}{suffix}"
        self.used.add(path)
        return path

    def read_text(self, kind: str, key: str, suffix: str = ".txt") -> str | None:
        path = self.path(kind, key, suffix)
        try:
            return path.read_text(encoding="utf-8")
        except FileNotFoundError:
            return None

    def write_text(self, kind: str, key: str, text: str, suffix: str = ".txt") -> None:
        self.write_bytes(kind, key, text.encode("utf-8"), suffix)

    def write_bytes(self, kind: str, key: str, data: bytes, suffix: str) -> Path:
        """Write atomically, so an interrupted build never leaves half an entry."""
        path = self.path(kind, key, suffix)
        path.parent.mkdir(parents=True, exist_ok=True)
        handle, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-")
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(tmp, path)
        return path

    def sweep(self, kinds: tuple[str, ...]) -> int:
        """Delete entries of ``kinds`` that this build did not use; return how many."""
        removed = 0
        for kind in kinds:
            folder = self.root / kind
            if not folder.is_dir():
                continue
            for entry in folder.iterdir():
                if entry not in self.used and not any(p.is_relative_to(entry) for p in self.used):
                    if entry.is_dir():
                        shutil.rmtree(entry)
                    else:
                        entry.unlink()
                    removed += 1
        return removed
