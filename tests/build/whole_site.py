"""Build the site the way a fresh clone would, list the pages it made, and serve them.

Plain functions, so the session fixture and the reproducibility test share
exactly one way of building.
"""

from __future__ import annotations

import contextlib
import functools
import gzip
import io
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

REPO = Path(__file__).resolve().parents[2]

# Any fixed instant will do: it only has to be the same for every build.
SOURCE_DATE_EPOCH = "1577836800"


# What a hosted or offline build sets (README, "Publish the site"); a test build starts without.
HOSTING_ENV = ("SITE_URL", "REPO_URL", "EDIT_URI", "OFFLINE", "OFFLINE_ZIP")


def build_site(site_dir: Path, cache_dir: Path, extra: dict[str, str] | None = None) -> None:
    """Build strictly into ``site_dir`` with empty caches; raise with mkdocs' output on failure.

    Every cache of the build (executed examples, notebooks, figures, math)
    lives under ``$PICTURENN_CACHE_DIR``, so a fresh folder means a clean build.
    The build is local unless ``extra`` sets what a hosted build would (``SITE_URL``...).
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **{name: value for name, value in os.environ.items() if name not in HOSTING_ENV},
        "PICTURENN_CACHE_DIR": str(cache_dir),
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
        **(extra or {}),
    }
    command = [sys.executable, "-m", "mkdocs", "build", "--strict", "--site-dir", str(site_dir)]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        tail = "\n".join((done.stderr + done.stdout).splitlines()[-60:])  # warnings, then why
        raise RuntimeError(f"mkdocs build --strict failed ({done.returncode}):\n{tail}")


def site_pages(site_dir: Path) -> list[str]:
    """Every page of the built site as a URL path relative to the root ("" is home).

    Found by walking the HTML files, so pages added later are checked without
    anyone editing a list; 404.html and theme/search assets are not pages.
    """
    pages = []
    for html in sorted(site_dir.rglob("*.html")):
        relative = html.relative_to(site_dir)
        if relative.parts[0] in {"assets", "search"} or relative.as_posix() == "404.html":
            continue
        url = relative.as_posix()
        pages.append(url.removesuffix("index.html"))
    return pages


def differing_files(first: Path, second: Path) -> list[str]:
    """Relative paths whose bytes differ between two trees, or that only one has."""
    names = {
        path.relative_to(root).as_posix()
        for root in (first, second)
        for path in root.rglob("*")
        if path.is_file()
    }
    problems = []
    for name in sorted(names):
        a, b = first / name, second / name
        if not a.is_file() or not b.is_file():
            problems.append(f"{name}: only in {'the second' if b.is_file() else 'the first'} build")
        elif (left := a.read_bytes()) != (right := b.read_bytes()):
            pairs = enumerate(zip(left, right, strict=False))
            at = next((i for i, (x, y) in pairs if x != y), min(len(left), len(right)))
            problems.append(
                f"{name}: differs at byte {at}: {left[max(0, at - 40) : at + 40]!r}"
                f" vs {right[max(0, at - 40) : at + 40]!r}"
            )
    return problems


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # keep test and benchmark output readable


# What GitHub Pages (where the site is published) compresses: text, never images or zips
_COMPRESSED = ("text/", "application/javascript", "application/json", "application/xml")
_COMPRESSED_EXACT = {"image/svg+xml", "application/manifest+json"}


class _GzipHandler(_QuietHandler):
    """Serves text files gzip-compressed to clients that accept it, as real hosts do.

    Without it Lighthouse would time every stylesheet, script and page at its
    uncompressed size, which no reader ever downloads.
    """

    cache: ClassVar[dict[tuple[str, int], bytes]] = {}  # (path, mtime_ns) -> gzipped bytes

    def send_head(self):  # type: ignore[no-untyped-def]
        path = self.translate_path(self.path)
        if os.path.isdir(path):
            if not self.path.split("?", 1)[0].endswith("/"):
                return super().send_head()  # the directory redirect
            path = os.path.join(path, "index.html")
        kind = self.guess_type(path)
        accepted = "gzip" in self.headers.get("Accept-Encoding", "")
        textual = kind.startswith(_COMPRESSED) or kind in _COMPRESSED_EXACT
        if not (accepted and textual and os.path.isfile(path)):
            return super().send_head()
        key = (path, os.stat(path).st_mtime_ns)
        if key not in self.cache:
            with open(path, "rb") as source:
                self.cache[key] = gzip.compress(source.read(), 6, mtime=0)
        body = self.cache[key]
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def served(site_dir: Path, *, compress: bool = False) -> Iterator[str]:
    """Serve ``site_dir`` over http on a free 127.0.0.1 port; yields the base URL ("/"-ended).

    ``compress`` gzips text files (HTML, CSS, JS, JSON, SVG) for clients that ask,
    as GitHub Pages does; off, every file goes out as its bytes on disk.
    """
    handler_class = _GzipHandler if compress else _QuietHandler
    handler = functools.partial(handler_class, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
