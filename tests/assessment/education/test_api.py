"""What a young person is doing, over the HTTP API (R4.2-R4.4): dated records from the
controlled list on the case, the latest day the plan may be maintained that follows them
(CFA s.46, Regs reg 46(1)), and ceasing that respects both; every refusal names the field
and the rule and writes nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import issued

BORN = "2001-05-10"  # 25 on 10 May 2026


async def _young_persons_plan(api: Api) -> tuple[str, str, dict[str, str]]:
    """(case, plan, LA 202 staff): a young person's issued plan, moved in to LA 202."""
    _, _, plan_id = await issued(api)
    exported = await api.ok("GET", f"/v1/plans/{plan_id}/export")
    exported["person"] = {**exported["person"], "date_of_birth": BORN}
    staff = api.staff(la="202")
    imported = await api.ok("POST", "/v1/plans/import", 201, headers=staff, json={
        "plan": exported, "transferred_on": "2026-03-02"})
    return imported["case_id"], imported["id"], staff


async def test_R4_4_records_and_the_plan_limit_they_give(api: Api) -> None:
    case_id, _, staff = await _young_persons_plan(api)
    url = f"/v1/cases/{case_id}/education"
    empty = await api.ok("GET", url, headers=staff)
    assert empty["items"] == []
    assert empty["plan_limit"]["latest_on"] == "2026-08-31"  # the school year
    made = await api.ok("POST", url, 201, headers=staff, json={
        "kind": "fe_college", "provider_name": "City College", "started_on": "2023-09-01"})
    assert made["kind"] == "fe_college"
    page = await api.ok("GET", url, headers=staff)
    assert [r["id"] for r in page["items"]] == [made["id"]]
    assert page["plan_limit"] == {
        "latest_on": "2026-07-31", "follows_record_id": made["id"],
        "academic_year_rule": "Regs reg 46(1)(a): further education sector, to 31 July"}
    timeline = await api.ok("GET", f"/v1/cases/{case_id}/timeline", headers=staff)
    entry = next(i for i in timeline["items"] if i["type"] == "education.recorded")
    assert (entry["on"], entry["data"]["kind"]) == ("2023-09-01", "fe_college")


async def test_R4_4_apprenticeship_runs_the_plan_to_its_end(api: Api) -> None:
    case_id, _, staff = await _young_persons_plan(api)
    await api.ok("POST", f"/v1/cases/{case_id}/education", 201, headers=staff, json={
        "kind": "apprenticeship", "started_on": "2025-09-01", "ends_on": "2027-03-31"})
    limit = (await api.ok("GET", f"/v1/cases/{case_id}/education", headers=staff))
    assert limit["plan_limit"]["latest_on"] == "2027-03-31"  # reg 46(1)(b)


@pytest.mark.parametrize("body, status, field, rule", [
    ({"kind": "apprenticeship", "started_on": "2025-09-01"}, 422, "ends_on", "R4.4"),
    ({"kind": "fe_college", "started_on": "2025-09-01", "ends_on": "2025-08-31"}, 422,
     "ends_on", "R4.4"),
    ({"kind": "school", "started_on": "1999-09-01"}, 422, "started_on", "R4.4"),
    ({"kind": "university", "started_on": "2025-09-01"}, 422, "kind", None),
    ({"kind": "school", "started_on": "9999-12-31"}, 422, "started_on", None),
    ({"kind": "school", "started_on": "2026-03-03"}, 422, "started_on", None),  # future
    ({"kind": "school", "started_on": "2025-09-01", "provider_name": ""}, 422,
     "provider_name", None),
    ({"kind": "school", "started_on": "2025-09-01", "provider_name": "A\u0000B"}, 422,
     "provider_name", None),
])
async def test_R4_4_bad_records_are_refused_and_nothing_is_written(
        api: Api, body: dict[str, Any], status: int, field: str, rule: str | None) -> None:
    case_id, _, staff = await _young_persons_plan(api)
    before = len(await api.events())
    problem = await api.fails("POST", f"/v1/cases/{case_id}/education", status,
                              headers=staff, json=body)
    assert problem.get("rule") == rule or rule is None
    fields = [e.get("field", "") for e in problem.get("errors", [])] + [problem.get("field")]
    assert any(f and f.split(".")[-1] == field for f in fields), problem
    assert (await api.ok("GET", f"/v1/cases/{case_id}/education", headers=staff))["items"] == []
    assert len(await api.events()) == before


async def test_R4_4_a_cease_date_past_the_further_education_year_is_refused(api: Api) -> None:
    """R4.4: in FE the plan may not run past 31 July of the year they turn 25."""
    case_id, plan_id, staff = await _young_persons_plan(api)
    await api.ok("POST", f"/v1/cases/{case_id}/education", 201, headers=staff, json={
        "kind": "fe_college", "started_on": "2023-09-01"})
    proposal = await api.ok("POST", f"/v1/plans/{plan_id}/cease-proposals", 201,
                            headers=staff, json={"ground": "no_longer_responsible",
                                                 "detail": "reaching 25",
                                                 "consulted_on": "2026-03-02"})
    url = f"/v1/cease-proposals/{proposal['id']}/decision"
    problem = await api.fails("POST", url, headers=staff, json={
        "decided_on": "2026-03-02", "ceases_on": "2026-08-31"})
    assert (problem["rule"], problem["errors"][0]["field"].split(".")[-1]) == (
        "R4.4", "ceases_on")
    assert "2026-07-31" in problem["detail"]
    decided = await api.ok("POST", url, headers=staff, json={
        "decided_on": "2026-03-02", "ceases_on": "2026-07-31"})
    assert decided["ceases_on"] == "2026-07-31"


async def test_R4_2_ceasing_because_they_are_19_stays_refused(api: Api) -> None:
    """R4.2 (CFA s.45(3), CoP 9.200): being 19 or over is no ground to cease."""
    case_id, plan_id, staff = await _young_persons_plan(api)
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/cease-proposals", headers=staff,
                              json={"ground": "aged_19_or_over", "detail": "19 now",
                                    "consulted_on": "2026-03-02"})
    assert problem["rule"] == "R4.2"
    assert problem["errors"][0]["field"].split(".")[-1] == "ground"


async def test_R4_3_left_education_shown_by_the_records_needs_a_review(api: Api) -> None:
    """R4.3 (Regs reg 29, 30): 18+ and the records show they left: cease only after a
    review; when the caseworker leaves in_education_or_training out, the records decide."""
    case_id, plan_id, staff = await _young_persons_plan(api)
    await api.ok("POST", f"/v1/cases/{case_id}/education", 201, headers=staff, json={
        "kind": "fe_college", "started_on": "2023-09-01", "ends_on": "2025-12-19"})
    body = {"ground": "no_longer_necessary", "detail": "left college",
            "consulted_on": "2026-03-02"}
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/cease-proposals", headers=staff,
                              json=body)
    assert (problem["rule"], problem["errors"][0]["field"].split(".")[-1]) == (
        "R4.3", "leaving_review_completed")
    await api.ok("POST", f"/v1/plans/{plan_id}/cease-proposals", 201, headers=staff,
                 json=body | {"leaving_review_completed": True})


async def test_R4_4_and_R9_3_records_on_sqlite(sqlite_api: Api) -> None:
    """The education records and parent carers' needs assessments on SQLite too."""
    case_id = await sqlite_api.case(born_on="2009-10-01")
    made = await sqlite_api.ok("POST", f"/v1/cases/{case_id}/education", 201, json={
        "kind": "sixth_form_college", "started_on": "2025-09-01"})
    page = await sqlite_api.ok("GET", f"/v1/cases/{case_id}/education")
    # no end recorded: still in force at 25 (1 Oct 2034), so the FE year to 31 July 2035
    assert page["plan_limit"]["latest_on"] == "2035-07-31"
    assert page["plan_limit"]["follows_record_id"] == made["id"]
    carer = await sqlite_api.ok("POST", f"/v1/cases/{case_id}/parent-carer-assessments", 201,
                                json={"carer_name": "Ngozi Okafor",
                                      "basis": "appearance_of_need",
                                      "identified_on": "2026-02-02"})
    assert carer["status"] == "due"
