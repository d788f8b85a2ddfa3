"""The request's one transaction (`common.web.Transaction`) and Idempotency-Key on creating
POSTs (`common.idempotency.create_once`), on Postgres and SQLite, over HTTP."""

from __future__ import annotations

import asyncio

import asyncpg

from common.clock import FixedClock
from tests.harness import test_settings as settings_for
from tests.platform.probe_app import probe


async def test_the_transaction_commits_before_the_response_starts(
        database_url: str, fixed_clock: FixedClock) -> None:
    seen_at_response_start: list[int] = []

    async def count_committed() -> None:
        seen_at_response_start.append(await box.notes())

    async with probe(settings_for(database_url), fixed_clock,
                     on_response_start=count_committed) as box:
        created = await box.client.post("/probe/notes", json={"text": "first visit"},
                                        headers=box.headers)
    assert created.status_code == 201, created.text
    # counted on another connection, as the response began: the write was already visible
    assert seen_at_response_start == [1]


async def test_a_handler_that_raises_leaves_nothing_written(
        database_url: str, fixed_clock: FixedClock) -> None:
    async with probe(settings_for(database_url), fixed_clock) as box:
        refused = await box.client.post("/probe/notes", json={"text": "refuse"},
                                        headers=box.headers)
        assert refused.status_code == 422
        assert refused.headers["content-type"] == "application/problem+json"
        assert refused.json()["errors"] == [
            {"rule": "R-probe", "field": "text", "message": "notes saying 'refuse' are refused"}]
        assert await box.notes() == 0
        idempotent = await box.client.post("/probe/notes", json={"text": "refuse"},
                                           headers={**box.headers, "Idempotency-Key": "k1"})
        assert idempotent.status_code == 422
        # the key's claim was rolled back with the rest: a corrected request may reuse it
        assert (await box.client.post("/probe/notes", json={"text": "ok"}, headers={
            **box.headers, "Idempotency-Key": "k1"})).status_code == 201


async def test_a_repeat_with_the_same_key_returns_the_first_result(
        database_url: str, fixed_clock: FixedClock) -> None:
    async with probe(settings_for(database_url), fixed_clock) as box:
        headers = {**box.headers, "Idempotency-Key": "visit-1"}
        first = await box.client.post("/probe/notes", json={"text": "a"}, headers=headers)
        again = await box.client.post("/probe/notes", json={"text": "a"}, headers=headers)
        other_body = await box.client.post("/probe/notes", json={"text": "b"},
                                           headers=headers)
        assert first.status_code == again.status_code == 201
        assert again.json() == first.json()
        assert other_body.status_code == 422
        assert other_body.json()["type"].endswith("/idempotency-key-reused")
        assert await box.notes() == 1
        assert box.gate.creates == 1


async def _waiting_on_a_lock(database_url: str) -> bool:
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        return bool(await conn.fetchval(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND wait_event_type = 'Lock'"))
    finally:
        await conn.close()


async def test_a_concurrent_repeat_waits_for_the_first_and_returns_its_result(
        pg_url: str, fixed_clock: FixedClock) -> None:
    async with probe(settings_for(pg_url), fixed_clock) as box:
        headers = {**box.headers, "Idempotency-Key": "double-click"}
        first = asyncio.create_task(box.client.post("/probe/notes", json={"text": "hold"},
                                                    headers=headers))
        await asyncio.wait_for(box.gate.entered.wait(), 10)
        second = asyncio.create_task(box.client.post("/probe/notes", json={"text": "hold"},
                                                     headers=headers))
        for _ in range(200):  # until the second blocks on the first's uncommitted claim
            if await _waiting_on_a_lock(pg_url):
                break
            await asyncio.sleep(0.02)
        else:
            raise AssertionError("the second request never waited for the first")
        box.gate.release.set()
        answers = await asyncio.gather(first, second)
        assert [a.status_code for a in answers] == [201, 201], [a.text for a in answers]
        assert answers[0].json() == answers[1].json()
        assert box.gate.creates == 1
        assert await box.notes() == 1


async def test_concurrent_repeats_on_sqlite_create_once(sqlite_url: str,
                                                       fixed_clock: FixedClock) -> None:
    async with probe(settings_for(sqlite_url), fixed_clock) as box:
        headers = {**box.headers, "Idempotency-Key": "double-click"}
        answers = await asyncio.gather(*[
            box.client.post("/probe/notes", json={"text": "same"}, headers=headers)
            for _ in range(5)])
        assert {a.status_code for a in answers} == {201}
        assert len({a.json()["id"] for a in answers}) == 1
        assert await box.notes() == 1
