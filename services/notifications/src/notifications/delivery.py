"""The delivery worker: sends due deliveries, records each attempt, retries with backoff."""

from __future__ import annotations

import asyncio
import logging
import random
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from common.runtime import ServiceRuntime
from notifications import repository, service
from notifications.channels.email import EmailMessageSpec, MailDirSender, SmtpSender
from notifications.channels.outcome import DeliveryOutcome
from notifications.channels.retry import next_attempt_delay

log = logging.getLogger("sendsys.notifications.delivery")


class EmailSender(Protocol):
    async def send(self, spec: EmailMessageSpec, message_id: str) -> DeliveryOutcome: ...


def email_sender_for(runtime: ServiceRuntime) -> EmailSender:
    settings = runtime.settings
    if settings.smtp_host:
        return SmtpSender(settings.smtp_host, settings.smtp_port, settings.smtp_from)
    return MailDirSender(settings.mail_dir, sender=settings.smtp_from)


@dataclass
class DeliveryWorker:
    runtime: ServiceRuntime
    email: EmailSender
    rng: random.Random = field(default_factory=random.Random)
    poll_s: float = 0.2

    async def send_due(self, limit: int = 50) -> int:
        """One pass: attempt every due delivery; returns how many were attempted."""
        async with self.runtime.unit_of_work() as uow:
            due = await repository.due_deliveries(uow.session, uow.clock.now(), limit)
            for row in due:
                outcome = await self._attempt(row)
                delay = next_attempt_delay(row["attempts"] + 1, self.rng, outcome.retry_after_s) \
                    if outcome.status == "retry" else None
                await repository.record_attempt(uow.session, row["id"], service.after_attempt(
                    outcome, row["attempts"], uow.clock.now(), delay))
            await uow.commit()
        return len(due)

    async def _attempt(self, row: Mapping[str, Any]) -> DeliveryOutcome:
        if row["channel"] != "email":
            return DeliveryOutcome.failed(f"channel {row['channel']} is not available")
        spec = EmailMessageSpec(to=row["recipient"], subject=row["subject"], text=row["body"])
        try:
            return await self.email.send(spec, row["id"])
        except Exception as exc:  # noqa: BLE001 - a sender bug must not lose the delivery
            log.exception("email sender raised")
            return DeliveryOutcome.retry(f"sender raised {type(exc).__name__}")

    async def run(self) -> None:
        while True:
            try:
                if await self.send_due():
                    continue
            except asyncio.CancelledError:
                raise
            except Exception:  # noqa: BLE001
                log.exception("delivery pass failed")
            await asyncio.sleep(self.poll_s)
