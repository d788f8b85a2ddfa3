"""The delivery lifecycle's pure rules (issue 11 item 1), without a database: a claim
before the channel call, a lease that runs out, the state after an attempt."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime, timedelta

import pytest

from common.errors import WrongState
from notifications.delivery.rules import decide_after_attempt, decide_claim
from notifications.domain.enums import DeliveryStatus, OutcomeStatus
from notifications.domain.records import Delivery

NOW = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
LEASE = timedelta(minutes=2)
PENDING = Delivery(
    id="d-1", la_code="201", case_id="c-1", event_id="e-1", event_type="t", audience="family",
    channel="email", recipient="a@example.org", subject="s", body="b", status="pending",
    attempts=0, last_error=None, next_attempt_at=NOW, created_at=NOW, sent_at=None,
    endpoint_id=None, provider_ref=None, read_at=None, replays=0, seq=1)


@pytest.mark.parametrize(("status", "attempts", "due_at", "expected"), [
    ("pending", 0, NOW, (1, False)),
    ("retrying", 2, NOW - timedelta(seconds=1), (3, False)),
    ("pending", 0, NOW + timedelta(seconds=1), None),  # not due yet
    ("sending", 1, NOW + timedelta(seconds=1), None),  # another worker's lease holds
    ("sending", 1, NOW, (2, True)),  # the lease ran out: a resend
    ("sent", 1, None, None),
    ("failed", 10, None, None),
    ("suppressed", 0, None, None),
])
def test_decide_claim(status: str, attempts: int, due_at: datetime | None,
                      expected: tuple[int, bool] | None) -> None:
    row = replace(PENDING, status=status, attempts=attempts, next_attempt_at=due_at)
    claim = decide_claim(row, NOW, LEASE)
    if expected is None:
        assert claim is None
        return
    assert claim is not None
    assert (claim.attempt, claim.resend) == expected
    assert claim.values() == {"status": "sending", "attempts": expected[0],
                              "next_attempt_at": NOW + LEASE}


def _claimed(attempt: int = 1) -> Delivery:
    return replace(PENDING, status=DeliveryStatus.SENDING.value, attempts=attempt)


def test_decide_after_attempt_sent() -> None:
    after = decide_after_attempt(_claimed(), OutcomeStatus.SENT, "ok", "<m@x>", NOW, None)
    assert after.values == {"status": "sent", "sent_at": NOW, "next_attempt_at": None,
                            "last_error": None, "provider_ref": "<m@x>"}
    assert not after.gives_up


def test_decide_after_attempt_retry_waits() -> None:
    after = decide_after_attempt(_claimed(), OutcomeStatus.RETRY, "HTTP 503", None, NOW, 5.0)
    assert after.values["status"] == "retrying"
    assert after.values["next_attempt_at"] == NOW + timedelta(seconds=5)
    assert not after.gives_up


@pytest.mark.parametrize(("outcome", "delay"), [
    (OutcomeStatus.RETRY, None),  # no retries left
    (OutcomeStatus.FAILED, None),
    (OutcomeStatus.DISABLED, None),
])
def test_decide_after_attempt_gives_up(outcome: OutcomeStatus, delay: float | None) -> None:
    after = decide_after_attempt(_claimed(10), outcome, "no", None, NOW, delay)
    assert after.values["status"] == "failed" and after.gives_up


def test_an_outcome_needs_a_claim() -> None:
    with pytest.raises(WrongState):
        decide_after_attempt(PENDING, OutcomeStatus.SENT, "ok", None, NOW, None)
