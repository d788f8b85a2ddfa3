"""Done-when path 2 (issue 4), the ICB's side, over the bus on Postgres and SQLite: the ICB
registers a webhook for `send.mediation.requested.v1` (role health, its own organisation);
the family wants mediation with health issues, so the ICB's system receives one signed
Standard Webhooks delivery naming the commissioning body (R6.6), which its receiver
verifies with the independent `standardwebhooks` package; mediation is arranged and
concludes with an agreement; each agreed action's 2-week deadline (R6.10) raises
`send.mediation.deadline.approaching.v1` at 10 and 2 working days out (across Easter 2026)
and `.missed.v1` the day after, through the mediation service's deadline sweep, and
notifications tells the LA team (and, once missed, the manager) of each."""

from __future__ import annotations

from collections import Counter
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

from standardwebhooks.webhooks import Webhook, WebhookVerificationError
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse, Response
from starlette.routing import Route

from tests.e2e.test_e2e_mediation_agreement import ICB, mediate_to_agreement
from tests.e2e.test_e2e_mediation_certificate import assert_no_dead_letters, on
from tests.harness import MANAGER_EMAIL, TEAM_EMAIL, System
from tests.notifications.notifications_support import configure, deliveries, serving

REQUESTED = "send.mediation.requested.v1"
APPROACHING = "send.mediation.deadline.approaching.v1"
MISSED = "send.mediation.deadline.missed.v1"


@dataclass
class IcbReceiver:
    """The ICB's webhook endpoint: accepts only what verifies under its secret."""

    secret: str = ""
    verified: list[tuple[str, dict[str, Any]]] = field(default_factory=list)  # (id, payload)
    refused: int = 0
    url: str = ""

    def app(self) -> Starlette:
        async def hook(request: Request) -> Response:
            body = await request.body()
            try:
                payload = Webhook(self.secret).verify(body, dict(request.headers))
            except WebhookVerificationError:
                self.refused += 1
                return PlainTextResponse("bad signature", status_code=400)
            self.verified.append((request.headers["webhook-id"], payload))
            return Response(status_code=204)

        return Starlette(routes=[Route("/mediation", hook, methods=["POST"])])


@asynccontextmanager
async def icb_receiver() -> AsyncIterator[IcbReceiver]:
    rec = IcbReceiver()
    async with serving(rec.app()) as base:
        rec.url = f"{base}/mediation"
        yield rec


async def sweep(system: System, day: str) -> list[dict[str, Any]]:
    """Run mediation's deadline sweep on `day`; the deadline events it emitted."""
    on(system, day)
    before = len(await system.outbox_events("mediation"))
    swept = await system.clients["mediation"].post(
        "/ops/deadlines/sweep", json={"as_of": day}, headers=system.token("platform_ops"))
    assert swept.status_code == 200, swept.text
    emitted = (await system.outbox_events("mediation"))[before:]
    assert len(emitted) == swept.json()["emitted"]
    return emitted


def of(events: list[dict[str, Any]], deadline_ids: set[str]) -> list[tuple[Any, ...]]:
    """(event type, deadline kind, days left or overdue, working days left) of the events
    about `deadline_ids`."""
    return sorted((e["type"], e["data"]["deadline_kind"],
                   e["data"].get("days_left", e["data"].get("days_overdue")),
                   e["data"].get("working_days_left"))
                  for e in events if e["data"]["deadline_id"] in deadline_ids)


async def icb_webhook_then_agreed_action_deadlines(system: System) -> None:
    # the receiver on 127.0.0.1 is allowed (dev/test allow-list); a timeout long enough that
    # a loaded machine does not turn the one send into a retry waiting on the fixed clock
    configure(system, webhook_timeout_s=5.0)
    async with icb_receiver() as rec:
        registered = await system.clients["notifications"].post(
            "/v1/webhooks", headers=system.token("health", org=ICB["org_code"]),
            json={"url": rec.url, "event_types": [REQUESTED]})
        assert registered.status_code == 201, registered.text
        endpoint = registered.json()
        rec.secret = endpoint["secret"]

        await mediate_to_agreement(system)  # settles after the family's choice and at the end

    [(webhook_id, payload)] = rec.verified
    assert rec.refused == 0 and endpoint["event_types"] == [REQUESTED]
    [requested] = await system.outbox_events("mediation", REQUESTED)
    assert payload["type"] == REQUESTED and payload["id"] == requested["id"]
    assert payload["data"]["commissioning_body"] == ICB
    assert payload["data"]["requested_on"] == "2026-03-10"
    assert payload["data"]["mediation_case_id"] == requested["data"]["mediation_case_id"]
    listed = await system.clients["notifications"].get(
        f"/v1/webhooks/{endpoint['id']}/deliveries",
        headers=system.token("health", org=ICB["org_code"]))
    assert listed.status_code == 200, listed.text
    [logged] = listed.json()["items"]
    assert (logged["id"], logged["status"], logged["event_type"]) == (
        webhook_id, "sent", REQUESTED)

    # the agreed actions' deadline rows (one per action, 2 weeks after 30 March: R6.10)
    mid = requested["data"]["mediation_case_id"]
    rows = (await system.clients["mediation"].get(
        f"/v1/mediation-cases/{mid}/deadlines", headers=system.token("la_caseworker"))).json()
    actions = {r["id"] for r in rows
               if r["kind"] == "agreed_action_due" and r["status"] == "open"}
    assert len(actions) == 2
    assert {r["due_on"] for r in rows if r["id"] in actions} == {"2026-04-13"}

    # 10 working days before Mon 13 April (Good Friday 3 and Easter Monday 6 April are bank
    # holidays) was Thu 26 March, before the agreement: the first sweep after it catches up
    assert of(await sweep(system, "2026-03-30"), actions) == [
        (APPROACHING, "agreed_action_due", 14, 8)] * 2
    assert of(await sweep(system, "2026-04-08"), actions) == []
    assert of(await sweep(system, "2026-04-09"), actions) == [  # 2 working days out
        (APPROACHING, "agreed_action_due", 4, 2)] * 2
    assert of(await sweep(system, "2026-04-13"), actions) == []  # due today: not missed yet
    missed = await sweep(system, "2026-04-14")
    assert of(missed, actions) == [(MISSED, "agreed_action_due", 1, None)] * 2
    assert of(await sweep(system, "2026-04-15"), actions) == []  # each stage once
    assert {e["data"]["due_on"] for e in missed if e["data"]["deadline_id"] in actions} == {
        "2026-04-13"}
    alerts = Counter(e["data"]["deadline_id"] for e in
                     await system.outbox_events("mediation", APPROACHING)
                     + await system.outbox_events("mediation", MISSED)
                     if e["data"]["deadline_id"] in actions)
    assert alerts == dict.fromkeys(actions, 3)

    await system.settle()  # notifications takes the deadline events too
    await assert_no_dead_letters(system)
    assert len(rec.verified) == 1  # nothing else reached the ICB
    told = Counter((r["event_type"], r["recipient"], r["status"])
                   for r in await deliveries(system, channel="email")
                   if "action agreed at mediation" in r["subject"])
    assert told == {(APPROACHING, TEAM_EMAIL, "sent"): 4, (MISSED, TEAM_EMAIL, "sent"): 2,
                    (MISSED, MANAGER_EMAIL, "sent"): 2}  # the LA hears of each, once


async def test_icb_webhook_and_agreed_action_deadlines_on_postgres(pg_system: System) -> None:
    await icb_webhook_then_agreed_action_deadlines(pg_system)


async def test_icb_webhook_and_agreed_action_deadlines_on_sqlite(sqlite_system: System) -> None:
    await icb_webhook_then_agreed_action_deadlines(sqlite_system)
