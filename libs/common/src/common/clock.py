"""An injectable clock. Domain code takes `today`; services take a `Clock`."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Protocol


class Clock(Protocol):
    def now(self) -> datetime: ...

    def today(self) -> date: ...


class SystemClock:
    """Wall-clock time in UTC; statutory dates are taken in Europe/London terms by callers."""

    def now(self) -> datetime:
        return datetime.now(UTC)

    def today(self) -> date:
        return self.now().date()


@dataclass
class FixedClock:
    """A clock that only moves when told to: for tests and the timeline walk-through."""

    instant: datetime = field(default_factory=lambda: datetime(2026, 1, 5, 9, 0, tzinfo=UTC))

    def now(self) -> datetime:
        return self.instant

    def today(self) -> date:
        return self.instant.date()

    def advance(self, delta: timedelta) -> None:
        self.instant = self.instant + delta

    def set(self, instant: datetime) -> None:
        self.instant = instant


@dataclass
class ShiftedClock:
    """Wall-clock time moved to another day (dev and test only: `sendsys dev --today`, the
    `SENDSYS_DEV_TODAY` setting). Time runs on as usual from 09:00 UTC of `today` at start, so
    retries, leases and the sweep behave as on any other day."""

    today_at_start: date
    started_at: datetime = field(default_factory=lambda: datetime.now(UTC))

    def now(self) -> datetime:
        start = datetime.combine(self.today_at_start, datetime.min.time(), UTC) + \
            timedelta(hours=9)
        return start + (datetime.now(UTC) - self.started_at)

    def today(self) -> date:
        return self.now().date()


class DevClockRefused(ValueError):
    pass


def clock_for(env: str, dev_today: date | None) -> Clock:
    """The clock a process runs on: the system's, or in dev and test a day set for the whole
    run; a set day is refused in prod."""
    if dev_today is None:
        return SystemClock()
    if env not in ("dev", "test"):
        raise DevClockRefused("a set day (SENDSYS_DEV_TODAY, --today) is for dev and test only")
    return ShiftedClock(dev_today)
