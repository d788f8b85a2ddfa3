"""Issue 11 items 7 and 8 for the delivery log and contacts, as tables: the log is for LA
staff (and families, for what was sent to them); ops reads counts and states without
addresses; every lookup is within the caller's LA, case contacts included."""

from __future__ import annotations

import pytest

from tests.harness import LA, OTHER_LA, System
from tests.notifications.notifications_support import (
    CASE_ID,
    PARENT,
    consume,
    deliveries,
    envelope,
    open_case,
)

DECISION = "send.assessment.decision.made.v1"
OTHER_CASE = "6d1c2f9a-2222-4000-8000-000000000002"


async def _a_family_notice(system: System) -> None:
    await open_case(system, [PARENT])
    await consume(system, envelope(DECISION, {"case_id": CASE_ID, "decision": "assess",
                                              "decided_on": "2026-03-02"}), offset=1)


@pytest.mark.parametrize(("roles", "cases", "status"), [
    (("la_caseworker",), (), 200),
    (("la_manager",), (), 200),
    (("parent",), (CASE_ID,), 200),
    (("ops",), (), 403),
    (("health",), (), 403),
    (("provider",), (), 403),
    (("mediator",), (), 403),
])
async def test_delivery_log_by_role(pg_system: System, roles: tuple[str, ...],
                                    cases: tuple[str, ...], status: int) -> None:
    await _a_family_notice(pg_system)
    response = await pg_system.clients["notifications"].get(
        "/v1/deliveries", headers=pg_system.token(*roles, cases=cases))
    assert response.status_code == status, response.text
    if status == 200:
        assert [d["recipient"] for d in response.json()["items"]] == [PARENT["email"]]


@pytest.mark.parametrize(("roles", "status"), [
    (("ops",), 200), (("la_caseworker",), 200), (("la_manager",), 200),
    (("parent",), 403), (("health",), 403),
])
async def test_delivery_report_by_role_has_no_addresses(pg_system: System,
                                                        roles: tuple[str, ...],
                                                        status: int) -> None:
    await _a_family_notice(pg_system)
    response = await pg_system.clients["notifications"].get(
        "/v1/reports/deliveries", headers=pg_system.token(*roles))
    assert response.status_code == status, response.text
    if status == 200:
        assert response.json()["by_channel"]["email"]["pending"] == 1
        assert PARENT["email"] not in response.text


async def test_another_las_delivery_log_is_empty(pg_system: System) -> None:
    await _a_family_notice(pg_system)
    response = await pg_system.clients["notifications"].get(
        "/v1/deliveries", headers=pg_system.token("la_manager", la=OTHER_LA))
    assert response.json()["items"] == []


async def test_contacts_are_looked_up_within_the_events_la(pg_system: System) -> None:
    """An event of LA 201 naming a case of LA 202 does not reach LA 202's family."""
    await consume(pg_system, envelope("send.assessment.case.opened.v1", {
        "case_id": OTHER_CASE, "la_code": OTHER_LA, "contacts": [PARENT]},
        case_id=OTHER_CASE, la=OTHER_LA), offset=5)
    await consume(pg_system, envelope(DECISION, {"case_id": OTHER_CASE, "decision": "assess",
                                                 "decided_on": "2026-03-02"},
                                      case_id=OTHER_CASE, la=LA), offset=6)
    assert await deliveries(pg_system, audience="family") == []


@pytest.mark.parametrize(("la", "roles", "status"), [
    (LA, ("la_caseworker",), 204),
    (OTHER_LA, ("la_caseworker",), 404),
    (LA, ("ops",), 403),
    (LA, ("health",), 403),
])
async def test_opt_out_by_la_and_role(pg_system: System, la: str, roles: tuple[str, ...],
                                      status: int) -> None:
    await open_case(pg_system, [PARENT])
    response = await pg_system.clients["notifications"].put(
        f"/v1/cases/{CASE_ID}/opt-out", headers=pg_system.token(*roles, la=la),
        json={"address": PARENT["email"]})
    assert response.status_code == status, response.text
