"""Session fixtures: the site is built once, strictly, and served on 127.0.0.1.

Building is itself the foundation's first site test: the fixture fails the
session's slow tests with mkdocs' own output if `mkdocs build --strict` fails.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Iterator
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest

from tests.site.building import build_site


@pytest.fixture(scope="session")
def built_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The site built once per session with `mkdocs build --strict`, from empty caches."""
    root = tmp_path_factory.mktemp("built")
    site = root / "site"
    try:
        build_site(site, root / "cache")
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    return site


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass  # keep pytest's output for failures


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """Base URL (ending in "/") of the built site served over http on a free local port."""
    handler = functools.partial(_QuietHandler, directory=str(built_site))
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()
