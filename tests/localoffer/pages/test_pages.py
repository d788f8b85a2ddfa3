"""The public pages over HTTP on Postgres and SQLite (R8.1-R8.5, R7.4): search with filters
and distances, an entry, the feedback form with the error summary pattern, "you said, we
did", Schedule 2 coverage, the personal budget policy; user text escaped; security headers."""

from __future__ import annotations

import re
import uuid
from datetime import UTC, datetime

from common.messaging.bus import IncomingRecord
from common.messaging.envelope import CloudEvent
from tests.harness import LA, System
from tests.localoffer.entries.directory_support import (
    entry_body,
    load_postcodes,
    make_organisation,
    provider,
    publish_entry,
    staff,
)

BASE = f"/local-offer/{LA}"
SCRIPT = "<script>alert('x')</script>"


def assert_secure_html(response) -> None:
    assert response.headers["content-type"].startswith("text/html")
    csp = response.headers["content-security-policy"]
    assert "script-src 'self'" in csp and "frame-ancestors 'none'" in csp
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "<script>" not in re.sub(r'<script type="module" src="/assets/init.mjs"></script>',
                                    "", response.text)


async def seed_directory(lo: System) -> dict[str, str]:
    await load_postcodes(lo)
    org = await make_organisation(lo, "Leeds Speech Service", kind="health")
    near = await publish_entry(lo, entry_body(org["id"], "Talk Together drop-in",
                                              postcode="LS6 2QT"))
    far = await publish_entry(lo, entry_body(org["id"], "Moorside speech group",
                                             postcode="HX1 1UJ", free_of_charge=False,
                                             fees_description="£5 a session"))
    other = await publish_entry(lo, entry_body(org["id"], "Sensory play club",
                                               categories=("leisure",), needs=("SPLD",),
                                               description=f"Play {SCRIPT} <b>fun</b>"))
    return {"near": near["id"], "far": far["id"], "other": other["id"]}


async def test_r8_5_search_page_without_javascript_and_its_assets(lo: System) -> None:
    client = lo.clients["localoffer"]
    response = await client.get(BASE)
    assert response.status_code == 200
    assert_secure_html(response)
    assert '<html lang="en"' in response.text
    assert 'href="/assets/govuk-frontend.min.css"' in response.text
    assert '<form method="get" action="/local-offer/201"' in response.text
    assert '<option value="SLCN">' in response.text  # the areas of need as a filter
    css = await client.get("/assets/govuk-frontend.min.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert "/assets/fonts/" in css.text  # fonts are served from here too, no CDN
    font = re.search(r"/assets/(fonts/[\w-]+\.woff2)", css.text)
    assert font and (await client.get(f"/assets/{font.group(1)}")).status_code == 200
    assert (await client.get("/assets/init.mjs")).status_code == 200
    assert (await client.get("/assets/../bootstrap.py")).status_code == 404
    assert (await client.get("/assets/%2e%2e/bootstrap.py")).status_code == 404


async def test_r8_1_search_by_need_and_postcode_lists_results_with_distance(
        lo: System) -> None:
    ids = await seed_directory(lo)
    response = await lo.clients["localoffer"].get(BASE, params={
        "need": "SLCN", "postcode": "LS1 4AP", "radius_km": "50"})
    assert response.status_code == 200, response.text
    assert_secure_html(response)
    assert "2 results" in response.text
    near_at = response.text.index(f"/entries/{ids['near']}")
    far_at = response.text.index(f"/entries/{ids['far']}")
    assert near_at < far_at  # nearest first
    assert ids["other"] not in response.text
    distances = re.findall(r"([\d.]+) km away", response.text)
    assert len(distances) == 2 and float(distances[0]) < float(distances[1])

    free_only = await lo.clients["localoffer"].get(BASE, params={
        "need": "SLCN", "postcode": "LS1 4AP", "radius_km": "50", "free": "true"})
    assert "1 result" in free_only.text and ids["far"] not in free_only.text


async def test_r8_1_bad_search_input_shows_the_error_summary(lo: System) -> None:
    client = lo.clients["localoffer"]
    await load_postcodes(lo)
    unknown = await client.get(BASE, params={"postcode": "ZZ1 1ZZ"})
    assert unknown.status_code == 400
    assert "<title>Error: " in unknown.text
    assert 'class="govuk-error-summary"' in unknown.text
    assert '<a href="#postcode">' in unknown.text
    assert 'aria-describedby="postcode-hint postcode-error"' in unknown.text
    age = await client.get(BASE, params={"age": "thirty"})
    assert age.status_code == 400 and '<a href="#age">' in age.text
    assert (await client.get(BASE, params={"age": "26"})).status_code == 400
    escaped = await client.get(BASE, params={"q": SCRIPT})
    assert escaped.status_code == 200
    assert "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;" in escaped.text
    assert_secure_html(escaped)


async def test_r8_2_entry_page_shows_the_service_with_its_text_escaped(lo: System) -> None:
    ids = await seed_directory(lo)
    client = lo.clients["localoffer"]
    response = await client.get(f"{BASE}/entries/{ids['other']}")
    assert response.status_code == 200
    assert_secure_html(response)
    assert "<h1 class=\"govuk-heading-l\">Sensory play club</h1>" in response.text
    assert "&lt;script&gt;" in response.text and "&lt;b&gt;fun&lt;/b&gt;" in response.text
    assert "You do not need a referral." in response.text
    assert "Monday and Wednesday, 09:00 to 17:00" in response.text
    assert f"/feedback?entry_id={ids['other']}" in response.text
    assert (await client.get(f"{BASE}/entries/{uuid.uuid4()}")).status_code == 404
    assert (await client.get(f"/local-offer/202/entries/{ids['other']}")).status_code == 404


async def test_r8_6_a_school_entry_links_its_published_sen_information_report(
        lo: System) -> None:
    """R8.6 (CoP 6.79): the local offer links to a school's SEN information report: the
    published report of the latest school year; a draft or one with the LA is not shown,
    and an address that is not a web address is not made a link."""
    await load_postcodes(lo)
    client = lo.clients["localoffer"]
    school = await make_organisation(lo, "Oak Academy", kind="academy", provider_code="OAK")
    entry = await publish_entry(lo, entry_body(school["id"], "Oak Academy resource base"))
    reports = f"/v1/local-offer/organisations/{school['id']}/sen-information-reports"
    page_path = f"{BASE}/entries/{entry['id']}"

    async def submit(year: str, url: str, summary: str) -> None:
        body = {"academic_year": year, "url": url, "summary": summary}
        drafted = await client.put(reports, json=body, headers=provider(lo, "OAK"))
        assert drafted.status_code == 200, drafted.text
        sent = await client.post(f"{reports}/{year.replace('/', '-')}/submit",
                                 headers=provider(lo, "OAK"))
        assert sent.status_code == 200, sent.text

    async def publish(year: str) -> None:
        published = await client.post(f"{reports}/{year.replace('/', '-')}/publish",
                                      headers=staff(lo))
        assert published.status_code == 200, published.text

    await submit("2026/27", "javascript:alert(1)", "Next year")
    unpublished = await client.get(page_path)
    assert unpublished.status_code == 200 and "SEN information report" not in unpublished.text

    await submit("2025/26", "https://oak.example/sen-2025",
                 f"How we support pupils {SCRIPT}\nwith SEN")
    await publish("2025/26")
    shown = await client.get(page_path)
    assert_secure_html(shown)
    assert "This is its report for 2025/26, published 2 March 2026." in shown.text
    assert "How we support pupils &lt;script&gt;" in shown.text
    assert '<p class="govuk-body">with SEN</p>' in shown.text
    assert 'href="https://oak.example/sen-2025"' in shown.text
    assert "Read the SEN information report of Oak Academy for 2025/26" in shown.text
    assert "Next year" not in shown.text  # the next year's is still with the LA

    await publish("2026/27")  # the latest year's, whose address is not a web address
    latest = await client.get(page_path)
    assert "This is its report for 2026/27" in latest.text and "sen-2025" not in latest.text
    assert "javascript:" not in latest.text and "Read the SEN information report" not in latest.text


async def test_r8_3_feedback_form_errors_then_sent_then_shown_on_you_said_we_did(
        lo: System) -> None:
    client = lo.clients["localoffer"]
    form = await client.get(f"{BASE}/feedback")
    assert form.status_code == 200 and 'name="topic"' in form.text
    empty = await client.post(f"{BASE}/feedback", data={"topic": "", "comment": ""})
    assert empty.status_code == 422
    assert_secure_html(empty)
    assert '<a href="#topic">Select what your comment is about</a>' in empty.text
    assert '<a href="#comment">Enter your comment</a>' in empty.text
    assert 'govuk-textarea--error' in empty.text

    sent = await client.post(f"{BASE}/feedback", data={
        "topic": "accessibility", "comment": f"The map {SCRIPT} is hard to use"})
    assert sent.status_code == 200 and "Comment received" in sent.text
    held = await client.post(f"{BASE}/feedback", data={
        "topic": "quality", "comment": "Call me on 07700 900123"})
    assert "will not be published" in held.text and "phone number" in held.text

    page = await client.get(f"{BASE}/you-said-we-did")
    assert page.status_code == 200
    assert_secure_html(page)
    assert "The map &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; is hard to use" in page.text
    assert "07700" not in page.text
    assert "We have not responded yet." in page.text


async def test_r8_3_a_flood_from_the_form_is_refused_with_429(lo: System) -> None:
    client = lo.clients["localoffer"]
    for _ in range(5):
        await client.post(f"{BASE}/feedback", data={"topic": "gaps", "comment": "More clubs"})
    refused = await client.post(f"{BASE}/feedback", data={"topic": "gaps", "comment": "More"})
    assert refused.status_code == 429
    assert "Try again in 60 minutes" in refused.text
    assert 'class="govuk-error-summary"' in refused.text


async def test_r8_2_schedule_2_page_shows_covered_and_empty_headings(lo: System) -> None:
    await seed_directory(lo)
    response = await lo.clients["localoffer"].get(f"{BASE}/schedule-2")
    assert response.status_code == 200
    assert_secure_html(response)
    assert re.search(r"<strong>2 of \d+</strong> headings covered", response.text)
    assert "Travel to schools" in response.text and "Empty" in response.text


async def test_r7_4_personal_budget_policy_page(lo: System) -> None:
    client = lo.clients["localoffer"]
    missing = await client.get(f"{BASE}/personal-budget-policy")
    assert missing.status_code == 200 and "has not published" in missing.text
    consumer = lo.runtimes["localoffer"].consumer
    assert consumer is not None
    event = CloudEvent(id=str(uuid.uuid4()), type="send.budgets.policy.published.v1",
                       source="sendsys/budgets", subject="policy/p1",
                       time=datetime(2026, 1, 5, tzinfo=UTC), lacode=LA, data={
                           "la_code": LA, "policy_id": "p1", "version": 1,
                           "published_on": "2026-01-05",
                           "summary": f"Budgets {SCRIPT} for short breaks",
                           "url": "javascript:alert(1)"})
    record = IncomingRecord("send.budgets", 0, 0, None, event.to_bytes())
    assert await consumer.process(record) == "done"
    shown = await client.get(f"{BASE}/personal-budget-policy")
    assert_secure_html(shown)
    assert "Budgets &lt;script&gt;" in shown.text
    assert "javascript:" not in shown.text  # only web addresses become links
