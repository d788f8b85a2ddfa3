"""Losing the database connection around a write (issue 9, item 2): a write that committed
answers with what it wrote, never a 500; a write whose connection is gone answers 503 with
Retry-After and leaves nothing written; the retry (same Idempotency-Key) succeeds."""

from __future__ import annotations

import asyncpg

from common.clock import FixedClock
from common.testing.row_locks import libpq_url
from tests.harness import test_settings as settings_for
from tests.platform.probe_app import NOTE_CREATED, probe


async def terminate_other_backends(database_url: str) -> int:
    """Kill every other connection to the database, as a failover or restart would."""
    admin = await asyncpg.connect(libpq_url(database_url))
    try:
        return int(await admin.fetchval(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"))
    finally:
        await admin.close()


async def notes_in(database_url: str) -> int:
    """Notes written, counted on a connection of the test's own (the service's are cut)."""
    conn = await asyncpg.connect(libpq_url(database_url))
    try:
        return int(await conn.fetchval(
            "SELECT count(*) FROM mediation.outbox WHERE event_type = $1", NOTE_CREATED))
    finally:
        await conn.close()


async def test_connection_dropped_after_commit_answers_the_committed_result(
        pg_url: str, fixed_clock: FixedClock) -> None:
    killed: list[int] = []

    async def drop_connections() -> None:
        if not killed:  # only around the first response
            killed.append(await terminate_other_backends(pg_url))

    async with probe(settings_for(pg_url), fixed_clock,
                     on_response_start=drop_connections) as box:
        headers = {**box.headers, "Idempotency-Key": "after-commit"}
        written = await box.client.post("/probe/notes", json={"text": "kept"}, headers=headers)
        assert killed and killed[0] >= 1, "the service's connection was not dropped"
        assert written.status_code == 201, written.text
        assert written.json()["text"] == "kept"
        assert await notes_in(pg_url) == 1
        # The pooled connection is dead: the next write fails on it (503), nothing written;
        # its retry gets a fresh connection.
        unlucky = await box.client.post("/probe/notes", json={"text": "next"},
                                        headers=box.headers)
        assert unlucky.status_code in (201, 503), unlucky.text
        if unlucky.status_code == 503:
            assert unlucky.headers["retry-after"] == "2"
            assert unlucky.json()["type"].endswith("/unavailable")
            assert await notes_in(pg_url) == 1
        repeat = await box.client.post("/probe/notes", json={"text": "kept"}, headers=headers)
        assert repeat.status_code == 201
        assert repeat.json() == written.json()


async def test_connection_dropped_before_commit_answers_503_and_writes_nothing(
        pg_url: str, fixed_clock: FixedClock) -> None:
    async with probe(settings_for(pg_url), fixed_clock) as box:
        async def drop_own_connection() -> None:
            assert await terminate_other_backends(pg_url) >= 1
            box.gate.after_write = None

        box.gate.after_write = drop_own_connection
        headers = {**box.headers, "Idempotency-Key": "lost"}
        lost = await box.client.post("/probe/notes", json={"text": "lost"}, headers=headers)
        assert lost.status_code == 503, lost.text
        assert lost.headers["content-type"] == "application/problem+json"
        assert lost.headers["retry-after"] == "2"
        assert await notes_in(pg_url) == 0
        retried = await box.client.post("/probe/notes", json={"text": "lost"}, headers=headers)
        assert retried.status_code == 201, retried.text
        assert await notes_in(pg_url) == 1


async def test_database_refusing_connections_answers_503(fixed_clock: FixedClock) -> None:
    settings = settings_for("postgresql+asyncpg://postgres@127.0.0.1:1/nowhere")
    async with probe(settings, fixed_clock) as box:
        answer = await box.client.get("/probe/notes/n-1", headers=box.headers)
    assert answer.status_code == 503, answer.text
    assert answer.headers["retry-after"] == "2"
