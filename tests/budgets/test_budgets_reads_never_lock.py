"""Reads never lock: every GET route of the budgets service answers 200 while another
connection holds every row of budgets' tables `FOR UPDATE NOWAIT` (on Postgres), and none of
its statements asks for a row lock. A GET route added without a case here fails
`test_every_get_route_is_covered`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy import event

from budgets.bootstrap import spec
from common.testing.row_locks import every_row_held
from tests.budgets.budgets_support import CASE, Budgets
from tests.budgets.test_budgets_api_policy_and_consumers import POLICY

LOCKING = re.compile(r"\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE|KEY\s+SHARE)\b", re.IGNORECASE)

GET_ROUTES = {
    "/v1/policies": "/v1/policies",
    "/v1/policies/{policy_id}": "/v1/policies/{policy}",
    "/v1/reports/scope": "/v1/reports/scope",
    "/v1/cases/{case_id}/budget-eligibility": "/v1/cases/{case}/budget-eligibility",
    "/v1/budget-requests": "/v1/budget-requests",
    "/v1/budget-requests/{budget_id}": "/v1/budget-requests/{budget}",
    "/v1/budget-requests/{budget_id}/section-j": "/v1/budget-requests/{budget}/section-j",
    "/v1/direct-payments": "/v1/direct-payments",
    "/v1/direct-payments/{dp_id}": "/v1/direct-payments/{dp}",
    "/v1/direct-payments/{dp_id}/ledger": "/v1/direct-payments/{dp}/ledger",
    "/v1/reports/budgets": "/v1/reports/budgets",
}


def test_every_get_route_is_covered() -> None:
    routes = {route.path for router in spec().routers for route in router.routes
              if isinstance(route, APIRoute) and "GET" in (route.methods or set())}
    assert routes == set(GET_ROUTES)


@contextmanager
def _statements(bud: Budgets) -> Iterator[list[str]]:
    seen: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)
        assert not LOCKING.search(statement), f"a read asked for a row lock: {statement}"

    engine = bud.system.runtimes["budgets"].engine.sync_engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


async def test_every_get_takes_no_row_lock(bud: Budgets) -> None:
    policy = await bud.call("POST", "/v1/policies", 201, **POLICY)
    budget = await bud.agreed()
    dp = await bud.direct_payment(budget["id"])
    ids = {"policy": policy["id"], "case": CASE, "budget": budget["id"], "dp": dp["id"]}
    async with every_row_held(bud.system.runtimes["budgets"].settings.database_url, "budgets"):
        for route, template in GET_ROUTES.items():
            with _statements(bud) as seen:
                response = await bud.http.get(template.format(**ids), headers=bud.staff())
            assert response.status_code == 200, (route, response.text)
            assert seen, f"the statement hook saw no statement of {route}"
