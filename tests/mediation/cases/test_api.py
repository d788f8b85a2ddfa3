"""Mediation cases through the HTTP API (R6.1-R6.4): opened by hand and from the
appealable-decision event (idempotently), the R6.2 information record, the family's choice,
ETag/If-Match, Idempotency-Key, pagination and who may see what."""

from __future__ import annotations

import json
import uuid

from common.messaging.bus import IncomingRecord
from common.messaging.envelope import CloudEvent
from tests.harness import System
from tests.mediation.mediation_support import (
    PARENT,
    assert_rule,
    choose,
    client,
    deadlines,
    known_case,
    on,
    open_case,
    open_due,
    staff,
)

NOTICE_ITEMS = ["right_to_mediation", "certificate_required", "adviser_contact", "time_limits",
                "tell_la_mediation_issues", "tell_la_health_provision_sought", "la_contact",
                "disagreement_resolution"]


def appealable_event(case_id: str, decision_id: str, event_id: str) -> IncomingRecord:
    event = CloudEvent(
        id=event_id, type="send.assessment.decision.appealable.v1",
        source="sendsys/assessment", subject=f"case/{case_id}", time="2026-03-02T09:00:00Z",
        lacode="201", data={"case_id": case_id, "decision_id": decision_id,
                            "decision_kind": "refuse_assessment", "decided_on": "2026-03-02",
                            "notified_on": "2026-03-02", "appellants": [PARENT]})
    return IncomingRecord("send.assessment", 0, 1, event.subject, event.to_bytes())


async def test_R6_1_redelivered_decision_opens_one_case(med: System) -> None:
    consumer = med.runtimes["mediation"].consumer
    assert consumer is not None
    case_id, decision_id = str(uuid.uuid4()), str(uuid.uuid4())
    first = await consumer.process(appealable_event(case_id, decision_id, "e-1"))
    again = await consumer.process(appealable_event(case_id, decision_id, "e-1"))
    # the same decision under a new event id (a replayed producer) is still one case
    other = await consumer.process(appealable_event(case_id, decision_id, "e-2"))
    assert (first, again, other) == ("done", "duplicate", "done")
    page = (await client(med).get("/v1/mediation-cases", params={"case_id": case_id},
                                  headers=staff(med))).json()
    assert page["total"] == 1
    assert len(await med.outbox_events("mediation",
                                       "send.mediation.case.opened.v1")) == 1
    case = page["items"][0]
    # R6.3: contact the adviser within 2 months; R6.9: appeal by 2 months after the notice
    # (Sat 2 May 2026 -> Mon 4 May is the early May bank holiday -> Tue 5 May)
    assert case["contact_adviser_by"] == "2026-05-02"
    assert case["appeal_by"] == "2026-05-05"
    assert open_due(await deadlines(med, case)) == {"contact_adviser_by": "2026-05-02",
                                                   "appeal_by": "2026-05-05"}


async def test_R6_1_open_by_hand_with_idempotency_key(med: System) -> None:
    body = {"case_id": await known_case(med, "c-1"), "decision_id": "LA-REF-1",
            "decision_kind": "plan_contents",
            "decided_on": "2026-02-20", "notified_on": "2026-02-23",
            "sections_in_dispute": ["B", "F"], "appellants": [PARENT]}
    headers = staff(med) | {"Idempotency-Key": "open-1"}
    first = await client(med).post("/v1/mediation-cases", json=body, headers=headers)
    again = await client(med).post("/v1/mediation-cases", json=body, headers=headers)
    assert first.status_code == again.status_code == 201
    assert first.json()["id"] == again.json()["id"]
    assert first.json()["opened_by"] == "hand"
    duplicate = await client(med).post("/v1/mediation-cases", json=body, headers=staff(med))
    assert duplicate.status_code == 409
    reused = await client(med).post("/v1/mediation-cases", headers=headers,
                                    json=body | {"decision_id": "LA-REF-2"})
    assert reused.status_code == 422
    assert len(await med.outbox_events("mediation")) == 1


async def test_R6_2_notice_before_decision_is_refused(med: System) -> None:
    response = await client(med).post("/v1/mediation-cases", headers=staff(med), json={
        "case_id": await known_case(med, "c-2"), "decision_kind": "refuse_plan",
        "decided_on": "2026-02-20",
        "notified_on": "2026-02-19", "appellants": [PARENT]})
    assert_rule(response, "R6.2")
    assert (await client(med).get("/v1/mediation-cases", headers=staff(med))).json()[
        "total"] == 0


async def test_R6_2_information_record_and_flag(med: System) -> None:
    sent, unsent = await open_case(med), await open_case(med)
    flagged = (await client(med).get("/v1/mediation-cases", headers=staff(med),
                                     params={"information_missing": "true"})).json()
    assert flagged["total"] == 2 and all(c["information_missing"] for c in flagged["items"])
    incomplete = await client(med).post(
        f"/v1/mediation-cases/{sent['id']}/information", headers=staff(med),
        json={"sent_on": "2026-03-02", "items": NOTICE_ITEMS[:-1]})
    assert_rule(incomplete, "R6.12")
    no_adviser = await client(med).post(
        f"/v1/mediation-cases/{sent['id']}/information", headers=staff(med),
        json={"sent_on": "2026-03-02", "items": [i for i in NOTICE_ITEMS
                                                 if i != "adviser_contact"]})
    assert_rule(no_adviser, "R6.2")
    done = await client(med).post(f"/v1/mediation-cases/{sent['id']}/information",
                                  headers=staff(med),
                                  json={"sent_on": "2026-03-02", "items": NOTICE_ITEMS})
    assert done.status_code == 200, done.text
    assert done.json()["information_missing"] is False
    events = await med.outbox_events("mediation", "send.mediation.information.sent.v1")
    assert [e["data"] for e in events] == [{"mediation_case_id": sent["id"],
                                            "case_id": sent["case_id"],
                                            "sent_on": "2026-03-02"}]
    flagged = (await client(med).get("/v1/mediation-cases", headers=staff(med),
                                     params={"information_missing": "true"})).json()
    assert [c["id"] for c in flagged["items"]] == [unsent["id"]]


async def test_etag_and_if_match_on_the_case(med: System) -> None:
    case = await open_case(med)
    read = await client(med).get(f"/v1/mediation-cases/{case['id']}", headers=staff(med))
    etag = read.headers["ETag"]
    assert etag == 'W/"1"'
    on(med, "2026-03-05")
    stale = {"If-Match": 'W/"0"'}
    refused = await client(med).post(f"/v1/mediation-cases/{case['id']}/information",
                                     headers=staff(med) | stale, json={"sent_on": "2026-03-02"})
    assert refused.status_code == 412
    changed = await client(med).post(f"/v1/mediation-cases/{case['id']}/information",
                                     headers=staff(med) | {"If-Match": etag},
                                     json={"sent_on": "2026-03-02"})
    assert changed.status_code == 200
    assert changed.headers["ETag"] == 'W/"2"'


async def test_pagination(med: System) -> None:
    for _ in range(3):
        await open_case(med)
    page = (await client(med).get("/v1/mediation-cases", headers=staff(med),
                                  params={"limit": 2, "offset": 2})).json()
    assert (page["total"], len(page["items"]), page["limit"], page["offset"]) == (3, 1, 2, 2)


async def test_families_see_only_their_own_case_and_other_las_nothing(med: System) -> None:
    mine, theirs = await open_case(med), await open_case(med)
    family = med.token("parent", cases=(mine["case_id"],))
    assert (await client(med).get(f"/v1/mediation-cases/{mine['id']}",
                                  headers=family)).status_code == 200
    assert (await client(med).get(f"/v1/mediation-cases/{theirs['id']}",
                                  headers=family)).status_code == 404
    listed = (await client(med).get("/v1/mediation-cases", headers=family)).json()
    assert [c["id"] for c in listed["items"]] == [mine["id"]]
    other_la = med.token("la_caseworker", la="202")
    assert (await client(med).get(f"/v1/mediation-cases/{mine['id']}",
                                  headers=other_la)).status_code == 404
    # families may not manage the case
    info = await client(med).post(f"/v1/mediation-cases/{mine['id']}/information",
                                  headers=family, json={"sent_on": "2026-03-02"})
    assert info.status_code == 403


async def test_R6_3_family_declines_and_the_certificate_clock_starts(med: System) -> None:
    case = await open_case(med)
    family = med.token("parent", cases=(case["case_id"],))
    on(med, "2026-04-02")
    chosen = await client(med).post(f"/v1/mediation-cases/{case['id']}/choice",
                                    headers=family, json={"told_adviser_on": "2026-04-02",
                                                          "choice": "declined"})
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["status"] == "mediation_declined"
    # R6.5 across Easter: Thu 2 Apr + 3 working days skips Good Friday and Easter Monday
    assert open_due(await deadlines(med, case)) == {"certificate_due": "2026-04-09",
                                                   "appeal_by": "2026-05-05"}
    again = await client(med).post(f"/v1/mediation-cases/{case['id']}/choice",
                                   headers=family, json={"told_adviser_on": "2026-04-02",
                                                         "choice": "mediation",
                                                         "issues": ["education"]})
    assert_rule(again, "R6.3")


async def test_R6_3_mediation_asked_after_the_window_is_refused(med: System) -> None:
    case = await open_case(med)
    on(med, "2026-05-04")
    late = await choose(med, case, told_adviser_on="2026-05-03", choice="mediation",
                        issues=["education"])
    assert_rule(late, "R6.3")
    early = await choose(med, case, told_adviser_on="2026-03-01", choice="declined")
    assert_rule(early, "R6.3")  # before the decision notice: dates out of order
    future = await choose(med, case, told_adviser_on="2026-05-05", choice="declined")
    assert future.status_code == 422 and future.json()["errors"][0]["field"] == "told_adviser_on"
    assert (await client(med).get(f"/v1/mediation-cases/{case['id']}",
                                  headers=staff(med))).json()["choice"] is None


async def test_R6_4_section_i_only_needs_no_certificate(med: System) -> None:
    case = await open_case(med, decision_kind="plan_contents")
    chosen = await choose(med, case, told_adviser_on="2026-03-02", choice="declined",
                          section_i_only=True)
    assert chosen.status_code == 200, chosen.text
    assert chosen.json()["certificate_needed"] is False
    assert set(open_due(await deadlines(med, case))) == {"appeal_by"}
    appeal = await client(med).post(f"/v1/mediation-cases/{case['id']}/appeals",
                                    headers=staff(med), json={"registered_on": "2026-03-02"})
    assert appeal.status_code == 201, appeal.text
    refusal = await open_case(med)
    no_section_i = await choose(med, refusal, told_adviser_on="2026-03-02", choice="declined",
                                section_i_only=True)
    assert_rule(no_section_i, "R6.4")


async def test_problem_json_for_bad_input(med: System) -> None:
    response = await client(med).post("/v1/mediation-cases", headers=staff(med),
                                      json={"case_id": "x", "decision_kind": "nonsense"})
    assert response.status_code == 422
    assert response.headers["content-type"] == "application/problem+json"
    assert json.loads(response.text)["errors"]


async def test_openapi_documents_every_route_with_examples(med: System) -> None:
    spec = (await client(med).get("/openapi.json")).json()
    paths = spec["paths"]
    for path in ("/v1/mediation-cases", "/v1/mediation-cases/{mediation_case_id}/choice",
                 "/v1/mediation-cases/{mediation_case_id}/certificates",
                 "/v1/certificates/{certificate_id}/pdf", "/v1/practitioners",
                 "/v1/mediation-cases/{mediation_case_id}/sessions", "/v1/sessions/{session_id}",
                 "/v1/mediation-cases/{mediation_case_id}/outcome",
                 "/v1/appeals/{appeal_id}/orders", "/v1/disagreement-resolutions",
                 "/v1/reports/mediation"):
        assert path in paths, path
    schemas = spec["components"]["schemas"]
    for name in ("ChoiceCreate", "CertificateCreate", "SessionCreate", "OutcomeCreate",
                 "PractitionerCreate", "MediationCaseCreate", "AppealCreate"):
        assert schemas[name].get("examples"), name
    create = paths["/v1/mediation-cases"]["post"]
    assert any(p["name"] == "Idempotency-Key" for p in create["parameters"])


async def test_a_decision_event_with_dates_out_of_order_is_dead_lettered(med: System) -> None:
    consumer = med.runtimes["mediation"].consumer
    assert consumer is not None
    record = appealable_event("c-bad", "d-bad", "e-bad")
    event = json.loads(record.value)
    event["data"]["decided_on"] = "2026-03-03"  # after the notice
    bad = IncomingRecord(record.topic, 0, 1, record.key, json.dumps(event).encode())
    assert await consumer.process(bad) == "dead-lettered"
    [letter] = await med.runtimes["mediation"].dead_letters().list()
    assert "R6.2" in letter["error"] and letter["attempts"] == 1
