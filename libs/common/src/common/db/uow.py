"""The unit of work owns the one commit (STYLE.md practice 2). Events collected during the
use case are written to the outbox in the same transaction as the state change.

It runs on one SQLAlchemy Core `AsyncConnection` (`uow.connection`): every statement goes
through SQLAlchemy's execution, where the engine's statement seam (common.db.seam) and any
other event listener see it. Repositories take that connection; nothing uses an ORM session."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from types import TracebackType
from typing import Any

from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncEngine

from common import logging as ctx
from common.clock import Clock
from common.db.base import PlatformTables
from common.db.held_inserts import discard_held, hold_insert, send_held
from common.messaging.bus import topic_for
from common.messaging.doorbell import ring
from common.messaging.envelope import CloudEvent, source_for


@dataclass
class PendingEvent:
    event_type: str
    subject: str
    la_code: str
    data: dict[str, Any]
    causation_id: str | None = None
    event_id: str | None = None


@dataclass
class UnitOfWork:
    engine: AsyncEngine
    tables: PlatformTables
    service: str
    clock: Clock
    new_id: Callable[[], str] = field(default=lambda: str(uuid.uuid4()))
    connection: AsyncConnection = field(init=False)
    events: list[PendingEvent] = field(default_factory=list, init=False)
    _committed: bool = field(default=False, init=False)

    async def __aenter__(self) -> UnitOfWork:
        # The transaction begins with the first statement (SQLAlchemy's autobegin).
        self.connection = await self.engine.connect()
        return self

    async def __aexit__(self, exc_type: type[BaseException] | None,
                        exc: BaseException | None, tb: TracebackType | None) -> None:
        try:
            discard_held(self.connection)
            if not self._committed and self.connection.in_transaction():
                await self.connection.rollback()
        finally:
            await self.connection.close()

    @property
    def dialect_name(self) -> str:
        return self.connection.dialect.name

    def emit(self, event_type: str, data: BaseModel, *, subject: str, la_code: str,
             causation_id: str | None = None, event_id: str | None = None) -> PendingEvent:
        """Queue an integration event; it reaches the outbox only if the commit succeeds."""
        pending = PendingEvent(event_type, subject, la_code,
                               data.model_dump(mode="json", exclude_none=True),
                               causation_id or ctx.causation_id.get(), event_id)
        self.events.append(pending)
        return pending

    def envelope(self, pending: PendingEvent) -> CloudEvent:
        # Built from values this process made and validated (payload models, LA codes from
        # the database or the token): construct without re-validating, on the hot path of
        # every write and of the deadline sweep.
        return CloudEvent.model_construct(
            specversion="1.0", datacontenttype="application/json",
            id=pending.event_id or self.new_id(), type=pending.event_type,
            source=source_for(self.service),
            subject=pending.subject, time=self.clock.now(), lacode=pending.la_code,
            correlationid=ctx.correlation_id.get(), causationid=pending.causation_id,
            data=pending.data,
        )

    def hold_events(self) -> list[CloudEvent]:
        """The queued events as outbox rows held for the commit (common.db.held_inserts)."""
        envelopes = [self.envelope(p) for p in self.events]
        if envelopes:
            now = self.clock.now()
            topic = topic_for(self.service)
            for e in envelopes:
                hold_insert(self.connection, self.tables.outbox, {
                    "event_id": e.id, "event_type": e.type, "topic": topic, "key": e.subject,
                    "payload": e.model_dump_json(exclude_none=True), "created_at": now})
        self.events.clear()
        return envelopes

    async def flush_events(self) -> list[CloudEvent]:
        """Write the queued events, and every other held row, in the transaction now."""
        envelopes = self.hold_events()
        await send_held(self.connection)
        return envelopes

    @property
    def committed(self) -> bool:
        return self._committed

    async def commit(self) -> list[CloudEvent]:
        """Send the held rows (the outbox's among them) and commit: two round trips."""
        envelopes = await self.flush_events()
        await self.connection.commit()
        self._committed = True
        if envelopes:
            ring(f"outbox:{self.service}")
        return envelopes


@asynccontextmanager
async def committed_on_exit(
        open_unit_of_work: Callable[[], UnitOfWork]) -> AsyncIterator[UnitOfWork]:
    """The one commit point for work outside a request (background workers): the unit of
    work commits once when the block ends without an exception, and rolls back otherwise."""
    async with open_unit_of_work() as uow:
        yield uow
        await uow.commit()
