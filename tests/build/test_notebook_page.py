"""The notebook page as mkdocs-jupyter renders the executed copy: its download link, its
figure's alt text, no JupyterLab stylesheet, and a page link that works without directory URLs."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from .site_copy import build, clone

pytestmark = pytest.mark.slow

PAGE = "notebooks/picture-your-network"
NOTEBOOK = "picture-your-network.ipynb"


def test_the_page_shows_the_executed_notebook_and_links_its_download(built_copy):
    html = (built_copy / "site" / PAGE / "index.html").read_text()
    link = re.search(r'<a href="([^"]+)" download>Download this notebook', html)
    assert link is not None, "no visible download link"
    downloaded = built_copy / "site" / PAGE / link.group(1)
    cells = json.loads(downloaded.read_text())["cells"]
    assert any(cell.get("outputs") for cell in cells), "the download is not the executed notebook"
    assert "No description has been provided" not in html
    assert re.search(r'<img alt="3 inputs → 4 relu → 1 output; W_0 is 3×4', html)
    assert "jp-Dialog" not in html  # JupyterLab's stylesheet is not inlined
    assert len(html) < 200_000
    assert not re.search(r"""(?:src=|import\()["']https?://""", html)


def test_a_download_link_that_does_not_resolve_fails_the_build(built_copy, tmp_path):
    root = clone(built_copy, tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text().replace("include_source: true", "include_source: false"))
    result = build(root)
    assert result.returncode != 0
    assert f"docs/{PAGE}.ipynb: the page's download link points at {PAGE}/{NOTEBOOK}" in (
        result.stderr
    )


def test_without_directory_urls_the_navigation_links_the_notebook_page(built_copy, tmp_path):
    # the offline copy of the site is built this way: pages as name.html, opened from disk
    root = clone(built_copy, tmp_path)
    config = root / "mkdocs.yml"
    config.write_text(config.read_text() + "\nuse_directory_urls: false\n")
    result = build(root)
    assert result.returncode == 0, result.stderr
    home = (root / "site" / "index.html").read_text()
    assert f'href="{PAGE}.html"' in home
    assert f'href="{PAGE}.ipynb"' not in home
    page = (root / "site" / f"{PAGE}.html").read_text()
    assert f'<a href="{NOTEBOOK}" download>' in page
    assert (root / "site" / "notebooks" / NOTEBOOK).is_file()


def test_the_eagerly_imported_converter_renders_the_same_page(built_copy, tmp_path):
    # lazy_jupyter switched off, as with an untested mkdocs-jupyter: its conversion runs
    # again (its cache emptied) with nbconvert imported at start, and the page is the same
    root = clone(built_copy, tmp_path)
    shutil.rmtree(root / ".cache" / "picturenn" / "mkdocs-jupyter")
    result = build(root, PICTURENN_LAZY_JUPYTER="off")
    assert result.returncode == 0, result.stderr
    assert "converter imported at start (PICTURENN_LAZY_JUPYTER=off)" in result.stderr
    assert "Converting notebook" in result.stderr
    page = f"{PAGE}/index.html"
    assert (root / "site" / page).read_bytes() == (built_copy / "site" / page).read_bytes()
