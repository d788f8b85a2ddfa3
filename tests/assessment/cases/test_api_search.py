"""Finding a child (issue 14, item 6): `GET /v1/cases` by name (any case, any accents, a
prefix of the given or family name), date of birth, UPN, ULN, NHS number, caseworker, team,
stage and open deadlines; paged; within the caller's LA; a family finds only its own."""

from __future__ import annotations

from typing import Any

import pytest

from tests.assessment.conftest import Api


async def open_case(api: Api, given: str, family: str, born_on: str = "2019-03-14",
                    **extra: Any) -> str:
    body = {"given_name": given, "family_name": family, "date_of_birth": born_on} | extra
    return (await api.ok("POST", "/v1/cases", 201, json=body))["id"]


async def found(api: Api, headers: dict[str, str] | None = None, **params: Any) -> list[str]:
    page = await api.ok("GET", "/v1/cases", headers=headers, params=params)
    return [c["family_name"] + "/" + c["given_name"] for c in page["items"]]


@pytest.fixture
async def children(api: Api) -> dict[str, str]:
    return {
        "zoe": await open_case(api, "Zoë", "Núñez-Okafor", "2015-09-01", team="north",
                               caseworker_id="cw-1", nhs_number="9434765919"),
        "amara": await open_case(api, "Amara", "Okafor", "2019-03-14", team="north",
                                 caseworker_id="cw-2", upn="N201100026001"),
        "obrien": await open_case(api, "Siobhán", "O'Brien", "2012-11-30", team="south",
                                  caseworker_id="cw-1", uln="1234567805"),
        "zac": await open_case(api, "Zac", "Smith", "2019-03-14", team="south"),
    }


@pytest.mark.parametrize("name, expected", [
    ("oka", ["Núñez-Okafor/Zoë", "Okafor/Amara"]),  # a prefix of a family name's word
    ("OKAFOR", ["Núñez-Okafor/Zoë", "Okafor/Amara"]),
    ("nunez", ["Núñez-Okafor/Zoë"]),  # no accents typed, accents stored
    ("Zoë", ["Núñez-Okafor/Zoë"]),
    ("z", ["Núñez-Okafor/Zoë", "Smith/Zac"]),  # given names too
    ("zo okaf", ["Núñez-Okafor/Zoë"]),  # every word must match
    ("obri", ["O'Brien/Siobhán"]),
    ("o'bri", ["O'Brien/Siobhán"]),
    ("siobhan", ["O'Brien/Siobhán"]),
    ("kafor", []),  # the middle of a word is not a prefix
    ("100%", []),  # LIKE wildcards are text
])
async def test_search_by_name_ignores_case_and_accents(api: Api, children: dict[str, str],
                                                       name: str, expected: list[str]) -> None:
    assert await found(api, name=name) == expected


@pytest.mark.parametrize("params, expected", [
    ({"date_of_birth": "2019-03-14"}, ["Okafor/Amara", "Smith/Zac"]),
    ({"upn": "n201100026001"}, ["Okafor/Amara"]),
    ({"uln": "1234567805"}, ["O'Brien/Siobhán"]),
    ({"nhs_number": "943 476 5919"}, ["Núñez-Okafor/Zoë"]),
    ({"caseworker_id": "cw-1"}, ["Núñez-Okafor/Zoë", "O'Brien/Siobhán"]),
    ({"team": "south"}, ["O'Brien/Siobhán", "Smith/Zac"]),
    ({"team": "north", "name": "amara"}, ["Okafor/Amara"]),
    ({"team": "east"}, []),
])
async def test_search_by_birth_identifier_caseworker_and_team(
        api: Api, children: dict[str, str], params: dict[str, Any], expected: list[str]) -> None:
    assert await found(api, **params) == expected


async def test_search_by_stage_and_open_deadlines(api: Api, children: dict[str, str]) -> None:
    await api.request(children["amara"], "2026-01-05")  # decision due 16 Feb: overdue
    zac_request = await api.request(children["zac"], "2026-03-02")
    await api.ok("POST", f"/v1/requests/{zac_request['id']}/decision",
                 json={"decision": "assess", "decided_on": "2026-03-02"})
    assert await found(api, stage="awaiting_decision") == ["Okafor/Amara"]
    assert await found(api, stage="assessing") == ["Smith/Zac"]
    assert await found(api, stage="plan_maintained") == []
    assert await found(api, has_open_deadlines="true") == ["Okafor/Amara", "Smith/Zac"]
    assert await found(api, has_open_deadlines="false") == [
        "Núñez-Okafor/Zoë", "O'Brien/Siobhán"]
    assert await found(api, overdue="true") == ["Okafor/Amara"]
    assert await found(api, open_deadline_kind="issue_final_plan") == ["Smith/Zac"]
    await api.fails("GET", "/v1/cases", params={"stage": "dreaming"})
    await api.fails("GET", "/v1/cases", params={"date_of_birth": "0001-01-01"})


async def test_search_pages_in_name_order(api: Api, children: dict[str, str]) -> None:
    first = await api.ok("GET", "/v1/cases", params={"limit": 3})
    assert first["total"] == 4 and first["total_is_exact"] is True
    assert [c["family_name"] for c in first["items"]] == ["Núñez-Okafor", "O'Brien", "Okafor"]
    rest = await api.ok("GET", "/v1/cases", params={"limit": 3, "offset": 3})
    assert [c["id"] for c in rest["items"]] == [children["zac"]]
    item = first["items"][0]
    assert item == {"id": children["zoe"], "given_name": "Zoë", "family_name": "Núñez-Okafor",
                    "date_of_birth": "2015-09-01", "upn": None, "uln": None,
                    "nhs_number": "9434765919", "caseworker_id": "cw-1", "team": "north",
                    "needs_reconciliation": False}
    await api.fails("GET", "/v1/cases", params={"limit": 0})


async def test_search_stays_in_the_callers_la_and_a_family_finds_only_its_own(
        api: Api, children: dict[str, str]) -> None:
    other_la = api.system.token("la_caseworker", la="202")
    assert await found(api, headers=other_la) == []
    parent = api.system.token("parent", cases=(children["amara"],))
    assert await found(api, headers=parent) == ["Okafor/Amara"]
    assert await found(api, headers=parent, name="zoe") == []
    await api.fails("GET", "/v1/cases", 403, headers=api.system.token("health", org="RJ1"))
    await api.fails("GET", "/v1/cases", 401, headers={"Accept": "application/json"})


async def test_search_on_sqlite(sqlite_api: Api) -> None:
    """The same folded words on SQLite (the one-machine run)."""
    await open_case(sqlite_api, "Zoë", "Núñez", "2015-09-01")
    await open_case(sqlite_api, "Amara", "Okafor")
    assert await found(sqlite_api, name="NUN") == ["Núñez/Zoë"]
    assert await found(sqlite_api, name="zoe nu") == ["Núñez/Zoë"]
    assert await found(sqlite_api, name="oka") == ["Okafor/Amara"]
    assert await found(sqlite_api, date_of_birth="2019-03-14") == ["Okafor/Amara"]
