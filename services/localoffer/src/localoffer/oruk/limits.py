"""A token bucket per client address: the ORUK API is open to all, so each address gets
a steady allowance with a short burst."""

from __future__ import annotations

import math
import time
from collections.abc import Callable
from dataclasses import dataclass, field


@dataclass
class RateLimiter:
    burst: int = 60
    per_second: float = 10.0
    monotonic: Callable[[], float] = time.monotonic
    remember_at_most: int = 50_000
    _buckets: dict[str, tuple[float, float]] = field(default_factory=dict)

    def take(self, client: str) -> float:
        """Take a token for `client`: 0 when allowed, otherwise the seconds to wait."""
        now = self.monotonic()
        tokens, at = self._buckets.get(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - at) * self.per_second)
        if tokens < 1:
            self._buckets[client] = (tokens, now)
            return (1 - tokens) / self.per_second
        if client not in self._buckets and len(self._buckets) >= self.remember_at_most:
            self._buckets.pop(next(iter(self._buckets)))
        self._buckets[client] = (tokens - 1, now)
        return 0.0

    @staticmethod
    def retry_after(wait_s: float) -> int:
        return max(1, math.ceil(wait_s))
