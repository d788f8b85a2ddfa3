"""Moves between LAs (R3.9), statements and LDAs (R5.1-R5.4), legacy imports, detained young
people (R9.2) and the early education flag (R9.1) over the API."""

from __future__ import annotations

import pytest

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import issued

CSV = ("legacy_ref,given_name,family_name,date_of_birth,issued_on,last_reviewed_on,upn,"
       "setting_type,primary_need\n") + """\
L-1,Ann,Ames,2012-05-01,2020-01-10,2025-06-10,,special_school,ASD
L-2,Bob,Bell,2014-09-30,2021-03-03,,,mainstream_school,SLCN
L-3,Cat,Cole,not-a-date,2021-03-03,,,,
L-4,Dan,Dunn,2014-09-30,2021-03-03,,A12345678901X,,
L-5,Eve,Eden,2014-09-30,2021-03-03,,,castle,
"""


async def test_r3_9_move_out_within_15_working_days(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    move = await api.ok("POST", f"/v1/cases/{case_id}/moves-out", 201, json={
        "other_la_code": "202", "moves_on": "2026-03-06", "learned_on": "2026-03-02"})
    # told less than 15 working days ahead: 15 working days beginning with the day learned
    assert move["due_on"] == "2026-03-20"
    await api.ok("POST", f"/v1/transfers/{move['id']}/sent", json={"done_on": "2026-03-02"})
    assert await api.deadlines(case_id, "transfer_plan_out") == []
    assert (await api.ok("GET", f"/v1/plans/{plan_id}"))["status"] == "transferred_out"


async def test_r5_1_r5_2_statement_transfer_review(api: Api) -> None:
    case_id = await api.case("2012-05-01")
    url = f"/v1/cases/{case_id}/transfer-reviews"
    problem = await api.fails("POST", url, json={"from": "statement", "notice_on": "2026-02-20",
                                                 "started_on": "2026-03-02"})
    assert problem["rule"] == "R5.1"
    started = await api.ok("POST", url, 201, json={
        "from": "statement", "notice_on": "2026-02-16", "started_on": "2026-03-02"})
    assert started["due_on"] == "2026-07-06"  # R5.2: 18 weeks after 1 Sep 2015
    event = (await api.events("send.assessment.transfer.started.v1"))[0]["data"]
    assert event == {"case_id": case_id, "transfer_id": started["id"], "from": "statement",
                     "started_on": "2026-03-02", "due_on": "2026-07-06"}
    assert len(await api.deadlines(case_id, "transfer_review_due")) == 1
    from tests.assessment.plan_flow import SECTIONS
    draft = await api.ok("POST", f"/v1/plans/{started['plan_id']}/drafts", 201, json={
        "sections": SECTIONS | {"F": "Provision; prepares for adulthood: work experience."},
        "preparation_for_adulthood_in": ["F"], "sent_on": "2026-03-02"})
    assert draft["origin"] == "transfer" and draft["current"]["reason"] == "transfer"


async def test_legacy_import_reports_rows_and_is_idempotent(api: Api) -> None:
    first = await api.ok("POST", "/v1/legacy-imports", 201, json={"format": "csv", "csv": CSV})
    outcomes = {r["legacy_ref"]: r["outcome"] for r in first["report"]}
    assert outcomes == {"L-1": "accepted", "L-2": "accepted", "L-3": "rejected",
                        "L-4": "rejected", "L-5": "rejected"}
    bad_date = next(r for r in first["report"] if r["legacy_ref"] == "L-3")
    assert bad_date["errors"][0]["field"] == "date_of_birth"
    again = await api.ok("POST", "/v1/legacy-imports", 201, json={"format": "json", "rows": [
        {"legacy_ref": "L-1", "given_name": "Ann", "family_name": "Ames",
         "date_of_birth": "2012-05-01", "issued_on": "2020-01-10"},
        {"legacy_ref": "L-6", "given_name": "Fay", "family_name": "Ford",
         "date_of_birth": "2015-01-01", "issued_on": "2026-03-03"}]})
    assert (again["accepted"], again["skipped"], again["rejected"]) == (0, 1, 1)
    tray = await api.ok("GET", "/v1/deadlines", params={"kind": "annual_review_due"})
    # R3.1: 12 months from the last review (10 Jun 2025) or from issue (3 Mar 2021)
    assert sorted(d["due_on"] for d in tray["items"]) == ["2022-03-02", "2026-06-09"]


async def test_r9_2_detained_plan_sent_within_5_working_days(api: Api) -> None:
    case_id, _, _ = await issued(api)
    problem = await api.fails("POST", f"/v1/cases/{case_id}/detention", json={
        "detained_on": "2026-02-27", "learned_on": "2026-02-26",
        "establishment_name": "Cookham Wood", "yot_name": "North YOT"})
    assert problem["rule"] == "R9.2"
    await api.ok("POST", f"/v1/cases/{case_id}/detention", 204, json={
        "detained_on": "2026-02-27", "learned_on": "2026-03-02",
        "establishment_name": "Cookham Wood", "yot_name": "North YOT"})
    [due] = await api.deadlines(case_id, "detained_plan_send_due")
    assert due["due_on"] == "2026-03-09"  # 5 working days
    await api.ok("POST", f"/v1/cases/{case_id}/detention/plan-sent", 204,
                 json={"done_on": "2026-03-02"})
    assert await api.deadlines(case_id, "detained_plan_send_due") == []


async def test_r9_2_over_18_is_not_a_detained_person(api: Api) -> None:
    case_id = await api.case("2006-01-01")
    problem = await api.fails("POST", f"/v1/cases/{case_id}/detention", json={
        "detained_on": "2026-02-27", "learned_on": "2026-03-02",
        "establishment_name": "HMP X", "yot_name": "YOT"})
    assert problem["rule"] == "R9.2"


@pytest.mark.parametrize("born_on,expected", [("2024-01-10", "2026-04-01"),
                                              ("2019-03-14", None)])
async def test_r9_1_early_education_flag(api: Api, born_on: str, expected: str | None) -> None:
    await api.ok("POST", "/v1/legacy-imports", 201, json={"format": "json", "rows": [
        {"legacy_ref": "E-1", "given_name": "Tia", "family_name": "Two",
         "date_of_birth": born_on, "issued_on": "2026-01-10"}]})
    tray = await api.ok("GET", "/v1/deadlines", params={"kind": "annual_review_due"})
    case = await api.ok("GET", f"/v1/cases/{tray['items'][0]['case_id']}")
    assert case["has_plan"] is True
    assert case["early_education_from"] == expected
