"""Parent carers' needs assessments over the HTTP API (R9.3): recorded on request or on the
appearance of need, each with its own timeline entry and notice event
(`send.assessment.parent_carer_assessment.recorded.v1`), completed once; refusals name the
field and rule and write nothing."""

from __future__ import annotations

from typing import Any

import pytest

from tests.assessment.conftest import Api


async def test_R9_3_recorded_with_its_timeline_entry_and_notice(api: Api) -> None:
    case_id = await api.case()
    url = f"/v1/cases/{case_id}/parent-carer-assessments"
    on_request = await api.ok("POST", url, 201, json={
        "carer_name": "Ngozi Okafor", "basis": "request", "identified_on": "2026-02-23"})
    on_need = await api.ok("POST", url, 201, json={
        "carer_name": "Chidi Okafor", "basis": "appearance_of_need",
        "identified_on": "2026-02-25"})
    assert (on_request["status"], on_need["basis"]) == ("due", "appearance_of_need")
    events = [e["data"] for e in
              await api.events("send.assessment.parent_carer_assessment.recorded.v1")]
    assert [(e["parent_carer_assessment_id"], e["basis"], e["identified_on"])
            for e in events] == [(on_request["id"], "request", "2026-02-23"),
                                 (on_need["id"], "appearance_of_need", "2026-02-25")]
    timeline = await api.ok("GET", f"/v1/cases/{case_id}/timeline")
    entries = [i for i in timeline["items"]
               if i["type"] == "send.assessment.parent_carer_assessment.recorded.v1"]
    assert [i["on"] for i in entries] == ["2026-02-23", "2026-02-25"]
    listed = await api.ok("GET", url)
    assert [a["id"] for a in listed] == [on_request["id"], on_need["id"]]
    parent = api.system.token("parent", cases=(case_id,))
    assert len(await api.ok("GET", url, headers=parent)) == 2  # the family sees their own
    await api.fails("GET", url, 404, headers=api.staff(la="202"))  # another LA does not


async def test_R9_3_completed_once(api: Api) -> None:
    case_id = await api.case()
    due = await api.ok("POST", f"/v1/cases/{case_id}/parent-carer-assessments", 201, json={
        "carer_name": "Ngozi Okafor", "basis": "request", "identified_on": "2026-02-23"})
    url = f"/v1/parent-carer-assessments/{due['id']}/assessed"
    problem = await api.fails("POST", url, json={"assessed_on": "2026-02-20"})
    assert (problem["rule"], problem["errors"][0]["field"].split(".")[-1]) == (
        "R9.3", "assessed_on")
    done = await api.ok("POST", url, json={"assessed_on": "2026-03-02"})
    assert (done["status"], done["assessed_on"]) == ("assessed", "2026-03-02")
    await api.fails("POST", url, 409, json={"assessed_on": "2026-03-02"})
    await api.fails("POST", url, 404, headers=api.staff(la="202"),
                    json={"assessed_on": "2026-03-02"})


@pytest.mark.parametrize("body, field, rule", [
    ({"carer_name": "N O", "basis": "request", "identified_on": "2019-03-13"},
     "identified_on", "R9.3"),  # before the child's birth (14 March 2019)
    ({"carer_name": "N O", "basis": "referral", "identified_on": "2026-02-23"}, "basis", None),
    ({"carer_name": "   ", "basis": "request", "identified_on": "2026-02-23"},
     "carer_name", None),
    ({"carer_name": "N O", "basis": "request", "identified_on": "2026-03-03"},
     "identified_on", None),  # in the future
    ({"carer_name": "N O", "basis": "request", "identified_on": "9999-12-31"},
     "identified_on", None),
    ({"carer_name": "N\u0000O", "basis": "request", "identified_on": "2026-02-23"},
     "carer_name", None),
])
async def test_R9_3_bad_input_is_refused_and_nothing_is_written(
        api: Api, body: dict[str, Any], field: str, rule: str | None) -> None:
    case_id = await api.case()
    before = len(await api.events())
    url = f"/v1/cases/{case_id}/parent-carer-assessments"
    problem = await api.fails("POST", url, json=body)
    assert rule is None or problem["rule"] == rule
    assert any(e.get("field", "").split(".")[-1] == field for e in problem["errors"]), problem
    assert await api.ok("GET", url) == []
    assert len(await api.events()) == before


async def test_R9_3_a_young_persons_parent_is_not_a_parent_carer(api: Api) -> None:
    """R9.3: from the 18th birthday the child is an adult; s.17ZD no longer applies."""
    case_id = await api.case(born_on="2007-01-10")
    problem = await api.fails("POST", f"/v1/cases/{case_id}/parent-carer-assessments",
                              json={"carer_name": "N O", "basis": "request",
                                    "identified_on": "2026-02-23"})
    assert problem["rule"] == "R9.3"
