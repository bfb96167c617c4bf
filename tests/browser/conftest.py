"""Browser fixtures: one chromium, one context per palette, every page visited once each."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, sync_playwright

from tests.browser.browser import (
    CHROMIUM,
    CHROMIUM_ARGS,
    ConsoleLog,
    RequestLog,
    Visit,
    visit,
)
from tests.build.whole_site import site_pages


@pytest.fixture(scope="session")
def pages(built_site: Path) -> list[str]:
    """Every page of the built site (walked from the output, never a fixed list)."""
    return site_pages(built_site)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    """Debian's headless chromium, driven by Playwright from PyPI (no `playwright install`)."""
    os.environ["PW_EXPERIMENTAL_SERVICE_WORKER_NETWORK_EVENTS"] = "1"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def _context(browser: Browser, palette: str) -> tuple[BrowserContext, RequestLog]:
    context = browser.new_context(
        color_scheme=palette, viewport={"width": 1280, "height": 900}, reduced_motion="reduce"
    )
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    return context, RequestLog(context)


@pytest.fixture(scope="session")
def reader(browser: Browser, site_url: str) -> Iterator[tuple[BrowserContext, RequestLog]]:
    """A light-palette context for interactive checks (tabs, copy, search, toggle)."""
    context, log = _context(browser, "light")
    yield context, log
    context.close()


@pytest.fixture(scope="session")
def visited() -> dict[str, list[Visit]]:
    """The visits made so far this session, by palette."""
    return {}


@pytest.fixture
def visits(
    request: pytest.FixtureRequest,
    visited: dict[str, list[Visit]],
    browser: Browser,
    site_url: str,
    pages: list[str],
):
    """Every page loaded once in the palette its module names (``PALETTE``), with what it
    showed (see browser.Visit), kept for the session."""
    palette = request.module.PALETTE
    if palette not in visited:
        context, log = _context(browser, palette)
        page = context.new_page()
        console = ConsoleLog(page)
        visited[palette] = [visit(page, console, log, site_url, path, palette) for path in pages]
        context.close()
    return palette, visited[palette]


@pytest.fixture
def page(reader) -> Iterator[Page]:
    """A fresh tab in the light reader context."""
    context, log = reader
    log.take()
    tab = context.new_page()
    yield tab
    tab.close()


@pytest.fixture
def console(page: Page) -> ConsoleLog:
    """Console and script errors of ``page`` (request it before navigating)."""
    return ConsoleLog(page)
