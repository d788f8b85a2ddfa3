"""Reads never lock (issue 9, build item 5): every GET route of the mediation service runs
while another connection holds every row of mediation's tables `FOR UPDATE NOWAIT`, and
answers 200; a statement hook sees each of its statements and none asks for a row lock.
A GET route added without a case here fails `test_every_get_route_is_covered`."""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from fastapi.routing import APIRoute
from sqlalchemy import event

from common.testing.row_locks import every_row_held
from mediation.bootstrap import spec
from tests.harness import System
from tests.mediation.mediation_support import choose, client, on, open_case, register, staff

LOCKING = re.compile(r"\bFOR\s+(NO\s+KEY\s+)?(UPDATE|SHARE|KEY\s+SHARE)\b", re.IGNORECASE)

# Every GET route of mediation, by its path template, and how to fill it from `ids`.
GET_ROUTES = {
    "/v1/mediation-cases": "/v1/mediation-cases",
    "/v1/mediation-cases/{mediation_case_id}": "/v1/mediation-cases/{case}",
    "/v1/mediation-cases/{mediation_case_id}/deadlines": "/v1/mediation-cases/{case}/deadlines",
    "/v1/mediation-cases/{mediation_case_id}/sessions": "/v1/mediation-cases/{wanted}/sessions",
    "/v1/mediation-cases/{mediation_case_id}/compliance-steps":
        "/v1/mediation-cases/{case}/compliance-steps",
    "/v1/mediation-cases/{mediation_case_id}/certificates":
        "/v1/mediation-cases/{case}/certificates",
    "/v1/certificates/{certificate_id}": "/v1/certificates/{certificate}",
    "/v1/certificates/{certificate_id}/html": "/v1/certificates/{certificate}/html",
    "/v1/certificates/{certificate_id}/pdf": "/v1/certificates/{certificate}/pdf",
    "/v1/appeals/{appeal_id}": "/v1/appeals/{appeal}",
    "/v1/practitioners": "/v1/practitioners",
    "/v1/disagreement-resolutions": "/v1/disagreement-resolutions",
    "/v1/reports/mediation": "/v1/reports/mediation",
}


def test_every_get_route_is_covered() -> None:
    routes = {route.path for router in spec().routers for route in router.routes
              if isinstance(route, APIRoute) and "GET" in (route.methods or set())}
    assert routes == set(GET_ROUTES)


async def _created(response: Any) -> dict[str, Any]:
    assert response.status_code in (200, 201), response.text
    return dict(response.json())


async def _everything(med: System) -> dict[str, str]:
    """A case with a certificate, an appeal and an order; a case with a booked session; a
    practitioner and a disagreement resolution request."""
    on(med, "2026-03-10")
    case = await open_case(med)
    await _created(await choose(med, case, told_adviser_on="2026-03-10", choice="declined"))
    http, headers = client(med), staff(med)
    certificate = await _created(await http.post(
        f"/v1/mediation-cases/{case['id']}/certificates", headers=headers,
        json={"basis": "declined"}))
    appeal = await _created(await http.post(f"/v1/mediation-cases/{case['id']}/appeals",
                                            headers=headers, json={"registered_on": "2026-03-10"}))
    await _created(await http.post(f"/v1/appeals/{appeal['id']}/orders", headers=headers,
                                   json={"kind": "unopposed", "from_on": "2026-03-10"}))
    wanted = await open_case(med)
    await _created(await choose(med, wanted, told_adviser_on="2026-03-10", choice="mediation",
                                issues=["education"]))
    mediator = await _created(await register(med))
    await _created(await http.post(f"/v1/mediation-cases/{wanted['id']}/sessions",
                                   headers=headers, json={"session_on": "2026-03-30",
                                                          "mediator_id": mediator["id"]}))
    await _created(await http.post("/v1/disagreement-resolutions", headers=headers, json={
        "case_id": case["case_id"], "requested_on": "2026-03-10", "requested_by": "Parent",
        "subject": "transport", "parties": ["parent", "la"]}))
    return {"case": case["id"], "wanted": wanted["id"], "certificate": certificate["id"],
            "appeal": appeal["id"]}


@contextmanager
def _statements(med: System) -> Iterator[list[str]]:
    """Every statement the service sends while the block runs; one asking for a row lock
    is refused before it reaches the database."""
    seen: list[str] = []

    def before(conn: Any, cursor: Any, statement: str, *args: Any) -> None:
        seen.append(statement)
        assert not LOCKING.search(statement), f"a read asked for a row lock: {statement}"

    engine = med.runtimes["mediation"].engine.sync_engine
    event.listen(engine, "before_cursor_execute", before)
    try:
        yield seen
    finally:
        event.remove(engine, "before_cursor_execute", before)


async def test_every_get_takes_no_row_lock(med: System) -> None:
    ids = await _everything(med)
    async with every_row_held(med.runtimes["mediation"].settings.database_url, "mediation"):
        for route, template in GET_ROUTES.items():
            with _statements(med) as seen:
                response = await client(med).get(template.format(**ids), headers=staff(med))
            assert response.status_code == 200, (route, response.text)
            assert seen, f"the statement hook saw no statement of {route}"
            assert not [s for s in seen if LOCKING.search(s)], route
