"""The delivery backoff schedule (issue 5: immediately, 5 s, 5 min ... 24 h) and Retry-After."""

from __future__ import annotations

import random
from datetime import UTC, datetime

import pytest

from notifications.delivery.channels.retry import (
    BASE_DELAYS_S,
    JITTER,
    MAX_ATTEMPTS,
    MAX_RETRY_AFTER_S,
    next_attempt_delay,
    parse_retry_after,
)

H = 3600


def test_schedule_is_the_issue_schedule() -> None:
    assert BASE_DELAYS_S == (0, 5, 300, 1800, 2 * H, 5 * H, 10 * H, 14 * H, 20 * H, 24 * H)
    assert MAX_ATTEMPTS == 10


@pytest.mark.parametrize("seed", range(20))
def test_delays_grow_and_stay_within_jitter(seed: int) -> None:
    rng = random.Random(seed)
    delays: list[float] = []
    for attempt in range(1, MAX_ATTEMPTS):
        delay = next_attempt_delay(attempt, rng)
        assert delay is not None
        base = BASE_DELAYS_S[attempt]
        assert base * (1 - JITTER) <= delay <= base * (1 + JITTER)
        delays.append(delay)
    assert all(b > a for a, b in zip(BASE_DELAYS_S, BASE_DELAYS_S[1:], strict=False))
    # jitter can only make the 20 h and 24 h steps overlap; every earlier step is strictly later
    assert all(b > a for a, b in zip(delays[:-2], delays[1:-1], strict=True))
    assert delays[-1] >= delays[-2] * (1 - JITTER) / (1 + JITTER)


def test_gives_up_after_the_last_attempt() -> None:
    rng = random.Random(0)
    assert next_attempt_delay(MAX_ATTEMPTS - 1, rng) is not None
    assert next_attempt_delay(MAX_ATTEMPTS, rng) is None
    assert next_attempt_delay(MAX_ATTEMPTS + 3, rng) is None
    with pytest.raises(ValueError):
        next_attempt_delay(0, rng)


def test_jitter_spreads_retries() -> None:
    values = {next_attempt_delay(3, random.Random(s)) for s in range(50)}
    assert len(values) > 40


def test_retry_after_wins_when_longer_and_is_clamped() -> None:
    rng = random.Random(0)
    assert next_attempt_delay(1, rng, retry_after_s=600) == 600
    assert next_attempt_delay(5, random.Random(0), retry_after_s=60) == next_attempt_delay(
        5, random.Random(0)
    )
    assert next_attempt_delay(1, rng, retry_after_s=10**9) == MAX_RETRY_AFTER_S
    assert next_attempt_delay(MAX_ATTEMPTS, rng, retry_after_s=5) is None


def test_parse_retry_after() -> None:
    now = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)
    assert parse_retry_after("120", now) == 120
    assert parse_retry_after("Mon, 02 Mar 2026 09:05:00 GMT", now) == 300
    assert parse_retry_after("Mon, 02 Mar 2026 08:00:00 GMT", now) == 0
    assert parse_retry_after("soon", now) is None
    assert parse_retry_after(None, now) is None
