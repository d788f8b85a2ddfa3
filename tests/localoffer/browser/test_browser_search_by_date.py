"""In headless Chromium (Debian's), against the service on a real port: a family finds
what is open on a date with the keyboard only, through the GOV.UK date input; a date
missing its year shows the error summary, whose link takes focus to the day; axe reports
no serious or critical violation on the form, the error or the results (R8.5; WCAG 2.2
AA)."""

from __future__ import annotations

from playwright.async_api import Page

from tests.harness import LA, System
from tests.localoffer.browser.browser_support import assert_accessible, chromium, tab_until
from tests.localoffer.search.dated_directory import seed_dated


async def type_into(page: Page, field_id: str, text: str) -> None:
    await tab_until(page, f"el.id === '{field_id}'")
    await page.keyboard.type(text)


async def test_r8_5_family_finds_what_is_open_on_a_date_with_the_keyboard(
        site: System) -> None:
    await seed_dated(site)
    base = str(site.clients["localoffer"].base_url).rstrip("/")
    async with chromium() as browser:
        context = await browser.new_context(bypass_csp=True)  # to inject axe-core
        page = await context.new_page()
        await page.goto(f"{base}/local-offer/{LA}")
        await assert_accessible(page)

        await type_into(page, "date-day", "7")
        await page.keyboard.press("Tab")
        assert await page.evaluate("document.activeElement.id") == "date-month"
        await page.keyboard.type("3")
        async with page.expect_navigation():
            await page.keyboard.press("Enter")  # no year yet
        assert (await page.title()).startswith("Error: ")
        summary = page.locator(".govuk-error-summary")
        assert "The date must include a year" in await summary.inner_text()
        await assert_accessible(page)
        await summary.get_by_role("link").click()
        assert await page.evaluate("document.activeElement.id") == "date-day"

        await type_into(page, "date-year", "2026")
        await type_into(page, "time", "11:00")
        async with page.expect_navigation():
            await page.keyboard.press("Enter")
        assert "date-day=7" in page.url and "date-year=2026" in page.url
        assert "Open on Saturday 7 March 2026 at 11:00" in await page.locator(
            "main").inner_text()
        results = page.locator("main ul.govuk-list li h3")
        assert [t.split(" (")[0] for t in await results.all_inner_texts()] == [
            "Art club", "Drop-in"]
        await assert_accessible(page)
        await context.close()
