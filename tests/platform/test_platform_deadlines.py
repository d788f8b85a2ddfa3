"""The deadline sweep (common.deadlines): each stage exactly once per deadline, the latest
stage only when several are due, lead times from settings, closing, two sweepers at once
on Postgres, the ops endpoint's future-date guard, and payloads across a bank holiday."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from datetime import date
from pathlib import Path
from typing import Any

import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import select

from common.auth import mint_token
from common.clock import FixedClock, SystemClock
from common.deadlines import AlertSchedule
from common.runtime import ServiceRuntime
from common.settings import Settings
from common.web import create_service_app
from sendsys.services import SPECS
from tests.harness import LA
from tests.harness import test_settings as settings_for

DUE = date(2026, 6, 15)  # a Monday, no bank holiday within three weeks
TEN_BEFORE, TWO_BEFORE, DAY_AFTER = date(2026, 6, 1), date(2026, 6, 11), date(2026, 6, 16)
APPROACHING = "send.assessment.deadline.approaching.v1"
MISSED = "send.assessment.deadline.missed.v1"


def make_runtime(settings: Settings, clock: FixedClock) -> ServiceRuntime:
    return ServiceRuntime(SPECS["assessment"](), settings, clock)


@pytest.fixture
async def runtime(pg_url: str, fixed_clock: FixedClock) -> AsyncIterator[ServiceRuntime]:
    rt = make_runtime(settings_for(pg_url), fixed_clock)
    yield rt
    await rt.stop()


async def open_deadline(rt: ServiceRuntime, *, due_on: date = DUE,
                        opened_on: date = date(2026, 3, 2), case_id: str = "case-1") -> str:
    async with rt.unit_of_work() as uow:
        deadline_id = await rt.deadlines.open(uow, la_code=LA, case_id=case_id,
                                              kind="decide_whether_to_assess", due_on=due_on,
                                              opened_on=opened_on)
        await uow.commit()
    return deadline_id


async def events(rt: ServiceRuntime) -> list[dict[str, Any]]:
    outbox = rt.spec.tables.outbox
    async with rt.engine.connect() as conn:
        payloads = (await conn.execute(select(outbox.c.payload).order_by(outbox.c.id))).scalars()
        return [json.loads(p) for p in payloads]


async def alert_stages(rt: ServiceRuntime) -> list[tuple[str, int]]:
    alert = rt.spec.tables.deadline_alert
    async with rt.engine.connect() as conn:
        result = await conn.execute(select(alert.c.deadline_id, alert.c.stage)
                                    .order_by(alert.c.deadline_id, alert.c.stage))
        return [(r.deadline_id, r.stage) for r in result]


def test_lead_times_come_from_settings(tmp_path: Path, fixed_clock: FixedClock) -> None:
    url = f"sqlite+aiosqlite:///{tmp_path}/{{service}}.sqlite3"
    assert make_runtime(Settings(env="test", database_url=url),
                        fixed_clock).deadlines.schedule == AlertSchedule((10, 2))
    custom = make_runtime(Settings(env="test", database_url=url,
                                   deadline_lead_working_days=[15, 5, 1]), fixed_clock)
    schedule = custom.deadlines.schedule
    assert [schedule.alert_on(DUE, s) for s in range(4)] == [
        date(2026, 5, 22), date(2026, 6, 8), date(2026, 6, 12), DAY_AFTER]


async def test_each_stage_once_even_when_the_sweep_runs_repeatedly(
        runtime: ServiceRuntime) -> None:
    deadline_id = await open_deadline(runtime)
    days = [date(2026, 5, 29), TEN_BEFORE, TEN_BEFORE, date(2026, 6, 2), date(2026, 6, 10),
            TWO_BEFORE, TWO_BEFORE, date(2026, 6, 12), DUE, DAY_AFTER, DAY_AFTER,
            date(2026, 6, 30), date(2026, 9, 1)]
    emitted = [await runtime.sweep(day) for day in days]
    assert emitted == [0, 1, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0]
    sent = await events(runtime)
    assert [e["type"] for e in sent] == [APPROACHING, APPROACHING, MISSED]
    first, second, missed = (e["data"] for e in sent)
    assert (first["days_left"], first["working_days_left"]) == (14, 10)
    assert (second["days_left"], second["working_days_left"]) == (4, 2)
    assert missed["days_overdue"] == 1
    assert {e["subject"] for e in sent} == {"case/case-1"}
    assert {e["data"]["deadline_id"] for e in sent} == {deadline_id}
    assert await alert_stages(runtime) == [(deadline_id, 0), (deadline_id, 1), (deadline_id, 2)]


async def test_a_sweep_past_several_stages_emits_only_the_latest(
        runtime: ServiceRuntime) -> None:
    deadline_id = await open_deadline(runtime)
    assert await runtime.sweep(date(2026, 6, 12)) == 1  # past the 10- and 2-day stages
    assert await runtime.sweep(date(2026, 6, 20)) == 1
    late, missed = await events(runtime)
    assert late["type"] == APPROACHING and late["data"]["working_days_left"] == 1
    assert missed["type"] == MISSED and missed["data"]["days_overdue"] == 5
    assert await alert_stages(runtime) == [(deadline_id, 1), (deadline_id, 2)]
    other = await open_deadline(runtime, case_id="case-2")
    assert await runtime.sweep(date(2026, 7, 1)) == 1  # all three stages past: missed only
    assert [e["type"] for e in await events(runtime)][-1] == MISSED
    assert (other, 2) in await alert_stages(runtime)
    assert (other, 0) not in await alert_stages(runtime)


async def test_a_deadline_opened_inside_its_lead_window_skips_past_stages(
        runtime: ServiceRuntime) -> None:
    opened = date(2026, 6, 12)  # after the 2-working-day warning day
    deadline_id = await open_deadline(runtime, opened_on=opened)
    assert [await runtime.sweep(d) for d in (opened, opened, DUE, DAY_AFTER)] == [1, 0, 0, 1]
    warning, missed = await events(runtime)
    assert warning["type"] == APPROACHING and warning["data"]["working_days_left"] == 1
    assert missed["type"] == MISSED
    assert await alert_stages(runtime) == [(deadline_id, 1), (deadline_id, 2)]
    late = await open_deadline(runtime, opened_on=date(2026, 6, 20), case_id="case-late")
    assert await runtime.sweep(date(2026, 6, 20)) == 1  # opened overdue: only "missed"
    assert await alert_stages(runtime) == sorted(
        [(deadline_id, 1), (deadline_id, 2), (late, 2)])


async def test_closing_a_deadline_stops_its_alerts(runtime: ServiceRuntime) -> None:
    await open_deadline(runtime)
    assert await runtime.sweep(TEN_BEFORE) == 1
    async with runtime.unit_of_work() as uow:
        closed = await runtime.deadlines.close(uow, case_id="case-1",
                                               kind="decide_whether_to_assess",
                                               closed_on=date(2026, 6, 3))
        await uow.commit()
    assert closed == 1
    assert [await runtime.sweep(d) for d in (TWO_BEFORE, DAY_AFTER, date(2026, 9, 1))] == \
        [0, 0, 0]
    assert [e["type"] for e in await events(runtime)] == [APPROACHING]
    [row] = (await _deadlines(runtime))
    assert (row["status"], row["closed_on"], row["next_alert_on"]) == (
        "closed", date(2026, 6, 3), None)


async def _deadlines(rt: ServiceRuntime) -> list[dict[str, Any]]:
    async with rt.engine.connect() as conn:
        return [dict(r) for r in
                (await conn.execute(select(rt.spec.tables.deadline))).mappings().all()]


async def test_two_sweepers_at_once_on_postgres_emit_each_stage_once(
        pg_url: str, fixed_clock: FixedClock) -> None:
    first = make_runtime(settings_for(pg_url), fixed_clock)
    second = make_runtime(settings_for(pg_url), fixed_clock)
    try:
        ids = []
        async with first.unit_of_work() as uow:
            for n in range(300):
                ids.append(await first.deadlines.open(
                    uow, la_code=LA, case_id=f"case-{n}", kind="decide_whether_to_assess",
                    due_on=DUE, opened_on=date(2026, 3, 2)))
            await uow.commit()
        counts = await asyncio.gather(first.sweep(TEN_BEFORE), second.sweep(TEN_BEFORE))
        assert sum(counts) == 300
        # small batches interleave the two sweepers' transactions
        counts = await asyncio.gather(
            first.deadlines.sweep(first.unit_of_work, DAY_AFTER, batch_size=25),
            second.deadlines.sweep(second.unit_of_work, DAY_AFTER, batch_size=25),
            first.deadlines.sweep(first.unit_of_work, DAY_AFTER, batch_size=40))
        assert sum(counts) == 300
        assert await asyncio.gather(first.sweep(DAY_AFTER), second.sweep(DAY_AFTER)) == [0, 0]
        sent = await events(first)
        assert len(sent) == 600
        stages = [(e["data"]["deadline_id"], e["type"]) for e in sent]
        assert len(set(stages)) == 600
        assert {d for d, _ in stages} == set(ids)
        assert sum(1 for _, t in stages if t == MISSED) == 300
        assert len(await alert_stages(first)) == 600
    finally:
        await first.stop()
        await second.stop()


async def _sweep_app(settings: Settings, clock: FixedClock, body: dict[str, Any]
                     ) -> httpx.Response:
    runtime = make_runtime(settings, clock)
    app = create_service_app(runtime.spec, settings, clock, runtime=runtime)
    token = mint_token(runtime.settings, la_code=LA, roles=["ops"], now=SystemClock().now())
    try:
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                     base_url="http://assessment.test") as client:
            return await client.post("/ops/deadlines/sweep", json=body,
                                     headers={"Authorization": f"Bearer {token}"})
    finally:
        await runtime.stop()


async def test_ops_sweep_refuses_a_future_day_in_prod_and_allows_it_in_test(
        pg_url: str, fixed_clock: FixedClock) -> None:
    rt = make_runtime(settings_for(pg_url), fixed_clock)
    try:
        await open_deadline(rt)
    finally:
        await rt.stop()
    prod = settings_for(pg_url).model_copy(update={
        "env": "prod", "jwt_secret": SecretStr("k3Jx9vQ2mW7rT5yB8nC4fH6gL1pZ0sD-prod")})
    refused = await _sweep_app(prod, fixed_clock, {"as_of": TEN_BEFORE.isoformat()})
    assert refused.status_code == 422
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["type"].endswith("future-sweep")
    today = await _sweep_app(prod, fixed_clock, {})
    assert today.json() == {"as_of": "2026-03-02", "emitted": 0}
    allowed = await _sweep_app(settings_for(pg_url), fixed_clock,
                               {"as_of": TEN_BEFORE.isoformat()})
    assert allowed.status_code == 200
    assert allowed.json() == {"as_of": "2026-06-01", "emitted": 1}


async def test_approaching_payload_across_the_easter_bank_holidays(
        runtime: ServiceRuntime) -> None:
    due = date(2026, 4, 7)  # the Tuesday after Good Friday (3rd) and Easter Monday (6th)
    await open_deadline(runtime, due_on=due)
    assert runtime.deadlines.schedule.alert_on(due, 1) == date(2026, 4, 1)
    assert [await runtime.sweep(d) for d in (date(2026, 3, 20), date(2026, 4, 1),
                                             date(2026, 4, 8))] == [1, 1, 1]
    ten, two, missed = (e["data"] for e in await events(runtime))
    assert (ten["days_left"], ten["working_days_left"]) == (18, 10)
    assert (two["days_left"], two["working_days_left"]) == (6, 2)
    assert (missed["due_on"], missed["days_overdue"]) == ("2026-04-07", 1)
    assert two["owner"] == {}
