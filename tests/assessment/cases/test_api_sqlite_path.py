"""The same statutory path on SQLite (one file per service, migrated by the same revisions):
request, health advice out and back, draft, final, transfer review to a final plan, review,
cease (R1.4, R1.8, R1.12, R1.14, R3.4, R4.5, R5.2)."""

from __future__ import annotations

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import FINAL, SECTIONS, issued


async def test_statutory_path_on_sqlite(sqlite_api: Api) -> None:
    api = sqlite_api
    case_id, _, plan_id = await issued(api)
    _, request_id = await api.assessing(received_on="2025-10-06", decided_on="2025-11-10")
    health = await api.ok("POST", f"/v1/requests/{request_id}/advice-requests", 201,
                          json={"advice_type": "health", "requested_on": "2025-11-12"})
    await api.ok("POST", f"/v1/advice-requests/{health['id']}/advice",
                 headers=api.system.token("health", org="QKK"),
                 json={"received_on": "2026-01-02", "author": "Dr Rao", "summary": "..."})
    received = (await api.events("send.assessment.advice.received.v1"))[-1]["data"]
    assert received["within_statutory_time"] is False  # due 24 Dec 2025 (R1.8)
    review = await api.ok("POST", f"/v1/plans/{plan_id}/reviews", 201, json={
        "invited_on": "2026-02-03", "meeting_on": "2026-02-17"})
    await api.ok("POST", f"/v1/reviews/{review['id']}/decision", json={
        "outcome": "cease", "decided_on": "2026-02-24", "cease_ground": "no_longer_necessary"})
    proposal = (await api.events("send.assessment.decision.appealable.v1"))[-1]["data"]
    # R4.5: inside the appeal period only because the family will not appeal
    await api.ok("POST", f"/v1/cease-proposals/{proposal['decision_id']}/cease",
                 json={"done_on": "2026-03-02", "family_will_not_appeal": True})
    assert (await api.ok("GET", f"/v1/plans/{plan_id}"))["status"] == "ceased"
    assert await api.deadlines(case_id) == []


async def test_r5_2_transfer_review_ends_in_a_transfer_plan_on_sqlite(sqlite_api: Api) -> None:
    api = sqlite_api
    case_id = await api.case("2016-05-01")
    started = await api.ok("POST", f"/v1/cases/{case_id}/transfer-reviews", 201, json={
        "from": "statement", "notice_on": "2025-12-01", "started_on": "2026-01-05"})
    plan_id = started["plan_id"]
    await api.ok("POST", f"/v1/plans/{plan_id}/drafts", 201, json={
        "sections": SECTIONS, "sent_on": "2026-01-06"})
    await api.ok("POST", f"/v1/plans/{plan_id}/final", json=FINAL | {"advice_listed": []})
    event = (await api.events("send.assessment.plan.issued.v1"))[-1]["data"]
    assert event["reason"] == "transfer" and event["within_statutory_time"] is True
    assert event["weeks_taken"] == 4.0  # from the start of the transfer review
    assert await api.deadlines(case_id, "transfer_review_due") == []
