"""One active member among replicas: a Postgres session-level advisory lock, held on a
connection of its own for as long as the member leads. The outbox relay leads per service,
an embedded-bus consumer per consumer group (as a Kafka group gives a one-partition topic to
one member). On SQLite there is one process, which always leads.

The lock lives with its session: a member that dies (or whose connection the database
drops) loses it, and a standby takes it at its next try."""

from __future__ import annotations

import contextlib
import zlib
from dataclasses import dataclass, field

from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine


def advisory_lock_key(name: str) -> int:
    return zlib.crc32(name.encode())


@dataclass
class AdvisoryLeader:
    engine: AsyncEngine
    name: str
    _connection: AsyncConnection | None = field(default=None, init=False)

    @property
    def key(self) -> int:
        return advisory_lock_key(self.name)

    @property
    def leads(self) -> bool:
        return self._connection is not None or self.engine.dialect.name != "postgresql"

    async def try_lead(self) -> bool:
        """Take the lock if it is free; True while this member leads."""
        if self.leads:
            return True
        conn = await self.engine.connect()
        try:
            got = (await conn.execute(text("SELECT pg_try_advisory_lock(:k)"),
                                      {"k": self.key})).scalar_one()
            await conn.commit()
        except BaseException:
            await conn.close()
            raise
        if got:
            self._connection = conn
        else:
            await conn.close()
        return bool(got)

    async def release(self) -> None:
        """Stop leading. Closing only returns the connection to the pool, where the session
        (and its lock) lives on: unlock explicitly, or drop the connection outright."""
        if self._connection is None:
            return
        conn, self._connection = self._connection, None
        try:
            await conn.execute(text("SELECT pg_advisory_unlock(:k)"), {"k": self.key})
            await conn.commit()
            await conn.close()
        except BaseException as exc:  # the session must end: drop the connection
            with contextlib.suppress(Exception):
                await conn.invalidate()
                await conn.close()
            if not isinstance(exc, Exception):
                raise
