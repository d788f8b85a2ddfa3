"""Helpers for the notifications tests: configure the service's own settings on a running
System, publish events through a producer's unit of work, hand records straight to the
consumer, and run scripted webhook receivers on 127.0.0.1 (uvicorn)."""

from __future__ import annotations

import asyncio
import json
import socket
import time
import uuid
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

import uvicorn
from pydantic import BaseModel, ConfigDict
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, RedirectResponse, Response
from starlette.routing import Route

from common.auth import mint_token
from common.clock import SystemClock
from common.messaging.bus import IncomingRecord
from common.messaging.envelope import CloudEvent
from notifications.bootstrap import delivery_worker, delivery_worker_of
from notifications.delivery.tables import delivery
from notifications.settings import NotificationsSettings
from notifications.state import configure as configure_runtime
from tests.harness import LA, System

CASE_ID = "6d1c2f9a-1111-4000-8000-000000000001"
ICB = "QWE"


class AnyData(BaseModel):
    model_config = ConfigDict(extra="allow")


def configure(system: System, **overrides: Any) -> NotificationsSettings:
    """Give the notifications runtime its own settings (the system's, with the allow-list
    127.0.0.1, a short webhook timeout and ``overrides``) and rebuild its delivery worker
    with them."""
    base = system.notifications
    values: dict[str, Any] = {name: getattr(base, name) for name in base.model_fields_set}
    values |= {"webhook_allow_hosts": ["127.0.0.1"], "webhook_timeout_s": 0.5} | overrides
    own = NotificationsSettings(**values)
    runtime = system.runtimes["notifications"]
    configured = configure_runtime(runtime, own).settings
    delivery_worker(runtime)
    return configured


async def publish(system: System, service: str, event_type: str, data: dict[str, Any],
                  *, case_id: str = CASE_ID, la: str = LA) -> None:
    """Emit an event through `service`'s own unit of work (outbox -> relay -> bus)."""
    runtime = system.runtimes[service]
    async with runtime.unit_of_work() as uow:
        uow.emit(event_type, AnyData(**data), subject=f"case/{case_id}", la_code=la)
        await uow.commit()


def envelope(event_type: str, data: dict[str, Any], *, case_id: str = CASE_ID, la: str = LA,
             event_id: str | None = None) -> CloudEvent:
    return CloudEvent(id=event_id or str(uuid.uuid4()), type=event_type,
                      source="sendsys/assessment", subject=f"case/{case_id}",
                      time=datetime(2026, 3, 2, 9, 0, tzinfo=UTC), lacode=la, data=data)


async def consume(system: System, event: CloudEvent | bytes, offset: int = 0) -> str:
    """Hand one record to the notifications consumer, as the bus would."""
    raw = event if isinstance(event, bytes) else event.to_bytes()
    record = IncomingRecord("send.assessment", 0, offset, None, raw)
    consumer = system.runtimes["notifications"].consumer
    assert consumer is not None
    return await consumer.process(record)


async def deliveries(system: System, **where: Any) -> list[dict[str, Any]]:
    runtime = system.runtimes["notifications"]
    query = select(delivery).order_by(delivery.c.seq)
    for name, value in where.items():
        query = query.where(delivery.c[name] == value)
    async with runtime.engine.connect() as conn:
        return [dict(r) for r in (await conn.execute(query)).mappings().all()]


async def send_due(system: System) -> int:
    return int(await delivery_worker_of(system.runtimes["notifications"]).send_due())


async def open_case(system: System, contacts: list[dict[str, Any]], *,
                    case_id: str = CASE_ID, caseworker_id: str | None = "cw-17",
                    team: str | None = "north") -> None:
    await consume(system, envelope("send.assessment.case.opened.v1", {
        "case_id": case_id, "la_code": LA, "contacts": contacts,
        "person": {"given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14"},
        "caseworker_id": caseworker_id, "team": team}, case_id=case_id))


PARENT = {"role": "parent", "name": "Ngozi Okafor", "email": "ngozi@example.org",
          "phone": "+447700900123", "preferred_channel": "email"}


@dataclass
class Receiver:
    """A webhook receiver that answers from a script (then 200 for ever)."""

    script: list[Any] = field(default_factory=list)  # int status, "slow", "redirect", "gone"
    requests: list[dict[str, Any]] = field(default_factory=list)
    redirected: list[str] = field(default_factory=list)
    slow_s: float = 1.0
    url: str = ""

    def app(self) -> Starlette:
        async def hook(request: Request) -> Response:
            body = await request.body()
            self.requests.append({"headers": dict(request.headers), "body": body,
                                  "at": time.monotonic()})
            step = self.script.pop(0) if self.script else 200
            if step == "slow":
                await asyncio.sleep(self.slow_s)
                return PlainTextResponse("late")
            if step == "redirect":
                return RedirectResponse("/elsewhere", status_code=302)
            if isinstance(step, tuple):
                return PlainTextResponse("busy", status_code=step[0], headers=step[1])
            return PlainTextResponse("ok" if step < 300 else "no", status_code=step)

        async def elsewhere(request: Request) -> Response:
            self.redirected.append(request.url.path)
            return PlainTextResponse("should never be reached")

        return Starlette(routes=[Route("/hook", hook, methods=["POST"]),
                                 Route("/elsewhere", elsewhere, methods=["POST", "GET"])])

    def bodies(self) -> list[dict[str, Any]]:
        return [json.loads(r["body"]) for r in self.requests]


@asynccontextmanager
async def serving(app: Any) -> AsyncIterator[str]:
    """Serve an ASGI app on 127.0.0.1 with uvicorn; yields its base URL."""
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", lifespan="off",
                                           access_log=False))
    task = asyncio.create_task(server.serve(sockets=[sock]))
    try:
        for _ in range(500):
            if server.started:
                break
            await asyncio.sleep(0.01)
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        try:
            await asyncio.wait_for(task, 5)
        except TimeoutError:
            task.cancel()


@asynccontextmanager
async def receiver(script: list[Any] | None = None) -> AsyncIterator[Receiver]:
    rec = Receiver(script=list(script or []))
    async with serving(rec.app()) as base:
        rec.url = f"{base}/hook"
        yield rec


async def subscribe(system: System, url: str, event_types: list[str] | None = None,
                    org: str = ICB) -> dict[str, Any]:
    response = await system.clients["notifications"].post(
        "/v1/webhooks", headers=system.token("health", org=org),
        json={"url": url, "event_types": event_types or ["send.assessment.advice.requested.v1"]})
    assert response.status_code == 201, response.text
    return dict(response.json())


def advice_data(case_id: str = CASE_ID, org: str = ICB, n: int = 1) -> dict[str, Any]:
    return {"case_id": case_id, "advice_request_id": f"adv-{n}", "advice_type": "health",
            "recipient": {"kind": "icb", "org_code": org, "name": "NHS Example ICB"},
            "due_on": "2026-04-13"}



def staff_token(system: System, subject: str, *roles: str, la: str = LA) -> dict[str, str]:
    token = mint_token(system.settings, la_code=la, roles=roles or ("la_caseworker",),
                       subject=subject, now=SystemClock().now())
    return {"Authorization": f"Bearer {token}"}


def deadline_data(kind: str = "approaching", *, case_id: str = CASE_ID,
                  caseworker_id: str | None = "cw-17", team: str | None = "north",
                  ) -> dict[str, Any]:
    data: dict[str, Any] = {"case_id": case_id, "deadline_id": "dl-1",
                            "deadline_kind": "decision_due", "due_on": "2026-04-13",
                            "owner": {"team": team, "caseworker_id": caseworker_id}}
    if kind == "approaching":
        data |= {"days_left": 10, "working_days_left": 10}
    else:
        data |= {"days_overdue": 3}
    return data
