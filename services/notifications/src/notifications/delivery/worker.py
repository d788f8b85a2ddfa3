"""The delivery worker: claims each due delivery (a committed `sending` state with a lease),
calls the channel outside any transaction, then records the outcome; retries with
backoff, keeps webhook deliveries in order per endpoint, gives up with an event and an
alert. A graceful stop lets the sends in flight finish and be recorded."""

from __future__ import annotations

import asyncio
import logging
import random
import time
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta

import httpx

from common.db.outage import database_unreachable
from common.messaging.consumer import consumed_channel
from common.messaging.doorbell import Listener
from common.runtime import ServiceRuntime
from notifications.delivery import repository
from notifications.delivery.channels.outcome import DeliveryOutcome
from notifications.delivery.channels.retry import next_attempt_delay
from notifications.delivery.dispatch import Dispatcher
from notifications.delivery.rules import Claim, decide_after_attempt, decide_claim
from notifications.domain.enums import Channel, LetterStatus, OutcomeStatus
from notifications.domain.records import Delivery, Endpoint
from notifications.letters import repository as letters
from notifications.letters.rules import addressee_lines
from notifications.log import reports
from notifications.planning.alerts import give_up
from notifications.settings import NotificationsSettings
from notifications.state import NotificationsState
from notifications.webhooks import repository as endpoints
from notifications.webhooks.rules import decide_health

log = logging.getLogger("sendsys.notifications.delivery")
SNAPSHOT_EVERY_S = 5.0
# while the database cannot be reached, the outcome of a sent message is retried from the
# first pause, doubling up to the longest, for so many seconds at most
RECORD_RETRY_FIRST_S, RECORD_RETRY_MAX_S, RECORD_RETRY_FOR_S = 0.2, 2.0, 120.0


@dataclass(frozen=True)
class Claimed:
    row: Delivery  # as written by the claim: status `sending`, attempts = this attempt
    claim: Claim
    endpoint: Endpoint | None
    notify_template: str | None = None  # the LA's Notify template id, when sent by Notify


def letter_values(row: Delivery, pdf: bytes, now: datetime) -> dict[str, object]:
    return {"delivery_id": row.id, "la_code": row.la_code, "case_id": row.case_id,
            "addressee": (addressee_lines(row.recipient) or [""])[0][:200],
            "status": LetterStatus.QUEUED.value, "pdf": pdf, "queued_at": now}


@dataclass
class DeliveryWorker:
    runtime: ServiceRuntime
    dispatcher: Dispatcher
    state: NotificationsState
    rng: random.Random = field(default_factory=random.Random)
    _snapshot_at: float = field(default=0.0, init=False)
    _stopping: bool = field(default=False, init=False)

    @property
    def own(self) -> NotificationsSettings:
        return self.state.settings

    async def send_due(self, limit: int | None = None) -> int:
        """One pass: attempt every due delivery; returns how many were attempted.

        Deliveries to one webhook endpoint go one at a time in creation order and stop at
        the first that does not succeed; other lanes run concurrently."""
        async with self.runtime.unit_of_work() as uow:
            due = await repository.due_deliveries(uow.connection, uow.clock.now(),
                                                  limit or self.own.batch_size)
        attempted = 0
        if due:
            lanes: dict[str, list[Delivery]] = {}
            for row in due:
                lanes.setdefault(row.endpoint_id or row.id, []).append(row)
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

    async def _lane(self, rows: list[Delivery], client: httpx.AsyncClient,
                    gate: asyncio.Semaphore) -> int:
        attempted = 0
        async with gate:
            for row in rows:
                if self._stopping:
                    break  # stopping: claim nothing new
                outcome = await self._send_one(row.id, client)
                if outcome is not None:
                    attempted += 1
                if row.endpoint_id and (outcome is None
                                        or outcome.status != OutcomeStatus.SENT):
                    break  # keep the endpoint's order: later ones wait for this one
        return attempted

    async def _send_one(self, delivery_id: str,
                        client: httpx.AsyncClient) -> DeliveryOutcome | None:
        claimed = await self._claim(delivery_id)
        if claimed is None:
            return None  # another worker has it, or it is no longer due
        now = self.runtime.clock.now()
        outcome = await self.dispatcher.attempt(claimed.row, claimed.endpoint, client, now,
                                                claimed.notify_template)
        await self._record(claimed, outcome)
        return outcome

    async def _claim(self, delivery_id: str) -> Claimed | None:
        """Take the delivery for one attempt, committed before the channel is called."""
        async with self.runtime.transaction() as uow:
            row = await repository.get(uow.connection, delivery_id)
            claim = decide_claim(row, uow.clock.now(), timedelta(
                seconds=self.own.claim_lease_s)) if row is not None else None
            if row is None or claim is None:
                return None
            if row.endpoint_id and await repository.endpoint_blocked(
                    uow.connection, row.endpoint_id, row.seq):
                return None
            if not await repository.save_if_unchanged(uow.connection, row, claim.values()):
                return None
            endpoint = await endpoints.endpoint(uow.connection, row.endpoint_id) \
                if row.endpoint_id else None
            template = await repository.notify_template_for(
                uow.connection, row.la_code, row.event_type, row.audience, row.channel) \
                if self.dispatcher.uses_notify(row) else None
        if claim.resend:
            self.state.resends += 1
            log.warning("resending a delivery whose claim ran out",
                        extra={"delivery_id": row.id, "attempt": claim.attempt})
        return Claimed(replace(row, **claim.values()), claim, endpoint, template)

    async def _record(self, claimed: Claimed, outcome: DeliveryOutcome) -> None:
        """Record the attempt's outcome. The message has gone: while the database cannot be
        reached, keep trying (for RECORD_RETRY_FOR_S at most), so an outage does not turn a
        sent message into a resend. Going on past the claim's lease is safe: the record is
        fenced on the claim, so if another worker has claimed the delivery meanwhile (it
        could not while the database was down) this outcome is dropped, not written."""
        pause, give_up_at = RECORD_RETRY_FIRST_S, time.monotonic() + RECORD_RETRY_FOR_S
        while True:
            try:
                await self._record_once(claimed, outcome)
                return
            except Exception as exc:
                if not database_unreachable(exc) or time.monotonic() + pause > give_up_at:
                    raise
                self.state.record_retries += 1
                log.warning("the outcome of a sent delivery waits for the database",
                            extra={"delivery_id": claimed.row.id})
                await asyncio.sleep(pause)
                pause = min(pause * 2, RECORD_RETRY_MAX_S)

    async def _record_once(self, claimed: Claimed, outcome: DeliveryOutcome) -> None:
        """One try at recording the outcome, fenced on the claim (a claim that ran out and
        was taken by another worker is not overwritten)."""
        row = claimed.row
        async with self.runtime.transaction() as uow:
            now = uow.clock.now()
            delay = next_attempt_delay(row.attempts, self.rng, outcome.retry_after_s) \
                if outcome.status == OutcomeStatus.RETRY else None
            after = decide_after_attempt(row, outcome.status, outcome.detail,
                                         outcome.provider_ref, now, delay)
            if not await repository.save_if_unchanged(uow.connection, row, after.values):
                log.warning("an outcome came after the claim ran out",
                            extra={"delivery_id": row.id})
                return
            if outcome.document is not None and row.channel == Channel.POST:
                await letters.queue_letter(uow.connection, letter_values(row, outcome.document,
                                                                      now))
            if claimed.endpoint is not None:
                await endpoints.update_endpoint(uow.connection, claimed.endpoint.id, decide_health(
                    claimed.endpoint, outcome.status, outcome.detail, now))
            if after.gives_up:
                await give_up(uow, self.own, row, outcome.detail)

    async def _refresh_snapshot(self, force: bool = False) -> None:
        if not force and time.monotonic() - self._snapshot_at < SNAPSHOT_EVERY_S:
            return
        self._snapshot_at = time.monotonic()
        async with self.runtime.unit_of_work() as uow:
            self.state.snapshot = await reports.snapshot(uow.connection, None, uow.clock.now())

    async def run(self) -> None:
        """Send until cancelled; on cancel, stop claiming, let the sends in flight finish
        and be recorded (up to ``drain_s``), then stop."""
        listener = Listener(consumed_channel(self.runtime.spec.name))
        current: asyncio.Task[int] | None = None
        try:
            while True:
                listener.clear()
                current = asyncio.create_task(self.send_due())
                try:
                    if await asyncio.shield(current):
                        continue
                except asyncio.CancelledError:
                    raise
                except Exception:  # noqa: BLE001
                    log.exception("delivery pass failed")
                await listener.wait(self.own.poll_s)
        except asyncio.CancelledError:
            await self._drain(current)
            raise
        finally:
            listener.close()

    async def _drain(self, current: asyncio.Task[int] | None) -> None:
        self._stopping = True
        if current is None or current.done():
            return
        try:
            await asyncio.wait_for(asyncio.shield(current), self.own.drain_s)
        except TimeoutError:
            log.error("stopping with sends still in flight: their claims will run out")
            current.cancel()
        except Exception:  # noqa: BLE001
            log.exception("delivery pass failed while stopping")

