"""The SEN2 return (R13.1) of a small LA built through the HTTP API, checked field by field
against a return worked out by hand from the steps below; then, once every person's SEN2
details are recorded, the return passes every check implemented, and the active-plans
report counts the plan by age band and primary need.

Census date 21 January 2027 (the third Thursday), collection year 2026:
- Brown, Ben (born 2012-09-01): request 4 May 2026, refused 8 Jun 2026 → requests row `N`.
- Clarke, Chloe (born 2021-02-10): request 7 Dec 2026, undecided → requests row, no outcome.
- Okafor, Amara (born 2019-03-14, URN 100001): request 2 Mar 2026, assess 6 Apr, draft
  1 Jun, final 6 Jul 2026 → request `A`, assessment `Y` on 6 Jul, named plan from 6 Jul,
  active on the census date with her needs SLCN then ASD.
- Dunn, Dan: request Feb 2025 refused Mar 2025 → ended before the year: not in the return.
- Evans, Eve: request received 22 Jan 2027, after the census date: not in the return."""

from __future__ import annotations

from datetime import UTC, datetime

from common.clock import FixedClock
from tests.assessment.conftest import Api

CENSUS = "2027-01-21"
SECTIONS = {"A": "Views.", "B": "Speech, language and communication needs.",
            "C": "None.", "D": "None.", "E": "Outcomes.", "F": "Therapy weekly.",
            "G": "None.", "H1": "None.", "H2": "None.", "K": "Education advice."}


async def _case(api: Api, given: str, family: str, born: str, **extra: object) -> str:
    return await api.case(born, given_name=given, family_name=family, **extra)


async def _refused(api: Api, case_id: str, received: str, decided: str) -> str:
    request_id = (await api.request(case_id, received))["id"]
    await api.ok("POST", f"/v1/requests/{request_id}/decision",
                 json={"decision": "refuse", "decided_on": decided})
    return request_id


async def _amara(api: Api) -> tuple[str, str, str]:
    case_id = await _case(api, "Amara", "Okafor", "2019-03-14")
    request_id = (await api.request(case_id, "2026-03-02"))["id"]
    await api.ok("POST", f"/v1/requests/{request_id}/decision",
                 json={"decision": "assess", "decided_on": "2026-04-06"})
    advice = await api.ok("POST", f"/v1/requests/{request_id}/advice-requests", 201, json={
        "advice_type": "education", "requested_on": "2026-04-07"})
    await api.ok("POST", f"/v1/advice-requests/{advice['id']}/advice", json={
        "received_on": "2026-05-11", "author": "Oak Primary SENCo", "summary": "..."})
    plan = await api.ok("POST", f"/v1/requests/{request_id}/plans", 201, json={
        "sections": SECTIONS, "advice_listed": ["education"], "sent_on": "2026-06-01"})
    await api.ok("POST", f"/v1/plans/{plan['id']}/final", json={
        "sections": SECTIONS, "advice_listed": ["education"], "issued_on": "2026-07-06",
        "section_i": {"setting_name": "Oak Primary", "setting_type": "mainstream_school"}})
    return case_id, request_id, plan["id"]


async def _small_la(api: Api) -> dict[str, str]:
    ben = await _case(api, "Ben", "Brown", "2012-09-01", upn="P201123456789")
    ben_request = await _refused(api, ben, "2026-05-04", "2026-06-08")
    chloe = await _case(api, "Chloe", "Clarke", "2021-02-10")
    chloe_request = (await api.request(chloe, "2026-12-07"))["id"]
    await _refused(api, await _case(api, "Dan", "Dunn", "2010-01-20"), "2025-02-03",
                   "2025-03-10")
    await api.request(await _case(api, "Eve", "Evans", "2015-06-01"), "2027-01-22")
    amara, amara_request, plan = await _amara(api)
    return {"ben": ben, "ben_request": ben_request, "chloe": chloe,
            "chloe_request": chloe_request, "amara": amara, "amara_request": amara_request,
            "plan": plan}


def _person(case_id: str, surname: str, forename: str, born: str, upn: str = "",
            **detail: str) -> dict[str, str]:
    return {"persontableid": case_id, "surname": surname, "forename": forename,
            "personbirthdate": born, "gendercurrent": detail.get("gender", ""),
            "ethnicity": detail.get("ethnicity", ""), "postcode": detail.get("postcode", ""),
            "upn": upn, "uniquelearnernumber": "", "upnunknown": detail.get("upn_unknown", "")}


def _request(request_id: str, case_id: str, received: str, outcome_on: str = "",
             outcome: str = "") -> dict[str, str]:
    return {"requeststableid": request_id, "persontableid": case_id, "receiveddate": received,
            "rya": "0", "requestoutcomedate": outcome_on, "requestoutcome": outcome,
            "requestmediation": "", "requesttribunal": "", "exported": ""}


PLACEMENT = {"urn": "100001", "ukprn": "", "sensetting": "", "sensettingother": "",
             "placementrank": "1", "senunitindicator": "", "resourcedprovisionindicator": ""}


async def test_r13_1_sen2_return_of_a_small_la_field_by_field(api: Api,
                                                              fixed_clock: FixedClock) -> None:
    fixed_clock.set(datetime(2027, 1, 25, 9, 0, tzinfo=UTC))
    ids = await _small_la(api)
    built = await api.ok("GET", "/v1/reports/sen2", params={"census_date": CENSUS})
    assert (built["year"], built["period_start"], built["period_end"]) == \
        (2027, "2026-01-01", "2026-12-31")
    modules = built["modules"]
    assert modules["person"] == [
        _person(ids["ben"], "Brown", "Ben", "2012-09-01", upn="P201123456789"),
        _person(ids["chloe"], "Clarke", "Chloe", "2021-02-10"),
        _person(ids["amara"], "Okafor", "Amara", "2019-03-14")]
    assert modules["requests"] == [
        _request(ids["ben_request"], ids["ben"], "2026-05-04", "2026-06-08", "N"),
        _request(ids["chloe_request"], ids["chloe"], "2026-12-07"),
        _request(ids["amara_request"], ids["amara"], "2026-03-02", "2026-04-06", "A")]
    assert modules["assessment"] == [{
        "assessmenttableid": ids["amara_request"], "requeststableid": ids["amara_request"],
        "assessmentoutcome": "Y", "assessmentoutcomedate": "2026-07-06",
        "assessmentmediation": "", "assessmenttribunal": "", "othermediation": "",
        "othertribunal": "", "week20": "0"}]
    plan = ids["plan"]
    assert modules["namedplan"] == [{
        "namedplantableid": plan, "assessmenttableid": ids["amara_request"],
        "startdate": "2026-07-06", "planres": "", "planwbp": "", "pb": "0", "oa": "",
        "dp": "0", "ceasedate": "", "ceasereason": ""}]
    assert modules["plandetail"] == [{"plandetailtableid": plan, "namedplantableid": plan,
                                      **PLACEMENT}]
    assert modules["activeplans"] == [{
        "activeplanstableid": plan, "requeststableid": ids["amara_request"],
        "transferla": "", "res": "", "wbp": "", "lastreview": ""}]
    assert modules["placementdetail"] == [{
        "placementdetailtableid": plan, "activeplanstableid": plan, **PLACEMENT,
        "entrydate": "", "leavingdate": "", "attendancepattern": ""}]
    assert modules["senneed"] == []
    # nothing recorded yet of gender, ethnicity, postcode, UPN reasons or needs
    failed = {(c["rule"], c["row"]) for c in built["checks"]}
    for person in (ids["ben"], ids["chloe"], ids["amara"]):
        for rule in ("SEN2-1.5", "SEN2-1.6", "SEN2-1.7"):
            assert (rule, f"person/{person}") in failed
    assert ("SEN2-1.10", f"person/{ids['chloe']}") in failed
    assert ("SEN2-1.10", f"person/{ids['ben']}") not in failed  # Ben has a UPN
    assert ("SEN2-5.8a", f"activeplans/{plan}") in failed
    assert built["valid"] is False and len(failed) == len(built["checks"]) == 12


async def test_r13_1_the_seeded_la_validates_once_its_details_are_recorded(
        api: Api, fixed_clock: FixedClock) -> None:
    fixed_clock.set(datetime(2027, 1, 25, 9, 0, tzinfo=UTC))
    ids = await _small_la(api)
    details = {"gender": "2", "ethnicity": "BAFR", "postcode": "SE1 7PB"}
    await api.ok("PUT", f"/v1/cases/{ids['ben']}/sen2-details", json=details | {"gender": "1"})
    await api.ok("PUT", f"/v1/cases/{ids['chloe']}/sen2-details",
                 json=details | {"upn_unknown": "UN1"})
    read = await api.ok("PUT", f"/v1/cases/{ids['amara']}/sen2-details",
                        json=details | {"upn_unknown": "UN2", "sen_types": ["SLCN", "ASD"]})
    assert read["version"] == 1 and read["sen_types"] == ["SLCN", "ASD"]
    built = await api.ok("GET", "/v1/reports/sen2", params={"census_date": CENSUS})
    assert built["checks"] == [] and built["valid"] is True
    plan = ids["plan"]
    assert built["modules"]["senneed"] == [
        {"senneedtableid": f"{plan}-1", "activeplanstableid": plan, "sentyperank": "1",
         "sentype": "SLCN"},
        {"senneedtableid": f"{plan}-2", "activeplanstableid": plan, "sentyperank": "2",
         "sentype": "ASD"}]
    assert built["modules"]["person"][2]["postcode"] == "SE1 7PB"
    csv = await api.ok("GET", "/v1/reports/sen2/requests.csv", params={"census_date": CENSUS})
    lines = csv.text.splitlines()
    assert lines[0] == ("requeststableid,persontableid,receiveddate,rya,requestoutcomedate,"
                        "requestoutcome,requestmediation,requesttribunal,exported")
    assert lines[1] == f"{ids['ben_request']},{ids['ben']},2026-05-04,0,2026-06-08,N,,,"
    assert len(lines) == 4
    report = await api.ok("GET", "/v1/reports/active-plans", params={"on": CENSUS})
    assert report["total"] == 1 and report["by_age_band"]["5 to 10"] == 1
    assert report["cells"] == [{"age_band": "5 to 10", "primary_need": "SLCN", "plans": 1}]


async def test_r13_1_refusals_name_the_field_and_write_nothing(api: Api) -> None:
    problem = await api.fails("GET", "/v1/reports/sen2", params={"census_date": "2027-01-14"})
    assert problem["errors"][0]["field"] == "census_date"
    case_id = await api.case()
    for body, field in (({"sen_types": ["ASD", "ASD"]}, "sen_types"),
                        ({"sen_types": ["AUT"]}, "sen_types"),
                        ({"ethnicity": "XXXX"}, "ethnicity"),
                        ({"postcode": "not a postcode"}, "postcode"),
                        ({"gender": "M"}, "gender")):
        problem = await api.fails("PUT", f"/v1/cases/{case_id}/sen2-details", json=body)
        assert any(field in str(e.get("field", "")) for e in problem["errors"]), problem
    await api.fails("GET", f"/v1/cases/{case_id}/sen2-details", 404)
    await api.fails("PUT", "/v1/cases/no-such-case/sen2-details", 404, json={})
    await api.fails("GET", "/v1/reports/sen2", 403, params={"census_date": "2027-01-21"},
                    headers=api.system.token("parent", cases=(case_id,)))
