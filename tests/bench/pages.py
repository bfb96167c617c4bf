"""Bytes a reader's browser transfers for each page, all resources included."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import BrowserContext, Request, sync_playwright

from tests.browser.browser import CHROMIUM, CHROMIUM_ARGS
from tests.build.whole_site import served, site_pages

PAGE_TARGET = 800_000
NOTEBOOK_TARGET = 700_000


def measure(site: Path) -> dict[str, object]:
    """Load every page in a fresh browser context (cold cache) and add up what it fetched."""
    results: dict[str, object] = {}
    with served(site) as root, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for page_path in site_pages(site):
                context = browser.new_context()
                fetched = _recorder(context)
                page = context.new_page()
                page.goto(root + page_path, wait_until="networkidle")
                total = sum(_bytes(request) for request in fetched)
                target = NOTEBOOK_TARGET if "notebooks/" in page_path else PAGE_TARGET
                results[page_path or "(home)"] = {
                    "bytes": total,
                    "requests": len(fetched),
                    "target": target,
                }
                context.close()
        finally:
            browser.close()
    return results


def _recorder(context: BrowserContext) -> list[Request]:
    """Every request the context finishes, pages and workers alike."""
    fetched: list[Request] = []

    def record(request: Request) -> None:  # playwright wants a plain function
        fetched.append(request)

    context.on("requestfinished", record)
    return fetched


def _bytes(request: Request) -> int:
    sizes = request.sizes()
    return sizes["responseBodySize"] + sizes["responseHeadersSize"]
