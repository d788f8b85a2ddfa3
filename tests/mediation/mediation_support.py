"""Helpers for the mediation API tests."""

from __future__ import annotations

import uuid
from datetime import UTC, date, datetime
from typing import Any

import httpx

from common.messaging.envelope import CloudEvent
from mediation.consumers import CASE_OPENED
from tests.harness import LA, System

PARENT = {"name": "Ngozi Okafor", "email": "ngozi@example.org"}
ICB = {"org_code": "QWE", "name": "NHS South West London ICB"}


def client(system: System) -> httpx.AsyncClient:
    return system.clients["mediation"]


def staff(system: System) -> dict[str, str]:
    return system.token("la_caseworker")


def on(system: System, day: str) -> None:
    """Move the fixed clock to 09:00 UTC on `day`."""
    system.clock.set(datetime.combine(date.fromisoformat(day), datetime.min.time(),
                                      tzinfo=UTC).replace(hour=9))


async def known_case(system: System, case_id: str | None = None, la: str = LA) -> str:
    """A case mediation has learnt of from assessment's `case.opened` event (through its
    consumer), as any case a write may name must be."""
    case_id = case_id or str(uuid.uuid4())
    consumer = system.runtimes["mediation"].consumer
    assert consumer is not None
    event = CloudEvent(id=str(uuid.uuid4()), type=CASE_OPENED, source="sendsys/assessment",
                       subject=f"case/{case_id}", time=datetime.now(UTC), lacode=la,
                       data={"case_id": case_id, "la_code": la})
    handler = consumer.handlers[CASE_OPENED]
    assert await consumer.handle_once(event, handler,
                                      handler.model.model_validate(event.data)) == "done"
    return case_id


async def open_case(system: System, **overrides: Any) -> dict[str, Any]:
    case_id = await known_case(system, overrides.pop("case_id", None))
    body = {"case_id": case_id, "decision_kind": "refuse_assessment",
            "decided_on": "2026-03-02", "notified_on": "2026-03-02",
            "appellants": [PARENT]} | overrides
    response = await client(system).post("/v1/mediation-cases", json=body,
                                         headers=staff(system))
    assert response.status_code == 201, response.text
    return dict(response.json())


async def choose(system: System, case: dict[str, Any], **body: Any) -> httpx.Response:
    return await client(system).post(f"/v1/mediation-cases/{case['id']}/choice", json=body,
                                     headers=staff(system))


async def register(system: System, role: str = "mediator", kind: str = "independent_provider",
                   code: str = "CALM") -> httpx.Response:
    return await client(system).post("/v1/practitioners", headers=staff(system), json={
        "role": role, "name": "Sam Patel" if role == "mediator" else "Ali Khan",
        "organisation": {"code": code, "name": f"{code} Mediation Ltd", "kind": kind}})


async def deadlines(system: System, case: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Deadline rows of the case by kind (open ones first)."""
    rows = (await client(system).get(f"/v1/mediation-cases/{case['id']}/deadlines",
                                     headers=staff(system))).json()
    by_kind: dict[str, list[dict[str, Any]]] = {}
    for row in sorted(rows, key=lambda r: r["status"] != "open"):
        by_kind.setdefault(row["kind"], []).append(row)
    return by_kind


def open_due(rows: dict[str, list[dict[str, Any]]]) -> dict[str, str]:
    return {kind: r["due_on"] for kind, items in rows.items() for r in items
            if r["status"] == "open"}


def assert_rule(response: httpx.Response, rule: str) -> None:
    assert response.status_code == 422, response.text
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["rule"] == rule, response.json()
