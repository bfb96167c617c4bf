"""Where a built site says it lives, and the offline copy `make offline` packs.

Plain functions over built folders, shared by the hosting test (two builds, with
and without ``SITE_URL``) and the browser test of the unpacked offline copy.
"""

from __future__ import annotations

import gzip
import os
import re
import subprocess
import zipfile
from pathlib import Path

from tests.build.whole_site import HOSTING_ENV, REPO

# Any way a page could name the machine it was built on (README and `make serve` print one).
LOCAL_ADDRESS = re.compile(r"127\.0\.0\.1|localhost|\[::1\]|0\.0\.0\.0:8000", re.IGNORECASE)
_CANONICAL = re.compile(r'<link rel="canonical" href="([^"]*)"')
_LOC = re.compile(r"<loc>([^<]*)</loc>")


def announcing_files(site: Path) -> dict[str, str]:
    """The text of every file the site publishes, by relative path (sitemap.xml.gz unpacked).

    Material's own JavaScript source maps are left out: they are the theme's
    code, which mentions localhost in its development helpers, not an address
    this site announces.
    """
    texts = {}
    for path in sorted(site.rglob("*")):
        name = path.relative_to(site).as_posix()
        if not path.is_file() or name.endswith(".map"):
            continue
        data = gzip.decompress(path.read_bytes()) if name.endswith(".gz") else path.read_bytes()
        try:
            texts[name] = data.decode("utf-8")
        except UnicodeDecodeError:
            continue  # fonts, images, zips
    return texts


def local_addresses(site: Path) -> list[str]:
    """One line per published file that names a local address, with the words around it."""
    found = []
    for name, text in announcing_files(site).items():
        for match in LOCAL_ADDRESS.finditer(text):
            around = text[max(0, match.start() - 50) : match.end() + 30].replace("\n", " ")
            found.append(f"{name}: {around!r}")
    return found


def canonical_links(site: Path, pages: list[str]) -> dict[str, str | None]:
    """Each page's canonical link (None when it has none)."""
    links = {}
    for page in pages:
        html = site / page / "index.html" if page.endswith("/") or not page else site / page
        match = _CANONICAL.search(html.read_text(encoding="utf-8"))
        links[page] = match.group(1) if match else None
    return links


def sitemap_entries(site: Path) -> list[str]:
    return _LOC.findall((site / "sitemap.xml").read_text(encoding="utf-8"))


def make_offline(target: Path, cache_dir: Path) -> Path:
    """Run the real `make offline` into ``target``; return the zip it packed.

    The build reads the session's warm cache, and `make` is told not to remake
    the virtualenv or look for Node.js again (the session build needed both).
    """
    site, packed = target / "copy" / "picturing-neural-networks", target / "copy.zip"
    env = {name: value for name, value in os.environ.items() if name not in HOSTING_ENV}
    env["PICTURENN_CACHE_DIR"] = str(cache_dir)
    command = ["make", "--no-print-directory", "-o", ".venv/.installed", "-o", "node", "offline"]
    command += [f"OFFLINE_SITE={site}", f"OFFLINE_ZIP={packed}"]
    done = subprocess.run(command, cwd=REPO, env=env, capture_output=True, text=True, timeout=900)
    if done.returncode != 0:
        tail = "\n".join((done.stderr + done.stdout).splitlines()[-60:])
        raise RuntimeError(f"make offline failed ({done.returncode}):\n{tail}")
    return packed


def unpack(packed: Path, target: Path) -> Path:
    """Unpack the zip as a student would; return the folder holding index.html."""
    with zipfile.ZipFile(packed) as archive:
        archive.extractall(target)
    (home,) = target.glob("*/index.html")  # one folder inside, not a pile of files
    return home.parent
