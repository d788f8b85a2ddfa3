"""R3.3 over the API: the review's advice circulated at least 2 weeks before the meeting."""

from __future__ import annotations

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import issued


async def test_r3_3_advice_deadline_opened_and_closed_late(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    review = await api.ok("POST", f"/v1/plans/{plan_id}/reviews", 201, json={
        "invited_on": "2026-02-03", "meeting_on": "2026-02-17",
        "advice_circulated_with_invitations": False})
    assert (review["advice_circulated_by"], review["advice_circulated_on"]) == (
        "2026-02-03", None)
    [deadline] = await api.deadlines(case_id, "review_advice_circulated_by")
    assert deadline["due_on"] == "2026-02-03"
    url = f"/v1/reviews/{review['id']}/advice-circulated"
    problem = await api.fails("POST", url, json={"circulated_on": "2026-03-03"})  # tomorrow
    assert problem["errors"][0]["field"] == "circulated_on"
    assert await api.deadlines(case_id, "review_advice_circulated_by") != []  # nothing written
    late = await api.ok("POST", url, json={"circulated_on": "2026-02-10"})
    assert (late["advice_circulated_on"], late["advice_circulated_late"]) == (
        "2026-02-10", True)
    assert await api.deadlines(case_id, "review_advice_circulated_by") == []
    [closed] = await api.deadlines(case_id, "review_advice_circulated_by", status="closed")
    assert closed["closed_on"] == "2026-02-10"
    await api.fails("POST", url, 409, json={"circulated_on": "2026-02-11"})


async def test_r3_3_advice_with_the_invitations_opens_no_deadline(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    review = await api.ok("POST", f"/v1/plans/{plan_id}/reviews", 201, json={
        "invited_on": "2026-02-03", "meeting_on": "2026-02-18"})
    assert (review["advice_circulated_by"], review["advice_circulated_on"],
            review["advice_circulated_late"]) == ("2026-02-04", "2026-02-03", False)
    assert await api.deadlines(case_id, "review_advice_circulated_by") == []
