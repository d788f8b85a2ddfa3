"""A caseworker reconciles a case opened from a health notification (R1.15) that may be a
child the LA keeps: another child (the mark cleared, corrected identifiers recorded), or the
kept case's child (every record moved to the kept case, this one closed as merged)."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from assessment.bootstrap import metadata
from assessment.cases.repository import STAYS_WITH_MERGED_CASE, case_keyed_tables
from tests.assessment.conftest import Api

KEPT = {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2022-06-01",
        "nhs_number": "943 476 5919", "caseworker_id": "cw-17", "team": "north",
        "contacts": [{"role": "parent", "name": "Ngozi Okafor", "email": "ngozi@example.org"}]}
HEALTH = {"parent_informed_on": "2026-02-20", "received_on": "2026-03-02"}
# The health body names the kept child's NHS number with another date of birth
NOTIFIED = {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2022-06-11",
            "nhs_number": "9434765919",
            "contacts": [{"role": "parent", "name": "Ngozi Okafor", "email": "ngozi@example.org"},
                         {"role": "carer", "name": "Chidi Okafor", "email": "chidi@example.org"}]}
ANOTHER_NHS_NUMBER = "4010232137"
SAME = {"outcome": "same_child", "note": "The health body had the date of birth wrong"}
DIFFERENT = {"outcome": "different_child", "note": "Checked with the health visitor"}


async def flagged_case(api: Api, child: dict[str, Any] | None = None) -> tuple[str, str, str]:
    """(kept case, case to reconcile, the notification's request)."""
    kept = (await api.ok("POST", "/v1/cases", 201, json=KEPT))["id"]
    notified = await api.ok("POST", "/v1/health-notifications", 201,
                            headers=api.system.token("health", org="RJ1"),
                            json=HEALTH | {"child": child or NOTIFIED})
    assert notified["case_id"] != kept
    return kept, notified["case_id"], notified["request_id"]


async def etag(api: Api, case_id: str) -> str:
    response = await api.http.get(f"/v1/cases/{case_id}", headers=api.staff())
    return response.headers["ETag"]


async def reconcile(api: Api, case_id: str, body: dict[str, Any], status: int = 200,
                    headers: dict[str, str] | None = None) -> dict:
    headers = (headers or api.staff()) | {"If-Match": await etag(api, case_id)}
    if status == 200:
        return await api.ok("POST", f"/v1/cases/{case_id}/reconciliation", headers=headers,
                            json=body)
    return await api.fails("POST", f"/v1/cases/{case_id}/reconciliation", status,
                           headers=headers, json=body)


async def to_reconcile(api: Api) -> list[str]:
    found = await api.ok("GET", "/v1/cases", params={"needs_reconciliation": "true"})
    return [c["id"] for c in found["items"]]


async def rows_of(api: Api, case_id: str) -> dict[str, int]:
    """Rows still keyed by `case_id` in every table that moves with a merge."""
    async with api.system.runtimes["assessment"].engine.connect() as conn:
        counts = {t.name: int(await conn.scalar(select(func.count()).select_from(t).where(
            t.c.case_id == case_id)) or 0) for t in case_keyed_tables()}
    return {name: n for name, n in counts.items() if n}


async def merge_with_records(api: Api) -> tuple[str, str, str, dict]:
    """R1.15's request on the case to reconcile, decided (so deadlines and advice hang off
    it), with SEN2 details, then reconciled as the kept case's child."""
    kept, case_id, request_id = await flagged_case(api)
    await api.request(kept, received_on="2026-01-05")
    assert await to_reconcile(api) == [case_id]
    await api.ok("POST", f"/v1/requests/{request_id}/decision",
                 json={"decision": "assess", "decided_on": "2026-03-02"})
    await api.ok("POST", f"/v1/requests/{request_id}/advice-requests", 201,
                 json={"advice_type": "education", "requested_on": "2026-03-02",
                       "recipient": {"kind": "school", "name": "Oak Nursery"}})
    await api.ok("PUT", f"/v1/cases/{case_id}/sen2-details",
                 json={"gender": "2", "sen_types": ["SLCN"]})
    merged = await reconcile(api, case_id, SAME)
    return kept, case_id, request_id, merged


async def test_r1_15_same_child_moves_every_record_to_the_kept_case(api: Api) -> None:
    kept, case_id, request_id, merged = await merge_with_records(api)
    assert (merged["merged_into_case_id"], merged["merged_on"]) == (kept, "2026-03-02")
    assert merged["needs_reconciliation"] is False and merged["reconcile_with_case_id"] is None
    # the request, its deadlines, its advice and the one-per-case SEN2 details now are the
    # kept case's, read through the API
    assert (await api.ok("GET", f"/v1/requests/{request_id}"))["case_id"] == kept
    advice = await api.ok("GET", f"/v1/requests/{request_id}/advice-requests")
    assert [a["case_id"] for a in advice["items"]] == [kept]
    deadlines = await api.deadlines(kept)
    assert len(deadlines) > 2 and {d["owner_caseworker_id"] for d in deadlines} == {"cw-17"}
    assert await api.deadlines(case_id) == []
    assert (await api.ok("GET", f"/v1/cases/{kept}/sen2-details"))["sen_types"] == ["SLCN"]
    timeline = [i["type"] for i in (await api.ok("GET", f"/v1/cases/{kept}/timeline"))["items"]
                if i["kind"] != "deadline"]
    assert timeline.count("send.assessment.request.received.v1") == 2
    assert {"case.to_reconcile", "case.merged"} <= set(timeline)
    own = (await api.ok("GET", f"/v1/cases/{case_id}/timeline"))["items"]
    assert [i["type"] for i in own] == ["case.reconciled"]
    assert own[0]["data"]["merged_into_case_id"] == kept
    # nothing of the merged case is left behind in any table that moves, but the note of
    # its merge
    assert await rows_of(api, case_id) == {"timeline_entry": 1}
    assert await to_reconcile(api) == []


async def test_r1_15_same_child_gives_the_kept_case_the_contacts_it_lacked(api: Api) -> None:
    kept, case_id, _, _ = await merge_with_records(api)
    read = await api.ok("GET", f"/v1/cases/{kept}")
    assert [c["email"] for c in read["contacts"]] == ["ngozi@example.org", "chidi@example.org"]
    changed = await api.events("send.assessment.contacts.changed.v1")
    assert [(e["subject"], [c["email"] for c in e["data"]["contacts"]]) for e in changed] == [
        (f"case/{kept}", ["ngozi@example.org", "chidi@example.org"])]


async def test_a_merged_case_is_read_with_its_pointer_and_changed_no_more(api: Api) -> None:
    kept, case_id, _, _ = await merge_with_records(api)
    read = await api.ok("GET", f"/v1/cases/{case_id}")
    assert read["merged_into_case_id"] == kept and read["nhs_number"] is None
    # a search lists the kept case, not the merged one
    found = await api.ok("GET", "/v1/cases", params={"name": "amara okafor"})
    assert [c["id"] for c in found["items"]] == [kept]
    problem = await api.fails("PUT", f"/v1/cases/{case_id}/contacts", 409,
                              headers=api.staff() | {"If-Match": await etag(api, case_id)},
                              json={"contacts": []})
    assert problem["type"].endswith("case-merged") and problem["merged_into_case_id"] == kept
    again = await reconcile(api, case_id, SAME, 409)
    assert again["type"].endswith("case-merged")
    # nor does it take a new request: the kept case does
    request = await api.fails("POST", f"/v1/cases/{case_id}/requests", 409,
                              headers=api.staff(),
                              json={"requester_type": "parent", "received_on": "2026-03-02"})
    assert request["type"].endswith("case-merged") and request["merged_into_case_id"] == kept


async def test_r1_15_same_child_takes_the_identifiers_the_kept_case_lacked(api: Api) -> None:
    """Same name and date of birth but no identifier shared: the notified UPN moves to the
    kept case, so the next notification naming it finds the kept child."""
    kept, case_id, _ = await flagged_case(api, KEPT | {
        "nhs_number": None, "upn": "N201100026001", "contacts": []})
    await reconcile(api, case_id, SAME)
    assert (await api.ok("GET", f"/v1/cases/{kept}"))["upn"] == "N201100026001"
    assert (await api.ok("GET", f"/v1/cases/{case_id}"))["upn"] is None
    found = await api.ok("GET", "/v1/cases", params={"upn": "N201100026001"})
    assert [c["id"] for c in found["items"]] == [kept]


async def test_cases_to_reconcile_with_a_merged_case_turn_to_the_kept_one(api: Api) -> None:
    kept, first, _ = await flagged_case(api)
    # a second notification, like the first case's child (name and birth) but without the
    # NHS number, is to be reconciled with the first case
    second = (await api.ok("POST", "/v1/health-notifications", 201,
                           headers=api.system.token("health", org="RJ1"),
                           json=HEALTH | {"received_on": "2026-03-01", "child": NOTIFIED | {
                               "nhs_number": None}}))["case_id"]
    assert (await api.ok("GET", f"/v1/cases/{second}"))["reconcile_with_case_id"] == first
    await reconcile(api, first, SAME)
    assert (await api.ok("GET", f"/v1/cases/{second}"))["reconcile_with_case_id"] == kept
    await reconcile(api, second, SAME)
    assert (await api.ok("GET", f"/v1/cases/{second}"))["merged_into_case_id"] == kept


async def test_same_child_with_colliding_requests_is_refused_and_writes_nothing(
        api: Api) -> None:
    """Both cases hold a health notification received on the same day: a child has one
    request of a kind a day, so a caseworker corrects one first."""
    kept = (await api.ok("POST", "/v1/cases", 201, json=KEPT))["id"]
    health = api.system.token("health", org="RJ1")
    on_kept = await api.ok("POST", "/v1/health-notifications", 201, headers=health,
                           json=HEALTH | {"child": KEPT})
    assert on_kept["case_id"] == kept
    notified = await api.ok("POST", "/v1/health-notifications", 201, headers=health,
                            json=HEALTH | {"child": NOTIFIED})
    case_id = notified["case_id"]
    before = await rows_of(api, case_id)
    problem = await reconcile(api, case_id, SAME, 409)
    assert problem["type"].endswith("request-collision")
    assert problem["collisions"] == [{"request_id": notified["request_id"],
                                      "kept_request_id": on_kept["request_id"]}]
    assert await rows_of(api, case_id) == before
    assert await to_reconcile(api) == [case_id]


async def test_r1_15_different_child_clears_the_mark_and_records_the_identifier(
        api: Api) -> None:
    kept, case_id, request_id = await flagged_case(api)
    assert await to_reconcile(api) == [case_id]
    settled = await api.ok("GET", "/v1/cases", params={"needs_reconciliation": "false"})
    assert [c["id"] for c in settled["items"]] == [kept]
    read = await reconcile(api, case_id, DIFFERENT | {
        "identifiers": {"nhs_number": "401 023 2137"}})
    assert read["needs_reconciliation"] is False and read["reconcile_with_case_id"] is None
    assert read["nhs_number"] == ANOTHER_NHS_NUMBER and read["merged_into_case_id"] is None
    assert (await api.ok("GET", f"/v1/requests/{request_id}"))["case_id"] == case_id
    timeline = (await api.ok("GET", f"/v1/cases/{case_id}/timeline"))["items"]
    [entry] = [i for i in timeline if i["type"] == "case.reconciled"]
    assert entry["data"] == {"outcome": "different_child", "note": DIFFERENT["note"],
                             "reconcile_with_case_id": kept,
                             "identifiers_recorded": ["nhs_number"]}
    assert await to_reconcile(api) == []


async def test_different_child_with_another_cases_identifier_is_refused(api: Api) -> None:
    kept, case_id, _ = await flagged_case(api)
    version = (await api.ok("GET", f"/v1/cases/{case_id}"))["version"]
    problem = await reconcile(api, case_id, DIFFERENT | {
        "identifiers": {"nhs_number": "9434765919"}}, 409)
    assert problem["existing_case_id"] == kept and problem["field"] == "nhs_number"
    read = await api.ok("GET", f"/v1/cases/{case_id}")
    assert read["needs_reconciliation"] is True and read["version"] == version


async def test_a_bad_identifier_or_one_for_the_same_child_is_a_422(api: Api) -> None:
    _, case_id, _ = await flagged_case(api)
    bad = await reconcile(api, case_id, DIFFERENT | {"identifiers": {"upn": "X1"}}, 422)
    assert [e["field"] for e in bad["errors"]] == ["upn"]
    await reconcile(api, case_id, SAME | {"identifiers": {"upn": "N201100026001"}}, 422)


async def test_a_case_not_marked_has_nothing_to_reconcile(api: Api) -> None:
    case_id = (await api.ok("POST", "/v1/cases", 201, json=KEPT))["id"]
    problem = await reconcile(api, case_id, DIFFERENT, 409)
    assert problem["type"].endswith("nothing-to-reconcile")


async def test_reconciling_needs_the_current_etag(api: Api) -> None:
    _, case_id, _ = await flagged_case(api)
    url = f"/v1/cases/{case_id}/reconciliation"
    await api.fails("POST", url, 428, json=SAME)
    stale = await api.fails("POST", url, 412, headers=api.staff() | {"If-Match": 'W/"0"'},
                            json=SAME)
    assert stale["current_etag"] == await etag(api, case_id)
    assert await to_reconcile(api) == [case_id]


async def test_another_las_staff_do_not_find_the_case(api: Api) -> None:
    _, case_id, _ = await flagged_case(api)
    await reconcile(api, case_id, SAME, 404, headers=api.system.token("la_caseworker",
                                                                      la="202"))
    assert await to_reconcile(api) == [case_id]


async def test_only_la_staff_reconcile(api: Api) -> None:
    _, case_id, _ = await flagged_case(api)
    for headers in (api.system.token("parent", cases=(case_id,)),
                    api.system.token("health", org="RJ1")):
        await reconcile(api, case_id, SAME, 403, headers=headers)
    await reconcile(api, case_id, DIFFERENT, headers=api.system.token("la_manager"))


async def test_r1_15_same_child_on_sqlite(sqlite_api: Api) -> None:
    api = sqlite_api
    kept, case_id, request_id, merged = await merge_with_records(api)
    assert merged["merged_into_case_id"] == kept
    assert (await api.ok("GET", f"/v1/requests/{request_id}"))["case_id"] == kept
    assert (await api.ok("GET", f"/v1/cases/{kept}/sen2-details"))["sen_types"] == ["SLCN"]
    assert await api.deadlines(case_id) == [] and await api.deadlines(kept)
    assert await rows_of(api, case_id) == {"timeline_entry": 1}


def test_the_tables_that_stay_with_a_merged_case_are_the_names_and_contacts() -> None:
    """Every other table keyed by a case moves; a table keyed by case under another column
    name would be missed, so none is."""
    moving = {t.name for t in case_keyed_tables()}
    assert STAYS_WITH_MERGED_CASE.isdisjoint(moving)
    keyed_otherwise = [f"{t.name}.{c.name}" for t in metadata.sorted_tables for c in t.c
                       if c.name != "case_id"
                       and any(fk.column.table.name == "case" for fk in c.foreign_keys)]
    assert keyed_otherwise == []
    assert {"assessment_request", "deadline", "timeline_entry", "advice_request", "plan",
            "review", "sen2_detail", "transfer"} <= moving
