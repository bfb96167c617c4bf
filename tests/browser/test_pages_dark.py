"""Every page of the site, visited in the dark palette (test_pages_light.py runs beside it)."""

import pytest

from tests.browser.page_checks import *  # noqa: F403 - the checks, collected for this palette

pytestmark = [pytest.mark.slow, pytest.mark.browser]
PALETTE = "dark"
