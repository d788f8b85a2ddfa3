"""R1.6 over the HTTP API: a repeat request is flagged when the last EHC needs assessment
*ended* (final plan issued, or the notice that no plan will be made) in the six months before
it (CFA s.36(6)(b)); the flag and the day it counts from are on the request and its event.
Table-driven across both endings."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import issued


async def _final_plan_issued(api: Api) -> tuple[str, str]:
    """A final plan issued on 2 February 2026 (plan_flow)."""
    case_id, _, _ = await issued(api)
    return case_id, "2026-02-02"


async def _no_plan_notice(api: Api) -> tuple[str, str]:
    """Assessed from 10 November 2025; no plan decided 20 January, notice given 22 January."""
    case_id, request_id = await api.assessing(received_on="2025-10-06", decided_on="2025-11-10")
    await api.ok("POST", f"/v1/requests/{request_id}/no-plan-decision", json={
        "decided_on": "2026-01-20", "notified_on": "2026-01-22",
        "reasons": "needs met at SEN support"})
    return case_id, "2026-01-22"


ENDINGS = {"final_plan": _final_plan_issued, "no_plan_notice": _no_plan_notice}


@pytest.mark.parametrize("ending, received_on, flagged", [
    ("final_plan", "2026-07-02", True),  # five months after the plan
    ("final_plan", "2026-08-01", True),  # the last day inside the six months
    ("final_plan", "2026-08-02", False),  # six calendar months since (R0.4)
    ("final_plan", "2026-12-01", False),
    ("no_plan_notice", "2026-06-22", True),  # five months after the notice
    ("no_plan_notice", "2026-07-21", True),
    ("no_plan_notice", "2026-07-22", False),
    ("no_plan_notice", "2026-01-21", False),  # before the notice: the assessment had not ended
])
async def test_R1_6_repeat_request_counts_from_the_end_of_the_last_assessment(
        api: Api, ending: str, received_on: str, flagged: bool) -> None:
    """R1.6: counted from the final plan or the no-plan notice, not the decision to assess."""
    case_id, ended_on = await ENDINGS[ending](api)
    api.system.clock.set(datetime(2026, 12, 1, 9, 0, tzinfo=UTC))
    request = await api.ok("POST", f"/v1/cases/{case_id}/requests", 201, json={
        "requester_type": "parent", "received_on": received_on})
    assert request["repeat_within_six_months"] is flagged
    expected_ended_on = ended_on if received_on >= ended_on else None
    assert request["last_assessment_ended_on"] == expected_ended_on
    event = (await api.events("send.assessment.request.received.v1"))[-1]["data"]
    assert event["request_id"] == request["id"]
    assert event["repeat_within_six_months"] is flagged
    assert event.get("last_assessment_ended_on") == expected_ended_on
    again = await api.ok("GET", f"/v1/requests/{request['id']}")
    assert again["repeat_within_six_months"] is flagged


async def test_R1_6_an_assessment_still_under_way_is_not_a_previous_assessment(
        api: Api) -> None:
    """R1.6: deciding to assess does not end an assessment; a second request while it runs
    is not a repeat within six months of an assessment."""
    case_id, _ = await api.assessing(received_on="2025-11-03", decided_on="2025-12-01")
    second = await api.request(case_id, "2026-03-02")
    assert second["repeat_within_six_months"] is False
    assert second["last_assessment_ended_on"] is None


async def test_R1_6_on_sqlite_the_same_count(sqlite_api: Api) -> None:
    """R1.6 on the one-machine backend (SQLite): the same end of the last assessment."""
    case_id, _ = await _no_plan_notice(sqlite_api)
    request = await sqlite_api.ok("POST", f"/v1/cases/{case_id}/requests", 201, json={
        "requester_type": "parent", "received_on": "2026-03-02"})
    assert (request["repeat_within_six_months"], request["last_assessment_ended_on"]) == (
        True, "2026-01-22")
