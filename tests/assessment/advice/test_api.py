"""Advice (R1.7, R1.8, R1.10), exceptions (R0.5, R1.9) and no plan (R1.11) over the API."""

from __future__ import annotations

from tests.assessment.conftest import Api


async def test_r1_7_health_advice_goes_to_the_icb_and_comes_back(api: Api) -> None:
    case_id, request_id = await api.assessing()
    advice = await api.ok("POST", f"/v1/requests/{request_id}/advice-requests", 201,
                          json={"advice_type": "health", "requested_on": "2026-02-10"})
    assert advice["due_on"] == "2026-03-24"  # R1.8: 6 weeks
    event = (await api.events("send.assessment.advice.requested.v1"))[0]["data"]
    assert event["recipient"] == {"kind": "icb", "org_code": "QKK",
                                  "name": "NHS South East London ICB"}
    assert event["due_on"] == "2026-03-24"
    icb, other = (api.system.token("health", org="QKK"),
                  api.system.token("health", org="RJ1"))
    inbox = await api.ok("GET", "/v1/advice-requests", headers=icb,
                         params={"status": "requested"})
    assert [a["id"] for a in inbox["items"]] == [advice["id"]]
    url = f"/v1/advice-requests/{advice['id']}/advice"
    body = {"received_on": "2026-03-02", "author": "Dr Rao", "summary": "Speech delay."}
    await api.fails("POST", url, 404, headers=other, json=body)  # another org's request
    done = await api.ok("POST", url, headers=icb, json=body)
    assert done["status"] == "received"
    received = (await api.events("send.assessment.advice.received.v1"))[0]["data"]
    assert received == {"case_id": case_id, "advice_request_id": advice["id"],
                        "received_on": "2026-03-02", "advice_type": "health",
                        "within_statutory_time": True}
    assert await api.deadlines(case_id, "advice_due") == []
    await api.fails("POST", url, 409, headers=icb, json=body)


async def test_r1_8_each_advice_type_has_its_own_deadline(api: Api) -> None:
    case_id, request_id = await api.assessing()
    for advice_type, on in (("education", "2026-02-10"), ("psychology", "2026-02-12")):
        await api.ok("POST", f"/v1/requests/{request_id}/advice-requests", 201,
                     json={"advice_type": advice_type, "requested_on": on,
                           "recipient": {"kind": "professional", "name": "EP service"}})
    due = sorted(d["due_on"] for d in await api.deadlines(case_id, "advice_due"))
    assert due == ["2026-03-24", "2026-03-26"]


async def test_r1_7_advice_needs_a_decision_to_assess_and_pfa_from_year_9(api: Api) -> None:
    case_id = await api.case()
    request = await api.request(case_id)
    await api.fails("POST", f"/v1/requests/{request['id']}/advice-requests", 409,
                    json={"advice_type": "education", "requested_on": "2026-03-02"})
    _, request_id = await api.assessing()
    problem = await api.fails("POST", f"/v1/requests/{request_id}/advice-requests", json={
        "advice_type": "preparation_for_adulthood", "requested_on": "2026-02-10",
        "recipient": {"kind": "professional", "name": "Careers"}})
    assert problem["rule"] == "R1.7"


async def test_r1_10_waiting_list_is_no_exception_and_r0_5_deadline_unmoved(api: Api) -> None:
    case_id, request_id = await api.assessing()
    advice = await api.ok("POST", f"/v1/requests/{request_id}/advice-requests", 201,
                          json={"advice_type": "health", "requested_on": "2026-02-10"})
    url = f"/v1/advice-requests/{advice['id']}/exceptions"
    problem = await api.fails("POST", url, json={"kind": "waiting_list", "evidence": "list"})
    assert problem["rule"] == "R1.10"
    await api.ok("POST", url, 201, json={"kind": "advice_missed_appointment",
                                         "evidence": "DNA on 20 Feb"})
    assert [d["due_on"] for d in await api.deadlines(case_id, "advice_due")] == ["2026-03-24"]


async def test_r1_9_exceptions_need_evidence_and_four_weeks(api: Api) -> None:
    _, request_id = await api.assessing()
    url = f"/v1/requests/{request_id}/exceptions"
    short = {"kind": "absent_from_area", "starts_on": "2026-02-01", "ends_on": "2026-02-20",
             "evidence": "abroad"}
    assert (await api.fails("POST", url, json=short))["rule"] == "R1.9"
    assert (await api.fails("POST", url, json={"kind": "exceptional_personal_circumstances",
                                               "evidence": " "}))["rule"] == "R0.5"
    made = await api.ok("POST", url, 201, json=short | {"ends_on": "2026-03-01"})
    assert made["kind"] == "absent_from_area"
    assert len(await api.ok("GET", url)) == 1


async def test_r1_11_no_plan_is_appealable(api: Api) -> None:
    case_id, request_id = await api.assessing()
    read = await api.ok("POST", f"/v1/requests/{request_id}/no-plan-decision",
                        json={"decided_on": "2026-03-02", "reasons": "needs met by SEN support"})
    assert read["status"] == "no_plan"
    refused = (await api.events("send.assessment.plan.refused.v1"))[0]["data"]
    assert refused["decided_on"] == "2026-03-02" and refused["within_statutory_time"] is True
    appealable = (await api.events("send.assessment.decision.appealable.v1"))[0]["data"]
    assert appealable["decision_kind"] == "refuse_plan"
    assert await api.deadlines(case_id, "issue_final_plan") == []
    await api.fails("POST", f"/v1/requests/{request_id}/no-plan-decision", 409,
                    json={"decided_on": "2026-03-02", "reasons": "again"})


async def test_r1_8_sweep_warns_of_advice_due_then_reports_it_missed(api: Api) -> None:
    from datetime import date

    from common import calendar
    case_id, request_id = await api.assessing()
    await api.ok("POST", f"/v1/requests/{request_id}/advice-requests", 201,
                 json={"advice_type": "health", "requested_on": "2026-02-10"})
    runtime = api.system.runtimes["assessment"]
    await runtime.sweep(calendar.add_working_days(date(2026, 3, 24), -10))
    approaching = [e["data"] for e in await api.events("send.assessment.deadline.approaching.v1")
                   if e["data"]["deadline_kind"] == "advice_due"]
    assert [(a["due_on"], a["working_days_left"]) for a in approaching] == [("2026-03-24", 10)]
    await runtime.sweep(date(2026, 3, 25))
    missed = [e["data"] for e in await api.events("send.assessment.deadline.missed.v1")
              if e["data"]["deadline_kind"] == "advice_due"]
    assert missed[0]["case_id"] == case_id and missed[0]["days_overdue"] == 1
