"""Bearer tokens, roles and tenancy through a real service (assessment on Postgres)."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from typing import Any

import jwt
import pytest

from common.auth import mint_token
from common.clock import SystemClock
from sendsys.cli import main as sendsys_main
from tests.harness import LA, OTHER_LA, System, truncate_all

CASE = {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14",
        "different_child": True}  # several children of the same name and birthday


@pytest.fixture
async def pg_url(migrated_postgres: str) -> str:
    """The migrated database, emptied (the fast way) before each test."""
    await truncate_all(migrated_postgres)
    return migrated_postgres


async def open_case(system: System) -> str:
    response = await system.clients["assessment"].post(
        "/v1/cases", headers=system.token("la_caseworker"), json=CASE)
    assert response.status_code == 201, response.text
    return str(response.json()["id"])


def bearer(token: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {token}"}


def raw_token(system: System, claims: dict[str, Any], secret: str | None = None) -> str:
    settings = system.settings
    now = SystemClock().now()
    body = {"sub": "someone", "iss": settings.jwt_issuer, "aud": settings.jwt_audience,
            "iat": int(now.timestamp()), "exp": int((now + timedelta(hours=1)).timestamp()),
            **claims}
    return jwt.encode({k: v for k, v in body.items() if v is not None},
                      secret or settings.jwt_secret.get_secret_value(), algorithm="HS256")


def assert_problem(response: Any, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys()
    assert body["status"] == status
    return dict(body)


async def test_valid_token_gives_a_principal_that_reads_its_case(pg_system: System) -> None:
    case_id = await open_case(pg_system)
    response = await pg_system.clients["assessment"].get(
        f"/v1/cases/{case_id}", headers=pg_system.token("la_caseworker"))
    assert response.status_code == 200
    assert response.json()["la_code"] == LA


def _bad_tokens(system: System) -> dict[str, str]:
    settings = system.settings
    long_ago = SystemClock().now() - timedelta(days=2)
    return {
        "expired": mint_token(settings, la_code=LA, roles=["la_caseworker"], now=long_ago,
                              lifetime=timedelta(hours=1)),
        "wrong issuer": mint_token(settings.model_copy(update={"jwt_issuer": "elsewhere"}),
                                   la_code=LA, roles=["la_caseworker"], now=SystemClock().now()),
        "wrong audience": mint_token(settings.model_copy(update={"jwt_audience": "other-app"}),
                                     la_code=LA, roles=["la_caseworker"],
                                     now=SystemClock().now()),
        "wrong signature": raw_token(system, {"la": LA, "roles": ["la_caseworker"]},
                                     secret="another-secret-of-a-decent-length-0123456789"),
        "missing la": raw_token(system, {"roles": ["la_caseworker"]}),
        "malformed la": raw_token(system, {"la": "2O1", "roles": ["la_caseworker"]}),
        "missing roles": raw_token(system, {"la": LA}),
        "unknown roles only": raw_token(system, {"la": LA, "roles": ["superuser"]}),
        "missing sub": raw_token(system, {"sub": None, "la": LA, "roles": ["la_caseworker"]}),
        "not a jwt": "not.a.jwt",
    }


async def test_refused_tokens_get_401_problem_with_www_authenticate(pg_system: System) -> None:
    case_id = await open_case(pg_system)
    client = pg_system.clients["assessment"]
    for name, token in _bad_tokens(pg_system).items():
        response = await client.get(f"/v1/cases/{case_id}", headers=bearer(token))
        assert_problem(response, 401)
        assert response.headers.get("www-authenticate", "").startswith("Bearer"), name
    for headers in ({}, {"Authorization": "Basic dXNlcjpwYXNz"}, {"Authorization": "Bearer"}):
        response = await client.get(f"/v1/cases/{case_id}", headers=headers)
        assert_problem(response, 401)
        assert response.headers["www-authenticate"] == "Bearer"


async def test_refused_token_changes_nothing(pg_system: System) -> None:
    bad = _bad_tokens(pg_system)["wrong signature"]
    response = await pg_system.clients["assessment"].post("/v1/cases", headers=bearer(bad),
                                                          json=CASE)
    assert_problem(response, 401)
    assert await pg_system.outbox_events("assessment") == []


async def test_role_not_allowed_is_403(pg_system: System) -> None:
    response = await pg_system.clients["assessment"].post(
        "/v1/cases", headers=pg_system.token("parent", cases=("x",)), json=CASE)
    body = assert_problem(response, 403)
    assert "la_caseworker" in body["detail"]
    assert await pg_system.outbox_events("assessment") == []
    response = await pg_system.clients["mediation"].get(
        "/ops/dead-letters", headers=pg_system.token("la_caseworker"))
    assert_problem(response, 403)


async def test_another_las_token_gets_404_indistinguishable_from_missing(
        pg_system: System) -> None:
    case_id = await open_case(pg_system)
    client = pg_system.clients["assessment"]
    other = pg_system.token("la_caseworker", la=OTHER_LA)
    theirs = await client.get(f"/v1/cases/{case_id}", headers=other)
    missing_id = "00000000-0000-4000-8000-000000000000"
    missing = await client.get(f"/v1/cases/{missing_id}", headers=other)
    body, missing_body = assert_problem(theirs, 404), assert_problem(missing, 404)
    assert body["detail"].replace(case_id, "ID") == missing_body["detail"].replace(
        missing_id, "ID")
    assert body["type"] == missing_body["type"]
    changed = await client.put(f"/v1/cases/{case_id}/contacts", headers=other,
                               json={"contacts": []})
    assert_problem(changed, 404)
    request = await client.post(f"/v1/cases/{case_id}/requests", headers=other,
                                json={"requester_type": "parent", "received_on": "2026-03-02"})
    assert_problem(request, 404)
    events = await pg_system.outbox_events("assessment")
    assert [e["type"] for e in events] == ["send.assessment.case.opened.v1"]


async def test_family_token_sees_only_its_own_cases(pg_system: System) -> None:
    own, sibling = await open_case(pg_system), await open_case(pg_system)
    client = pg_system.clients["assessment"]
    parent = pg_system.token("parent", cases=(own,))
    assert (await client.get(f"/v1/cases/{own}", headers=parent)).status_code == 200
    assert_problem(await client.get(f"/v1/cases/{sibling}", headers=parent), 404)
    elsewhere = pg_system.token("parent", la=OTHER_LA, cases=(own,))
    assert_problem(await client.get(f"/v1/cases/{own}", headers=elsewhere), 404)


async def test_sendsys_token_cli_mints_a_token_the_app_accepts(
        pg_system: System, capsys: pytest.CaptureFixture[str],
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SENDSYS_JWT_SECRET", raising=False)
    case_id = await open_case(pg_system)
    await asyncio.to_thread(sendsys_main, ["token", "--la", LA, "--role", "la_caseworker"])
    token = capsys.readouterr().out.strip()
    claims = jwt.decode(token, options={"verify_signature": False})
    assert claims["la"] == LA and claims["roles"] == ["la_caseworker"]
    response = await pg_system.clients["assessment"].get(f"/v1/cases/{case_id}",
                                                         headers=bearer(token))
    assert response.status_code == 200, response.text

    await asyncio.to_thread(sendsys_main, ["token", "--la", LA, "--role", "parent",
                                           "--case", case_id])
    parent = capsys.readouterr().out.strip()
    response = await pg_system.clients["assessment"].get(f"/v1/cases/{case_id}",
                                                         headers=bearer(parent))
    assert response.status_code == 200, response.text


def test_sendsys_token_cli_refuses_without_the_dev_secret(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDSYS_JWT_SECRET", "k3Jx9vQ2mW7rT5yB8nC4fH6gL1pZ0sD-real")
    with pytest.raises(SystemExit, match="dev secret"):
        sendsys_main(["token", "--la", LA, "--role", "la_caseworker"])
    monkeypatch.delenv("SENDSYS_JWT_SECRET")
    with pytest.raises(SystemExit, match="unknown role"):
        sendsys_main(["token", "--la", LA, "--role", "wizard"])


@pytest.mark.parametrize("roles", [("health",), ("provider",), ("mediator",), ("ops",)])
def test_only_la_staff_and_the_family_see_a_case_record(roles: tuple[str, ...]) -> None:
    """Invariant 8: partners reach their own endpoints, never the case record."""
    from common.auth import Principal
    partner = Principal("p", "201", frozenset(roles), org_code="QWE")
    staff = Principal("s", "201", frozenset({"la_caseworker"}))
    parent = Principal("f", "201", frozenset({"parent"}), case_ids=frozenset({"c-1"}))
    assert not partner.may_see_case("201", "c-1")
    assert staff.may_see_case("201", "c-1") and not staff.may_see_case("202", "c-1")
    assert parent.may_see_case("201", "c-1") and not parent.may_see_case("201", "c-2")


class Clocks:
    """A wall clock and a monotonic clock the test moves by hand."""

    def __init__(self, wall: float) -> None:
        self.wall, self.mono = wall, 1000.0


def remembering_verifier(clocks: Clocks, **options: Any) -> Any:
    from common.auth import TokenVerifier
    from common.settings import Settings
    return TokenVerifier(Settings(env="test"), monotonic=lambda: clocks.mono,
                         wall_clock=lambda: clocks.wall, **options)


def token_expiring_in(seconds: int) -> tuple[str, float]:
    from common.settings import Settings
    now = SystemClock().now()
    token = mint_token(Settings(env="test"), la_code=LA, roles=("la_caseworker",), now=now,
                       lifetime=timedelta(seconds=seconds))
    return token, now.timestamp()


def test_a_checked_token_is_remembered_but_never_past_its_expiry() -> None:
    token, minted_at = token_expiring_in(60)
    clocks = Clocks(minted_at)
    verifier = remembering_verifier(clocks)
    first = verifier.verify(token)
    assert verifier.remembered(token) == first
    clocks.wall = minted_at + 59
    assert verifier.remembered(token) == first
    clocks.wall = minted_at + 61  # expired: forgotten, so the next use is checked in full
    assert verifier.remembered(token) is None


def test_a_remembered_token_is_checked_again_after_the_memory_window() -> None:
    token, minted_at = token_expiring_in(3600)
    clocks = Clocks(minted_at)
    verifier = remembering_verifier(clocks, remember_s=300)
    verifier.verify(token)
    clocks.mono += 299
    assert verifier.remembered(token) is not None
    clocks.mono += 2
    assert verifier.remembered(token) is None  # a withdrawn key stops counting within 300 s
    assert verifier.verify(token).la_code == LA  # checked afresh, and remembered again
    assert verifier.remembered(token) is not None


def test_the_memory_is_bounded_and_forgets_the_oldest() -> None:
    first, minted_at = token_expiring_in(3600)
    second, _ = token_expiring_in(3601)
    third, _ = token_expiring_in(3602)
    verifier = remembering_verifier(Clocks(minted_at), remember_at_most=2)
    for token in (first, second, third):
        verifier.verify(token)
    assert verifier.remembered(first) is None
    assert verifier.remembered(second) is not None and verifier.remembered(third) is not None


def test_a_bad_token_is_never_remembered() -> None:
    token, minted_at = token_expiring_in(60)
    verifier = remembering_verifier(Clocks(minted_at))
    tampered = token[:-2] + ("AA" if not token.endswith("AA") else "BB")
    from common.problems import Problem
    with pytest.raises(Problem):
        verifier.verify(tampered)
    assert verifier.remembered(tampered) is None
