"""Pure rules of a delivery's lifecycle (DeliveryStatus): claiming it for one attempt,
and its state after the attempt. No clock, no database: ``now`` is given."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from common.errors import WrongState
from notifications.domain.enums import UNDELIVERED, DeliveryStatus, OutcomeStatus
from notifications.domain.errors import DELIVERY_STATE
from notifications.domain.records import Delivery


@dataclass(frozen=True)
class Claim:
    """A delivery taken for attempt number ``attempt`` until ``lease_until``. ``resend``:
    an earlier claim's lease ran out without an outcome (that worker died mid-send), so
    the receiver may already have it; the resend carries the same ids."""

    attempt: int
    lease_until: datetime
    resend: bool

    def values(self) -> dict[str, Any]:
        return {"status": DeliveryStatus.SENDING.value, "attempts": self.attempt,
                "next_attempt_at": self.lease_until}


def decide_claim(row: Delivery, now: datetime, lease: timedelta) -> Claim | None:
    """Claim a due delivery, or one whose earlier claim's lease has run out; None when it
    is not due, finished, or someone else's claim still holds."""
    due = row.next_attempt_at is not None and row.next_attempt_at <= now
    if not due:
        return None
    status = row.delivery_status
    if status in UNDELIVERED:
        return Claim(row.attempts + 1, now + lease, resend=False)
    if status == DeliveryStatus.SENDING:
        return Claim(row.attempts + 1, now + lease, resend=True)
    return None


@dataclass(frozen=True)
class AfterAttempt:
    values: dict[str, Any]
    gives_up: bool


def decide_after_attempt(row: Delivery, outcome: OutcomeStatus, detail: str,
                         provider_ref: str | None, now: datetime,
                         next_delay_s: float | None) -> AfterAttempt:
    """The delivery's state after its claimed attempt: sent, retrying at ``now + delay``,
    or failed (a permanent fault, a disabled endpoint, or no retries left)."""
    if row.delivery_status != DeliveryStatus.SENDING:
        raise WrongState(DELIVERY_STATE, f"delivery {row.id} is {row.status}, not being sent")
    if outcome == OutcomeStatus.SENT:
        return AfterAttempt({"status": DeliveryStatus.SENT.value, "sent_at": now,
                             "next_attempt_at": None, "last_error": None,
                             "provider_ref": provider_ref}, gives_up=False)
    if outcome == OutcomeStatus.RETRY and next_delay_s is not None:
        return AfterAttempt({"status": DeliveryStatus.RETRYING.value, "last_error": detail,
                             "next_attempt_at": now + timedelta(seconds=next_delay_s)},
                            gives_up=False)
    return AfterAttempt({"status": DeliveryStatus.FAILED.value, "last_error": detail,
                         "next_attempt_at": None}, gives_up=True)

