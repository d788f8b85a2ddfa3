"""The localoffer service behind a real uvicorn on a free port of 127.0.0.1, and Debian's
Chromium driven by Playwright (never Playwright's own browser download), with axe-core
from npm injected into each page."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import uvicorn
from playwright.async_api import Browser, Page, async_playwright

from common.clock import Clock
from common.settings import Settings
from common.testing.ports import free_port
from common.web import create_service_app
from localoffer.bootstrap import spec

REPO = Path(__file__).resolve().parents[3]
AXE = REPO / "node_modules" / "axe-core" / "axe.min.js"
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--headless", "--disable-gpu",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
BLOCKING = ("serious", "critical")


@asynccontextmanager
async def served(settings: Settings, clock: Clock) -> AsyncIterator[str]:
    """The service on a real HTTP port; yields its base URL."""
    app = create_service_app(spec(), settings, clock)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning",
                                          lifespan="on"))
    task = asyncio.create_task(server.serve())
    for _ in range(200):
        if server.started:
            break
        if task.done():
            task.result()  # the server failed to start: raise its error
        await asyncio.sleep(0.05)
    assert server.started, "uvicorn did not start"
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await task


def require_installed() -> None:
    assert Path(CHROMIUM).exists(), f"{CHROMIUM} is missing: run `make setup`"
    assert AXE.exists(), f"{AXE} is missing: run `make setup` (npm ci)"


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    """Debian's Chromium; a missing browser fails the test (it is installed by `make test`)."""
    require_installed()
    async with async_playwright() as driver:
        browser = await driver.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            yield browser
        finally:
            await browser.close()


async def axe_violations(page: Page) -> list[dict[str, Any]]:
    """Serious and critical accessibility violations axe-core finds on the page (WCAG 2.2
    A and AA rules and axe's best practices)."""
    await page.add_script_tag(path=str(AXE))
    result = await page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: "
        "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}})")
    return [{"id": v["id"], "impact": v["impact"], "help": v["help"],
             "nodes": [n["html"] for n in v["nodes"]][:3]}
            for v in result["violations"] if v["impact"] in BLOCKING]


async def assert_accessible(page: Page) -> None:
    violations = await axe_violations(page)
    assert violations == [], f"axe on {page.url}: {violations}"


async def tab_until(page: Page, test_js: str, limit: int = 60) -> None:
    """Press Tab until `test_js` (given the focused element) is true."""
    for _ in range(limit):
        await page.keyboard.press("Tab")
        if await page.evaluate(f"(el => {test_js})(document.activeElement)"):
            return
    raise AssertionError(f"Tab never reached an element where {test_js}")
