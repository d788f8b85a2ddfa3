"""Arranging mediation through the API (R6.6, R6.8): the 30-day clock, health issues and
the commissioning body (3 working days), the independent-mediator registry, sessions booked,
moved and held, attendees, and the certificate when mediation was not arranged in time."""

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


async def wanted(system: System, issues: list[str], told_on: str = "2026-03-10",
                 **extra: Any) -> dict[str, Any]:
    on(system, told_on)
    case = await open_case(system, decided_on="2026-03-02", notified_on="2026-03-02")
    body: dict[str, Any] = {"told_adviser_on": told_on, "choice": "mediation", "issues": issues}
    if "health" in issues:
        body["commissioning_body"] = ICB
    response = await choose(system, case, **(body | extra))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_R6_8_non_independent_mediators_are_refused(med: System) -> None:
    for kind in ("english_local_authority", "icb", "ccg", "nhs_england"):
        assert_rule(await register(med, kind=kind), "R6.8")
    listed = (await client(med).get("/v1/practitioners", headers=staff(med))).json()
    assert listed["total"] == 0
    for kind in ("independent_provider", "welsh_local_authority"):
        assert (await register(med, kind=kind)).status_code == 201
    assert (await client(med).get("/v1/practitioners", headers=staff(med))).json()[
        "total"] == 2


async def test_R6_6_education_only_mediation_has_30_days(med: System) -> None:
    case = await wanted(med, ["education"])
    assert case["status"] == "mediation_requested"
    assert open_due(await deadlines(med, case)) == {"arrange_mediation_by": "2026-04-09",
                                                   "appeal_by": "2026-05-05"}
    [event] = await med.outbox_events("mediation", "send.mediation.requested.v1")
    assert event["data"] == {"mediation_case_id": case["id"], "case_id": case["case_id"],
                             "requested_on": "2026-03-10", "must_take_place_by": "2026-04-09",
                             "parties": ["la"]}


async def test_R6_6_health_issues_name_the_commissioning_body(med: System) -> None:
    case = await wanted(med, ["education", "health"], told_on="2026-04-01")
    [event] = await med.outbox_events("mediation", "send.mediation.requested.v1")
    assert event["data"]["parties"] == ["la", "ccg"]
    assert event["data"]["commissioning_body"] == ICB
    # Wed 1 Apr + 3 working days: Thu 2, (Good Friday, weekend, Easter Monday), Tue 7, Wed 8
    due = open_due(await deadlines(med, case))
    assert due["tell_commissioning_body_by"] == "2026-04-08"
    on(med, "2026-04-07")
    told = await client(med).post(f"/v1/mediation-cases/{case['id']}/commissioning-body-told",
                                  headers=staff(med), json={"told_on": "2026-04-07"})
    assert told.status_code == 200, told.text
    assert told.json()["commissioning_body_joined"] is True
    assert "tell_commissioning_body_by" not in open_due(await deadlines(med, case))


async def test_R6_6_health_issues_without_the_commissioning_body_are_refused(
        med: System) -> None:
    on(med, "2026-03-10")
    case = await open_case(med)
    response = await choose(med, case, told_adviser_on="2026-03-10", choice="mediation",
                            issues=["health"])
    assert_rule(response, "R6.6")
    assert await med.outbox_events("mediation", "send.mediation.requested.v1") == []


async def test_R6_6_session_before_the_request_is_refused(med: System) -> None:
    case = await wanted(med, ["education"])
    mediator = (await register(med)).json()
    response = await client(med).post(f"/v1/mediation-cases/{case['id']}/sessions",
                                      headers=staff(med), json={
                                          "session_on": "2026-03-09",
                                          "mediator_id": mediator["id"]})
    assert_rule(response, "R6.6")
    assert (await client(med).get(f"/v1/mediation-cases/{case['id']}/sessions",
                                  headers=staff(med))).json() == []
    declined = await open_case(med)
    await choose(med, declined, told_adviser_on="2026-03-10", choice="declined")
    response = await client(med).post(f"/v1/mediation-cases/{declined['id']}/sessions",
                                      headers=staff(med), json={
                                          "session_on": "2026-03-20",
                                          "mediator_id": mediator["id"]})
    assert_rule(response, "R6.6")


async def test_sessions_booked_moved_and_held(med: System) -> None:
    case = await wanted(med, ["education"])
    mediator = (await register(med)).json()
    on(med, "2026-03-12")
    booked = await client(med).post(f"/v1/mediation-cases/{case['id']}/sessions",
                                    headers=staff(med) | {"Idempotency-Key": "s-1"},
                                    json={"session_on": "2026-03-30",
                                          "mediator_id": mediator["id"]})
    assert booked.status_code == 201, booked.text
    session = booked.json()
    read = (await client(med).get(f"/v1/mediation-cases/{case['id']}",
                                  headers=staff(med))).json()
    assert (read["status"], read["arranged_on"], read["mediator_org_code"]) == (
        "mediation_arranged", "2026-03-12", "CALM")
    assert "arrange_mediation_by" not in open_due(await deadlines(med, case))
    mediator_token = med.token("mediator", org="CALM")
    moved = await client(med).patch(f"/v1/sessions/{session['id']}", headers=mediator_token,
                                    json={"session_on": "2026-04-08"})
    assert moved.status_code == 200, moved.text
    assert moved.json()["status"] == "moved" and moved.json()["moves"][0]["from"] == "2026-03-30"
    arranged = await med.outbox_events("mediation", "send.mediation.arranged.v1")
    assert [e["data"]["session_on"] for e in arranged] == ["2026-03-30", "2026-04-08"]
    assert arranged[0]["data"]["mediator"] == {"name": "Sam Patel",
                                               "organisation": "CALM Mediation Ltd"}
    on(med, "2026-04-08")
    two_supporters = [{"name": "A", "role": "parent"}, {"name": "B", "role": "supporter"},
                      {"name": "C", "role": "supporter"}]
    held = await client(med).post(f"/v1/sessions/{session['id']}/held", headers=mediator_token,
                                  json={"held_on": "2026-04-08", "attendees": two_supporters})
    assert_rule(held, "R6.8")
    child_no_consent = [{"name": "A", "role": "parent"}, {"name": "Kid", "role": "child"}]
    held = await client(med).post(f"/v1/sessions/{session['id']}/held", headers=mediator_token,
                                  json={"held_on": "2026-04-08", "attendees": child_no_consent})
    assert_rule(held, "R6.8")
    attendees = [{"name": "A", "role": "parent"}, {"name": "B", "role": "supporter"},
                 {"name": "Kid", "role": "child", "consent": True, "views": "I like maths"}]
    held = await client(med).post(f"/v1/sessions/{session['id']}/held", headers=mediator_token,
                                  json={"held_on": "2026-04-08", "attendees": attendees})
    assert held.status_code == 200, held.text
    assert held.json()["status"] == "held" and len(held.json()["attendees"]) == 3
    other_org = med.token("mediator", org="OTHER")
    assert (await client(med).get(f"/v1/sessions/{session['id']}/held",
                                  headers=other_org)).status_code in (404, 405)
    assert (await client(med).get(f"/v1/mediation-cases/{case['id']}",
                                  headers=other_org)).status_code == 404


async def test_R6_6_not_arranged_in_time_grounds_a_certificate(med: System) -> None:
    case = await wanted(med, ["education"])
    on(med, "2026-04-09")
    early = await client(med).post(f"/v1/mediation-cases/{case['id']}/not-arranged",
                                   headers=staff(med), json={"reported_on": "2026-04-09"})
    assert_rule(early, "R6.6")
    on(med, "2026-04-10")
    reported = await client(med).post(f"/v1/mediation-cases/{case['id']}/not-arranged",
                                      headers=staff(med), json={"reported_on": "2026-04-10"})
    assert reported.status_code == 200, reported.text
    due = open_due(await deadlines(med, case))
    assert due["certificate_due"] == "2026-04-15" and "arrange_mediation_by" not in due
    cert = await client(med).post(f"/v1/mediation-cases/{case['id']}/certificates",
                                  headers=staff(med), json={"basis": "not_arranged_in_time"})
    assert cert.status_code == 201, cert.text
    assert cert.json()["basis"] == "not_arranged_in_time"
    [event] = await med.outbox_events("mediation", "send.mediation.certificate.issued.v1")
    assert event["data"]["basis"] == "concluded"  # the v1 event knows declined/concluded only
