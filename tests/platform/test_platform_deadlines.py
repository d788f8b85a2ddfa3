"""The deadline sweep (common.deadline_sweep): each stage exactly once per deadline, the latest
stage only when several are due, lead times from settings, closing, two sweepers at once
on Postgres, the ops endpoint's future-date guard, and payloads across a bank holiday; on
Postgres and on SQLite alike, over many batches, with the loops of one sweep side by side
and after a batch that fails."""

from __future__ import annotations

import asyncio
import json
import uuid
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

import asyncpg
import httpx
import pytest
from pydantic import SecretStr
from sqlalchemy import select

from common import calendar
from common.auth import mint_token
from common.clock import FixedClock, SystemClock
from common.db.migrations import upgrade
from common.deadline_alerts import AlertSchedule, DeadlineOwner
from common.deadline_sweep import _event_ids
from common.deadlines import DeadlineBook
from common.runtime import ServiceRuntime
from common.settings import Settings
from common.testing.row_locks import libpq_url
from common.testing.waiting import eventually
from common.web import create_service_app
from sendsys.services import SPECS
from tests.harness import LA, truncate_all
from tests.harness import test_settings as settings_for
from tests.platform.outage_support import database_down

DUE = date(2026, 6, 15)  # a Monday, no bank holiday within three weeks
TEN_BEFORE, TWO_BEFORE, DAY_AFTER = date(2026, 6, 1), date(2026, 6, 11), date(2026, 6, 16)
APPROACHING = "send.assessment.deadline.approaching.v1"
MISSED = "send.assessment.deadline.missed.v1"


def make_runtime(settings: Settings, clock: FixedClock) -> ServiceRuntime:
    return ServiceRuntime(SPECS["assessment"](), settings, clock)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A fresh SQLite file with assessment's migrations (the only service these tests use)."""
    url = f"sqlite+aiosqlite:///{tmp_path}/{{service}}.sqlite3"
    upgrade("assessment", SPECS["assessment"]().service_root,
            Settings(env="test", database_url=url))
    return url


@pytest.fixture(params=["postgres", "sqlite"])
async def runtime(request: pytest.FixtureRequest, migrated_postgres: str, sqlite_url: str,
                  fixed_clock: FixedClock) -> AsyncIterator[ServiceRuntime]:
    """Assessment's runtime on the emptied Postgres database, or on a fresh SQLite file."""
    url = sqlite_url
    if request.param == "postgres":
        await truncate_all(migrated_postgres)
        url = migrated_postgres
    rt = make_runtime(settings_for(url), fixed_clock)
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
        spread = await asyncio.gather(
            first.deadlines.sweep(first.unit_of_work, DAY_AFTER, batch_size=25),
            second.deadlines.sweep(second.unit_of_work, DAY_AFTER, batch_size=25),
            first.deadlines.sweep(first.unit_of_work, DAY_AFTER, batch_size=40))
        assert sum(spread) == 300
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
    token = mint_token(runtime.settings, la_code=LA, roles=["platform_ops"],
                       now=SystemClock().now())
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


OWNERS = [DeadlineOwner(), DeadlineOwner(team="intake"),
          DeadlineOwner(team="north", caseworker_id="cw-7"), DeadlineOwner(caseworker_id="cw-9")]


async def open_many(rt: ServiceRuntime, count: int) -> dict[str, str]:
    """`count` deadlines due over three weeks from DUE, owners of every shape; case by id."""
    cases = {}
    async with rt.unit_of_work() as uow:
        for n in range(count):
            case_id = f"case-{n:03d}"
            deadline_id = await rt.deadlines.open(
                uow, la_code=LA, case_id=case_id, kind="decide_whether_to_assess",
                due_on=DUE + timedelta(days=n % 21), opened_on=date(2026, 3, 2),
                owner=OWNERS[n % len(OWNERS)])
            cases[deadline_id] = case_id
        await uow.commit()
    return cases


async def moved(rt: ServiceRuntime) -> list[tuple[str, int]]:
    return sorted((r["id"], r["next_stage"]) for r in await _deadlines(rt))


async def test_a_sweep_of_many_batches_emits_each_due_stage_once_with_its_payload(
        runtime: ServiceRuntime) -> None:
    cases = await open_many(runtime, 130)
    as_of = date(2026, 6, 24)  # two-day warnings and misses, by due day
    book = runtime.deadlines
    # batches of 20, three loops side by side on Postgres (one on SQLite)
    assert await book.sweep(runtime.unit_of_work, as_of, batch_size=20, workers=3) == 130
    assert await book.sweep(runtime.unit_of_work, as_of, batch_size=20, workers=3) == 0
    sent = await events(runtime)
    assert len(sent) == 130 and len({e["id"] for e in sent}) == 130
    assert sorted(e["data"]["deadline_id"] for e in sent) == sorted(cases)
    for event in sent:
        data = event["data"]
        due_on = date.fromisoformat(data["due_on"])
        assert event["subject"] == f"case/{cases[data['deadline_id']]}"
        assert data["case_id"] == cases[data["deadline_id"]] and event["lacode"] == LA
        n = int(data["case_id"].removeprefix("case-"))
        assert data["owner"] == OWNERS[n % len(OWNERS)].model_dump(exclude_none=True)
        if due_on < as_of:
            assert event["type"] == MISSED and data["days_overdue"] == (as_of - due_on).days
        else:
            assert event["type"] == APPROACHING
            assert data["days_left"] == (due_on - as_of).days
            assert data["working_days_left"] == calendar.working_days_between(as_of, due_on)
    stages = {d: s for d, s in await alert_stages(runtime)}
    assert set(stages) == set(cases)
    assert all(next_stage == stages[d] + 1 for d, next_stage in await moved(runtime))
    outbox_ids = {e["id"] for e in sent}
    alert = runtime.spec.tables.deadline_alert
    async with runtime.engine.connect() as conn:
        assert set((await conn.execute(select(alert.c.event_id))).scalars()) == outbox_ids


async def test_postgres_and_sqlite_sweeps_emit_the_same_events(
        migrated_postgres: str, sqlite_url: str, fixed_clock: FixedClock) -> None:
    await truncate_all(migrated_postgres)
    swept = []
    for url in (migrated_postgres, sqlite_url):
        rt = make_runtime(settings_for(url), fixed_clock)
        try:
            cases = await open_many(rt, 60)
            counts = [await rt.deadlines.sweep(rt.unit_of_work, day, batch_size=7)
                      for day in (TEN_BEFORE, date(2026, 6, 12), date(2026, 6, 30), DAY_AFTER)]
            sent = [(e["type"], e["subject"], e["lacode"],
                     {**e["data"], "deadline_id": cases[e["data"]["deadline_id"]]})
                    for e in await events(rt)]
            swept.append((counts, sorted(sent, key=json.dumps),
                          sorted((cases[d], s) for d, s in await alert_stages(rt))))
        finally:
            await rt.stop()
    assert swept[0] == swept[1]
    assert swept[0][0][0] > 0 and sum(swept[0][0]) == len(swept[0][1])


@dataclass
class FailingBook(DeadlineBook):
    """Fails recording the alerts of its third batch (counted over all its loops)."""

    batches: int = 0

    async def _record_alerts(self, *args: Any, **kwargs: Any) -> set[str]:
        self.batches += 1
        if self.batches == 3:
            raise RuntimeError("the database went away")
        return await super()._record_alerts(*args, **kwargs)


async def test_a_failing_batch_stops_the_sweep_and_the_next_sweep_emits_the_rest(
        runtime: ServiceRuntime) -> None:
    cases = await open_many(runtime, 60)
    failing = FailingBook(runtime.spec.tables, "assessment", runtime.deadlines.schedule)
    with pytest.raises(RuntimeError, match="went away"):
        await failing.sweep(runtime.unit_of_work, date(2026, 7, 20), batch_size=8, workers=2)
    assert not [t for t in asyncio.all_tasks() if "_sweep_loop" in repr(t.get_coro())]
    # every batch committed in full or not at all: an event for each alert, a move for each
    sent = await events(runtime)
    alerted = await alert_stages(runtime)
    assert len(sent) == len(alerted) < 60
    assert sum(1 for _, stage in await moved(runtime) if stage == 3) == len(alerted)
    emitted = await runtime.deadlines.sweep(runtime.unit_of_work, date(2026, 7, 20),
                                            batch_size=8)
    assert emitted == 60 - len(sent)
    sent = await events(runtime)
    assert sorted(e["data"]["deadline_id"] for e in sent) == sorted(cases)
    assert {e["type"] for e in sent} == {MISSED}
    assert len(await alert_stages(runtime)) == 60


@dataclass
class HangingBook(DeadlineBook):
    """Hangs recording the alerts of its second batch, until cancelled."""

    batches: int = 0
    hanging: asyncio.Event = field(default_factory=asyncio.Event)

    async def _record_alerts(self, *args: Any, **kwargs: Any) -> set[str]:
        self.batches += 1
        if self.batches == 2:
            self.hanging.set()
            await asyncio.Event().wait()
        return await super()._record_alerts(*args, **kwargs)


async def test_a_cancelled_sweep_cancels_its_loops_and_keeps_batches_whole(
        runtime: ServiceRuntime) -> None:
    await open_many(runtime, 60)
    hanging = HangingBook(runtime.spec.tables, "assessment", runtime.deadlines.schedule)
    sweep = asyncio.create_task(
        hanging.sweep(runtime.unit_of_work, date(2026, 7, 20), batch_size=8, workers=3))
    await asyncio.wait_for(hanging.hanging.wait(), 10)
    sweep.cancel()
    with pytest.raises(asyncio.CancelledError):
        await sweep
    assert not [t for t in asyncio.all_tasks() if "_sweep_loop" in repr(t.get_coro())]
    alerted = await alert_stages(runtime)
    assert len(await events(runtime)) == len(alerted) < 60
    assert sum(1 for _, stage in await moved(runtime) if stage == 3) == len(alerted)
    assert await runtime.sweep(date(2026, 7, 20)) == 60 - len(alerted)


def test_event_ids_are_random_version_4_uuids_as_text() -> None:
    ids = _event_ids(2000)
    assert len(set(ids)) == 2000
    for event_id in ids:
        parsed = uuid.UUID(event_id)
        assert str(parsed) == event_id
        assert parsed.version == 4 and parsed.variant == uuid.RFC_4122
    assert _event_ids(0) == []


async def test_a_deadline_with_no_stage_due_under_new_lead_times_is_repointed_not_retaken(
        runtime: ServiceRuntime) -> None:
    """Lead times changed from (10, 2) to (5,) after the deadline was set: its alert day
    (10 working days before) has passed, but no stage is due yet under the new schedule.
    It is moved to its new alert day, so a full batch of such deadlines cannot keep the
    sweep taking the same rows for ever."""
    deadline_id = await open_deadline(runtime)  # next alert TEN_BEFORE under (10, 2)
    book = DeadlineBook(runtime.deadlines.tables, runtime.deadlines.service,
                        AlertSchedule((5,)))
    swept = await asyncio.wait_for(
        book.sweep(runtime.unit_of_work, date(2026, 6, 2), batch_size=1), timeout=30)
    assert swept == 0 and await events(runtime) == []
    deadline = runtime.spec.tables.deadline
    async with runtime.engine.connect() as conn:
        next_stage, next_alert_on = (await conn.execute(
            select(deadline.c.next_stage, deadline.c.next_alert_on)
            .where(deadline.c.id == deadline_id))).one()
    assert (next_stage, next_alert_on) == (0, date(2026, 6, 8))  # 5 working days before
    assert await book.sweep(runtime.unit_of_work, date(2026, 6, 8), batch_size=1) == 1
    (approaching,) = await events(runtime)
    assert approaching["data"]["working_days_left"] == 5


async def test_a_sweep_that_skipped_held_deadlines_comes_back_for_them_in_seconds(
        pg_url: str) -> None:
    """Issue 11 item 3: a sweep that met deadlines another sweeper held (`SKIP LOCKED`)
    reported success on its short batch, and when the holder died those alerts waited for
    the next interval (an hour). With an hour's interval, the background sweep comes back
    after `sweep_retry_s`: the held deadline's alert goes out once the holder is gone."""
    clock = FixedClock(datetime(2026, 6, 1, 9, 0, tzinfo=UTC))  # TEN_BEFORE
    rt = make_runtime(hourly_sweep(pg_url, retry_s=0.1), clock)
    try:
        ids = [await open_deadline(rt, case_id=f"case-{n}") for n in range(3)]
        holder = await asyncpg.connect(libpq_url(pg_url))  # another sweeper, mid-batch
        transaction = holder.transaction()
        await transaction.start()
        await holder.execute("SELECT id FROM assessment.deadline WHERE id = $1 FOR UPDATE",
                             ids[0])
        assert await rt.sweep_pass() == 0.1  # two emitted, one skipped: retry soon
        assert {d for d, _ in await alert_stages(rt)} == set(ids[1:])
        await rt.start()  # the background sweep, with its hour-long interval
        await holder.close()  # the holder dies without committing
        await eventually(lambda: _alerted(rt, len(ids)), timeout=10,
                         message="the skipped deadline's alert never went out")
        assert sorted(await alert_stages(rt)) == sorted((d, 0) for d in ids)
        assert await rt.sweep_pass() == 3600  # nothing left behind: back to the interval
    finally:
        await rt.stop()


def hourly_sweep(database_url: str, *, retry_s: float) -> Settings:
    """The background sweep on, every hour (the default), with a short retry."""
    return settings_for(database_url).model_copy(
        update={"sweep_interval_s": 3600.0, "sweep_retry_s": retry_s})


async def _alerted(rt: ServiceRuntime, count: int) -> bool:
    return len(await alert_stages(rt)) == count


async def test_a_failed_sweep_comes_back_after_the_short_retry(pg_url: str,
                                                               fixed_clock: FixedClock) -> None:
    """Issue 11 item 3: a sweep that fails (here the database is unreachable) is tried
    again after `sweep_retry_s`, not after the interval."""
    rt = make_runtime(hourly_sweep(pg_url, retry_s=0.5), fixed_clock)
    try:
        async with database_down(pg_url):
            assert await rt.sweep_pass() == 0.5
        assert await rt.sweep_pass() == 3600
    finally:
        await rt.stop()
