"""The delivery worker: sends due deliveries, records each attempt, retries with backoff,
keeps webhook deliveries in order per endpoint, and gives up with an event and an alert."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

import httpx

from common.db.uow import UnitOfWork
from common.messaging.consumer import consumed_channel
from common.messaging.doorbell import Listener
from common.runtime import ServiceRuntime
from notifications import directory, reports, repository, service
from notifications.channels.outcome import DeliveryOutcome
from notifications.channels.retry import next_attempt_delay
from notifications.delivery_failures import give_up
from notifications.dispatch import Dispatcher
from notifications.settings import NotificationsSettings

log = logging.getLogger("sendsys.notifications.delivery")
SNAPSHOT_EVERY_S = 5.0


@dataclass
class DeliveryWorker:
    runtime: ServiceRuntime
    dispatcher: Dispatcher
    own: NotificationsSettings
    rng: random.Random = field(default_factory=random.Random)
    _snapshot_at: float = field(default=0.0, init=False)

    async def send_due(self, limit: int | None = None) -> int:
        """One pass: attempt every due delivery; returns how many were attempted.

        Each attempt runs in its own short transaction holding its row (FOR UPDATE SKIP
        LOCKED on Postgres), so replicas share the queue and a worker that dies mid-send
        leaves the row due again (the resend carries the same webhook-id / Message-ID).
        Deliveries to one webhook endpoint go one at a time in creation order and stop at
        the first that does not succeed; other lanes run concurrently."""
        async with self.runtime.unit_of_work() as uow:
            due = await repository.due_deliveries(uow.session, uow.clock.now(),
                                                  limit or self.own.batch_size)
        attempted = 0
        if due:
            lanes: dict[str, list[Mapping[str, Any]]] = {}
            for row in due:
                lanes.setdefault(row["endpoint_id"] or row["id"], []).append(row)
            gate = asyncio.Semaphore(1 if self.runtime.settings.is_sqlite
                                     else self.own.concurrency)
            async with httpx.AsyncClient() as client:
                results = await asyncio.gather(
                    *(self._lane(rows, client, gate) for rows in lanes.values()),
                    return_exceptions=True)
            for result in results:
                if isinstance(result, BaseException):
                    raise result
                attempted += result
        await self._refresh_snapshot()
        return attempted

    async def _lane(self, rows: list[Mapping[str, Any]], client: httpx.AsyncClient,
                    gate: asyncio.Semaphore) -> int:
        attempted = 0
        async with gate:
            for row in rows:
                outcome = await self._send_one(row["id"], client)
                if outcome is not None:
                    attempted += 1
                if row["endpoint_id"] and (outcome is None or outcome.status != "sent"):
                    break  # keep the endpoint's order: later ones wait for this one
        return attempted

    async def _send_one(self, delivery_id: str,
                        client: httpx.AsyncClient) -> DeliveryOutcome | None:
        async with self.runtime.unit_of_work() as uow:
            row = await repository.claim(uow.session, delivery_id, uow.clock.now())
            if row is None:
                return None  # another worker has it, or it is no longer due
            if row["endpoint_id"] and await repository.endpoint_blocked(
                    uow.session, row["endpoint_id"], row["seq"]):
                return None
            outcome = await self._attempt(uow, row, client)
            await uow.commit()
        return outcome

    async def _attempt(self, uow: UnitOfWork, row: Mapping[str, Any],
                       client: httpx.AsyncClient) -> DeliveryOutcome:
        now = uow.clock.now()
        endpoint = await directory.endpoint(uow.session, row["endpoint_id"]) \
            if row["endpoint_id"] else None
        outcome = await self.dispatcher.attempt(row, endpoint, client, now)
        attempt = row["attempts"] + 1
        delay = next_attempt_delay(attempt, self.rng, outcome.retry_after_s) \
            if outcome.status == "retry" else None
        values = service.after_attempt(outcome, now, delay)
        await repository.record_attempt(uow.session, row["id"], values)
        if endpoint is not None:
            await self._endpoint_health(uow, endpoint, outcome, now)
        if values["status"] == "failed":
            await give_up(uow, self.runtime.settings, {**row, "attempts": attempt},
                          outcome.detail)
        return outcome

    async def _endpoint_health(self, uow: UnitOfWork, endpoint: Mapping[str, Any],
                               outcome: DeliveryOutcome, now: datetime) -> None:
        values: dict[str, Any]
        if outcome.status == "sent":
            values = {"last_success_at": now, "consecutive_failures": 0}
        else:
            values = {"last_failure_at": now,
                      "consecutive_failures": endpoint["consecutive_failures"] + 1}
        if outcome.status == "disabled":
            values.update(status="disabled", disabled_reason=outcome.detail)
        await directory.update_endpoint(uow.session, endpoint["id"], values)

    async def _refresh_snapshot(self, force: bool = False) -> None:
        if not force and time.monotonic() - self._snapshot_at < SNAPSHOT_EVERY_S:
            return
        self._snapshot_at = time.monotonic()
        async with self.runtime.unit_of_work() as uow:
            self.runtime.extras["metrics_snapshot"] = await reports.snapshot(
                uow.session, None, uow.clock.now())

    async def run(self) -> None:
        # a consumed event that planned deliveries wakes the worker at once; else it polls
        listener = Listener(consumed_channel(self.runtime.spec.name))
        try:
            while True:
                listener.clear()
                try:
                    if await self.send_due():
                        continue
                except asyncio.CancelledError:
                    raise
                except Exception:  # noqa: BLE001
                    log.exception("delivery pass failed")
                await listener.wait(self.own.poll_s)
        finally:
            listener.close()
