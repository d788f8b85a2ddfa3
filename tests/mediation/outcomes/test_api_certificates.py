"""Certificates through the API (R6.5-R6.7, R6.9): only after the family's choice, one per
basis, numbered uniquely per LA without races, the appeal deadline, accessible HTML and a
PDF, and `send.mediation.certificate.issued.v1` with exactly the EVENTS.md fields."""

from __future__ import annotations

import asyncio

import pytest

from tests.harness import System
from tests.mediation.mediation_support import (
    PARENT,
    assert_rule,
    choose,
    client,
    deadlines,
    on,
    open_case,
    open_due,
    staff,
)

EVENT_FIELDS = {"mediation_case_id", "case_id", "certificate_no", "issued_on", "basis",
                "appeal_by", "recipients"}


async def declined(system: System, told_on: str = "2026-04-02", **case: str) -> dict:
    on(system, told_on)
    opened = await open_case(system, **case)
    chosen = await choose(system, opened, told_adviser_on=told_on, choice="declined")
    assert chosen.status_code == 200, chosen.text
    return opened


async def issue(system: System, case: dict, **body: object) -> object:
    return await client(system).post(f"/v1/mediation-cases/{case['id']}/certificates",
                                     headers=staff(system), json={"basis": "declined"} | body)


async def test_R6_5_certificate_before_choice_is_refused_and_writes_nothing(
        med: System) -> None:
    case = await open_case(med)
    response = await issue(med, case, issued_on="2026-03-02")
    assert_rule(response, "R6.5")  # type: ignore[arg-type]
    assert await med.outbox_events("mediation", "send.mediation.certificate.issued.v1") == []
    listed = await client(med).get(f"/v1/mediation-cases/{case['id']}/certificates",
                                   headers=staff(med))
    assert listed.json() == []


async def test_R6_5_declined_certificate_across_easter(med: System) -> None:
    case = await declined(med)
    on(med, "2026-04-09")
    response = await issue(med, case)
    assert response.status_code == 201, response.text  # type: ignore[attr-defined]
    cert = response.json()  # type: ignore[attr-defined]
    assert cert["certificate_no"] == "201-2026-000001"
    assert (cert["told_on"], cert["due_on"], cert["issued_on"]) == (
        "2026-04-02", "2026-04-09", "2026-04-09")
    assert cert["on_time"] is True
    # R6.9: later of notice + 2 months (5 May, moved past the May bank holiday) and
    # certificate + 1 month (Sat 9 May -> Mon 11 May, R6.9a)
    assert cert["appeal_by"] == "2026-05-11"
    due = open_due(await deadlines(med, case))
    assert due == {"appeal_by": "2026-05-11"}  # certificate_due closed
    events = await med.outbox_events("mediation", "send.mediation.certificate.issued.v1")
    assert len(events) == 1
    data = events[0]["data"]
    assert set(data) == EVENT_FIELDS
    assert data["basis"] == "declined" and data["recipients"] == [PARENT]
    assert events[0]["subject"] == f"case/{case['case_id']}"


async def test_R6_5_second_certificate_for_the_same_basis_is_refused(med: System) -> None:
    case = await declined(med)
    assert (await issue(med, case)).status_code == 201  # type: ignore[attr-defined]
    assert_rule(await issue(med, case), "R6.5")  # type: ignore[arg-type]
    assert len(await med.outbox_events("mediation",
                                       "send.mediation.certificate.issued.v1")) == 1


async def test_R6_5_certificate_dated_before_being_told_is_refused(med: System) -> None:
    case = await declined(med)
    assert_rule(await issue(med, case, issued_on="2026-04-01"), "R6.5")  # type: ignore[arg-type]


async def test_R6_5_late_certificate_is_recorded_as_late(med: System) -> None:
    case = await declined(med)
    on(med, "2026-04-10")
    cert = (await issue(med, case)).json()  # type: ignore[attr-defined]
    assert cert["on_time"] is False
    report = (await client(med).get("/v1/reports/mediation", headers=staff(med))).json()
    assert (report["certificates_issued"], report["certificates_on_time"]) == (1, 0)


async def test_R6_9_august_appeal_deadline_moves_to_september(med: System) -> None:
    case = await declined(med, told_on="2026-07-06", decided_on="2026-06-01",
                          notified_on="2026-06-01")
    on(med, "2026-07-08")
    cert = (await issue(med, case)).json()  # type: ignore[attr-defined]
    # later of 1 Aug and 8 Aug -> in August -> first working day of September (Tue 1 Sep)
    assert cert["appeal_by"] == "2026-09-01"


async def test_certificate_numbers_run_per_la_and_year(med: System) -> None:
    first = await declined(med)
    second = await declined(med)
    nos = [(await issue(med, c)).json()["certificate_no"]  # type: ignore[attr-defined]
           for c in (first, second)]
    assert nos == ["201-2026-000001", "201-2026-000002"]


async def test_certificate_numbers_have_no_races(med: System) -> None:
    """Concurrent issuers never share a number (Postgres: the counter row's lock)."""
    cases = [await declined(med) for _ in range(6)]
    responses = await asyncio.gather(*(issue(med, c) for c in cases))
    assert all(r.status_code == 201 for r in responses), [r.text for r in responses]  # type: ignore[attr-defined]
    nos = sorted(r.json()["certificate_no"] for r in responses)  # type: ignore[attr-defined]
    assert nos == [f"201-2026-{n:06d}" for n in range(1, 7)]


async def test_family_reads_certificate_html_and_pdf(med: System) -> None:
    case = await declined(med)
    cert = (await issue(med, case)).json()  # type: ignore[attr-defined]
    family = med.token("parent", cases=(case["case_id"],))
    stranger = med.token("parent", cases=("someone-else",))
    html = await client(med).get(f"/v1/certificates/{cert['id']}/html", headers=family)
    assert html.status_code == 200
    assert html.headers["content-type"].startswith("text/html")
    page = html.text
    assert '<html lang="en-GB">' in page and "<title>Mediation certificate" in page
    assert page.count("<h1>") == 1 and "<table" not in page
    assert cert["certificate_no"] in page and "Tuesday 5 May 2026" in page
    pdf = await client(med).get(f"/v1/certificates/{cert['id']}/pdf", headers=family)
    assert pdf.status_code == 200 and pdf.content.startswith(b"%PDF")
    assert pdf.headers["content-type"] == "application/pdf"
    assert (await client(med).get(f"/v1/certificates/{cert['id']}",
                                  headers=stranger)).status_code == 404


async def test_html_escapes_names(med: System) -> None:
    case = await declined(med, case_id="c-esc")
    evil = [{"name": "<script>alert(1)</script> Zoë"}]
    cert = (await issue(med, case, recipients=evil)).json()  # type: ignore[attr-defined]
    page = (await client(med).get(f"/v1/certificates/{cert['id']}/html",
                                  headers=staff(med))).text
    assert "<script>" not in page and "&lt;script&gt;" in page
    pdf = await client(med).get(f"/v1/certificates/{cert['id']}/pdf", headers=staff(med))
    assert pdf.status_code == 200


@pytest.mark.parametrize("role", ["mediator"])
async def test_mediator_issues_only_for_their_organisation(med: System, role: str) -> None:
    case = await declined(med)
    mediator = (await client(med).post("/v1/practitioners", headers=staff(med), json={
        "role": "adviser", "name": "Ali Khan", "organisation": {
            "code": "CALM", "name": "Calm Ltd", "kind": "independent_provider"}})).json()
    other_org = med.token(role, org="OTHER")
    assert (await client(med).post(f"/v1/mediation-cases/{case['id']}/certificates",
                                   headers=other_org,
                                   json={"basis": "declined"})).status_code == 404
    assigned = await client(med).put(f"/v1/mediation-cases/{case['id']}/assignment",
                                     headers=staff(med), json={"adviser_id": mediator["id"]})
    assert assigned.status_code == 200, assigned.text
    own_org = med.token(role, org="CALM")
    response = await client(med).post(f"/v1/mediation-cases/{case['id']}/certificates",
                                      headers=own_org, json={"basis": "declined"})
    assert response.status_code == 201, response.text
    assert response.json()["issued_by"].endswith("(CALM)")
