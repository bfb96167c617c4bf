"""What every page's visit must show, checked for the palette of the module that collects them.

test_pages_light.py and test_pages_dark.py each import these: two files, so that `make test`
visits the two palettes on two workers at once (pytest-xdist hands out whole files).
"""

from __future__ import annotations

from tests.browser.browser import SCHEMES, SCREENSHOTS, report


def test_every_page_opens_in_its_palette(visits, pages):
    palette, results = visits
    assert [v.page for v in results] == [p or "(home)" for p in pages]
    wrong = [f"{v.page}: {v.scheme}" for v in results if v.scheme != SCHEMES[palette]]
    assert not wrong, f"pages not in the {palette} scheme {SCHEMES[palette]}: {wrong}"
    assert all(v.screenshot.is_file() for v in results)


def test_no_request_leaves_the_machine(visits):
    _, results = visits
    assert not report(results, "outside"), "requests to other hosts:\n" + report(results, "outside")


def test_no_console_errors_or_failed_requests(visits):
    _, results = visits
    assert not report(results, "errors"), report(results, "errors")


def test_every_image_loads(visits):
    _, results = visits
    assert not report(results, "broken_images"), "images with no pixels:\n" + report(
        results, "broken_images"
    )


def test_math_is_rendered(visits):
    _, results = visits
    assert not report(results, "math"), report(results, "math")


def test_diagrams_stay_legible(visits):
    palette, results = visits
    problems = report(results, "illegible")
    assert not problems, f"in the {palette} palette (see {SCREENSHOTS / palette}):\n{problems}"


def test_axe_finds_no_serious_or_critical_violation(visits):
    palette, results = visits
    problems = report(results, "axe")
    assert not problems, f"axe-core, {palette} palette:\n{problems}"
