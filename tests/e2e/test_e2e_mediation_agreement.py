"""Done-when path 2 (issue 4), over the bus on Postgres and SQLite: after a refusal to
assess the family wants mediation about education and health (R6.6); the requested event
names the commissioning body (for notifications' signed webhook to the ICB) and the LA must
tell it within 3 working days; an independent mediator (R6.8) arranges and holds the
session; mediation concludes with an agreement whose actions get their 2-week deadline rows
(R6.10) and the certificate its 3 working days (R6.7)."""

from __future__ import annotations

from tests.e2e.test_e2e_mediation_certificate import (
    assert_no_dead_letters,
    on,
    refuse_to_assess,
)
from tests.harness import System

ICB = {"org_code": "QWE", "name": "NHS South West London ICB"}


async def open_deadlines(system: System, mediation_case_id: str) -> list[tuple[str, str]]:
    rows = (await system.clients["mediation"].get(
        f"/v1/mediation-cases/{mediation_case_id}/deadlines",
        headers=system.token("la_caseworker"))).json()
    return sorted((r["kind"], r["due_on"]) for r in rows if r["status"] == "open")


async def mediate_to_agreement(system: System) -> None:
    mediation = system.clients["mediation"]
    staff = system.token("la_caseworker")
    case_id, case = await refuse_to_assess(system)
    mid = case["id"]

    on(system, "2026-03-10")
    family = system.token("parent", cases=(case_id,))
    chosen = await mediation.post(f"/v1/mediation-cases/{mid}/choice", headers=family, json={
        "told_adviser_on": "2026-03-10", "choice": "mediation",
        "issues": ["education", "health"], "health_provision_sought": "speech and language",
        "commissioning_body": ICB})
    assert chosen.status_code == 200, chosen.text
    [requested] = await system.outbox_events("mediation", "send.mediation.requested.v1")
    assert requested["data"] == {
        "mediation_case_id": mid, "case_id": case_id, "requested_on": "2026-03-10",
        "must_take_place_by": "2026-04-09", "parties": ["la", "ccg"],
        "commissioning_body": ICB}
    assert ("tell_commissioning_body_by", "2026-03-13") in await open_deadlines(system, mid)
    assert ("arrange_mediation_by", "2026-04-09") in await open_deadlines(system, mid)
    await system.settle()  # notifications takes the requested event (webhook to the ICB)

    on(system, "2026-03-12")
    told = await mediation.post(f"/v1/mediation-cases/{mid}/commissioning-body-told",
                                headers=staff, json={"told_on": "2026-03-12", "joined": True})
    assert told.status_code == 200, told.text
    mediator = await mediation.post("/v1/practitioners", headers=staff, json={
        "role": "mediator", "name": "Sam Patel", "organisation": {
            "code": "CALM", "name": "Calm Mediation Ltd", "kind": "independent_provider"}})
    assert (await mediation.put(f"/v1/mediation-cases/{mid}/assignment", headers=staff,
                                json={"mediator_id": mediator.json()["id"]})).status_code == 200
    mediator_token = system.token("mediator", org="CALM")
    booked = await mediation.post(f"/v1/mediation-cases/{mid}/sessions",
                                  headers=mediator_token, json={"session_on": "2026-03-30"})
    assert booked.status_code == 201, booked.text
    [arranged] = await system.outbox_events("mediation", "send.mediation.arranged.v1")
    assert arranged["data"]["session_on"] == "2026-03-30"
    assert arranged["data"]["mediator"] == {"name": "Sam Patel",
                                            "organisation": "Calm Mediation Ltd"}
    kinds = [k for k, _ in await open_deadlines(system, mid)]
    assert "arrange_mediation_by" not in kinds and "tell_commissioning_body_by" not in kinds

    on(system, "2026-03-30")
    held = await mediation.post(f"/v1/sessions/{booked.json()['id']}/held",
                                headers=mediator_token, json={
                                    "held_on": "2026-03-30", "attendees": [
                                        {"name": "Ngozi Okafor", "role": "parent"},
                                        {"name": "Ade Okafor", "role": "supporter"},
                                        {"name": "Jo Smith", "role": "la"},
                                        {"name": "Dr Lee", "role": "commissioning_body"}]})
    assert held.status_code == 200, held.text
    concluded = await mediation.post(f"/v1/mediation-cases/{mid}/outcome",
                                     headers=mediator_token, json={
                                         "concluded_on": "2026-03-30", "outcome": "agreement",
                                         "agreement_summary": "SALT assessment and support",
                                         "actions": [
                                             {"description": "Arrange SALT assessment",
                                              "responsible": "commissioning_body"},
                                             {"description": "Send IAS contact details",
                                              "responsible": "la"}]})
    assert concluded.status_code == 200, concluded.text
    [event] = await system.outbox_events("mediation", "send.mediation.concluded.v1")
    assert (event["data"]["outcome"], event["data"]["concluded_on"]) == (
        "agreement", "2026-03-30")
    steps = (await mediation.get(f"/v1/mediation-cases/{mid}/compliance-steps",
                                 headers=staff)).json()
    assert sorted((s["responsible"], s["due_on"]) for s in steps) == [
        ("commissioning_body", "2026-04-13"), ("la", "2026-04-13")]
    due = await open_deadlines(system, mid)
    assert due.count(("agreed_action_due", "2026-04-13")) == 2  # R6.10: 2 weeks
    assert ("certificate_due", "2026-04-02") in due  # R6.7: 3 working days
    await system.settle()
    await assert_no_dead_letters(system)


async def test_mediation_with_health_issues_on_postgres(pg_system: System) -> None:
    await mediate_to_agreement(pg_system)


async def test_mediation_with_health_issues_on_sqlite(sqlite_system: System) -> None:
    await mediate_to_agreement(sqlite_system)
