"""Annual reviews, amendments, phase transfers, re-assessment (R3.1-R3.8) and ceasing
(R4.1-R4.5) over the API."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import select

from assessment.plans.tables import plan
from tests.assessment.conftest import Api
from tests.assessment.plan_flow import FINAL, SECTIONS, issued


async def _review(api: Api, plan_id: str) -> dict:
    return await api.ok("POST", f"/v1/plans/{plan_id}/reviews", 201, json={
        "invited_on": "2026-02-03", "meeting_on": "2026-02-17"})


async def test_r3_3_r3_4_review_meeting_report_and_decision_clocks(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/reviews", json={
        "invited_on": "2026-02-10", "meeting_on": "2026-02-17"})
    assert problem["rule"] == "R3.3"
    review = await _review(api, plan_id)
    assert (review["report_due_on"], review["decision_due_on"]) == ("2026-03-03", "2026-03-17")
    await api.ok("POST", f"/v1/reviews/{review['id']}/report", json={"report_on": "2026-02-20"})
    assert await api.deadlines(case_id, "review_report_due") == []
    decided = await api.ok("POST", f"/v1/reviews/{review['id']}/decision", json={
        "outcome": "maintain", "decided_on": "2026-02-24"})
    assert decided["next_review_due_on"] == "2027-02-16"  # R3.1: 12 months from the review
    completed = (await api.events("send.assessment.review.completed.v1"))[0]["data"]
    assert completed == {"case_id": case_id, "plan_id": plan_id, "review_id": review["id"],
                         "outcome": "maintain", "decided_on": "2026-02-24",
                         "next_review_due_on": "2027-02-16"}
    appealable = (await api.events("send.assessment.decision.appealable.v1"))[-1]["data"]
    assert appealable["decision_kind"] == "refuse_amend"  # R6.1
    assert [d["due_on"] for d in await api.deadlines(case_id, "annual_review_due")] == [
        "2027-02-16"]


async def test_r3_5_amendment_within_8_weeks_and_not_before_15_days(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    review = await _review(api, plan_id)
    decided = await api.ok("POST", f"/v1/reviews/{review['id']}/decision", json={
        "outcome": "amend", "decided_on": "2026-02-24"})
    assert decided["amended_plan_due_on"] == "2026-04-21"  # 8 weeks < 12 from the meeting
    amended = SECTIONS | {"F": "Weekly therapy and OT."}
    draft = await api.ok("POST", f"/v1/plans/{plan_id}/amendments", 201, json={
        "sections": amended, "advice_listed": ["education"], "sent_on": "2026-02-25"})
    assert draft["current"]["stage"] == "draft" and draft["current"]["sections"]["I"]
    assert (await api.events("send.assessment.plan.drafted.v1"))[-1]["data"]["amendment"]
    api.system.clock.advance(timedelta(days=30))
    final = FINAL | {"sections": amended, "issued_on": "2026-03-11"}
    assert (await api.fails("POST", f"/v1/plans/{plan_id}/final", json=final))["rule"] == "R3.5"
    await api.ok("POST", f"/v1/plans/{plan_id}/final", json=final | {"issued_on": "2026-03-12"})
    issued_event = (await api.events("send.assessment.plan.issued.v1"))[-1]["data"]
    assert issued_event["reason"] == "amended" and issued_event["version"] == 4
    assert issued_event["within_statutory_time"] is True
    kinds = [e["data"]["decision_kind"]
             for e in await api.events("send.assessment.decision.appealable.v1")]
    assert kinds == ["plan_contents", "amended_plan_contents"]
    assert await api.deadlines(case_id, "amended_plan_due") == []
    assert len(await api.ok("GET", f"/v1/plans/{plan_id}/versions")) == 4


async def test_r3_6_r3_7_r3_8_phase_transfer_post16_and_reassessment(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    found = await api.ok("POST", f"/v1/plans/{plan_id}/phase-transfers", 201, json={})
    # born 14 Mar 2019: reception 2023, year 7 in September 2030 (R2.3)
    assert found["kind"] == "primary_to_secondary" and found["transfer_on"] == "2030-09-01"
    assert found["named_by"] == "2030-02-14"
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/post16-moves", json={
        "transfer_on": "2026-09-01", "institution": "City College"})
    assert problem["rule"] == "R3.7"
    due = await api.ok("POST", f"/v1/plans/{plan_id}/reassessments", 201,
                       json={"notified_on": "2026-03-02"})
    assert due["due_on"] == "2026-06-08"  # 14 weeks
    kinds = {d["kind"] for d in await api.deadlines(case_id)}
    assert {"phase_transfer_named_by", "reassessment_plan_due"} <= kinds


async def test_r3_2_under_5_review_prompt(api: Api) -> None:
    case_id, request_id = await api.assessing("2023-01-10", "2025-10-06", "2025-11-10")
    draft = {"sections": SECTIONS, "advice_listed": [], "sent_on": "2026-01-05"}
    plan = await api.ok("POST", f"/v1/requests/{request_id}/plans", 201, json=draft)
    await api.ok("POST", f"/v1/plans/{plan['id']}/final", json=FINAL | {"advice_listed": []})
    prompts = await api.deadlines(case_id, "under5_review_prompt")
    assert [d["due_on"] for d in prompts] == ["2026-08-02"]  # 6 months after issue


async def test_r4_1_r4_2_r4_3_refused_grounds(api: Api) -> None:
    _, _, plan_id = await issued(api)
    url = f"/v1/plans/{plan_id}/cease-proposals"
    body = {"ground": "no_longer_necessary", "detail": "outcomes met",
            "consulted_on": "2026-02-10"}
    assert (await api.fails("POST", url, json=body | {"ground": "aged_19_or_over"}))[
        "rule"] == "R4.2"
    assert (await api.fails("POST", url, json=body | {"ground": "too_costly"}))["rule"] == "R4.1"
    assert (await api.fails("POST", url, json=body | {"in_education_or_training": False}))[
        "rule"] == "R4.3"


async def test_r4_5_cease_is_appealable_and_waits_for_the_appeal(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    proposal = await api.ok("POST", f"/v1/plans/{plan_id}/cease-proposals", 201, json={
        "ground": "no_longer_necessary", "detail": "outcomes met",
        "consulted_on": "2026-02-10"})
    url = f"/v1/cease-proposals/{proposal['id']}"
    await api.ok("POST", f"{url}/decision", json={"decided_on": "2026-02-20",
                                                  "ceases_on": "2026-03-01"})
    appealable = (await api.events("send.assessment.decision.appealable.v1"))[-1]["data"]
    assert appealable["decision_kind"] == "cease_plan"
    await api.ok("POST", f"{url}/appeal", json={"lodged_on": "2026-02-25"})
    assert (await api.fails("POST", f"{url}/cease", json={"done_on": "2026-03-02"}))[
        "rule"] == "R4.5"
    assert (await api.ok("GET", f"/v1/plans/{plan_id}"))["status"] == "ceasing"
    await api.ok("POST", f"{url}/appeal-outcome", json={"decided_on": "2026-03-02",
                                                        "outcome": "dismissed"})
    await api.ok("POST", f"{url}/cease", json={"done_on": "2026-03-02"})
    ceased = (await api.events("send.assessment.plan.ceased.v1"))[0]["data"]
    assert ceased == {"case_id": case_id, "plan_id": plan_id, "ceased_on": "2026-03-02",
                      "ground": "no_longer_necessary"}
    assert await api.deadlines(case_id, "annual_review_due") == []


async def test_r4_5_upheld_appeal_keeps_the_plan(api: Api) -> None:
    _, _, plan_id = await issued(api)
    review = await _review(api, plan_id)
    await api.ok("POST", f"/v1/reviews/{review['id']}/decision", json={
        "outcome": "cease", "decided_on": "2026-02-24", "cease_ground": "no_longer_necessary"})
    assert (await api.ok("GET", f"/v1/plans/{plan_id}"))["status"] == "ceasing"
    kinds = [e["data"]["decision_kind"]
             for e in await api.events("send.assessment.decision.appealable.v1")]
    assert kinds[-1] == "cease_plan"


async def test_r4_4_end_at_25_with_the_academic_year_and_hard_stop(api: Api) -> None:
    await api.ok("POST", "/v1/legacy-imports", 201, json={"format": "json", "rows": [
        {"legacy_ref": "Y-1", "given_name": "Yas", "family_name": "Young",
         "date_of_birth": "2001-06-01", "issued_on": "2020-01-10",
         "last_reviewed_on": "2025-06-10"}]})
    async with api.system.runtimes["assessment"].engine.connect() as conn:
        plan_id = (await conn.execute(select(plan.c.id))).scalar_one()
    url = f"/v1/plans/{plan_id}/cease-proposals"
    body = {"ground": "no_longer_responsible", "detail": "reached 25",
            "consulted_on": "2026-03-02", "reason": "reached_25"}
    assert (await api.fails("POST", url, json=body))["rule"] == "R4.4"  # still 24
    proposal = await api.ok("POST", url, 201, json=body | {
        "reason": "needs_met", "ground": "no_longer_necessary"})
    # 25 on 1 Jun 2026: the school year ends 31 Aug 2026, never past 31 May 2027
    problem = await api.fails("POST", f"/v1/cease-proposals/{proposal['id']}/decision",
                              json={"decided_on": "2026-03-02", "ceases_on": "2026-09-01"})
    assert problem["rule"] == "R4.4"
    await api.ok("POST", f"/v1/cease-proposals/{proposal['id']}/decision",
                 json={"decided_on": "2026-03-02", "ceases_on": "2026-08-31"})
