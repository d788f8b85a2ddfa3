"""Issue 4 item 7 over the bus on Postgres and SQLite: assessment reports the completion of a
Tribunal order itself (R6.11). A refusal to assess opens a mediation case; the family
declines mediation and gets a certificate; the appeal is registered and the LA does not
oppose it, so the order's steps run 2, 10 and 14 weeks. Assessment then decides to assess
(its decision.made event closes "tell the family the assessment will go ahead" with the
event's date) and later issues the final plan (plan.issued closes the final-plan step); each
step's deadline row closes so the sweep stops alerting."""

from __future__ import annotations

from typing import Any

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import SECTIONS
from tests.e2e.test_e2e_mediation_certificate import (
    assert_no_dead_letters,
    mediation_cases,
    on,
)
from tests.harness import System

DRAFT = {"sections": SECTIONS, "advice_listed": ["education"]}


async def steps(system: System, mediation_case_id: str) -> dict[str, dict[str, Any]]:
    rows = (await system.clients["mediation"].get(
        f"/v1/mediation-cases/{mediation_case_id}/compliance-steps",
        headers=system.token("la_caseworker"))).json()
    return {r["kind"]: r for r in rows}


async def deadline_rows(system: System, mediation_case_id: str) -> dict[str, dict[str, Any]]:
    rows = (await system.clients["mediation"].get(
        f"/v1/mediation-cases/{mediation_case_id}/deadlines",
        headers=system.token("la_caseworker"))).json()
    return {r["kind"]: r for r in rows}


async def done_by_event(system: System, mediation_case_id: str, kind: str) -> dict[str, Any]:
    async def done() -> bool:
        return (await steps(system, mediation_case_id))[kind]["done_on"] is not None

    await system.settle(done)
    return (await steps(system, mediation_case_id))[kind]


async def event_id(system: System, event_type: str, **match: Any) -> str:
    [event] = [e for e in await system.outbox_events("assessment", event_type)
               if all(e["data"].get(k) == v for k, v in match.items())]
    return str(event["id"])


async def order_then_comply(system: System) -> None:
    api = Api(system)
    mediation = system.clients["mediation"]
    staff = system.token("la_caseworker")

    # assessment refuses to assess; mediation opens a case from the appealable decision
    on(system, "2026-03-02")
    case_id = await api.case()
    refused_request = (await api.request(case_id, "2026-03-02"))["id"]
    await api.ok("POST", f"/v1/requests/{refused_request}/decision",
                 json={"decision": "refuse", "decided_on": "2026-03-02"})
    mid = (await mediation_cases(system, case_id, until_total=1))["items"][0]["id"]

    # the family declines mediation: a certificate, then the appeal, then it is unopposed
    on(system, "2026-03-10")
    chosen = await mediation.post(f"/v1/mediation-cases/{mid}/choice",
                                  headers=system.token("parent", cases=(case_id,)),
                                  json={"told_adviser_on": "2026-03-10", "choice": "declined"})
    assert chosen.status_code == 200, chosen.text
    cert = await mediation.post(f"/v1/mediation-cases/{mid}/certificates", headers=staff,
                                json={"basis": "declined"})
    assert cert.status_code == 201, cert.text
    on(system, "2026-03-20")
    appeal = await mediation.post(f"/v1/mediation-cases/{mid}/appeals", headers=staff,
                                  json={"registered_on": "2026-03-20",
                                        "tribunal_reference": "EH201/26/00042"})
    assert appeal.status_code == 201, appeal.text
    on(system, "2026-04-01")
    order = await mediation.post(f"/v1/appeals/{appeal.json()['id']}/orders", headers=staff,
                                 json={"kind": "unopposed", "from_on": "2026-04-01"})
    assert order.status_code == 201, order.text
    assert {(s["kind"], s["due_on"]) for s in order.json()["steps"]} == {
        ("assessment_notice_due", "2026-04-15"), ("no_plan_notice_due", "2026-06-10"),
        ("final_plan_due", "2026-07-08")}

    # R6.11 step 1: assessment records its decision to assess (a fresh request)
    on(system, "2026-04-08")
    request_id = (await api.request(case_id, "2026-04-01"))["id"]
    await api.ok("POST", f"/v1/requests/{request_id}/decision",
                 json={"decision": "assess", "decided_on": "2026-04-08"})
    notice = await done_by_event(system, mid, "assessment_notice_due")
    assert (notice["done_on"], notice["in_time"], notice["done_by_event_type"]) == (
        "2026-04-08", True, "send.assessment.decision.made.v1")
    assert notice["done_by_event_id"] == await event_id(
        system, "send.assessment.decision.made.v1", request_id=request_id)
    rows = await deadline_rows(system, mid)
    assert (rows["assessment_notice_due"]["status"],
            rows["assessment_notice_due"]["closed_on"]) == ("closed", "2026-04-08")
    assert rows["final_plan_due"]["status"] == "open"

    # advice, the draft, 15 days for comments, then the final plan in week 9 of the order
    on(system, "2026-04-09")
    advice = await api.ok("POST", f"/v1/requests/{request_id}/advice-requests", 201,
                          json={"advice_type": "education", "requested_on": "2026-04-09"})
    on(system, "2026-05-01")
    await api.ok("POST", f"/v1/advice-requests/{advice['id']}/advice", json={
        "received_on": "2026-05-01", "author": "Oak Primary SENCo", "summary": "..."})
    on(system, "2026-05-11")
    plan = await api.ok("POST", f"/v1/requests/{request_id}/plans", 201,
                        json=DRAFT | {"sent_on": "2026-05-11"})
    on(system, "2026-06-01")
    await api.ok("POST", f"/v1/plans/{plan['id']}/final", json=DRAFT | {
        "issued_on": "2026-06-01",
        "section_i": {"setting_name": "Oak Primary", "setting_type": "mainstream_school"}})

    final = await done_by_event(system, mid, "final_plan_due")
    assert (final["done_on"], final["in_time"], final["done_by_event_type"]) == (
        "2026-06-01", True, "send.assessment.plan.issued.v1")
    assert final["done_by_event_id"] == await event_id(
        system, "send.assessment.plan.issued.v1", plan_id=plan["id"])
    rows = await deadline_rows(system, mid)
    assert (rows["final_plan_due"]["status"], rows["final_plan_due"]["closed_on"]) == (
        "closed", "2026-06-01")
    # the notice step stays as the decision.made event left it
    assert (await steps(system, mid))["assessment_notice_due"] == notice
    await assert_no_dead_letters(system)


async def test_order_compliance_reported_by_assessment_on_postgres(pg_system: System) -> None:
    await order_then_comply(pg_system)


async def test_order_compliance_reported_by_assessment_on_sqlite(
        sqlite_system: System) -> None:
    await order_then_comply(sqlite_system)
