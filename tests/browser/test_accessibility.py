"""axe-core on every page in both palettes."""

from __future__ import annotations

import pytest

from tests.browser.browser import report


@pytest.mark.slow
@pytest.mark.browser
def test_axe_finds_no_serious_or_critical_violation(visits):
    palette, results = visits
    problems = report(results, "axe")
    assert not problems, f"axe-core, {palette} palette:\n{problems}"
