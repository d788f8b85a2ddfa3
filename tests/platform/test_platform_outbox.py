"""The unit of work and the transactional outbox: state and events commit together or not
at all; the CloudEvents envelope the outbox holds."""

from __future__ import annotations

import uuid
from datetime import UTC, datetime

import pytest
from sqlalchemy import insert
from sqlalchemy.exc import IntegrityError

from assessment import contracts
from assessment.cases import service as assessment_service
from assessment.cases.schemas import CaseCreate
from assessment.cases.tables import case as case_table
from common import logging as log_context
from common.auth import Principal
from common.messaging.envelope import CloudEvent
from tests.harness import LA, System
from tests.platform.platform_support import appealable, count, emit

STAFF = Principal(subject="cw", la_code=LA, roles=frozenset({"la_caseworker"}))
CASE = CaseCreate(given_name="Amara", family_name="Okafor", date_of_birth="2019-03-14")


class Boom(Exception):
    pass


@pytest.fixture(params=["pg", "sqlite"])
def system(request: pytest.FixtureRequest) -> System:
    return request.getfixturevalue(f"{request.param}_system")


async def test_use_case_raising_after_emit_leaves_no_state_and_no_outbox_row(
        system: System) -> None:
    runtime = system.runtimes["assessment"]
    with pytest.raises(Boom):
        async with runtime.unit_of_work() as uow:
            await assessment_service.open_case(uow, STAFF, CASE)
            assert uow.events, "the use case emitted its event"
            # every statement has already gone to the database (no session to flush)
            raise Boom
    assert await count(runtime, case_table) == 0
    assert await count(runtime, runtime.spec.tables.outbox) == 0


async def test_leaving_without_commit_rolls_back(pg_system: System) -> None:
    runtime = pg_system.runtimes["assessment"]
    async with runtime.unit_of_work() as uow:
        await assessment_service.open_case(uow, STAFF, CASE)
    assert await count(runtime, case_table) == 0
    assert await count(runtime, runtime.spec.tables.outbox) == 0


async def test_commit_writes_state_and_outbox_together(pg_system: System) -> None:
    system = pg_system
    runtime = system.runtimes["assessment"]
    async with runtime.unit_of_work() as uow:
        case_id = await assessment_service.open_case(uow, STAFF, CASE)
        envelopes = await uow.commit()
    assert [e.type for e in envelopes] == [contracts.CASE_OPENED]
    assert await count(runtime, case_table, case_table.c.id == case_id) == 1
    events = await system.outbox_events("assessment")
    assert [(e["type"], e["subject"]) for e in events] == [(contracts.CASE_OPENED,
                                                            f"case/{case_id}")]


async def test_a_failing_commit_writes_no_outbox_row(pg_system: System) -> None:
    runtime = pg_system.runtimes["assessment"]
    async with runtime.unit_of_work() as uow:
        case_id = await assessment_service.open_case(uow, STAFF, CASE)
        await uow.commit()
    outbox_before = await count(runtime, runtime.spec.tables.outbox)
    now = datetime(2026, 3, 2, tzinfo=UTC)
    with pytest.raises(IntegrityError):
        async with runtime.unit_of_work() as uow:
            uow.emit(contracts.DECISION_APPEALABLE, appealable(case_id),
                     subject=f"case/{case_id}", la_code=LA)
            await uow.connection.execute(insert(case_table).values(  # the same id again
                id=case_id, la_code=LA, home_la_code=LA, given_name="X", family_name="Y",
                date_of_birth=now.date(), version=1, created_at=now, updated_at=now))
            await uow.commit()
    assert await count(runtime, runtime.spec.tables.outbox) == outbox_before
    assert await count(runtime, case_table) == 1


async def test_envelope_fields_and_correlation_from_the_request(pg_system: System) -> None:
    correlation = f"req-{uuid.uuid4()}"
    response = await pg_system.clients["assessment"].post(
        "/v1/cases", headers={**pg_system.token("la_caseworker"),
                              "X-Correlation-ID": correlation},
        json={"given_name": "A", "family_name": "B", "date_of_birth": "2019-03-14"})
    assert response.status_code == 201
    assert response.headers["x-correlation-id"] == correlation
    case_id = response.json()["id"]
    [event] = await pg_system.outbox_events("assessment")
    assert event["specversion"] == "1.0"
    assert uuid.UUID(event["id"]).version == 4
    assert event["type"] == contracts.CASE_OPENED
    assert event["source"] == "sendsys/assessment"
    assert event["subject"] == f"case/{case_id}"
    assert datetime.fromisoformat(event["time"]) == pg_system.clock.now()
    assert event["datacontenttype"] == "application/json"
    assert event["lacode"] == LA
    assert event["correlationid"] == correlation
    assert event["causationid"] == correlation  # caused by the request itself
    assert event["data"]["case_id"] == case_id
    CloudEvent.model_validate(event)  # round-trips through the envelope model
    runtime = pg_system.runtimes["assessment"]
    async with runtime.engine.connect() as conn:
        row = (await conn.execute(runtime.spec.tables.outbox.select())).mappings().one()
    assert (row["event_id"], row["key"], row["topic"]) == (event["id"], event["subject"],
                                                           "send.assessment")
    assert row["published_at"] is None and row["published_seq"] is None

    other = await pg_system.clients["assessment"].post(
        "/v1/cases", headers=pg_system.token("la_caseworker"),
        json={"given_name": "C", "family_name": "D", "date_of_birth": "2019-03-14"})
    generated = other.headers["x-correlation-id"]
    assert uuid.UUID(generated)
    assert (await pg_system.outbox_events("assessment"))[1]["correlationid"] == generated


async def test_consumer_emitted_event_carries_causation_and_correlation(
        pg_system: System) -> None:
    data = appealable()
    token = log_context.correlation_id.set("corr-from-la")
    try:
        await emit(pg_system.runtimes["assessment"], contracts.DECISION_APPEALABLE, data)
    finally:
        log_context.correlation_id.reset(token)
    [cause] = await pg_system.outbox_events("assessment")

    async def opened_event() -> bool:
        return bool(await pg_system.outbox_events("mediation", "send.mediation.case.opened.v1"))

    await pg_system.settle(opened_event)
    [opened] = await pg_system.outbox_events("mediation", "send.mediation.case.opened.v1")
    assert opened["source"] == "sendsys/mediation"
    assert opened["subject"] == f"case/{data.case_id}"
    assert opened["causationid"] == cause["id"]
    assert opened["correlationid"] == "corr-from-la"
