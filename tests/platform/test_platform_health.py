"""/healthz, /readyz (database and bus, embedded and Kafka, broker down), /metrics and the
OpenAPI pages of every service."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI

from common.clock import FixedClock
from common.runtime import ServiceRuntime
from common.settings import Settings
from common.testing.waiting import eventually
from common.web import create_metrics_app, create_service_app
from sendsys.services import SPECS
from tests.harness import System
from tests.harness import test_settings as settings_for
from tests.platform.platform_support import PlatformSystem, fresh_kafka, running


def metric(text: str, name: str, service: str) -> float:
    match = re.search(rf'^{name}\{{service="{service}"\}} (\S+)$', text, re.MULTILINE)
    assert match, f"{name} for {service} not exported"
    return float(match.group(1))


async def test_health_and_readiness_on_embedded_bus(pg_system: System) -> None:
    for name, client in pg_system.clients.items():
        assert (await client.get("/healthz")).json() == {"status": "ok"}
        ready = await client.get("/readyz")
        assert ready.status_code == 200, name
        assert ready.json() == {"status": "ready", "checks": {"database": True, "bus": True}}


async def test_readiness_on_kafka_and_with_the_broker_down(pg_url: str,
                                                          fixed_clock: FixedClock) -> None:
    async with fresh_kafka() as bootstrap:
        live = PlatformSystem(settings_for(pg_url, bus="kafka", kafka=bootstrap), fixed_clock,
                              services=("assessment",))
        async with running(live):
            # a probe is asked again: the first may meet a connect slower than the check's
            # 1 s on a loaded machine
            client = live.clients["assessment"]

            async def answered_ready() -> httpx.Response | None:
                answer = await client.get("/readyz")
                return answer if answer.status_code == 200 else None

            answer = await eventually(answered_ready, timeout=10, message="never ready on Kafka")
            assert answer.json()["checks"] == {"database": True, "bus": True}
    dead = PlatformSystem(settings_for(pg_url, bus="kafka", kafka="127.0.0.1:1"), fixed_clock,
                          services=("assessment", "mediation"))
    async with running(dead):
        for name in dead.services:
            client = dead.clients[name]
            assert (await client.get("/healthz")).status_code == 200  # alive all the same
            ready = await client.get("/readyz")
            assert ready.status_code == 503, name
            assert ready.json() == {"status": "not ready",
                                    "checks": {"database": True, "bus": False}}


async def test_readiness_fails_when_the_database_is_unreachable(
        fixed_clock: FixedClock) -> None:
    broken = PlatformSystem(settings_for("postgresql+asyncpg://nobody@127.0.0.1:1/none"),
                            fixed_clock, services=("assessment",))
    async with running(broken):
        ready = await broken.clients["assessment"].get("/readyz")
        assert ready.status_code == 503
        assert ready.json()["checks"] == {"database": False, "bus": True}


async def test_metrics_are_exported(pg_system: System) -> None:
    assessment = pg_system.clients["assessment"]
    staff = pg_system.token("la_caseworker")
    case = await assessment.post("/v1/cases", headers=staff, json={
        "given_name": "A", "family_name": "B", "date_of_birth": "2019-03-14"})
    # received long ago: the decision was due 2026-02-12, before the clock's 2026-03-02
    request = await assessment.post(f"/v1/cases/{case.json()['id']}/requests", headers=staff,
                                    json={"requester_type": "parent",
                                          "received_on": "2026-01-01"})
    assert request.status_code == 201, request.text
    text = (await assessment.get("/metrics")).text
    assert re.search(r'^http_request_duration_seconds_count\{method="POST",route="/v1/cases",'
                     r'service="assessment",status="201"\} 1\.0$', text, re.MULTILINE)
    assert metric(text, "outbox_backlog", "assessment") == 2  # not relayed yet
    assert metric(text, "outbox_oldest_age_seconds", "assessment") == 0  # the clock is fixed
    assert metric(text, "deadlines_overdue", "assessment") == 1
    assert metric(text, "consumer_lag", "assessment") == 0

    await pg_system.runtimes["assessment"].relay.relay_once()
    text = (await assessment.get("/metrics")).text
    assert metric(text, "outbox_backlog", "assessment") == 0
    # two events on the bus that notifications has not read yet (it ignores them, but
    # they are behind its position until it does)
    notifications = (await pg_system.clients["notifications"].get("/metrics")).text
    assert metric(notifications, "consumer_lag", "notifications") == 2
    notifications_rt = pg_system.runtimes["notifications"]

    async def caught_up() -> bool:
        assert notifications_rt.subscription is not None
        return await notifications_rt.subscription.lag() == 0

    await pg_system.settle(caught_up)
    notifications = (await pg_system.clients["notifications"].get("/metrics")).text
    assert metric(notifications, "consumer_lag", "notifications") == 0
    for name in SPECS:
        text = (await pg_system.clients[name].get("/metrics")).text
        for gauge in ("outbox_backlog", "outbox_oldest_age_seconds", "consumer_lag",
                      "deadlines_overdue"):
            metric(text, gauge, name)
        assert "http_request_duration_seconds" in text


async def test_openapi_and_docs_are_served(pg_system: System) -> None:
    for name, client in pg_system.clients.items():
        docs = await client.get("/docs")
        assert docs.status_code == 200 and "swagger" in docs.text.lower()
        spec = (await client.get("/openapi.json")).json()
        assert spec["info"]["title"] == f"sendsys {name}"
        assert {"/healthz", "/readyz", "/ops/deadlines/sweep"} <= set(spec["paths"])


async def test_metrics_on_a_port_of_their_own_when_the_setting_says(
        pg_url: str, fixed_clock: FixedClock) -> None:
    """Issue 11 item 8: `/metrics` can be kept off the service's port (`metrics_port`):
    the service answers 404 there, and the metrics app `sendsys serve` runs on that port
    answers with the service's metrics — behind a token too, when that setting says."""
    settings = settings_for(pg_url, metrics_port=9464)
    runtime = ServiceRuntime(SPECS["budgets"](), settings, fixed_clock)
    service_app = create_service_app(runtime.spec, settings, fixed_clock, runtime=runtime)
    await runtime.start(background=False)
    try:
        async with asgi_client(service_app) as service, \
                asgi_client(create_metrics_app(service_app)) as scraper:
            hidden = await service.get("/metrics")
            assert hidden.status_code == 404
            assert hidden.headers["content-type"] == "application/problem+json"
            scraped = await scraper.get("/metrics")
            assert scraped.status_code == 200
            assert metric(scraped.text, "outbox_backlog", "budgets") == 0
            assert (await scraper.get("/v1/budgets")).status_code == 404  # metrics alone
        runtime.settings = settings.model_copy(update={"metrics_require_token": True})
        async with asgi_client(create_metrics_app(service_app)) as scraper:
            assert (await scraper.get("/metrics")).status_code == 401
            ops = System(settings, fixed_clock).token("ops")
            assert (await scraper.get("/metrics", headers=ops)).status_code == 200
    finally:
        await runtime.stop()


@asynccontextmanager
async def asgi_client(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                 base_url="http://metrics.test") as client:
        yield client


def test_an_empty_metrics_port_means_the_service_port(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """The generated deploy config carries `SENDSYS_METRICS_PORT: ""`: unset, not an error."""
    monkeypatch.setenv("SENDSYS_METRICS_PORT", "")
    assert Settings().metrics_port is None
    monkeypatch.setenv("SENDSYS_METRICS_PORT", "9464")
    assert Settings().metrics_port == 9464
