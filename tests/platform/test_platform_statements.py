"""Every statement goes through the engine's one seam (common.db.seam), where a listener
sees it — the row lock of a GET included; the row-lock checks of common.testing catch a
read that locks and pass one that does not."""

from __future__ import annotations

import logging

import pytest
from sqlalchemy import event

from common.clock import FixedClock
from common.testing.row_locks import (
    assert_get_takes_no_row_lock,
    recorded_statements,
    while_row_held,
)
from tests.harness import System
from tests.harness import test_settings as settings_for
from tests.platform.probe_app import probe


async def _a_note(box) -> str:
    created = await box.client.post("/probe/notes", json={"text": "seen"}, headers=box.headers)
    assert created.status_code == 201, created.text
    return str(created.json()["id"])


async def test_a_listener_sees_every_statement_of_a_get_with_its_row_lock(
        pg_url: str, fixed_clock: FixedClock) -> None:
    seen: list[str] = []

    def listener(conn, cursor, statement, params, context, executemany):
        seen.append(statement)

    async with probe(settings_for(pg_url), fixed_clock) as box:
        note_id = await _a_note(box)
        engine = box.runtime.engine.sync_engine
        event.listen(engine, "before_cursor_execute", listener)
        try:
            read = await box.client.get(f"/probe/notes/{note_id}/locked", headers=box.headers)
        finally:
            event.remove(engine, "before_cursor_execute", listener)
    assert read.status_code == 200
    assert len(seen) == 2  # the lock, then the read
    assert "FOR UPDATE" in seen[0] and "outbox" in seen[0]
    assert "FOR UPDATE" not in seen[1]


async def test_the_seam_logs_each_statement_at_debug(
        pg_url: str, fixed_clock: FixedClock, caplog: pytest.LogCaptureFixture) -> None:
    async with probe(settings_for(pg_url), fixed_clock) as box:
        note_id = await _a_note(box)
        with caplog.at_level(logging.DEBUG, logger="sendsys.sql"):
            await box.client.get(f"/probe/notes/{note_id}", headers=box.headers)
    logged = [r for r in caplog.records if r.name == "sendsys.sql"]
    assert len(logged) == 1
    assert "SELECT" in logged[0].sql and logged[0].duration_ms >= 0  # type: ignore[attr-defined]


async def test_a_plain_get_passes_the_no_row_lock_check(
        database_url: str, fixed_clock: FixedClock) -> None:
    async with probe(settings_for(database_url), fixed_clock) as box:
        note_id = await _a_note(box)
        answer = await assert_get_takes_no_row_lock(
            box.client, box.runtime.engine, f"/probe/notes/{note_id}", headers=box.headers)
        assert answer.json()["text"] == "seen"
        # the platform's own reads
        for path in ("/readyz", "/metrics"):
            await assert_get_takes_no_row_lock(box.client, box.runtime.engine, path,
                                               headers=ops_token(box))


def ops_token(box) -> dict[str, str]:
    return System(box.runtime.settings, box.runtime.clock).token("ops")


async def test_the_no_row_lock_check_catches_a_locking_get(
        pg_url: str, fixed_clock: FixedClock) -> None:
    async with probe(settings_for(pg_url), fixed_clock) as box:
        note_id = await _a_note(box)
        with pytest.raises(AssertionError, match="a read took a lock"):
            await assert_get_takes_no_row_lock(box.client, box.runtime.engine,
                                               f"/probe/notes/{note_id}/locked",
                                               headers=box.headers)


async def test_a_held_row_does_not_hold_up_a_plain_get_but_catches_a_locking_one(
        pg_url: str, fixed_clock: FixedClock) -> None:
    async with probe(settings_for(pg_url), fixed_clock) as box:
        note_id = await _a_note(box)
        row = f"event_id = '{note_id}'"
        plain = await while_row_held(pg_url, "mediation.outbox", row, box.client.get(
            f"/probe/notes/{note_id}", headers=box.headers))
        assert plain.status_code == 200
        with pytest.raises(AssertionError, match="waited for a lock"):
            await while_row_held(pg_url, "mediation.outbox", row, box.client.get(
                f"/probe/notes/{note_id}/locked", headers=box.headers))
        with recorded_statements(box.runtime.engine) as log:  # the cancelled GET is gone
            assert (await box.client.get(f"/probe/notes/{note_id}",
                                         headers=box.headers)).status_code == 200
        assert log.statements
