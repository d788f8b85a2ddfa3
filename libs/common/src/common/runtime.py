"""One service's moving parts, wired from settings (STYLE.md practice 6): its engine and
unit of work, bus publisher and subscription, outbox relay, consumer and deadline sweep."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Callable, Coroutine, Sequence
from contextlib import AbstractAsyncContextManager
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from fastapi import APIRouter
from sqlalchemy import MetaData, func, select, text

from common.clock import Clock
from common.db.base import PlatformTables
from common.db.engine import create_engine_for
from common.db.uow import UnitOfWork, committed_on_exit
from common.deadline_alerts import AlertSchedule
from common.deadlines import OPEN, DeadlineBook
from common.messaging.bus import BusPublisher, BusSubscription, topic_for
from common.messaging.consumer import DeadLetterStore, EventConsumer, HandlerTable
from common.messaging.embedded import EmbeddedPublisher, EmbeddedSubscription
from common.messaging.registry import EventRegistry
from common.messaging.relay import OutboxRelay
from common.settings import Settings

log = logging.getLogger("sendsys.runtime")

# `/readyz` answers within 2 s whatever happens: each check gets this long, side by side.
READY_CHECK_S = 1.0


@dataclass
class ServiceSpec:
    """What a service brings to the platform."""

    name: str
    description: str
    metadata: MetaData
    tables: PlatformTables
    registry: EventRegistry
    service_root: Path
    routers: Sequence[APIRouter] = ()
    handlers: Callable[[ServiceRuntime], HandlerTable] | None = None
    consumes_from: Sequence[str] = ()
    rule_violation_types: tuple[type[Exception], ...] = ()
    workers: Sequence[Callable[[ServiceRuntime], Coroutine[Any, Any, None]]] = ()


class ServiceRuntime:
    def __init__(self, spec: ServiceSpec, settings: Settings, clock: Clock) -> None:
        self.spec = spec
        self.settings = settings.for_service(spec.name) if settings.service != spec.name \
            else settings
        self.clock = clock
        self.engine = create_engine_for(self.settings, spec.name)
        self.deadlines = DeadlineBook(spec.tables, spec.name,
                                      AlertSchedule(tuple(self.settings.deadline_lead_working_days)))
        self.publisher: BusPublisher = self._make_publisher()
        self.relay = OutboxRelay(self.engine, spec.tables, spec.name, self.publisher, clock,
                                 poll_s=self.settings.relay_poll_s)
        handlers = spec.handlers(self) if spec.handlers else {}
        self.consumer = EventConsumer(spec.name, handlers, self.unit_of_work,
                                      spec.tables, clock) if handlers else None
        self.subscription: BusSubscription | None = None
        self.extras: dict[str, Any] = {}
        self._tasks: list[asyncio.Task[None]] = []
        self._producer_engines: list[Any] = []

    def unit_of_work(self) -> UnitOfWork:
        return UnitOfWork(self.engine, self.spec.tables, self.spec.name, self.clock)

    def transaction(self) -> AbstractAsyncContextManager[UnitOfWork]:
        """A unit of work for background work that commits when its block ends cleanly."""
        return committed_on_exit(self.unit_of_work)

    def _make_publisher(self) -> BusPublisher:
        if self.settings.bus == "kafka":
            from common.messaging.kafka.connection import connection_options
            from common.messaging.kafka.publisher import KafkaPublisher
            return KafkaPublisher(self.settings.kafka_bootstrap_servers,
                                  client_id=f"sendsys-{self.spec.name}",
                                  connection=connection_options(self.settings))
        return EmbeddedPublisher()

    def make_subscription(self) -> BusSubscription:
        topics = [topic_for(p) for p in self.spec.consumes_from]
        if self.settings.bus == "kafka":
            from common.messaging.kafka.connection import connection_options
            from common.messaging.kafka.subscription import KafkaSubscription
            return KafkaSubscription(self.settings.kafka_bootstrap_servers,
                                     group_id=f"sendsys.{self.spec.name}", topics=topics,
                                     client_id=f"sendsys-{self.spec.name}",
                                     connection=connection_options(self.settings))
        engines = {topic_for(p): create_engine_for(self.settings, p)
                   for p in self.spec.consumes_from}
        self._producer_engines.extend(engines.values())
        return EmbeddedSubscription(self.spec.name, self.engine, self.spec.tables, engines)

    async def start(self, *, background: bool = True) -> None:
        await self.publisher.start()
        if self.consumer is not None:
            self.subscription = self.make_subscription()
        if not background:
            if self.subscription is not None:
                await self.subscription.start()
            return
        self._spawn(self.relay.run(), "relay")
        if self.consumer is not None and self.subscription is not None:
            self._spawn(self.consumer.run(self.subscription, self.settings.consumer_poll_ms),
                        "consumer")
        if self.settings.sweep_interval_s > 0:
            self._spawn(self._sweep_forever(), "sweep")
        for n, worker in enumerate(self.spec.workers):
            self._spawn(worker(self), f"worker{n}")

    def _spawn(self, coro: Any, name: str) -> None:
        task = asyncio.create_task(coro, name=f"{self.spec.name}.{name}")
        task.add_done_callback(self._report_crash)
        self._tasks.append(task)

    @staticmethod
    def _report_crash(task: asyncio.Task[None]) -> None:
        if not task.cancelled() and task.exception() is not None:
            log.error("background task died", exc_info=task.exception(),
                      extra={"task": task.get_name()})

    async def _sweep_forever(self) -> None:
        while True:
            pause = await self.sweep_pass()
            await asyncio.sleep(pause)

    async def sweep_pass(self) -> float:
        """One background sweep; return how long to wait before the next. A pass that left
        due deadlines behind (rows another sweeper held with `SKIP LOCKED`, which it may
        die holding) or that failed comes back after `sweep_retry_s`, not the interval."""
        today = self.clock.today()
        try:
            await self.sweep(today)
            left_behind = await self.deadlines.any_due(self.unit_of_work, today)
        except Exception:  # noqa: BLE001
            log.exception("deadline sweep failed")
            left_behind = True
        if left_behind:
            return min(self.settings.sweep_retry_s, self.settings.sweep_interval_s)
        return self.settings.sweep_interval_s

    async def sweep(self, as_of: date) -> int:
        return await self.deadlines.sweep(self.unit_of_work, as_of)

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
        self._tasks.clear()
        if self.subscription is not None and not self._tasks:
            with contextlib.suppress(Exception):
                await self.subscription.stop()
        with contextlib.suppress(Exception):
            await self.publisher.stop()
        await self.relay.release()
        for engine in self._producer_engines:
            await engine.dispose()
        await self.engine.dispose()

    async def pump(self, rounds: int = 1) -> int:
        """Run relay and consumer passes in the foreground (tests, CLI); returns handled count."""
        handled = 0
        for _ in range(rounds):
            while await self.relay.relay_once():
                pass
            if self.consumer is None or self.subscription is None:
                continue
            handled += await self.consumer.consume_batch(self.subscription, poll_ms=10)
        return handled

    def dead_letters(self) -> DeadLetterStore:
        if self.consumer is None:
            raise LookupError(f"{self.spec.name} consumes no events")
        return DeadLetterStore(self.consumer)

    async def readiness(self) -> dict[str, bool]:
        """Whether the database and the bus answer, each given `READY_CHECK_S` at most."""
        async def bounded(check: Coroutine[Any, Any, bool]) -> bool:
            try:
                return bool(await asyncio.wait_for(check, READY_CHECK_S))
            except Exception:  # noqa: BLE001 - not answering in time is not ready
                return False

        database, bus = await asyncio.gather(bounded(self.database_ready()),
                                             bounded(self.publisher.ping()))
        return {"database": database, "bus": bus}

    async def database_ready(self) -> bool:
        try:
            async with self.engine.connect() as conn:
                await conn.execute(text("SELECT 1"))
            return True
        except Exception:  # noqa: BLE001
            return False

    async def gauges(self, as_of: date) -> dict[str, float]:
        backlog, oldest = await self.relay.backlog()
        table = self.spec.tables.deadline
        async with self.engine.connect() as conn:
            overdue = await conn.scalar(select(func.count()).where(
                table.c.status == OPEN, table.c.due_on < as_of))
            due_soon = await conn.scalar(select(func.count()).where(
                table.c.status == OPEN, table.c.due_on >= as_of))
        lag = 0
        if self.subscription is not None:
            with contextlib.suppress(Exception):
                lag = await self.subscription.lag()
        return {"outbox_backlog": backlog, "outbox_oldest_age_seconds": oldest,
                "consumer_lag": lag, "deadlines_overdue": overdue or 0,
                "deadlines_open": due_soon or 0}
