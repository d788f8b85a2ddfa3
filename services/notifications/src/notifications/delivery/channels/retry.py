"""The retry schedule for deliveries, and Retry-After parsing.

Attempt 1 goes at once; after attempt N fails the next waits about
``BASE_DELAYS_S[N]`` seconds (5 s, 5 min, 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h),
with +/-10 % jitter so a recovering receiver is not hit by every delivery at the same
instant. After attempt ``MAX_ATTEMPTS`` fails the delivery is given up.
"""

from __future__ import annotations

import random
from datetime import UTC, datetime
from email.utils import parsedate_to_datetime

MINUTE = 60.0
HOUR = 60 * MINUTE

#: delay before attempt N+1 (index N); index 0 is the first attempt, sent at once
BASE_DELAYS_S: tuple[float, ...] = (
    0.0,
    5.0,
    5 * MINUTE,
    30 * MINUTE,
    2 * HOUR,
    5 * HOUR,
    10 * HOUR,
    14 * HOUR,
    20 * HOUR,
    24 * HOUR,
)
MAX_ATTEMPTS = len(BASE_DELAYS_S)
JITTER = 0.10
#: a receiver's Retry-After is honoured up to this; a larger one is clamped
MAX_RETRY_AFTER_S = 24 * HOUR


def next_attempt_delay(
    attempt: int, rng: random.Random, retry_after_s: float | None = None
) -> float | None:
    """Seconds to wait after failed attempt number ``attempt`` (1-based), or None to give up.

    A receiver's Retry-After (clamped to ``MAX_RETRY_AFTER_S``) wins when it is longer.
    """
    if attempt < 1:
        raise ValueError(f"attempt numbers start at 1, got {attempt}")
    if attempt >= MAX_ATTEMPTS:
        return None
    delay = BASE_DELAYS_S[attempt] * rng.uniform(1 - JITTER, 1 + JITTER)
    if retry_after_s is not None and retry_after_s > 0:
        delay = max(delay, min(retry_after_s, MAX_RETRY_AFTER_S))
    return delay


def parse_retry_after(value: str | None, now: datetime) -> float | None:
    """Seconds from ``now`` that a Retry-After header asks for (delta-seconds or HTTP date).

    Returns None when absent or unparseable; never negative.
    """
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return None
    if when.tzinfo is None:
        when = when.replace(tzinfo=UTC)
    if now.tzinfo is None:
        now = now.replace(tzinfo=UTC)
    return max(0.0, (when - now).total_seconds())
