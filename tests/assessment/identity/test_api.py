"""Identity you can trust over the HTTP API (issue 14, item 7): one case per identifier in an
LA, no duplicate children, dates of birth and names that make sense, and health
notifications (R1.15) and legacy imports that attach to a kept child only when the
identifier and the date of birth agree. Every refusal is a problem naming the field, with
nothing written."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy import func, select

from assessment.bootstrap import metadata
from tests.assessment.conftest import Api

AMARA = {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14",
         "nhs_number": "943 476 5919", "upn": "N201100026001", "uln": "1234567805",
         "contacts": [{"role": "parent", "name": "Ngozi Okafor",
                       "email": "ngozi@example.org"}]}
HEALTH = {"parent_informed_on": "2026-02-20", "received_on": "2026-03-02"}


async def row_counts(api: Api) -> dict[str, int]:
    async with api.system.runtimes["assessment"].engine.connect() as conn:
        return {name: int(await conn.scalar(select(func.count()).select_from(table)) or 0)
                for name, table in metadata.tables.items()}


async def test_an_identifier_names_one_case_in_an_la(api: Api) -> None:
    """Issue 14 item 7: NHS number, UPN and ULN are unique per LA; a second case claiming
    one is refused with 409 naming the case that holds it, even for a 'different child'."""
    held = (await api.ok("POST", "/v1/cases", 201, json=AMARA))["id"]
    before = await row_counts(api)
    for field in ("nhs_number", "upn", "uln"):
        other = {"given_name": "Bola", "family_name": "Ade", "date_of_birth": "2018-01-02",
                 "different_child": True, field: AMARA[field]}
        problem = await api.fails("POST", "/v1/cases", 409, json=other)
        assert problem["existing_case_id"] == held and problem["field"] == field
    assert await row_counts(api) == before
    # another LA keeps its own children
    elsewhere = api.system.token("la_caseworker", la="202")
    await api.ok("POST", "/v1/cases", 201, headers=elsewhere, json=AMARA)


async def test_the_same_child_twice_is_a_409_unless_a_different_child(api: Api) -> None:
    """Issue 14 item 6: the same name (case and accents aside) and date of birth answers
    409 naming the kept case; the caller may say it is another child."""
    held = (await api.ok("POST", "/v1/cases", 201, json=AMARA))["id"]
    again = {"given_name": "AMÁRA ", "family_name": "okafor", "date_of_birth": "2019-03-14"}
    problem = await api.fails("POST", "/v1/cases", 409, json=again)
    assert problem["existing_case_id"] == held
    assert problem["existing_case_ids"] == [held]
    assert held in problem["detail"]
    twin = await api.ok("POST", "/v1/cases", 201, json=again | {"different_child": True})
    assert twin["id"] != held


@pytest.mark.parametrize("date_of_birth, kind", [
    ("2026-03-03", "future-date"),  # tomorrow, by the service's clock
    ("2100-01-01", "future-date"),
    ("2999-01-01", "validation-error"),  # past the statutory range (common.bounds)
    ("9996-01-01", "validation-error"),  # past the statutory range: 25 years on overflows
    ("9999-12-31", "validation-error"),
    ("0001-01-01", "validation-error"),
])
async def test_a_date_of_birth_out_of_range_is_422_and_nothing_is_written(
        api: Api, date_of_birth: str, kind: str) -> None:
    before = await row_counts(api)
    problem = await api.fails("POST", "/v1/cases", json=AMARA | {"date_of_birth": date_of_birth})
    assert problem["type"].endswith(kind)
    assert [e["field"].rsplit(".", 1)[-1] for e in problem["errors"]] == ["date_of_birth"]
    assert await row_counts(api) == before


@pytest.mark.parametrize("field, value", [
    ("given_name", "   "), ("family_name", "\t"), ("nhs_number", "٩٤٣٤٧٦٥٩١٩"),
    ("uln", "１２３４５６７８０５"), ("upn", "N２01100026001"),
])
async def test_blank_names_and_non_ascii_identifiers_are_refused(api: Api, field: str,
                                                                 value: str) -> None:
    before = await row_counts(api)
    problem = await api.fails("POST", "/v1/cases", json=AMARA | {field: value})
    assert field in {e["field"].rsplit(".", 1)[-1] for e in problem["errors"]}
    assert await row_counts(api) == before


async def test_r1_2_a_case_after_the_25th_birthday_needs_a_request_before_it_or_a_plan(
        api: Api) -> None:
    """R1.2 (nobody may request from the 25th birthday) and R4.4 (a plan may run to the end
    of the academic year in which they turned 25)."""
    turned_25 = {"given_name": "Sam", "family_name": "Hill", "date_of_birth": "2001-01-10"}
    problem = await api.fails("POST", "/v1/cases", json=turned_25)
    assert problem["rule"] == "R1.2" and problem["errors"][0]["field"] == "date_of_birth"
    late = await api.fails("POST", "/v1/cases", json=turned_25 | {
        "request_received_on": "2026-01-10"})
    assert late["errors"][0]["field"] == "request_received_on"
    await api.ok("POST", "/v1/cases", 201, json=turned_25 | {
        "request_received_on": "2026-01-09"})
    await api.ok("POST", "/v1/cases", 201, json=turned_25 | {
        "given_name": "Samuel", "plan_maintained": True})


async def test_r1_15_a_notification_naming_another_childs_nhs_number_opens_a_case_to_reconcile(
        api: Api) -> None:
    """The NHS number is a kept child's but the date of birth is not: the notification's
    child gets a case of its own, marked to reconcile; the kept case and its family hear
    nothing."""
    held = (await api.ok("POST", "/v1/cases", 201, json=AMARA))["id"]
    health = api.system.token("health", org="RJ1")
    child = {"given_name": "Ada", "family_name": "Lee", "date_of_birth": "2023-05-01",
             "nhs_number": "9434765919",
             "contacts": [{"role": "parent", "name": "Sam Lee", "email": "sam@example.org"}]}
    notified = await api.ok("POST", "/v1/health-notifications", 201, headers=health,
                            json=HEALTH | {"child": child})
    assert notified["case_id"] != held
    new = await api.ok("GET", f"/v1/cases/{notified['case_id']}")
    assert new["needs_reconciliation"] is True and new["reconcile_with_case_id"] == held
    assert new["nhs_number"] is None and "9434765919" in new["reconcile_reason"]
    assert [c["email"] for c in new["contacts"]] == ["sam@example.org"]
    received = await api.events("send.assessment.request.received.v1")
    assert [e["data"]["case_id"] for e in received] == [notified["case_id"]]
    kept_timeline = await api.ok("GET", f"/v1/cases/{held}/timeline")
    assert [i["type"] for i in kept_timeline["items"]] == ["send.assessment.case.opened.v1"]
    to_reconcile = await api.ok("GET", "/v1/cases", params={"needs_reconciliation": "true"})
    assert [c["id"] for c in to_reconcile["items"]] == [notified["case_id"]]


async def test_r1_15_a_notification_whose_nhs_number_and_birth_agree_is_the_kept_child(
        api: Api) -> None:
    held = (await api.ok("POST", "/v1/cases", 201, json=AMARA | {"date_of_birth": "2023-05-01"}
                         ))["id"]
    health = api.system.token("health", org="RJ1")
    child = {"given_name": "Amarachi", "family_name": "Okafor", "date_of_birth": "2023-05-01",
             "nhs_number": "9434765919"}
    under_5 = await api.ok("POST", "/v1/health-notifications", 201, headers=health,
                           json=HEALTH | {"child": child})
    assert under_5["case_id"] == held


async def test_r1_15_a_notification_like_a_kept_child_without_its_identifier_is_reconciled(
        api: Api) -> None:
    held = (await api.ok("POST", "/v1/cases", 201, json=AMARA | {"date_of_birth": "2022-06-01"}
                         ))["id"]
    health = api.system.token("health", org="RJ1")
    child = {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2022-06-01"}
    notified = await api.ok("POST", "/v1/health-notifications", 201, headers=health,
                            json=HEALTH | {"child": child})
    new = await api.ok("GET", f"/v1/cases/{notified['case_id']}")
    assert new["reconcile_with_case_id"] == held
    assert new["reconcile_reason"] == f"same name and date of birth as case {held}"


@pytest.mark.parametrize("child, field", [
    ({"date_of_birth": "2026-03-03"}, "date_of_birth"),
    ({"date_of_birth": "0001-01-01"}, "date_of_birth"),
    ({"given_name": " "}, "given_name"),
])
async def test_r1_15_a_notification_with_a_bad_child_writes_nothing(
        api: Api, child: dict[str, Any], field: str) -> None:
    health = api.system.token("health", org="RJ1")
    body = HEALTH | {"child": {"given_name": "Ada", "family_name": "Lee",
                               "date_of_birth": "2023-05-01"} | child}
    before = await row_counts(api)
    problem = await api.fails("POST", "/v1/health-notifications", headers=health, json=body)
    assert field in {e["field"].rsplit(".", 1)[-1] for e in problem["errors"]}
    assert await row_counts(api) == before


def legacy(ref: str, **row: Any) -> dict[str, Any]:
    return {"legacy_ref": ref, "given_name": "Amara", "family_name": "Okafor",
            "date_of_birth": "2019-03-14", "issued_on": "2024-01-10"} | row


async def test_a_legacy_import_attaches_to_a_kept_child_only_when_upn_and_birth_agree(
        api: Api) -> None:
    held = (await api.ok("POST", "/v1/cases", 201, json=AMARA))["id"]
    rows = [legacy("L1", upn="N201100026001"),  # the kept child: the plan goes on its case
            legacy("L2", upn="N201100026001", given_name="Tom"),  # that UPN again in the file
            legacy("L3", upn="C201100026002"),  # a new child, no case held
            legacy("L4", upn="C201100026002", date_of_birth="2018-01-01")]  # repeated
    imported = await api.ok("POST", "/v1/legacy-imports", 201,
                            json={"format": "json", "rows": rows})
    by_ref = {r["legacy_ref"]: r for r in imported["report"]}
    assert by_ref["L1"]["outcome"] == "accepted" and by_ref["L1"]["case_id"] == held
    assert by_ref["L2"]["outcome"] == by_ref["L4"]["outcome"] == "rejected"
    assert by_ref["L2"]["errors"] == [{"field": "upn", "message": "the same UPN as row 1"}]
    case = await api.ok("GET", f"/v1/cases/{held}")
    assert case["has_plan"] is True
    found = await api.ok("GET", "/v1/cases", params={"upn": "C201100026002"})
    assert found["total"] == 1 and found["items"][0]["needs_reconciliation"] is False


async def test_a_legacy_row_naming_another_childs_upn_opens_a_case_to_reconcile(
        api: Api) -> None:
    held = (await api.ok("POST", "/v1/cases", 201, json=AMARA))["id"]
    imported = await api.ok("POST", "/v1/legacy-imports", 201, json={"format": "json", "rows": [
        legacy("L9", upn="N201100026001", date_of_birth="2017-07-07")]})
    [row] = imported["report"]
    assert row["outcome"] == "accepted" and row["reconcile_with_case_id"] == held
    [new] = (await api.ok("GET", "/v1/cases", params={"needs_reconciliation": "true"}))["items"]
    assert new["upn"] is None and new["date_of_birth"] == "2017-07-07"
    assert (await api.ok("GET", f"/v1/cases/{held}"))["has_plan"] is False


@pytest.mark.parametrize("row, field", [
    ({"date_of_birth": "2026-03-03", "issued_on": "2026-03-03"}, "date_of_birth"),
    ({"date_of_birth": "0001-01-01"}, "date_of_birth"),
    ({"issued_on": "9999-12-31"}, "issued_on"),
    ({"family_name": "  "}, "family_name"),
])
async def test_a_legacy_row_with_a_date_out_of_range_is_rejected_naming_the_column(
        api: Api, row: dict[str, Any], field: str) -> None:
    imported = await api.ok("POST", "/v1/legacy-imports", 201,
                            json={"format": "json", "rows": [legacy("L5", **row)]})
    [result] = imported["report"]
    assert result["outcome"] == "rejected"
    assert [e["field"] for e in result["errors"]] == [field]
    assert (await api.ok("GET", "/v1/cases"))["total"] == 0
