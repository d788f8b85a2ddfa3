"""Hostile inputs (issue 11, "Hostile input and access"; item 6), table-driven against
every service on both backends: each is refused with a 4xx problem naming the field, never
a 500 and never half written."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from common.auth import mint_token
from common.clock import SystemClock
from sendsys.services import SPECS
from tests.harness import LA, System
from tests.mediation.mediation_support import PARENT, known_case

BIG = 2**63  # one past the largest BIGINT: overflowed the driver (500)


@dataclass(frozen=True)
class Hostile:
    name: str
    method: str
    path: str
    expect: int
    field: str | None = None
    params: dict[str, str] = dataclasses.field(default_factory=dict)
    json: Any = None
    roles: tuple[str, ...] = ("la_caseworker",)


def _list_paths(openapi: dict[str, Any]) -> list[str]:
    """Every GET route of a service that pages with `offset`."""
    return [path for path, item in openapi["paths"].items()
            if any(p["name"] == "offset" for p in item.get("get", {}).get("parameters", []))]


async def _table(system: System, service: str) -> list[Hostile]:
    http = system.clients[service]
    openapi = (await http.get("/openapi.json")).json()
    rows = [Hostile(f"offset 2^63 on {path}", "GET", path, 422, "query.offset",
                    params={"offset": str(BIG)})
            for path in _list_paths(openapi) if "{" not in path]
    rows += [
        Hostile("dead-letter replay with a huge id", "POST",
                f"/ops/dead-letters/{BIG * 10}/replay", 422, "path.dead_letter_id",
                roles=("platform_ops",)),
        Hostile("dead-letter replay with the largest id", "POST",
                f"/ops/dead-letters/{BIG - 1}/replay", 404, roles=("platform_ops",)),
        Hostile("NUL in a query parameter", "GET", "/ops/dead-letters", 422, "query.topic",
                params={"topic": "a\x00b"}, roles=("platform_ops",)),
        Hostile("NUL in the path", "POST", "/ops/dead-letters/1%00/replay", 422,
                "path.dead_letter_id", roles=("platform_ops",)),
        Hostile("NUL in a JSON body", "POST", "/ops/deadlines/sweep", 422, "body.as_of",
                json={"as_of": "2026-01-01\x00"}, roles=("platform_ops",)),
    ]
    if service == "mediation":
        rows += await _mediation_rows(system)
    return rows


async def _mediation_rows(system: System) -> list[Hostile]:
    case_id = await known_case(system)
    opening = {"case_id": case_id, "decision_kind": "refuse_assessment",
               "decided_on": "2026-03-02", "notified_on": "2026-03-02",
               "appellants": [PARENT]}
    return [
        Hostile("decided_on 0001-01-01", "POST", "/v1/mediation-cases", 422,
                "body.decided_on", json=opening | {"decided_on": "0001-01-01"}),
        Hostile("notified_on 9999-12-31", "POST", "/v1/mediation-cases", 422,
                "body.notified_on", json=opening | {"notified_on": "9999-12-31"}),
        Hostile("disagreement requested 9999-12-31", "POST", "/v1/disagreement-resolutions",
                422, "body.requested_on", json={
                    "case_id": case_id, "requested_on": "9999-12-31",
                    "requested_by": "Parent", "subject": "transport", "parties": ["la"]}),
        Hostile("NUL in an appellant's name", "POST", "/v1/mediation-cases", 422,
                "body.appellants.0.name",
                json=opening | {"appellants": [{"name": "Ngozi\x00Okafor"}]}),
        Hostile("an appellant's name longer than its column", "POST", "/v1/mediation-cases",
                422, "body.appellants.0.name", json=opening | {"appellants": [
                    {"name": "N" * 201}]}),
        Hostile("a case id longer than its column", "POST", "/v1/mediation-cases", 422,
                "body.case_id", json=opening | {"case_id": "c" * 37}),
        Hostile("NUL in a mediation case id", "GET", "/v1/mediation-cases/abc%00def", 422,
                "path.mediation_case_id"),
    ]


def _named_field(response: httpx.Response) -> list[str]:
    return [e.get("field") for e in response.json().get("errors", [])]


@pytest.mark.parametrize("service", list(SPECS))
async def test_hostile_inputs_are_refused_as_problems_naming_the_field(
        system: System, service: str) -> None:
    """Issue 11: offset ≥ 2^63 on every list, dead-letter replay with a huge id, NUL bytes
    in body, query and path, dates where date arithmetic overflows, strings longer than
    their columns: each a 4xx problem naming the field, on Postgres and SQLite."""
    http = system.clients[service]
    outcomes = []
    for row in await _table(system, service):
        response = await http.request(row.method, row.path, params=row.params,
                                      json=row.json, headers=system.token(*row.roles))
        named = _named_field(response) if response.status_code == 422 else []
        got_field = row.field is None or row.field in named
        outcomes.append((row.name, response.status_code, got_field,
                         response.headers.get("content-type")))
        if response.status_code != row.expect or not got_field:
            raise AssertionError(f"{service}: {row.name}: {response.status_code} "
                                 f"{response.text[:300]}")
    assert all(ct == "application/problem+json" for *_, ct in outcomes), outcomes


async def test_nothing_is_half_written_by_a_refused_mediation_case(system: System) -> None:
    http = system.clients["mediation"]
    case_id = await known_case(system)
    refused = await http.post("/v1/mediation-cases", headers=system.token(), json={
        "case_id": case_id, "decision_kind": "refuse_assessment",
        "decided_on": "2026-03-02", "notified_on": "2026-03-02",
        "appellants": [{"name": "A"}, {"name": "B\x00"}]})
    assert refused.status_code == 422
    listed = await http.get("/v1/mediation-cases", headers=system.token())
    assert listed.json()["total"] == 0


@pytest.mark.parametrize("claims", [
    {"subject": "s" * 151}, {"org_code": "O" * 21}, {"case_ids": ("c" * 37,)},
    {"subject": "nul\x00byte"},
], ids=["subject", "org", "case-id", "nul-subject"])
async def test_token_claims_longer_than_the_tables_hold_are_refused_401(
        system: System, claims: dict[str, Any]) -> None:
    token = mint_token(system.settings, la_code=LA, roles=("la_caseworker",),
                       now=SystemClock().now(), **claims)
    response = await system.clients["mediation"].get(
        "/v1/mediation-cases", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401, response.text
    assert response.json()["type"].endswith("invalid-token")


@pytest.mark.parametrize("service", list(SPECS))
async def test_a_body_over_the_limit_is_413(system: System, service: str) -> None:
    """No request body limit: 20 MB were accepted (issue 11). 1 MB by default."""
    big = b'{"x": "' + b"a" * 1_100_000 + b'"}'
    response = await system.clients[service].post(
        "/ops/deadlines/sweep", content=big, headers=system.token("platform_ops")
        | {"content-type": "application/json"})
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["limit_bytes"] == 1_000_000


async def test_import_endpoints_take_larger_bodies(system: System) -> None:
    big = b'{"x": "' + b"a" * 1_100_000 + b'"}'
    response = await system.clients["assessment"].post(
        "/v1/plans/import", content=big, headers=system.token()
        | {"content-type": "application/json"})
    assert response.status_code not in (413, 500), response.text[:300]


async def test_a_streamed_body_over_the_limit_is_413(system: System) -> None:
    async def chunks():
        for _ in range(12):
            yield b"a" * 100_000

    response = await system.clients["mediation"].post(
        "/v1/mediation-cases", content=chunks(), headers=system.token()
        | {"content-type": "application/json"})
    assert response.status_code == 413


async def test_a_legacy_import_row_longer_than_its_columns_is_no_server_error(
        system: System) -> None:
    """Issue 11: on Postgres, strings longer than their columns in legacy import made the
    whole import a 500 (a regression guard: the assessment service bounds its rows)."""
    response = await system.clients["assessment"].post(
        "/v1/legacy-imports", headers=system.token(), json={"format": "json", "rows": [
            {"legacy_ref": "L" * 500, "given_name": "G" * 5000, "family_name": "F" * 5000,
             "date_of_birth": "2012-05-01", "issued_on": "2020-01-10"}]})
    assert response.status_code < 500, response.text[:300]
    if response.status_code >= 400:
        assert response.headers["content-type"] == "application/problem+json"
