"""Tribunal-order compliance steps reported done by assessment's own events (R6.11):
decision.made (assess), plan.refused and plan.issued close only the open steps of orders for
that case, dated on or after the order; each step records the event and whether it was in
time, its deadline row closes, and a redelivered event changes nothing."""

from __future__ import annotations

import uuid
from typing import Any

from common.messaging.bus import IncomingRecord
from common.messaging.envelope import CloudEvent
from tests.harness import System
from tests.mediation.mediation_support import (
    choose,
    client,
    deadlines,
    on,
    open_case,
    staff,
)

DECISION_MADE = "send.assessment.decision.made.v1"
PLAN_REFUSED = "send.assessment.plan.refused.v1"
PLAN_ISSUED = "send.assessment.plan.issued.v1"


def record(event_type: str, event_id: str, case_id: str, **data: Any) -> IncomingRecord:
    event = CloudEvent(id=event_id, type=event_type, source="sendsys/assessment",
                       subject=f"case/{case_id}", time="2026-04-10T09:00:00Z", lacode="201",
                       data={"case_id": case_id, **data})
    return IncomingRecord("send.assessment", 0, 1, event.subject, event.to_bytes())


def decision(event_id: str, case_id: str, decided_on: str, verdict: str = "assess",
             ) -> IncomingRecord:
    return record(DECISION_MADE, event_id, case_id, request_id=str(uuid.uuid4()),
                  decision=verdict, decided_on=decided_on)


def plan_issued(event_id: str, case_id: str, issued_on: str, reason: str = "new",
                ) -> IncomingRecord:
    return record(PLAN_ISSUED, event_id, case_id, plan_id=str(uuid.uuid4()), version=1,
                  issued_on=issued_on, reason=reason, within_statutory_time=True,
                  weeks_taken=14.0)


async def process(system: System, rec: IncomingRecord) -> str:
    consumer = system.runtimes["mediation"].consumer
    assert consumer is not None
    return await consumer.process(rec)


async def ordered(system: System, from_on: str = "2026-04-01",
                  **case: Any) -> dict[str, Any]:
    """A case appealed after a declined-mediation certificate, with an unopposed appeal
    from `from_on`."""
    on(system, "2026-03-10")
    opened = await open_case(system, **case)
    chosen = await choose(system, opened, told_adviser_on="2026-03-10", choice="declined")
    assert chosen.status_code == 200, chosen.text
    cert = await client(system).post(f"/v1/mediation-cases/{opened['id']}/certificates",
                                     headers=staff(system), json={"basis": "declined"})
    assert cert.status_code == 201, cert.text
    on(system, "2026-03-20")
    appeal = await client(system).post(f"/v1/mediation-cases/{opened['id']}/appeals",
                                       headers=staff(system),
                                       json={"registered_on": "2026-03-20"})
    assert appeal.status_code == 201, appeal.text
    on(system, from_on)
    order = await client(system).post(f"/v1/appeals/{appeal.json()['id']}/orders",
                                      headers=staff(system),
                                      json={"kind": "unopposed", "from_on": from_on})
    assert order.status_code == 201, order.text
    on(system, "2026-09-01")
    return opened


async def steps(system: System, case: dict[str, Any]) -> dict[str, dict[str, Any]]:
    rows = (await client(system).get(f"/v1/mediation-cases/{case['id']}/compliance-steps",
                                     headers=staff(system))).json()
    return {r["kind"]: r for r in rows}


async def deadline_status(system: System, case: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    rows = await deadlines(system, case)
    return {kind: (items[0]["status"], items[0]["closed_on"]) for kind, items in rows.items()
            if kind in ("assessment_notice_due", "no_plan_notice_due", "final_plan_due",
                        "amended_plan_due")}


async def test_R6_11_decision_to_assess_closes_the_assessment_notice_step(
        med: System) -> None:
    case = await ordered(med)
    before = await steps(med, case)
    assert before["assessment_notice_due"]["due_on"] == "2026-04-15"
    # a refusal, and an assess decision before the order, report nothing
    assert await process(med, decision("e-refuse", case["case_id"], "2026-04-08",
                                       "refuse")) == "done"
    assert await process(med, decision("e-early", case["case_id"], "2026-03-31")) == "done"
    assert await process(med, decision("e-other", "another-case", "2026-04-08")) == "done"
    assert await steps(med, case) == before

    assert await process(med, decision("e-1", case["case_id"], "2026-04-10")) == "done"
    after = await steps(med, case)
    notice = after["assessment_notice_due"]
    assert (notice["done_on"], notice["in_time"], notice["done_by_event_id"],
            notice["done_by_event_type"]) == ("2026-04-10", True, "e-1", DECISION_MADE)
    assert after["no_plan_notice_due"]["done_on"] is None
    assert after["final_plan_due"]["done_on"] is None
    status = await deadline_status(med, case)
    assert status["assessment_notice_due"] == ("closed", "2026-04-10")
    assert status["final_plan_due"][0] == status["no_plan_notice_due"][0] == "open"

    # redelivery (same id), and a replay under a new id, change nothing
    assert await process(med, decision("e-1", case["case_id"], "2026-04-10")) == "duplicate"
    assert await process(med, decision("e-2", case["case_id"], "2026-04-20")) == "done"
    assert await steps(med, case) == after
    assert await deadline_status(med, case) == status


async def test_R6_11_plan_refused_and_plan_issued_close_their_steps(med: System) -> None:
    refused_case = await ordered(med)
    assert await process(med, record(PLAN_REFUSED, "r-1", refused_case["case_id"],
                                     request_id="q", decided_on="2026-06-12")) == "done"
    refused = await steps(med, refused_case)
    assert (refused["no_plan_notice_due"]["done_on"], refused["no_plan_notice_due"]["in_time"],
            refused["no_plan_notice_due"]["done_by_event_id"]) == ("2026-06-12", False, "r-1")
    # the order's other outcome is not needed any more: closed, with no in-time verdict
    assert (refused["final_plan_due"]["done_on"], refused["final_plan_due"]["in_time"],
            refused["final_plan_due"]["done_by_event_id"]) == ("2026-06-12", None, "r-1")
    assert (await deadline_status(med, refused_case))["no_plan_notice_due"] == (
        "closed", "2026-06-12")
    assert (await deadline_status(med, refused_case))["final_plan_due"] == (
        "closed", "2026-06-12")

    issued_case = await ordered(med)
    # transfers and amendments are not the final plan a refuse_assessment order wants
    assert await process(med, plan_issued("p-0", issued_case["case_id"], "2026-07-01",
                                          "amended")) == "done"
    assert await process(med, plan_issued("p-t", issued_case["case_id"], "2026-07-01",
                                          "transfer")) == "done"
    assert (await steps(med, issued_case))["final_plan_due"]["done_on"] is None
    assert await process(med, plan_issued("p-1", issued_case["case_id"], "2026-07-06")) \
        == "done"
    done = (await steps(med, issued_case))["final_plan_due"]
    assert (done["due_on"], done["done_on"], done["in_time"], done["done_by_event_id"]) == (
        "2026-07-08", "2026-07-06", True, "p-1")
    assert await process(med, plan_issued("p-1", issued_case["case_id"], "2026-07-06")) \
        == "duplicate"
    assert (await deadline_status(med, issued_case))["final_plan_due"] == (
        "closed", "2026-07-06")


async def test_R6_11_an_amended_plan_completes_a_content_order(med: System) -> None:
    case = await ordered(med, decision_kind="plan_contents", sections_in_dispute=["B", "F"],
                         case_id=str(uuid.uuid4()))
    assert (await steps(med, case))["amended_plan_due"]["due_on"] == "2026-05-06"
    assert await process(med, plan_issued("n-1", case["case_id"], "2026-04-20")) == "done"
    assert (await steps(med, case))["amended_plan_due"]["done_on"] is None
    assert await process(med, plan_issued("a-1", case["case_id"], "2026-05-07",
                                          "amended")) == "done"
    step = (await steps(med, case))["amended_plan_due"]
    assert (step["done_on"], step["in_time"], step["done_by_event_id"]) == (
        "2026-05-07", False, "a-1")
    assert (await deadline_status(med, case))["amended_plan_due"] == ("closed", "2026-05-07")


async def test_R6_11_a_step_done_by_hand_records_whether_in_time_and_stays_so(
        med: System) -> None:
    case = await ordered(med)
    notice = (await steps(med, case))["assessment_notice_due"]
    done = await client(med).post(f"/v1/compliance-steps/{notice['id']}/done",
                                  headers=staff(med), json={"done_on": "2026-04-14"})
    assert done.status_code == 200, done.text
    assert (done.json()["in_time"], done.json()["done_by_event_id"]) == (True, None)
    assert await process(med, decision("late", case["case_id"], "2026-04-20")) == "done"
    after = (await steps(med, case))["assessment_notice_due"]
    assert (after["done_on"], after["done_by_event_id"]) == ("2026-04-14", None)
