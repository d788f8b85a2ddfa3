"""Caseworker views: work tray filters, case timeline, dashboard and the timeliness report
with and without exceptions (R0.5, R13.2)."""

from __future__ import annotations

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import DRAFT, FINAL, issued


async def test_r13_2_timeliness_with_and_without_exceptions(api: Api) -> None:
    await issued(api)  # 17 weeks: in time
    case_id, late_request = await api.assessing(received_on="2025-08-04", decided_on="2025-09-01")
    plan = await api.ok("POST", f"/v1/requests/{late_request}/plans", 201,
                        json=DRAFT | {"advice_listed": []})
    await api.ok("POST", f"/v1/requests/{late_request}/exceptions", 201, json={
        "kind": "absent_from_area", "starts_on": "2025-10-01", "ends_on": "2025-11-15",
        "evidence": "family abroad"})
    await api.ok("POST", f"/v1/plans/{plan['id']}/final", json=FINAL | {"advice_listed": []})
    late = (await api.events("send.assessment.plan.issued.v1"))[-1]["data"]
    assert late["within_statutory_time"] is False and late["exception_applies"] is True
    # R0.5: the exception excuses but never moves the deadline
    request = await api.ok("GET", f"/v1/requests/{late_request}")
    assert request["final_plan_due_on"] == "2025-12-22"
    report = await api.ok("GET", "/v1/reports/timeliness",
                          params={"from": "2026-01-01", "to": "2026-02-28"})
    assert report["plans"] == 2 and report["within"] == 1
    assert report["percent_including_exceptions"] == 50.0
    assert report["plans_excluding_exceptions"] == 1
    assert report["percent_excluding_exceptions"] == 100.0
    assert report["average_weeks"] == round((17.0 + 26.0) / 2, 1)
    await api.fails("GET", "/v1/reports/timeliness", 403,
                    headers=api.system.token("parent", cases=(case_id,)),
                    params={"from": "2026-01-01", "to": "2026-02-28"})


async def test_case_timeline_for_staff_and_family(api: Api) -> None:
    case_id, _, _ = await issued(api)
    parent = api.system.token("parent", cases=(case_id,))
    timeline = await api.ok("GET", f"/v1/cases/{case_id}/timeline", headers=parent)
    types = [i["type"] for i in timeline["items"] if i["kind"] == "event"]
    # by statutory date: the request (Oct 2025) before the case was opened here (today)
    assert types[:2] == ["send.assessment.request.received.v1",
                         "send.assessment.decision.made.v1"]
    assert types[-1] == "send.assessment.case.opened.v1"
    assert "send.assessment.plan.issued.v1" in types
    met = [i for i in timeline["items"] if i["type"] == "issue_final_plan"]
    assert met[0]["data"]["met"] is True
    await api.fails("GET", f"/v1/cases/{case_id}/timeline", 404,
                    headers=api.system.token("parent", cases=("other",)))


async def test_dashboard_and_work_tray_filters(api: Api) -> None:
    case_id = await api.case()
    await api.request(case_id, "2026-01-05")  # decision due 16 Feb: overdue, a breach
    await api.request(await api.case(), "2026-03-02")
    board = await api.ok("GET", "/v1/dashboard")
    assert board["requests_by_stage"] == {"awaiting_decision": 2}
    assert board["overdue_deadlines"] == 1
    assert board["breaches_this_month"] == 0  # due in February, not March
    overdue = await api.ok("GET", "/v1/deadlines", params={"overdue": "true"})
    assert [d["case_id"] for d in overdue["items"]] == [case_id]
    soon = await api.ok("GET", "/v1/deadlines", params={"due_within_days": 60,
                                                        "caseworker_id": "cw-17"})
    assert soon["total"] == 2
    latest = await api.ok("GET", "/v1/deadlines", params={"sort": "-due_on"})
    assert [d["due_on"] for d in latest["items"]] == ["2026-04-13", "2026-02-16"]
    await api.fails("GET", "/v1/deadlines", params={"sort": "name"})
    assert (await api.ok("GET", "/v1/deadlines", params={"team": "south"}))["total"] == 0
    await api.fails("GET", "/v1/dashboard", 403, headers=api.system.token("health", org="X"))


async def test_the_child_is_named_beside_every_case_id(api: Api) -> None:
    """Issue 14 item 6: the work tray and the timeline give the child's name and date of
    birth with the case id, so a caseworker need not look each UUID up."""
    case_id = await api.case("2018-07-09", given_name="Zoë", family_name="Núñez")
    await api.request(case_id, "2026-03-02")
    [item] = (await api.ok("GET", "/v1/deadlines", params={"case_id": case_id}))["items"]
    assert (item["case_id"], item["given_name"], item["family_name"], item["date_of_birth"]) \
        == (case_id, "Zoë", "Núñez", "2018-07-09")
    # issue 14 item 4: every deadline has its name beside its kind, here and on the timeline
    assert item["label"] == "Decide whether to assess (6 weeks, R1.4)"
    newest = (await api.ok("GET", "/v1/deadlines", params={"sort": "-due_on"}))["items"]
    assert [d["given_name"] for d in newest] == ["Zoë"]
    timeline = await api.ok("GET", f"/v1/cases/{case_id}/timeline")
    assert (timeline["given_name"], timeline["family_name"], timeline["date_of_birth"]) \
        == ("Zoë", "Núñez", "2018-07-09")
    deadlines = [i for i in timeline["items"] if i["kind"] == "deadline"]
    assert [d["label"] for d in deadlines] == ["Decide whether to assess (6 weeks, R1.4)"]
    assert all(i["label"] is None for i in timeline["items"] if i["kind"] != "deadline")
