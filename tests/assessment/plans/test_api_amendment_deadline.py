"""R3.5: one clock for the final amended plan. A review that decides to amend opens it (the
proposals belong in its 4-week decision); sending the proposals must not open a second one,
which would alert twice. Amendments proposed without a review still open their own."""

from __future__ import annotations

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import DRAFT, issued


async def test_r3_5_amendment_after_review_keeps_one_amended_plan_deadline(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    review = await api.ok("POST", f"/v1/plans/{plan_id}/reviews", 201, json={
        "invited_on": "2026-02-03", "meeting_on": "2026-02-17"})
    await api.ok("POST", f"/v1/reviews/{review['id']}/decision", json={
        "outcome": "amend", "decided_on": "2026-02-24"})
    await api.ok("POST", f"/v1/plans/{plan_id}/amendments", 201,
                 json=DRAFT | {"sent_on": "2026-02-24"})
    [due] = await api.deadlines(case_id, "amended_plan_due")
    assert due["due_on"] == "2026-04-21"  # 8 weeks from the decision, < 12 from the meeting


async def test_r3_5_amendment_without_review_opens_its_deadline(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    await api.ok("POST", f"/v1/plans/{plan_id}/amendments", 201,
                 json=DRAFT | {"sent_on": "2026-02-24"})
    [due] = await api.deadlines(case_id, "amended_plan_due")
    assert due["due_on"] == "2026-04-21"  # 8 weeks from the proposals
