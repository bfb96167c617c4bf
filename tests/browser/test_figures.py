"""Figures a reader can read on a laptop and on a phone, and pages that never scroll sideways.

Every figure of every page is measured as shown at 1280 px and at 390 px: its
smallest label (font size × shown width / viewBox width) must be at least 10
CSS px. At 390 px, no page may be wider than the screen. The palette changes
colours only, never a size or a layout, so one palette is measured (light); the
dark palette's legibility is test_browser.py's ink-contrast check.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser

from tests.browser.figures import SMALLEST_LABEL_PX, WIDTHS, figures_on, open_page, sideways

pytestmark = [pytest.mark.slow, pytest.mark.browser]


@pytest.mark.parametrize("screen", list(WIDTHS))
def test_every_figure_label_is_at_least_10_css_px(
    browser: Browser, site_url: str, pages: list[str], screen: str
):
    page = open_page(browser, WIDTHS[screen], "light")
    measured, small, wide = 0, [], []
    for path in pages:
        for figure in figures_on(page, site_url, path):
            measured += 1
            if figure.smallest_px < SMALLEST_LABEL_PX:
                small.append(
                    f"{figure.page} {figure.src}: {figure.text!r} is {figure.smallest_px:.1f} px"
                    f" (font {figure.font} of a {figure.view_width:.0f}-wide figure shown"
                    f" {figure.shown:.0f} px wide)"
                )
        if screen == "phone" and (extra := sideways(page)):
            wide.append(f"{path or '(home)'} scrolls sideways by {extra} px")
    page.context.close()
    assert measured >= 9, f"only {measured} figures found: is the measurement still finding them?"
    assert not small, f"labels under {SMALLEST_LABEL_PX} CSS px at {screen}:\n" + "\n".join(small)
    assert not wide, "\n".join(wide)
