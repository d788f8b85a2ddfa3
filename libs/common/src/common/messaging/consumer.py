"""Idempotent consumers (ARCHITECTURE.md invariants 2 and 4; STYLE.md practice 4).

Each handled event's id is recorded in `processed_event` in the same transaction as the
handler's effect, so redelivery changes nothing. An event that is not a CloudEvent, or
whose data fails its model, goes straight to the dead-letter store; one whose handler keeps
failing goes there after retries with backoff. Unknown types are skipped."""

from __future__ import annotations

import asyncio
import json
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError
from sqlalchemy import insert, select, update
from sqlalchemy.exc import IntegrityError

from common import logging as ctx
from common.clock import Clock
from common.db.base import PlatformTables
from common.db.uow import UnitOfWork
from common.messaging.bus import BusSubscription, IncomingRecord
from common.messaging.doorbell import ring
from common.messaging.envelope import CloudEvent

log = logging.getLogger("sendsys.consumer")

HandlerFn = Callable[[UnitOfWork, CloudEvent, Any], Awaitable[None]]


@dataclass(frozen=True)
class Handler:
    """What to do with one event type: validate `data` with `model`, then run `fn`."""

    model: type[BaseModel]
    fn: HandlerFn


HandlerTable = dict[str, Handler]


def consumed_channel(consumer: str) -> str:
    """Rung (in process) after a consumer commits an effect: wakes workers that act on it."""
    return f"consumed:{consumer}"


class PermanentFailure(Exception):
    """The event can never be handled as it is: dead-letter it without retrying."""


@dataclass
class EventConsumer:
    name: str
    handlers: HandlerTable
    unit_of_work: Callable[[], UnitOfWork]
    tables: PlatformTables
    clock: Clock
    max_attempts: int = 4
    backoff_s: Sequence[float] = (0.05, 0.5, 2.0)
    processed: int = field(default=0, init=False)

    async def process(self, record: IncomingRecord) -> str:
        """Handle one record; returns 'done', 'duplicate', 'ignored' or 'dead-lettered'."""
        try:
            event = CloudEvent.from_bytes(record.value)
        except (ValidationError, ValueError) as exc:
            await self.dead_letter(record, None, f"not a valid CloudEvent: {exc}", 1)
            return "dead-lettered"
        handler = self.handlers.get(event.type)
        if handler is None:
            return "ignored"
        try:
            data = handler.model.model_validate(event.data)
        except ValidationError as exc:
            await self.dead_letter(record, event, f"data failed validation: {exc}", 1)
            return "dead-lettered"
        return await self._handle_with_retries(record, event, handler, data)

    async def _handle_with_retries(self, record: IncomingRecord, event: CloudEvent,
                                   handler: Handler, data: BaseModel) -> str:
        for attempt in range(1, self.max_attempts + 1):
            try:
                return await self.handle_once(event, handler, data)
            except PermanentFailure as exc:
                await self.dead_letter(record, event, str(exc), attempt)
                return "dead-lettered"
            except Exception as exc:  # noqa: BLE001 - any handler fault is retried
                log.warning("handler failed", extra={"event_id": event.id, "attempt": attempt,
                                                     "error": repr(exc)})
                if attempt == self.max_attempts:
                    await self.dead_letter(record, event, repr(exc), attempt)
                    return "dead-lettered"
                await asyncio.sleep(self.backoff_s[min(attempt - 1, len(self.backoff_s) - 1)])
        return "dead-lettered"

    async def handle_once(self, event: CloudEvent, handler: Handler, data: BaseModel) -> str:
        inbox = self.tables.processed_event
        token_corr = ctx.correlation_id.set(event.correlationid or event.id)
        token_cause = ctx.causation_id.set(event.id)
        try:
            async with self.unit_of_work() as uow:
                seen = await uow.connection.scalar(select(inbox.c.event_id).where(
                    inbox.c.consumer == self.name, inbox.c.event_id == event.id))
                if seen:
                    return "duplicate"
                await handler.fn(uow, event, data)
                await uow.connection.execute(insert(inbox).values(
                    consumer=self.name, event_id=event.id, event_type=event.type,
                    processed_at=self.clock.now()))
                try:
                    await uow.commit()
                except IntegrityError:
                    return "duplicate"  # another replica handled it first
            self.processed += 1
            ring(consumed_channel(self.name))
            return "done"
        finally:
            ctx.correlation_id.reset(token_corr)
            ctx.causation_id.reset(token_cause)

    async def dead_letter(self, record: IncomingRecord, event: CloudEvent | None,
                          error: str, attempts: int) -> None:
        log.error("dead-lettered an event", extra={"topic": record.topic, "offset": record.offset,
                                                   "error": error[:500]})
        async with self.unit_of_work() as uow:
            await uow.connection.execute(insert(self.tables.dead_letter).values(
                consumer=self.name, topic=record.topic, partition=record.partition,
                offset=record.offset, event_id=event.id if event else None,
                event_type=event.type if event else None,
                payload=record.value.decode(errors="replace"), error=error[:4000],
                attempts=attempts, created_at=self.clock.now()))
            await uow.commit()

    async def run(self, subscription: BusSubscription, poll_ms: int = 100) -> None:
        await subscription.start()
        try:
            while True:
                try:
                    await self.consume_batch(subscription, poll_ms)
                except asyncio.CancelledError:
                    raise
                except Exception:  # noqa: BLE001 - e.g. our database is down: retry the batch
                    log.exception("consumer pass failed; the batch will be retried")
                    await asyncio.sleep(1.0)
                    await subscription.rewind()
        finally:
            await subscription.stop()

    async def consume_batch(self, subscription: BusSubscription, poll_ms: int = 100) -> int:
        """Fetch, handle and commit one batch; returns the number of records."""
        records = await subscription.fetch(max_records=200, timeout_ms=poll_ms)
        for record in records:
            await self.process(record)
        if records:
            await subscription.commit(records)
        return len(records)


@dataclass
class DeadLetterStore:
    """List and replay dead letters (`sendsys dlq list|replay`)."""

    consumer: EventConsumer

    async def list(self, include_replayed: bool = False) -> list[dict[str, Any]]:
        table = self.consumer.tables.dead_letter
        query = select(table).order_by(table.c.id)
        if not include_replayed:
            query = query.where(table.c.replayed_at.is_(None))
        async with self.consumer.unit_of_work() as uow:
            rows = (await uow.connection.execute(query)).mappings().all()
        return [dict(r) for r in rows]

    async def replay(self, dead_letter_id: int) -> str:
        """Run the stored event through its handler again; mark it replayed if it succeeds."""
        table = self.consumer.tables.dead_letter
        async with self.consumer.unit_of_work() as uow:
            row = (await uow.connection.execute(select(table).where(table.c.id == dead_letter_id))
                   ).mappings().one_or_none()
        if row is None:
            raise LookupError(f"no dead letter {dead_letter_id}")
        record = IncomingRecord(row["topic"], row["partition"], row["offset"], None,
                                row["payload"].encode())
        outcome = await self._replay_record(record)
        if outcome in ("done", "duplicate", "ignored"):
            async with self.consumer.unit_of_work() as uow:
                await uow.connection.execute(update(table).where(table.c.id == dead_letter_id)
                                          .values(replayed_at=self.consumer.clock.now()))
                await uow.commit()
        return outcome

    async def _replay_record(self, record: IncomingRecord) -> str:
        try:
            event = CloudEvent.model_validate(json.loads(record.value))
            handler = self.consumer.handlers.get(event.type)
            if handler is None:
                return "ignored"
            return await self.consumer.handle_once(event, handler,
                                                   handler.model.model_validate(event.data))
        except Exception as exc:  # noqa: BLE001
            log.warning("replay failed", extra={"error": repr(exc)})
            return f"failed: {exc!r}"[:300]
