"""Where the site says it lives: nowhere for a local build, exactly SITE_URL for a hosted one.

Two builds: the session's local one (no hosting variables), and a hosted one
here with SITE_URL, REPO_URL, EDIT_URI and OFFLINE_ZIP set as the deploy workflow
sets them. The hosted build reads the session's warm cache.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urljoin

import pytest
from mkdocs.config import load_config

from tests.build.hosting import canonical_links, local_addresses, sitemap_entries
from tests.build.whole_site import REPO, build_site, site_pages

SITE_URL = "https://example.org/pnn/"
REPO_URL = "https://github.com/example/picturenn"
# the project's tab: each entry's page, or a section's index (the API reference has parts)
PROJECT_PAGES = ["reference/index.md", "contributing.md", "performance.md"]


def _first_page(entry: object) -> str:
    """A nav entry's page, or the first page of a section (its index page)."""
    while not isinstance(entry, str):
        entry = entry[0] if isinstance(entry, list) else next(iter(entry.values()))
    return entry


@pytest.fixture(scope="module")
def hosted_site(warm_cache, offline_zip: Path, tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("hosted") / "site"
    hosting = {
        "SITE_URL": SITE_URL,
        "REPO_URL": REPO_URL,
        "EDIT_URI": "edit/main/docs/",
        "OFFLINE_ZIP": str(offline_zip),
    }
    try:
        build_site(site, warm_cache(), hosting)
    except RuntimeError as error:
        pytest.fail(str(error), pytrace=False)
    return site


def _html(site: Path, page: str) -> str:
    return (site / page / "index.html").read_text(encoding="utf-8")


@pytest.mark.slow
def test_a_local_build_names_no_address(built_site):
    assert local_addresses(built_site) == []
    pages = site_pages(built_site)
    assert canonical_links(built_site, pages) == dict.fromkeys(pages)  # no canonical link at all
    assert sitemap_entries(built_site) == []  # a sitemap needs absolute URLs, so none are made


@pytest.mark.slow
def test_a_hosted_build_announces_exactly_its_site_url(hosted_site):
    pages = site_pages(hosted_site)
    assert len(pages) >= 14
    assert canonical_links(hosted_site, pages) == {page: SITE_URL + page for page in pages}
    assert sorted(sitemap_entries(hosted_site)) == sorted(SITE_URL + page for page in pages)
    assert local_addresses(hosted_site) == []


@pytest.mark.slow
def test_hosted_pages_link_the_repository_and_their_source(hosted_site):
    problems = []
    for page in site_pages(hosted_site):
        html = _html(hosted_site, page)
        if not re.search(rf'href="{REPO_URL}/edit/main/docs/[^"]+" title="Edit this page"', html):
            problems.append(f"{page or '(home)'}: no edit link into {REPO_URL}")
        # a plain link: material's "source" component would ask api.github.com on every visit
        if f'<a href="{REPO_URL}" title="Go to repository" class="md-source">' not in html:
            problems.append(f"{page or '(home)'}: no plain repository link in the header")
    assert not problems, "\n".join(problems)


@pytest.mark.slow
def test_the_hosted_home_page_offers_the_offline_zip(hosted_site, offline_zip, built_site):
    name = f"downloads/{offline_zip.name}"
    assert f'href="{name}"' in _html(hosted_site, "")
    assert (hosted_site / name).read_bytes() == offline_zip.read_bytes()
    size = f"{offline_zip.stat().st_size / 1e6:.1f} MB"
    assert size in _html(hosted_site, "")
    local_home = _html(built_site, "")  # no zip given: no link, and no marker left behind
    assert "downloads/" not in local_home
    assert "offline-copy" not in local_home


def test_the_learners_tabs_hold_the_course_and_the_project_has_its_own():
    home, course, project = load_config(str(REPO / "mkdocs.yml")).nav
    assert home == {"Home": "index.md"}  # top level, so mkdocs and material treat it as home
    course_files = re.findall(r"'([^']+\.(?:md|ipynb))'", repr(course))
    assert len(course_files) >= 10
    assert not set(course_files) & set(PROJECT_PAGES)
    (pages,) = project.values()
    assert sorted(_first_page(item) for item in pages) == sorted(PROJECT_PAGES)


@pytest.mark.slow
def test_every_page_shows_the_licence_and_links_the_project_pages(built_site):
    wanted = {
        name.removesuffix("index.md").removesuffix(".md").rstrip("/") + "/"
        for name in PROJECT_PAGES
    }
    problems = []
    for page in site_pages(built_site):
        html = _html(built_site, page)
        footer = html[html.index('<div class="md-copyright">') :]
        if "Copyright &copy; 2026" not in footer or "CC BY 4.0" not in footer:
            problems.append(f"{page or '(home)'}: no copyright and licence line in the footer")
        links = re.search(r'class="md-copyright__project".*?</nav>', footer, re.S)
        hrefs = re.findall(r'href="([^"]+)"', links.group(0))
        targets = {urljoin(f"/{page}", href).lstrip("/") for href in hrefs}
        if targets != wanted:
            problems.append(f"{page or '(home)'}: footer links {sorted(targets)}")
    home = _html(built_site, "")
    content = home[home.index("<article") : home.index("</article>")]
    problems += [f"home: no link to {n}" for n in sorted(wanted) if f'href="{n}"' not in content]
    assert not problems, "\n".join(problems)
