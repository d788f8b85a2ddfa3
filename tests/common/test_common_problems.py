"""RFC 9457 problem+json for every error a client can see, field-level 422s, no stack
traces, never a 500 for bad input — on a real service app (assessment on Postgres)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI, HTTPException
from sqlalchemy import func, select

from assessment.bootstrap import metadata as assessment_metadata
from assessment.cases import service as assessment_service
from assessment.cases.schemas import CaseCreate
from common.auth import LaStaff
from common.clock import FixedClock
from common.runtime import ServiceRuntime
from common.web import Runtime, create_service_app
from sendsys.services import SPECS
from tests.harness import LA, truncate_all
from tests.harness import test_settings as settings_for

CASE = {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14"}
SECRET_DETAIL = "connection to db-primary.internal:5432 password=hunter2 failed"


@pytest.fixture
async def pg_url(migrated_postgres: str) -> str:
    """The migrated database, emptied (the fast way) before each test."""
    await truncate_all(migrated_postgres)
    return migrated_postgres


def boom_routes(app: FastAPI) -> None:
    """Routes added to the app under test only (services are left alone)."""

    async def boom(runtime: Runtime, principal: LaStaff) -> dict[str, str]:
        async with runtime.unit_of_work() as uow:
            await assessment_service.open_case(uow, principal, CaseCreate(**CASE))
            raise RuntimeError(SECRET_DETAIL)  # after the state change and the emit

    async def teapot() -> None:
        raise HTTPException(400, "The query string is malformed")

    app.add_api_route("/test/boom", boom, methods=["POST"])
    app.add_api_route("/test/bad-request", teapot, methods=["GET"])


@pytest.fixture
async def app_client(pg_url: str, fixed_clock: FixedClock) -> AsyncIterator[
        tuple[httpx.AsyncClient, ServiceRuntime]]:
    settings = settings_for(pg_url)
    runtime = ServiceRuntime(SPECS["assessment"](), settings, fixed_clock)
    app = create_service_app(runtime.spec, settings, fixed_clock, runtime=runtime)
    boom_routes(app)
    await runtime.start(background=False)
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://assessment.test") as client:
        client.headers.update(_token(settings))
        yield client, runtime
    await runtime.stop()


def _token(settings: Any) -> dict[str, str]:
    from common.auth import mint_token
    from common.clock import SystemClock
    token = mint_token(settings, la_code=LA, roles=["la_caseworker"], now=SystemClock().now())
    return {"Authorization": f"Bearer {token}"}


def assert_problem(response: httpx.Response, status: int) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == "application/problem+json"
    body = response.json()
    assert {"type", "title", "status", "detail", "instance"} <= body.keys(), body
    assert body["status"] == status
    assert body["type"].startswith("https://")
    assert body["title"] and body["detail"]
    assert body["instance"] == response.request.url.path
    return dict(body)


async def table_counts(runtime: ServiceRuntime) -> dict[str, int]:
    counts = {}
    async with runtime.engine.connect() as conn:
        for name, table in assessment_metadata.tables.items():
            counts[name] = int(await conn.scalar(select(func.count()).select_from(table)) or 0)
    return counts


async def test_400_401_403_404_409_422_are_problems(app_client: Any) -> None:
    client, runtime = app_client
    assert_problem(await client.get("/test/bad-request"), 400)
    assert_problem(await client.get("/v1/cases/x", headers={"Authorization": ""}), 401)
    assert_problem(await client.post("/ops/deadlines/sweep", json={}), 403)
    assert_problem(await client.get("/no/such/route"), 404)
    assert_problem(await client.get("/v1/cases/00000000-0000-4000-8000-000000000000"), 404)
    assert_problem(await client.delete("/healthz"), 405)

    case_id = (await client.post("/v1/cases", json=CASE)).json()["id"]
    request = (await client.post(f"/v1/cases/{case_id}/requests", json={
        "requester_type": "parent", "received_on": "2026-03-02"})).json()
    decision = {"decision": "assess", "decided_on": "2026-03-02"}
    assert (await client.post(f"/v1/requests/{request['id']}/decision",
                              json=decision)).status_code == 200
    before = await table_counts(runtime)
    conflict = assert_problem(await client.post(f"/v1/requests/{request['id']}/decision",
                                                json=decision), 409)
    assert conflict["type"].endswith("already-decided")
    assert await table_counts(runtime) == before


async def test_422_has_field_level_errors_and_changes_nothing(app_client: Any) -> None:
    client, runtime = app_client
    before = await table_counts(runtime)
    body = assert_problem(await client.post("/v1/cases", json={
        "family_name": "", "date_of_birth": "not-a-date", "setting_urn": "12"}), 422)
    fields = {e["field"] for e in body["errors"]}
    assert {"body.given_name", "body.family_name", "body.date_of_birth",
            "body.setting_urn"} <= fields
    assert all({"field", "message", "code"} <= e.keys() for e in body["errors"])
    query = assert_problem(await client.get("/v1/deadlines", params={"limit": "0"}), 422)
    assert [e["field"] for e in query["errors"]] == ["query.limit"]
    assert await table_counts(runtime) == before


async def test_bad_json_is_never_a_500(app_client: Any) -> None:
    client, runtime = app_client
    for content in (b"{not json", b"", b"[1, 2", b"\xff\xfe", b"null", b'"a string"', b"[]"):
        response = await client.post("/v1/cases", content=content,
                                     headers={"content-type": "application/json"})
        assert 400 <= response.status_code < 500, (content, response.text)
        assert_problem(response, response.status_code)
    assert (await table_counts(runtime))["case"] == 0


async def test_unexpected_exception_is_500_problem_without_stack_trace_or_state(
        app_client: Any, caplog: pytest.LogCaptureFixture) -> None:
    client, runtime = app_client
    response = await client.post("/test/boom")
    body = assert_problem(response, 500)
    text = response.text
    assert "Traceback" not in text and "hunter2" not in text and "RuntimeError" not in text
    assert "changed nothing" in body["detail"]
    assert not set(body) - {"type", "title", "status", "detail", "instance"}
    # rolled back: no case, no contact, no outbox row
    assert all(n == 0 for n in (await table_counts(runtime)).values())
    assert any("unhandled error" in r.getMessage() for r in caplog.records)
