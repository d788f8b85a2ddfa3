"""Use cases of the notifications service: turn events into delivery rows (in the consuming
transaction), and send due deliveries with retries. Nothing here commits."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from common.db.uow import UnitOfWork
from common.messaging.envelope import CloudEvent, case_id_from_subject
from notifications import repository
from notifications.channels.outcome import DeliveryOutcome
from notifications.routing import Recipient
from notifications.templates import render_default


async def plan_deliveries(uow: UnitOfWork, event: CloudEvent, context: Mapping[str, Any],
                          recipients: list[Recipient]) -> int:
    """One delivery row per recipient and channel, idempotent per (event, recipient, channel).
    A template that fails to render raises: the consumer retries, then dead-letters."""
    created = 0
    for recipient in recipients:
        message = render_default(event.type, recipient.audience, context)
        created += await repository.add_delivery(uow.session, {
            "id": str(uuid.uuid4()), "la_code": event.lacode,
            "case_id": case_id_from_subject(event.subject), "event_id": event.id,
            "event_type": event.type, "audience": recipient.audience,
            "channel": recipient.channel, "recipient": recipient.address,
            "subject": message.subject, "body": message.text, "status": "pending",
            "attempts": 0, "next_attempt_at": uow.clock.now(), "created_at": uow.clock.now()})
    return created


def after_attempt(outcome: DeliveryOutcome, attempts_before: int, now: datetime,
                  next_delay_s: float | None) -> dict[str, Any]:
    """The delivery row's new state after one attempt."""
    if outcome.status == "sent":
        return {"status": "sent", "sent_at": now, "next_attempt_at": None, "last_error": None}
    if outcome.status == "retry" and next_delay_s is not None:
        return {"status": "retrying", "last_error": outcome.detail,
                "next_attempt_at": now + timedelta(seconds=next_delay_s)}
    return {"status": "failed", "last_error": outcome.detail, "next_attempt_at": None}
