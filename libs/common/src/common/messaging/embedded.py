"""The embedded bus: no broker. A producer's outbox *is* its log: the relay numbers rows
(`published_seq`) in the order it publishes them, and each consumer tails the producers'
outboxes past its own stored positions (in its own database)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.dialects.sqlite import insert as sqlite_insert
from sqlalchemy.ext.asyncio import AsyncEngine

from common.db.base import PlatformTables, add_platform_tables, make_metadata
from common.db.leader import AdvisoryLeader
from common.messaging.bus import IncomingRecord, OutgoingMessage, producer_of
from common.messaging.doorbell import Listener
from common.messaging.relay import published_channel

_LOG_TABLES = add_platform_tables(make_metadata())


class EmbeddedPublisher:
    """The outbox is already the log, so publishing only lets the relay number the rows."""

    async def start(self) -> None:
        return None

    async def stop(self) -> None:
        return None

    async def publish(self, messages: Sequence[OutgoingMessage]) -> int:
        return len(messages)

    async def ping(self) -> bool:
        return True


def upsert(engine: AsyncEngine) -> Any:
    return pg_insert if engine.dialect.name == "postgresql" else sqlite_insert


@dataclass
class EmbeddedSubscription:
    """Tails `producer_engines` (topic -> the producer's engine) for consumer group `group`.

    One member of a group reads at a time (an advisory lock on Postgres, as a Kafka group
    gives a one-partition topic to one member): replicas of a service do not each read and
    parse every record, and a standby takes over when the member reading dies."""

    group: str
    consumer_engine: AsyncEngine
    consumer_tables: PlatformTables
    producer_engines: dict[str, AsyncEngine]
    _listener: Listener | None = field(default=None, init=False)
    _leader: AdvisoryLeader | None = field(default=None, init=False)

    async def start(self) -> None:
        self._listener = Listener(*(published_channel(producer_of(topic))
                                    for topic in self.producer_engines))
        self._leader = AdvisoryLeader(self.consumer_engine, f"sendsys.consumer.{self.group}")

    async def stop(self) -> None:
        if self._listener:
            self._listener.close()
        if self._leader is not None:
            await self._leader.release()

    @property
    def leads(self) -> bool:
        return self._leader is not None and self._leader.leads

    async def _positions(self) -> dict[str, int]:
        pos = self.consumer_tables.consumer_position
        async with self.consumer_engine.connect() as conn:
            rows = (await conn.execute(select(pos.c.topic, pos.c.position)
                                       .where(pos.c.consumer == self.group))).all()
        return {r.topic: r.position for r in rows}

    async def _read(self, topic: str, after: int, limit: int) -> list[IncomingRecord]:
        outbox = _LOG_TABLES.outbox
        async with self.producer_engines[topic].connect() as conn:
            rows = (await conn.execute(
                select(outbox.c.published_seq, outbox.c.key, outbox.c.payload)
                .where(outbox.c.published_seq > after).order_by(outbox.c.published_seq)
                .limit(limit))).all()
        return [IncomingRecord(topic, 0, r.published_seq, r.key, r.payload.encode())
                for r in rows]

    async def fetch(self, max_records: int = 100, timeout_ms: int = 200) -> list[IncomingRecord]:
        assert self._listener is not None and self._leader is not None, "start() first"
        self._listener.clear()
        try:
            if await self._leader.try_lead():
                positions = await self._positions()
                for topic in sorted(self.producer_engines):
                    records = await self._read(topic, positions.get(topic, 0), max_records)
                    if records:
                        return records
        except Exception:
            # the database may have dropped the lock's session with the rest: lead again
            # only after taking the lock again
            await self._leader.release()
            raise
        await self._listener.wait(timeout_ms / 1000)
        return []

    async def rewind(self) -> None:
        """Nothing to do: every fetch reads on from the committed position."""

    async def commit(self, records: Sequence[IncomingRecord]) -> None:
        last: dict[str, int] = {}
        for record in records:
            last[record.topic] = max(last.get(record.topic, 0), record.offset)
        pos = self.consumer_tables.consumer_position
        insert = upsert(self.consumer_engine)
        async with self.consumer_engine.begin() as conn:
            for topic, offset in last.items():
                stmt = insert(pos).values(consumer=self.group, topic=topic, position=offset)
                await conn.execute(stmt.on_conflict_do_update(
                    index_elements=[pos.c.consumer, pos.c.topic],
                    set_={"position": stmt.excluded.position}))

    async def lag(self) -> int:
        positions = await self._positions()
        total = 0
        outbox = _LOG_TABLES.outbox
        for topic, engine in self.producer_engines.items():
            async with engine.connect() as conn:
                head = (await conn.execute(select(func.coalesce(
                    func.max(outbox.c.published_seq), 0)))).scalar_one()
            total += max(0, head - positions.get(topic, 0))
        return total
