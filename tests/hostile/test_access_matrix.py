"""The access matrix (issue 11 items 7, 8): roles × endpoints × own/other LA → the status
each must get, table-driven; and writes that name another LA's case answer as for an
unknown one."""

from __future__ import annotations

import json
import uuid
from datetime import UTC, datetime
from typing import Any

import pytest
from sqlalchemy import insert

from common.messaging.envelope import CloudEvent
from mediation.consumers import CASE_OPENED
from tests.harness import LA, OTHER_LA, System
from tests.mediation.mediation_support import PARENT, known_case

APPEALABLE = "send.assessment.decision.appealable.v1"


async def _dead_letter(system: System, la: str) -> None:
    """An appealable-decision event whose data fails validation, for LA `la`: mediation's
    consumer dead-letters it."""
    assessment = system.runtimes["assessment"]
    outbox = assessment.spec.tables.outbox
    event_id = str(uuid.uuid4())
    payload = json.dumps({"specversion": "1.0", "id": event_id, "type": APPEALABLE,
                          "source": "sendsys/assessment", "subject": f"case/c-{la}",
                          "time": "2026-03-02T09:00:00Z", "lacode": la,
                          "datacontenttype": "application/json", "data": {"case_id": "x"}})
    async with assessment.unit_of_work() as uow:
        await uow.connection.execute(insert(outbox).values(
            event_id=event_id, event_type=APPEALABLE, topic="send.assessment",
            key=f"case/c-{la}", payload=payload, created_at=assessment.clock.now()))
        await uow.commit()


async def _letters(system: System) -> dict[str, int]:
    """The dead letters in mediation by LA, as platform ops sees them."""
    await _dead_letter(system, LA)
    await _dead_letter(system, OTHER_LA)
    http = system.clients["mediation"]

    async def both_dead_lettered() -> bool:
        listed = await http.get("/ops/dead-letters", headers=system.token("platform_ops"))
        return len(listed.json()) == 2

    await system.settle(both_dead_lettered)
    listed = (await http.get("/ops/dead-letters", headers=system.token("platform_ops"))).json()
    return {"own": listed[0]["id"], "other": listed[1]["id"]}


# (role, LA of the token) -> (dead letters listed, replay own LA's, replay other LA's, sweep)
OPS_MATRIX: dict[tuple[str, str], tuple[Any, int, int, int]] = {
    ("ops", LA): (["own"], 200, 404, 403),
    ("la_manager", LA): (["own"], 200, 404, 403),
    ("ops", OTHER_LA): (["other"], 404, 200, 403),
    ("platform_ops", LA): (["own", "other"], 200, 200, 200),
    ("la_caseworker", LA): (403, 403, 403, 403),
    ("parent", LA): (403, 403, 403, 403),
    ("provider", LA): (403, 403, 403, 403),
    ("mediator", LA): (403, 403, 403, 403),
}


async def test_ops_endpoints_are_scoped_to_the_callers_la_unless_platform_ops(
        pg_system: System) -> None:
    """Issue 11: `/ops/dead-letters` and `/ops/deadlines/sweep` were not LA-scoped."""
    letters = await _letters(pg_system)
    by_id = {v: k for k, v in letters.items()}
    http = pg_system.clients["mediation"]
    seen: dict[tuple[str, str], tuple[Any, int, int, int]] = {}
    for (role, la), _ in OPS_MATRIX.items():
        headers = pg_system.token(role, la=la)
        listed = await http.get("/ops/dead-letters", headers=headers)
        listing = ([by_id[d["id"]] for d in listed.json()] if listed.status_code == 200
                   else listed.status_code)
        replays = [(await http.post(f"/ops/dead-letters/{letters[which]}/replay",
                                    headers=headers)).status_code for which in ("own", "other")]
        sweep = await http.post("/ops/deadlines/sweep", json={}, headers=headers)
        seen[(role, la)] = (listing, replays[0], replays[1], sweep.status_code)
    assert seen == OPS_MATRIX


def _without_id(body: dict[str, Any], case_id: str) -> dict[str, Any]:
    return {k: (v.replace(case_id, "<id>") if isinstance(v, str) else v)
            for k, v in body.items()}


@pytest.mark.parametrize("path", ["/v1/mediation-cases", "/v1/disagreement-resolutions"])
async def test_a_write_naming_another_las_case_answers_as_for_an_unknown_case(
        pg_system: System, path: str) -> None:
    """Issue 11: LA 201 could open a mediation case on LA 202's case id; disagreement
    resolutions took any case id."""
    theirs = await known_case(pg_system, la=OTHER_LA)
    unknown = str(uuid.uuid4())

    def body(case_id: str) -> dict[str, Any]:
        if path == "/v1/mediation-cases":
            return {"case_id": case_id, "decision_kind": "refuse_assessment",
                    "decided_on": "2026-03-02", "notified_on": "2026-03-02",
                    "appellants": [PARENT]}
        return {"case_id": case_id, "requested_on": "2026-03-02", "requested_by": "Parent",
                "subject": "transport", "parties": ["parent", "la"]}

    http = pg_system.clients["mediation"]
    other = await http.post(path, json=body(theirs), headers=pg_system.token(la=LA))
    missing = await http.post(path, json=body(unknown), headers=pg_system.token(la=LA))
    assert other.status_code == missing.status_code == 404
    assert _without_id(other.json(), theirs) == _without_id(missing.json(), unknown)
    own = await http.post(path, json=body(theirs), headers=pg_system.token(la=OTHER_LA))
    assert own.status_code == 201, own.text


async def test_a_decision_reference_used_in_another_la_reveals_nothing(
        pg_system: System) -> None:
    """Issue 11: the `by_decision` 409 told LA 201 that LA 202 had decision REF-1."""
    http = pg_system.clients["mediation"]

    async def open_with(la: str, reference: str) -> int:
        case_id = await known_case(pg_system, la=la)
        return (await http.post("/v1/mediation-cases", headers=pg_system.token(la=la), json={
            "case_id": case_id, "decision_id": reference, "decision_kind": "refuse_plan",
            "decided_on": "2026-03-02", "notified_on": "2026-03-02",
            "appellants": [PARENT]})).status_code

    assert await open_with(OTHER_LA, "REF-1") == 201
    assert await open_with(LA, "REF-1") == 201  # as for a reference no one used
    assert await open_with(LA, "REF-1") == 409  # the LA's own reference, used again


async def test_a_case_learnt_from_events_is_idempotent_on_redelivery(
        pg_system: System) -> None:
    """The known-case consumer: `case.opened` delivered twice is handled once, and a later
    event for the case from another LA (a case that moved) moves it with it."""
    case_id = str(uuid.uuid4())
    consumer = pg_system.runtimes["mediation"].consumer
    assert consumer is not None
    handler = consumer.handlers[CASE_OPENED]
    event = CloudEvent(id=str(uuid.uuid4()), type=CASE_OPENED, source="sendsys/assessment",
                       subject=f"case/{case_id}", time=datetime.now(UTC), lacode=LA,
                       data={"case_id": case_id})
    data = handler.model.model_validate(event.data)
    assert [await consumer.handle_once(event, handler, data) for _ in range(2)] == [
        "done", "duplicate"]
    http = pg_system.clients["mediation"]

    async def resolution(la: str) -> int:
        return (await http.post("/v1/disagreement-resolutions", headers=pg_system.token(la=la),
                                json={"case_id": case_id, "requested_on": "2026-03-02",
                                      "requested_by": "Parent", "subject": "transport",
                                      "parties": ["parent", "la"]})).status_code

    assert await resolution(LA) == 201
    await known_case(pg_system, case_id, la=OTHER_LA)
    assert (await resolution(LA), await resolution(OTHER_LA)) == (404, 201)
