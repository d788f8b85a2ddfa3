"""Issue 9 item 5 for notifications: no GET takes a row lock. Every GET route of the service is
called (path parameters filled from real records) while a statement listener on the
engine records what reaches the database; none locks rows."""

from __future__ import annotations

import re
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy import event

from tests.harness import System
from tests.notifications.notifications_support import (
    CASE_ID,
    ICB,
    PARENT,
    configure,
    consume,
    deadline_data,
    envelope,
    open_case,
    receiver,
    subscribe,
)

LOCKING = re.compile(r"\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE)\b", re.IGNORECASE)
APPROACHING = "send.assessment.deadline.approaching.v1"


def _headers_for(system: System, path: str) -> dict[str, str]:
    if path.startswith("/v1/webhooks"):
        return system.token("health", org=ICB)
    return system.token("la_manager")


async def test_no_get_route_locks_a_row(pg_system: System) -> None:
    configure(pg_system)
    runtime = pg_system.runtimes["notifications"]
    async with receiver() as rec:
        endpoint = await subscribe(pg_system, rec.url)
    await open_case(pg_system, [PARENT])
    await consume(pg_system, envelope(APPROACHING, deadline_data(caseworker_id="dev")),
                  offset=1)
    params = {"endpoint_id": endpoint["id"], "event_type": APPROACHING,
              "audience": "caseworker", "channel": "email", "case_id": CASE_ID,
              "delivery_id": "no-letter", "run_id": "no-run"}
    routes = [r for router in runtime.spec.routers for r in router.routes
              if isinstance(r, APIRoute) and "GET" in (r.methods or set())]
    assert len(routes) >= 10
    seen: list[str] = []

    def record(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)

    event.listen(runtime.engine.sync_engine, "before_cursor_execute", record)
    called = []
    try:
        for route in routes:
            path = route.path.format(**params)
            response = await pg_system.clients["notifications"].get(
                path, headers=_headers_for(pg_system, route.path))
            assert response.status_code < 500, (path, response.text)
            called.append(path)
    finally:
        event.remove(runtime.engine.sync_engine, "before_cursor_execute", record)
    assert {"/v1/deliveries", "/v1/inbox", "/v1/webhooks", f"/v1/webhooks/{endpoint['id']}",
            f"/v1/webhooks/{endpoint['id']}/deliveries", "/v1/routing",
            "/v1/reports/deliveries"} <= set(called)
    assert seen, "the listener saw no statement"
    assert [s for s in seen if LOCKING.search(s)] == []
