"""The outbox relay (STYLE.md practice 3): one active per service (a Postgres advisory lock),
sends unpublished rows in id order and marks only the prefix the bus accepted."""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass

from sqlalchemy import ARRAY, BigInteger, any_, bindparam, func, select, update
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from common.clock import Clock
from common.db.base import PlatformTables
from common.db.leader import AdvisoryLeader
from common.messaging.bus import BusPublisher, OutgoingMessage
from common.messaging.doorbell import Listener, ring

log = logging.getLogger("sendsys.relay")


def published_channel(service: str) -> str:
    """The in-process channel rung when `service`'s relay has published a batch: the
    embedded consumers of that service's topic listen to it."""
    return f"published:{service}"


@dataclass
class OutboxRelay:
    engine: AsyncEngine
    tables: PlatformTables
    service: str
    publisher: BusPublisher
    clock: Clock
    poll_s: float = 0.05
    batch_size: int = 500

    def __post_init__(self) -> None:
        self.leader = AdvisoryLeader(self.engine, f"sendsys.relay.{self.service}")

    @property
    def is_leader(self) -> bool:
        return self.leader.leads

    async def try_lead(self) -> bool:
        """Take the service's relay lock; on SQLite there is one process, so always lead."""
        return await self.leader.try_lead()

    async def release(self) -> None:
        await self.leader.release()

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
            ring(published_channel(self.service))
        return sent

    async def _mark(self, conn: AsyncConnection, ids: list[int]) -> None:
        """Number the published rows on from the highest number so far, in the order given
        (the embedded bus's log order): on Postgres in one statement."""
        outbox = self.tables.outbox
        if conn.dialect.name == "postgresql":
            given = bindparam("ids", type_=ARRAY(BigInteger))
            # the highest number so far is an uncorrelated subquery: evaluated once, on the
            # statement's snapshot (before this update)
            highest = select(func.coalesce(func.max(outbox.c.published_seq), 0)
                             ).scalar_subquery()
            await conn.execute(
                update(outbox).where(outbox.c.id == any_(given))
                .values(published_at=self.clock.now(),
                        published_seq=highest + func.array_position(given, outbox.c.id)),
                {"ids": ids})
            return
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
