"""Reads never lock (issue 9): every GET route of the assessment service answers while
another connection holds a row lock on every row of the service's tables.

The service's connections get a lock timeout for this test, so a GET that asked for a row
lock (FOR UPDATE / FOR SHARE) would fail instead of answering; one that only reads is not
affected by the locks at all. Plain row-level locks never block a plain SELECT in
PostgreSQL, so this holds whatever path a statement takes to the server."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import pytest
from sqlalchemy import event, select
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine

from assessment.bootstrap import ROUTERS, metadata
from tests.assessment.conftest import Api
from tests.assessment.plan_flow import issued
from tests.harness import LA

# every table a read of this service touches; the platform's outbox and inbox are left to
# the relay
LOCKED_TABLES = ("case", "case_name_token", "case_contact", "assessment_request", "advice_request",
                 "timeline_exception", "plan", "plan_version", "plan_comment",
                 "school_request", "review", "cease_proposal", "transfer", "timeline_entry",
                 "deadline", "education_record", "parent_carer_assessment", "sen2_detail")
HEALTH_BODY = {
    "child": {"given_name": "Ada", "family_name": "Lee", "date_of_birth": "2023-05-01",
              "nhs_number": "9434765919"},
    "parent_informed_on": "2026-02-20", "received_on": "2026-03-02"}


def get_routes() -> set[str]:
    return {route.path for router in ROUTERS for route in router.routes
            if "GET" in getattr(route, "methods", ())}


async def _every_kind_of_record(api: Api) -> dict[str, Any]:
    """A case with a request, advice, an exception, an issued plan with a comment, a review,
    a move out; and a health body's notification."""
    case_id, request_id, plan_id = await issued(api)
    advice_id = (await api.ok("GET", f"/v1/requests/{request_id}/advice-requests"))[
        "items"][0]["id"]
    await api.ok("POST", f"/v1/requests/{request_id}/exceptions", 201, json={
        "kind": "exceptional_personal_circumstances", "evidence": "bereavement"})
    await api.ok("POST", f"/v1/plans/{plan_id}/reviews", 201, json={
        "invited_on": "2026-02-10", "meeting_on": "2026-02-27"})
    move = await api.ok("POST", f"/v1/cases/{case_id}/moves-out", 201, json={
        "other_la_code": "999" if LA != "999" else "998", "moves_on": "2026-04-01",
        "learned_on": "2026-03-01"})
    await api.ok("POST", f"/v1/cases/{case_id}/education", 201, json={
        "kind": "school", "started_on": "2023-09-01"})
    await api.ok("POST", f"/v1/cases/{case_id}/parent-carer-assessments", 201, json={
        "carer_name": "Ngozi Okafor", "basis": "request", "identified_on": "2026-02-23"})
    await api.ok("PUT", f"/v1/cases/{case_id}/sen2-details", json={"sen_types": ["SLCN"]})
    health = api.system.token("health", org="RJ1")
    notified = await api.ok("POST", "/v1/health-notifications", 201, headers=health,
                            json=HEALTH_BODY)
    return {"case_id": case_id, "request_id": request_id, "plan_id": plan_id,
            "advice_id": advice_id, "transfer_id": move["id"],
            "notified_id": notified["request_id"], "health": health,
            "icb": api.system.token("health", org="QKK")}


def _reads(ids: dict[str, Any], staff: dict[str, str]) -> dict[str, tuple[str, dict, dict]]:
    """route path -> (url, query, headers) of one read of it."""
    case, request, plan = ids["case_id"], ids["request_id"], ids["plan_id"]
    return {
        "/v1/cases": ("/v1/cases", {"name": "oka", "stage": "plan_maintained",
                                    "has_open_deadlines": "true"}, staff),
        "/v1/cases/{case_id}": (f"/v1/cases/{case}", {}, staff),
        "/v1/cases/{case_id}/timeline": (f"/v1/cases/{case}/timeline", {}, staff),
        "/v1/cases/{case_id}/phase-pattern": (f"/v1/cases/{case}/phase-pattern", {}, staff),
        "/v1/requests/{request_id}": (f"/v1/requests/{request}", {}, staff),
        "/v1/requests/{request_id}/advice-requests":
            (f"/v1/requests/{request}/advice-requests", {}, staff),
        "/v1/requests/{request_id}/exceptions":
            (f"/v1/requests/{request}/exceptions", {}, staff),
        "/v1/advice-requests": ("/v1/advice-requests", {}, ids["icb"]),
        "/v1/advice-requests/{advice_id}": (f"/v1/advice-requests/{ids['advice_id']}", {},
                                            staff),
        "/v1/health-notifications/{request_id}":
            (f"/v1/health-notifications/{ids['notified_id']}", {}, ids["health"]),
        "/v1/deadlines": ("/v1/deadlines", {}, staff),
        "/v1/dashboard": ("/v1/dashboard", {}, staff),
        "/v1/reports/timeliness": ("/v1/reports/timeliness",
                                   {"from": "2025-01-01", "to": "2026-12-31"}, staff),
        "/v1/plans/{plan_id}": (f"/v1/plans/{plan}", {}, staff),
        "/v1/plans/{plan_id}/versions": (f"/v1/plans/{plan}/versions", {}, staff),
        "/v1/plans/{plan_id}/comments": (f"/v1/plans/{plan}/comments", {}, staff),
        "/v1/plans/{plan_id}/html": (f"/v1/plans/{plan}/html", {}, staff),
        "/v1/plans/{plan_id}/export": (f"/v1/plans/{plan}/export", {}, staff),
        "/v1/plans/{plan_id}/reviews": (f"/v1/plans/{plan}/reviews", {}, staff),
        "/v1/transfers/{transfer_id}": (f"/v1/transfers/{ids['transfer_id']}", {}, staff),
        "/v1/cases/{case_id}/education": (f"/v1/cases/{case}/education", {}, staff),
        "/v1/cases/{case_id}/parent-carer-assessments":
            (f"/v1/cases/{case}/parent-carer-assessments", {}, staff),
        "/v1/cases/{case_id}/sen2-details": (f"/v1/cases/{case}/sen2-details", {}, staff),
        "/v1/reports/sen2": ("/v1/reports/sen2", {"census_date": "2026-01-15"}, staff),
        "/v1/reports/sen2/{module}.csv": ("/v1/reports/sen2/person.csv",
                                          {"census_date": "2026-01-15"}, staff),
        "/v1/reports/active-plans": ("/v1/reports/active-plans", {}, staff),
    }


@asynccontextmanager
async def every_row_locked(engine: AsyncEngine) -> AsyncIterator[None]:
    """Another connection holds FOR UPDATE on every row of the service's tables; the
    service's connections (opened afresh) give up on a row lock after a short wait instead
    of queueing behind it."""

    def short_lock_wait(dbapi_connection: Any, _: Any) -> None:
        dbapi_connection.autocommit = True  # outside a transaction, or a rollback undoes it
        cursor = dbapi_connection.cursor()
        cursor.execute("SET lock_timeout = '500ms'")
        cursor.close()
        dbapi_connection.autocommit = False

    await engine.dispose()  # the service's connections are opened afresh, with the wait
    pool = engine.sync_engine.pool
    event.listen(pool, "connect", short_lock_wait)
    try:
        async with engine.connect() as locker:
            for name in LOCKED_TABLES:
                await locker.execute(select(metadata.tables[name]).with_for_update())
            yield
            await locker.rollback()
    finally:
        event.remove(pool, "connect", short_lock_wait)
        await engine.dispose()


async def test_issue9_every_get_route_answers_while_its_rows_are_locked(api: Api) -> None:
    """No GET route takes a row lock (FOR UPDATE / FOR SHARE): each answers 200 while
    another transaction holds every row. The routes are read from the service's routers,
    so a new GET route fails here until it is covered."""
    ids = await _every_kind_of_record(api)
    reads = _reads(ids, api.staff())
    assert set(reads) == get_routes()
    engine = api.system.runtimes["assessment"].engine
    async with every_row_locked(engine):
        async with engine.connect() as probe:  # the locks are held: a NOWAIT lock is refused
            with pytest.raises(DBAPIError, match="could not obtain lock"):
                await probe.execute(select(metadata.tables["plan"]).with_for_update(
                    nowait=True))
        for path, (url, query, headers) in reads.items():
            response = await api.http.get(url, params=query, headers=headers)
            assert response.status_code == 200, (path, response.text)
