"""The offline copy and the link to it: what `make offline` and a hosted build need.

* ``OFFLINE=true`` switches on material's offline plugin (mkdocs.yml). Pages then open
  from the file system, where ``fetch()`` cannot load a page: instant navigation would
  break every link, so this hook switches it off in that build only.
* ``OFFLINE_ZIP=path/to/copy.zip`` (a hosted build, after ``make offline``) ships the zip
  with the site and puts a download link, with its real size, on the home page where
  ``<!-- offline-copy -->`` stands. Without it the marker simply disappears.
"""

from __future__ import annotations

import os
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

MARKER = "<!-- offline-copy -->"
DOWNLOADS = "downloads"


def _offline(config: MkDocsConfig) -> bool:
    plugin = config.plugins.get("material/offline")
    return bool(plugin and plugin.config.enabled)


def _zip(config: MkDocsConfig) -> Path | None:
    """The offline zip this build ships, if any (never inside the offline copy itself)."""
    value = os.environ.get("OFFLINE_ZIP")
    if not value or _offline(config):
        return None
    path = Path(value).resolve()
    if not path.is_file():
        raise FileNotFoundError(f"OFFLINE_ZIP={value}: no such file (run `make offline` first)")
    return path


def on_config(config: MkDocsConfig) -> None:
    if _offline(config):
        features = config.theme["features"]
        features[:] = [f for f in features if not f.startswith("navigation.instant")]


def on_files(files: Files, config: MkDocsConfig) -> Files:
    path = _zip(config)
    if path is not None:
        files.append(File.generated(config, f"{DOWNLOADS}/{path.name}", abs_src_path=str(path)))
    return files


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if MARKER not in markdown:
        return markdown
    path = _zip(config)
    if path is None:
        return markdown.replace(MARKER, "")
    size = path.stat().st_size / 1e6
    link = f"{DOWNLOADS}/{path.name}"
    return markdown.replace(
        MARKER,
        f"**Teaching without a network?** [Download the offline copy]({link}) "
        f"(one zip, {size:.1f} MB): unpack it and open `index.html`; every page, "
        "picture, formula and the search work straight from the file system.",
    )
