"""Outcomes, agreed actions, appeals, Tribunal orders, disagreement resolution, reporting
and the deadline sweep through the API (R6.7, R6.9-R6.12)."""

from __future__ import annotations

from typing import Any

from tests.harness import System
from tests.mediation.mediation_support import (
    ICB,
    assert_rule,
    choose,
    client,
    deadlines,
    on,
    open_case,
    open_due,
    register,
    staff,
)


async def arranged(system: System, issues: list[str], joined: bool = True) -> dict[str, Any]:
    on(system, "2026-03-10")
    case = await open_case(system)
    body: dict[str, Any] = {"told_adviser_on": "2026-03-10", "choice": "mediation",
                            "issues": issues}
    if "health" in issues:
        body["commissioning_body"] = ICB
    assert (await choose(system, case, **body)).status_code == 200
    if "health" in issues:
        told = await client(system).post(
            f"/v1/mediation-cases/{case['id']}/commissioning-body-told", headers=staff(system),
            json={"told_on": "2026-03-10", "joined": joined})
        assert told.status_code == 200, told.text
    mediator = (await register(system)).json()
    booked = await client(system).post(f"/v1/mediation-cases/{case['id']}/sessions",
                                       headers=staff(system),
                                       json={"session_on": "2026-03-30",
                                             "mediator_id": mediator["id"]})
    assert booked.status_code == 201, booked.text
    on(system, "2026-03-30")
    return case


async def conclude(system: System, case: dict[str, Any], **body: Any) -> Any:
    return await client(system).post(f"/v1/mediation-cases/{case['id']}/outcome",
                                     headers=staff(system),
                                     json={"concluded_on": "2026-03-30"} | body)


async def steps_of(system: System, case: dict[str, Any]) -> list[dict[str, Any]]:
    return list((await client(system).get(f"/v1/mediation-cases/{case['id']}/compliance-steps",
                                          headers=staff(system))).json())


async def test_R6_10_agreed_actions_have_two_weeks(med: System) -> None:
    case = await arranged(med, ["education", "health"])
    response = await conclude(med, case, outcome="agreement", agreement_summary="SALT",
                              actions=[{"description": "Arrange SALT assessment",
                                        "responsible": "commissioning_body"},
                                       {"description": "Review transport"}])
    assert response.status_code == 200, response.text
    assert response.json()["status"] == "mediation_concluded"
    steps = await steps_of(med, case)
    assert {(s["kind"], s["due_on"], s["responsible"]) for s in steps} == {
        ("agreed_action_due", "2026-04-13", "commissioning_body"),
        ("agreed_action_due", "2026-04-13", "la")}
    due = await deadlines(med, case)
    assert [r["due_on"] for r in due["agreed_action_due"] if r["status"] == "open"] == [
        "2026-04-13", "2026-04-13"]
    # R6.7: certificate within 3 working days of the conclusion (Mon 30 Mar -> Thu 2 Apr)
    assert open_due(due)["certificate_due"] == "2026-04-02"
    [event] = await med.outbox_events("mediation", "send.mediation.concluded.v1")
    assert event["data"] == {"mediation_case_id": case["id"], "case_id": case["case_id"],
                             "concluded_on": "2026-03-30", "outcome": "agreement",
                             "agreement_summary": "SALT"}
    done = await client(med).post(f"/v1/compliance-steps/{steps[0]['id']}/done",
                                  headers=staff(med), json={"done_on": "2026-03-30"})
    assert done.status_code == 200, done.text
    open_rows = [r for r in (await deadlines(med, case))["agreed_action_due"]
                 if r["status"] == "open"]
    assert len(open_rows) == 1


async def test_R6_10_health_only_mediation_the_icb_tells_the_la_in_a_week(
        med: System) -> None:
    case = await arranged(med, ["health"], joined=False)
    response = await conclude(med, case, outcome="partial",
                              actions=[{"description": "Fund equipment",
                                        "responsible": "commissioning_body"}])
    assert response.status_code == 200, response.text
    kinds = {(s["kind"], s["due_on"]) for s in await steps_of(med, case)}
    assert ("commissioning_body_notice_due", "2026-04-06") in kinds
    assert ("agreed_action_due", "2026-04-13") in kinds


async def test_R6_11_appealable_agreement_runs_the_tribunal_order_periods(med: System) -> None:
    case = await arranged(med, ["education"])
    response = await conclude(med, case, outcome="agreement",
                              actions=[{"description": "Carry out the EHC needs assessment",
                                        "appealable": True}])
    assert response.status_code == 200, response.text
    assert {(s["kind"], s["due_on"]) for s in await steps_of(med, case)} == {
        ("assessment_notice_due", "2026-04-13"), ("no_plan_notice_due", "2026-06-08"),
        ("final_plan_due", "2026-07-06")}


async def test_R6_7_outcome_rules(med: System) -> None:
    on(med, "2026-03-10")
    unarranged = await open_case(med)
    await choose(med, unarranged, told_adviser_on="2026-03-10", choice="mediation",
                 issues=["education"])
    assert_rule(await conclude(med, unarranged, concluded_on="2026-03-10",
                               outcome="no_agreement"), "R6.7")
    case = await arranged(med, ["education"])
    assert_rule(await conclude(med, case, outcome="no_agreement",
                               actions=[{"description": "x"}]), "R6.10")
    assert_rule(await conclude(med, case, concluded_on="2026-03-09",
                               outcome="no_agreement"), "R6.7")  # before it was arranged
    assert await med.outbox_events("mediation", "send.mediation.concluded.v1") == []
    assert (await conclude(med, case, outcome="no_agreement")).status_code == 200
    assert_rule(await conclude(med, case, outcome="no_agreement"), "R6.7")


async def test_R6_9_appeal_after_mediation_and_an_unopposed_appeal(med: System) -> None:
    case = await arranged(med, ["education"])
    assert (await conclude(med, case, outcome="no_agreement")).status_code == 200
    on(med, "2026-04-01")
    no_cert = await client(med).post(f"/v1/mediation-cases/{case['id']}/appeals",
                                     headers=staff(med), json={"registered_on": "2026-04-01"})
    assert_rule(no_cert, "R6.4")
    cert = await client(med).post(f"/v1/mediation-cases/{case['id']}/certificates",
                                  headers=staff(med), json={"basis": "concluded"})
    assert cert.status_code == 201, cert.text
    assert cert.json()["appeal_by"] == "2026-05-05"  # notice + 2 months beats cert + 1 month
    on(med, "2026-04-20")
    appeal = await client(med).post(f"/v1/mediation-cases/{case['id']}/appeals",
                                    headers=staff(med), json={"registered_on": "2026-04-20",
                                                              "tribunal_reference": "EH201/1"})
    assert appeal.status_code == 201, appeal.text
    assert (appeal.json()["in_time"], appeal.json()["after_mediation"]) == (True, True)
    assert "appeal_by" not in open_due(await deadlines(med, case))
    [event] = await med.outbox_events("mediation", "send.mediation.appeal.registered.v1")
    assert event["data"]["registered_on"] == "2026-04-20"
    on(med, "2026-05-11")
    order = await client(med).post(f"/v1/appeals/{appeal.json()['id']}/orders",
                                   headers=staff(med),
                                   json={"kind": "unopposed", "from_on": "2026-05-11"})
    assert order.status_code == 201, order.text
    assert {(s["kind"], s["due_on"]) for s in order.json()["steps"]} == {
        ("assessment_notice_due", "2026-05-25"), ("no_plan_notice_due", "2026-07-20"),
        ("final_plan_due", "2026-08-17")}
    report = (await client(med).get("/v1/reports/mediation", headers=staff(med))).json()
    assert report["appeals_registered"] == report["appeals_after_mediation"] == 1
    assert report["outcomes"]["no_agreement"] == 1
    assert report["share_to_mediation"] == 1.0


async def test_R6_12_disagreement_resolution_is_tracked_apart(med: System) -> None:
    case = await open_case(med)
    created = await client(med).post("/v1/disagreement-resolutions",
                                     headers=staff(med) | {"Idempotency-Key": "dr-1"}, json={
                                         "case_id": case["case_id"],
                                         "mediation_case_id": case["id"],
                                         "requested_on": "2026-03-02",
                                         "requested_by": "Ngozi Okafor",
                                         "subject": "transport", "parties": ["parent", "la"]})
    assert created.status_code == 201, created.text
    closed = await client(med).post(f"/v1/disagreement-resolutions/{created.json()['id']}/close",
                                    headers=staff(med), json={"closed_on": "2026-03-02",
                                                              "status": "resolved"})
    assert closed.json()["status"] == "resolved"
    page = (await client(med).get("/v1/disagreement-resolutions", headers=staff(med),
                                  params={"case_id": case["case_id"]})).json()
    assert page["total"] == 1
    read = (await client(med).get(f"/v1/mediation-cases/{case['id']}",
                                  headers=staff(med))).json()
    assert read["status"] == "awaiting_family_choice"  # mediation untouched


async def test_the_sweep_warns_of_a_certificate_due_and_missed(med: System) -> None:
    on(med, "2026-04-02")
    case = await open_case(med)
    await choose(med, case, told_adviser_on="2026-04-02", choice="declined")
    runtime = med.runtimes["mediation"]
    from datetime import date
    assert await runtime.sweep(date(2026, 4, 10)) >= 1
    missed = await med.outbox_events("mediation", "send.mediation.deadline.missed.v1")
    assert [(e["data"]["deadline_kind"], e["data"]["due_on"]) for e in missed] == [
        ("certificate_due", "2026-04-09")]
    assert await runtime.sweep(date(2026, 4, 10)) == 0  # exactly once


async def test_report_by_decision_kind(med: System) -> None:
    await open_case(med)
    await open_case(med, decision_kind="cease_plan")
    report = (await client(med).get("/v1/reports/mediation", headers=staff(med))).json()
    assert report["cases_by_decision_kind"] == {"refuse_assessment": 1, "cease_plan": 1}
    assert report["information_missing"] == 2 and report["share_to_mediation"] == 0.0
    family = med.token("parent", cases=("x",))
    assert (await client(med).get("/v1/reports/mediation", headers=family)).status_code == 403


async def test_R6_9_late_appeal_is_recorded_out_of_time(med: System) -> None:
    case = await open_case(med, decision_kind="plan_contents", sections_in_dispute=["I"])
    on(med, "2026-05-06")  # the deadline was Tue 5 May 2026
    appeal = await client(med).post(f"/v1/mediation-cases/{case['id']}/appeals",
                                    headers=staff(med), json={"registered_on": "2026-05-06"})
    assert appeal.status_code == 201, appeal.text
    assert (appeal.json()["appeal_by"], appeal.json()["in_time"]) == ("2026-05-05", False)
    again = await client(med).post(f"/v1/mediation-cases/{case['id']}/appeals",
                                   headers=staff(med), json={"registered_on": "2026-05-06"})
    assert again.status_code == 409


async def test_mediators_cannot_manage_cases(med: System) -> None:
    case = await arranged(med, ["education"])
    mediator = med.token("mediator", org="CALM")
    assert (await client(med).get(f"/v1/mediation-cases/{case['id']}",
                                  headers=mediator)).status_code == 200
    for path, body in ((f"/v1/mediation-cases/{case['id']}/information",
                        {"sent_on": "2026-03-02"}),
                       (f"/v1/mediation-cases/{case['id']}/appeals",
                        {"registered_on": "2026-03-30"}),
                       ("/v1/practitioners", {"role": "mediator", "name": "X", "organisation": {
                           "code": "X", "name": "X", "kind": "other"}})):
        assert (await client(med).post(path, headers=mediator, json=body)).status_code == 403
    family = med.token("parent", cases=(case["case_id"],))
    assert (await conclude(med, case, outcome="no_agreement")).status_code == 200
    cert = await client(med).post(f"/v1/mediation-cases/{case['id']}/certificates",
                                  headers=family, json={"basis": "concluded"})
    assert cert.status_code == 403
