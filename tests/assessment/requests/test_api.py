"""Requests, referrals and health notifications over the HTTP API (R1.1-R1.6, R1.15)."""

from __future__ import annotations

from typing import Any

from tests.assessment.conftest import Api

HEALTH_BODY: dict[str, Any] = {
    "child": {"given_name": "Ada", "family_name": "Lee", "date_of_birth": "2023-05-01",
              "nhs_number": "9434765919",
              "contacts": [{"role": "parent", "name": "Sam Lee", "email": "sam@example.org"}]},
    "parent_informed_on": "2026-02-20", "received_on": "2026-03-02"}


async def test_r1_3_request_names_the_parties_to_notify(api: Api) -> None:
    case_id = await api.case()
    request = await api.request(case_id)
    event = (await api.events("send.assessment.request.received.v1"))[0]["data"]
    assert event["request_id"] == request["id"]
    kinds = {p["kind"]: p for p in event["notify"]}
    assert kinds["icb"] == {"kind": "icb", "org_code": "QKK",
                            "name": "NHS South East London ICB"}
    assert kinds["setting"]["name"] == "Oak Primary"
    assert kinds["social_care"]["org_code"] == "201"


async def test_r1_15_health_notifies_under_5_and_sees_only_its_own(api: Api) -> None:
    health = api.system.token("health", org="RJ1")
    created = await api.ok("POST", "/v1/health-notifications", 201, headers=health,
                           json=HEALTH_BODY)
    assert created["notifier_org_code"] == "RJ1"
    assert created["decision_due_on"] == "2026-04-13"  # R1.4: same clock as a request
    event = (await api.events("send.assessment.request.received.v1"))[0]["data"]
    assert event["requester_type"] == "health_notification"
    assert event["notifier_org_code"] == "RJ1"
    url = f"/v1/health-notifications/{created['request_id']}"
    await api.ok("GET", url, headers=health)
    await api.fails("GET", url, 404, headers=api.system.token("health", org="RJ2"))
    # a health body never reads the case itself, even the one it notified
    await api.fails("GET", f"/v1/cases/{created['case_id']}", 404, headers=health)
    await api.fails("GET", f"/v1/cases/{created['case_id']}/timeline", 404, headers=health)
    await api.fails("POST", "/v1/health-notifications", 403, json=HEALTH_BODY)
    # the same child again is matched by NHS number, not a second case
    again = await api.ok("POST", "/v1/health-notifications", 201, headers=health,
                         json=HEALTH_BODY | {"received_on": "2026-03-01"})
    assert again["case_id"] == created["case_id"]


async def test_r1_15_refuses_school_age_and_uninformed_parent(api: Api) -> None:
    health = api.system.token("health", org="RJ1")
    older = {**HEALTH_BODY, "child": {**HEALTH_BODY["child"], "date_of_birth": "2019-03-14"}}
    problem = await api.fails("POST", "/v1/health-notifications", headers=health, json=older)
    assert problem["rule"] == "R1.15"
    late = {**HEALTH_BODY, "parent_informed_on": "2026-03-02", "received_on": "2026-03-01"}
    assert (await api.fails("POST", "/v1/health-notifications", headers=health,
                            json=late))["rule"] == "R1.15"
    assert await api.events() == []  # nothing half-written


async def test_r1_1_referral_starts_the_same_process(api: Api) -> None:
    case_id = await api.case()
    made = await api.ok("POST", f"/v1/cases/{case_id}/referrals", 201, json={
        "source": "social_care", "received_on": "2026-03-02"})
    assert made["requester_type"] == "other_referral"
    assert made["referral_source"] == "social_care"
    assert made["final_plan_due_on"] == "2026-07-20"
    assert len(await api.deadlines(case_id, "decide_whether_to_assess")) == 1


async def test_r1_1_family_requests_only_for_own_case_and_as_themselves(api: Api) -> None:
    case_id = await api.case()
    parent = api.system.token("parent", cases=(case_id,))
    await api.ok("POST", f"/v1/cases/{case_id}/requests", 201, headers=parent,
                 json={"requester_type": "parent", "received_on": "2026-03-02"})
    other = await api.case()
    await api.fails("POST", f"/v1/cases/{other}/requests", 404, headers=parent,
                    json={"requester_type": "parent", "received_on": "2026-03-02"})
    problem = await api.fails("POST", f"/v1/cases/{case_id}/requests", headers=parent,
                              json={"requester_type": "school", "received_on": "2026-03-02"})
    assert problem["rule"] == "R1.1"
    await api.fails("GET", f"/v1/cases/{case_id}", 404, headers=api.staff(la="202"))


async def test_r1_2_no_request_from_the_25th_birthday(api: Api) -> None:
    case_id = await api.case("2001-03-01", plan_maintained=True)
    problem = await api.fails("POST", f"/v1/cases/{case_id}/requests", json={
        "requester_type": "young_person", "received_on": "2026-03-02"})
    assert problem["rule"] == "R1.2"


async def test_r1_4_decision_before_request_or_future_is_refused(api: Api) -> None:
    case_id = await api.case()
    request = await api.request(case_id)
    problem = await api.fails("POST", f"/v1/requests/{request['id']}/decision",
                              json={"decision": "assess", "decided_on": "2026-03-01"})
    assert problem["rule"] == "R1.4"
    await api.fails("POST", f"/v1/cases/{case_id}/requests", json={
        "requester_type": "parent", "received_on": "2026-03-03"})


async def test_r1_6_repeat_within_six_months_is_flagged_and_refusal_appealable(api: Api) -> None:
    """R1.6: a request within six months of the no-plan notice is flagged; refusing it is
    still appealable (R1.5)."""
    case_id, first = await api.assessing(received_on="2025-10-06", decided_on="2025-11-03")
    await api.ok("POST", f"/v1/requests/{first}/no-plan-decision", json={
        "decided_on": "2025-12-01", "reasons": "needs met at SEN support"})
    repeat = await api.request(case_id, "2026-03-02")
    assert repeat["repeat_within_six_months"] is True
    await api.ok("POST", f"/v1/requests/{repeat['id']}/decision",
                 json={"decision": "refuse", "decided_on": "2026-03-02"})
    appealable = (await api.events("send.assessment.decision.appealable.v1"))[-1]["data"]
    assert appealable["decision_kind"] == "refuse_assessment"  # R1.5, R1.6
    assert appealable["appellants"][0]["name"] == "Ngozi Okafor"


async def test_contacts_if_match_refuses_a_stale_write(api: Api) -> None:
    case_id = await api.case()
    read = await api.http.get(f"/v1/cases/{case_id}", headers=api.staff())
    etag = read.headers["ETag"]
    body = {"contacts": [{"role": "parent", "name": "N O", "email": "n@example.org"}]}
    await api.ok("PUT", f"/v1/cases/{case_id}/contacts", headers=api.staff() | {"If-Match": etag},
                 json=body)
    await api.fails("PUT", f"/v1/cases/{case_id}/contacts", 412,
                    headers=api.staff() | {"If-Match": etag}, json=body)
    assert len(await api.events("send.assessment.contacts.changed.v1")) == 1


async def _same_request_twice(api: Api) -> None:
    case_id = await api.case()
    first = await api.request(case_id)
    problem = await api.fails("POST", f"/v1/cases/{case_id}/requests", 409,
                              json={"requester_type": "parent", "received_on": "2026-03-02"})
    assert problem["type"].endswith("conflict")
    # nothing of the second was written: one request, one decision clock, one event
    assert [e["data"]["request_id"]
            for e in await api.events("send.assessment.request.received.v1")] == [first["id"]]
    assert [(d["kind"], d["due_on"]) for d in await api.deadlines(case_id)] == [
        ("decide_whether_to_assess", first["decision_due_on"])]


async def test_the_same_request_twice_is_refused_and_writes_nothing(api: Api) -> None:
    """A request is one per case, day and requester (the second is a 409 problem, whether
    it meets the first in the use case or at the commit)."""
    await _same_request_twice(api)


async def test_the_same_request_twice_is_refused_on_sqlite(sqlite_api: Api) -> None:
    await _same_request_twice(sqlite_api)
