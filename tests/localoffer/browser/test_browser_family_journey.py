"""In headless Chromium (Debian's), against the service on a real port: a family searches
by need and postcode with the keyboard only, opens an entry and leaves a comment; the LA
responds through the API; the comment and the response appear on "you said, we did". axe
reports no serious or critical violation on any page (R8.3, R8.5; WCAG 2.2 AA)."""

from __future__ import annotations

from playwright.async_api import Page

from tests.harness import LA, System
from tests.localoffer.browser.browser_support import assert_accessible, chromium, tab_until
from tests.localoffer.entries.directory_support import (
    entry_body,
    load_postcodes,
    make_organisation,
    publish_entry,
)

COMMENT = "Please list which drop-in sessions have a quiet room <b>before</b> we travel."
RESPONSE = "Thank you: every drop-in entry now says whether it has a quiet room."
ACTIONS = "Providers asked to add quiet room details by March."


async def seed(site: System) -> dict[str, str]:
    await load_postcodes(site)
    org = await make_organisation(site, "Leeds Speech Service", kind="health")
    near = await publish_entry(site, entry_body(org["id"], "Talk Together drop-in",
                                                postcode="LS6 2QT"))
    far = await publish_entry(site, entry_body(org["id"], "Moorside speech group",
                                               postcode="HX1 1UJ"))
    return {"near": near["id"], "far": far["id"]}


async def search_with_keyboard(page: Page, base: str) -> None:
    await page.goto(f"{base}/local-offer/{LA}")
    await assert_accessible(page)
    await tab_until(page, "el.id === 'q'")
    await page.keyboard.type("drop-in")
    await page.keyboard.press("Tab")  # to the need filter
    assert await page.evaluate("document.activeElement.id") == "need"
    await page.keyboard.type("Spee")  # the select's type-ahead: Speech, language and ...
    await tab_until(page, "el.id === 'postcode'")
    await page.keyboard.type("LS1 4AP")
    async with page.expect_navigation():
        await page.keyboard.press("Enter")


async def test_r8_3_family_searches_comments_and_sees_the_la_response(site: System) -> None:
    ids = await seed(site)
    base = str(site.clients["localoffer"].base_url).rstrip("/")
    async with chromium() as browser:
        context = await browser.new_context(bypass_csp=True)  # to inject axe-core
        page = await context.new_page()

        await search_with_keyboard(page, base)
        assert "need=SLCN" in page.url and "postcode=LS1+4AP" in page.url
        await assert_accessible(page)
        results = page.locator("main ul.govuk-list li")
        assert await results.count() == 1  # the far group is beyond the 10 km default
        assert "km away" in (await results.first.inner_text())

        await tab_until(page, "el.href && el.href.includes('/entries/')")
        async with page.expect_navigation():
            await page.keyboard.press("Enter")
        assert page.url.endswith(f"/entries/{ids['near']}")
        assert await page.locator("h1").inner_text() == "Talk Together drop-in"
        await assert_accessible(page)

        await tab_until(page, "el.textContent.includes('Comment on this service')")
        async with page.expect_navigation():
            await page.keyboard.press("Enter")
        await assert_accessible(page)
        await page.get_by_role("button", name="Send comment").click()
        summary = page.locator(".govuk-error-summary")
        assert "Select what your comment is about" in await summary.inner_text()
        assert (await page.title()).startswith("Error: ")
        await assert_accessible(page)

        await page.get_by_label("How easy the local offer is to find and use").check()
        await page.get_by_label("Your comment").fill(COMMENT)
        await page.get_by_label("A parent or carer").check()
        await page.get_by_role("button", name="Send comment").click()
        assert "Comment received" in await page.locator("h1").inner_text()
        await assert_accessible(page)

        la = site.token("la_caseworker")
        client = site.clients["localoffer"]
        [comment] = (await client.get("/v1/feedback", headers=la)).json()["items"]
        assert comment["comment"] == COMMENT and comment["entry_id"] == ids["near"]
        answered = await client.post(f"/v1/feedback/{comment['id']}/response", headers=la,
                                     json={"response": RESPONSE, "actions": ACTIONS})
        assert answered.status_code == 201, answered.text

        await page.goto(f"{base}/local-offer/{LA}/you-said-we-did")
        card = page.locator(".govuk-summary-card").first
        text = await card.inner_text()
        assert COMMENT in text and RESPONSE in text and ACTIONS in text  # shown as text
        assert await card.locator("b").count() == 0  # the commenter's markup stays escaped
        await assert_accessible(page)

        for path in ("schedule-2", "personal-budget-policy"):
            await page.goto(f"{base}/local-offer/{LA}/{path}")
            await assert_accessible(page)
        await context.close()


async def test_r8_5_pages_run_govuk_frontend_under_their_content_security_policy(
        site: System) -> None:
    base = str(site.clients["localoffer"].base_url).rstrip("/")
    async with chromium() as browser:
        page = await browser.new_page()  # the page's own CSP in force
        refused: list[str] = []
        page.on("console", lambda m: refused.append(m.text)
                if "Content Security Policy" in m.text else None)
        await page.goto(f"{base}/local-offer/{LA}/feedback")
        await page.wait_for_function(
            "document.body.classList.contains('govuk-frontend-supported')")
        await page.get_by_role("button", name="Send comment").click()
        # GOV.UK Frontend's error summary takes focus once its script runs
        await page.wait_for_function(
            "document.activeElement.classList.contains('govuk-error-summary')")
        assert refused == []
