"""An entry not reviewed for 12 months raises `send.localoffer.review.due.v1` through the
platform's deadline sweep (issue 13 item 2; R8.3 keeps the offer under review), once per
stage however often the sweep runs; recording a review restarts the 12 months."""

from __future__ import annotations

from datetime import date, timedelta

from tests.harness import System
from tests.localoffer.entries.directory_support import (
    entry_body,
    make_organisation,
    publish_entry,
    staff,
)

REVIEW_DUE = "send.localoffer.review.due.v1"


async def review_events(lo: System) -> list[dict]:
    return await lo.outbox_events("localoffer", REVIEW_DUE)


async def test_unreviewed_entry_raises_review_due_through_the_sweep(lo: System) -> None:
    org = await make_organisation(lo)
    entry = await publish_entry(lo, entry_body(org["id"], postcode=None))
    runtime = lo.runtimes["localoffer"]

    assert await runtime.sweep(date(2027, 2, 1)) == 0
    assert await review_events(lo) == []
    # ten working days before 2 March 2027: the first notice
    assert await runtime.sweep(date(2027, 2, 16)) == 1
    assert await runtime.sweep(date(2027, 2, 16)) == 0  # a second sweep emits nothing new
    # the day after it fell due: overdue
    assert await runtime.sweep(date(2027, 3, 3)) == 1
    events = await review_events(lo)
    assert [(e["data"]["entry_id"], e["data"]["due_on"], e["data"]["days_left"])
            for e in events] == [(entry["id"], "2027-03-02", 14),
                                 (entry["id"], "2027-03-02", -1)]
    assert all(e["lacode"] == "201" and e["subject"] == f"entry/{entry['id']}"
               for e in events)
    assert await lo.outbox_events("localoffer", "send.localoffer.deadline.missed.v1") == []


async def test_recording_a_review_restarts_the_twelve_months(lo: System) -> None:
    org = await make_organisation(lo)
    entry = await publish_entry(lo, entry_body(org["id"], postcode=None))
    lo.clock.advance(timedelta(days=200))
    reviewed = await lo.clients["localoffer"].post(
        f"/v1/local-offer/entries/{entry['id']}/reviewed", headers=staff(lo))
    assert reviewed.status_code == 200, reviewed.text
    assert reviewed.json()["last_reviewed_on"] == "2026-09-18"
    assert reviewed.json()["review_due_on"] == "2027-09-18"
    runtime = lo.runtimes["localoffer"]
    assert await runtime.sweep(date(2027, 3, 3)) == 0
    assert await runtime.sweep(date(2027, 9, 19)) == 1
    assert [e["data"]["due_on"] for e in await review_events(lo)] == ["2027-09-18"]
    refused = await lo.clients["localoffer"].post(
        f"/v1/local-offer/entries/{entry['id']}/reviewed",
        headers=lo.token("provider", org="ORG-1"))
    assert refused.status_code == 403  # LA staff only
