"""The outbox relay (STYLE.md practice 3): one active per service (a Postgres advisory lock),
sends unpublished rows in id order and marks only the prefix the bus accepted."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import zlib
from dataclasses import dataclass

from sqlalchemy import bindparam, func, select, text, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from common.clock import Clock
from common.db.base import PlatformTables
from common.messaging.bus import BusPublisher, OutgoingMessage
from common.messaging.doorbell import Listener, ring

log = logging.getLogger("sendsys.relay")
PUBLISHED_CHANNEL = "published"


def advisory_lock_key(name: str) -> int:
    return zlib.crc32(name.encode())


@dataclass
class OutboxRelay:
    engine: AsyncEngine
    tables: PlatformTables
    service: str
    publisher: BusPublisher
    clock: Clock
    poll_s: float = 0.05
    batch_size: int = 500
    _lock_conn: AsyncConnection | None = None

    @property
    def _lock_key(self) -> int:
        return advisory_lock_key(f"sendsys.relay.{self.service}")

    @property
    def is_leader(self) -> bool:
        return self._lock_conn is not None or self.engine.dialect.name != "postgresql"

    async def try_lead(self) -> bool:
        """Take the service's relay lock; on SQLite there is one process, so always lead."""
        if self.is_leader:
            return True
        conn = await self.engine.connect()
        got = (await conn.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                  {"k": self._lock_key})).scalar_one()
        await conn.commit()
        if got:
            self._lock_conn = conn
        else:
            await conn.close()
        return bool(got)

    async def release(self) -> None:
        if self._lock_conn is not None:
            conn, self._lock_conn = self._lock_conn, None
            # Closing only returns the connection to the pool, where the session (and its
            # advisory lock) lives on: unlock explicitly, or drop the connection outright.
            try:
                await conn.execute(text("SELECT pg_advisory_unlock(:k)"),
                                   {"k": self._lock_key})
                await conn.commit()
                await conn.close()
            except BaseException as exc:  # the session must end: drop the connection
                with contextlib.suppress(Exception):
                    await conn.invalidate()
                    await conn.close()
                if not isinstance(exc, Exception):
                    raise

    async def relay_once(self) -> int:
        """Publish one batch; return how many rows were marked published."""
        outbox = self.tables.outbox
        async with self.engine.begin() as conn:
            rows = (await conn.execute(
                select(outbox.c.id, outbox.c.topic, outbox.c.key, outbox.c.payload)
                .where(outbox.c.published_at.is_(None)).order_by(outbox.c.id)
                .limit(self.batch_size))).all()
            if not rows:
                return 0
            sent = await self.publisher.publish(
                [OutgoingMessage(r.id, r.topic, r.key, r.payload.encode()) for r in rows])
            if sent:
                await self._mark(conn, [r.id for r in rows[:sent]])
        if sent:
            ring(PUBLISHED_CHANNEL)
        return sent

    async def _mark(self, conn: AsyncConnection, ids: list[int]) -> None:
        outbox = self.tables.outbox
        base = (await conn.execute(select(func.coalesce(func.max(outbox.c.published_seq), 0))
                                   )).scalar_one()
        now = self.clock.now()
        stmt = (update(outbox).where(outbox.c.id == bindparam("row_id"))
                .values(published_at=now, published_seq=bindparam("seq")))
        await conn.execute(stmt, [{"row_id": outbox_id, "seq": base + offset}
                                  for offset, outbox_id in enumerate(ids, start=1)])

    async def backlog(self) -> tuple[int, float]:
        """Unpublished rows and the age in seconds of the oldest."""
        outbox = self.tables.outbox
        async with self.engine.connect() as conn:
            count, oldest = (await conn.execute(
                select(func.count(), func.min(outbox.c.created_at))
                .where(outbox.c.published_at.is_(None)))).one()
        if not oldest:
            return 0, 0.0
        return int(count), max(0.0, (self.clock.now() - oldest).total_seconds())

    async def run(self) -> None:
        listener = Listener(f"outbox:{self.service}")
        try:
            while True:
                try:
                    if not await self.try_lead():
                        await asyncio.sleep(max(self.poll_s * 20, 1.0))
                        continue
                    listener.clear()
                    if await self.relay_once() == self.batch_size:
                        continue
                except asyncio.CancelledError:
                    raise
                except Exception:
                    log.exception("relay pass failed", extra={"relay_service": self.service})
                    await self.release()
                    await asyncio.sleep(1.0)
                await listener.wait(self.poll_s)
        finally:
            listener.close()
            await self.release()
