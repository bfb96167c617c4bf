"""Zero broken internal links, anchors or asset references in the built HTML."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.build.links import check_site
from tests.build.whole_site import REPO


def _site_url() -> str:
    match = re.search(r"^site_url:\s*(\S+)", (REPO / "mkdocs.yml").read_text(), re.MULTILINE)
    return match.group(1) if match else ""


def _write(site: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")


def test_checker_passes_a_sound_fake_site(tmp_path):
    _write(
        tmp_path,
        {
            "index.html": '<a href="guide/#start">go</a><img src="img/a.svg" alt="a">'
            '<link rel="stylesheet" href="style.css"><a href="https://example.org/x">out</a>'
            '<a href="#top" id="top">up</a><a href="http://127.0.0.1:8000/guide/">abs</a>',
            "guide/index.html": '<h2 id="start">Start</h2><script src="../app.js"></script>'
            '<img srcset="../img/a.svg 1x, ../img/a.svg 2x" alt="a"><a href="../">home</a>',
            "img/a.svg": "<svg/>",
            "style.css": "",
            "app.js": "",
        },
    )
    assert check_site(tmp_path, "http://127.0.0.1:8000/") == []


def test_checker_reports_every_kind_of_breakage(tmp_path):
    _write(
        tmp_path,
        {
            "index.html": '<a href="missing/">a</a><a href="guide/#nowhere">b</a>'
            '<img src="gone.png" alt="x"><script src="nope.js"></script>'
            '<link rel="stylesheet" href="none.css"><a href="#absent">c</a>'
            '<a href="http://127.0.0.1:8000/lost/">d</a><img srcset="small.png 1x" alt="y">',
            "guide/index.html": '<h2 id="start">Start</h2>',
        },
    )
    problems = check_site(tmp_path, "http://127.0.0.1:8000/")
    assert problems == [
        "index.html: <a> missing/: no such file",
        "index.html: <a> guide/#nowhere: no id 'nowhere' on that page",
        "index.html: <img> gone.png: no such file",
        "index.html: <script> nope.js: no such file",
        "index.html: <link> none.css: no such file",
        "index.html: <a> #absent: no id 'absent' on that page",
        "index.html: <a> /lost/: no such file",
        "index.html: <img> small.png: no such file",
    ]


@pytest.mark.slow
def test_built_site_has_no_broken_links(built_site):
    problems = check_site(built_site, _site_url())
    assert not problems, f"{len(problems)} broken references:\n" + "\n".join(problems)
