"""Build the site the way a fresh clone would, list the pages it made, and serve them.

Plain functions, so the session fixture and the reproducibility test share
exactly one way of building.
"""

from __future__ import annotations

import contextlib
import functools
import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]

# Any fixed instant will do: it only has to be the same for every build.
SOURCE_DATE_EPOCH = "1577836800"


def build_site(site_dir: Path, cache_dir: Path) -> None:
    """Build strictly into ``site_dir`` with empty caches; raise with mkdocs' output on failure.

    Every cache of the build (executed examples, notebooks, figures, math)
    lives under ``$PICTURENN_CACHE_DIR``, so a fresh folder means a clean build.
    """
    cache_dir.mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "PICTURENN_CACHE_DIR": str(cache_dir),
        "SOURCE_DATE_EPOCH": SOURCE_DATE_EPOCH,
        "NO_MKDOCS_2_WARNING": "1",
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


@contextlib.contextmanager
def served(site_dir: Path) -> Iterator[str]:
    """Serve ``site_dir`` over http on a free 127.0.0.1 port; yields the base URL ("/"-ended)."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
