"""Opening times as HSDS 3 / Open Referral UK schedules (RFC 5545 recurrence rules:
FREQ (daily, weekly, monthly), INTERVAL, BYDAY, BYMONTHDAY, DTSTART, with opening and
closing times and a validity window), and whether a service is open on a given date, at a
given time or at some time that day. Pure."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, time

from localoffer.domain.enums import Weekday
from localoffer.domain.errors import RuleViolation

DAILY = "DAILY"
WEEKLY = "WEEKLY"
MONTHLY = "MONTHLY"
FREQUENCIES = (DAILY, WEEKLY, MONTHLY)
_BYDAY = re.compile(r"^(?P<nth>[+-]?[1-5])?(?P<day>MO|TU|WE|TH|FR|SA|SU)$")


@dataclass(frozen=True)
class Schedule:
    freq: str
    opens_at: time
    closes_at: time
    byday: tuple[str, ...] = ()
    bymonthday: tuple[int, ...] = ()
    interval: int = 1
    dtstart: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None

    @property
    def anchor(self) -> date | None:
        """The day an interval above 1 counts from: dtstart, else the first valid day."""
        return self.dtstart or self.valid_from


def parse_time(text: str, field: str) -> time:
    """`HH:MM` or `HH:MM:SS`, optionally with `Z` (the profile's form); local time."""
    cleaned = text.strip().upper().removesuffix("Z")
    try:
        return time.fromisoformat(cleaned)
    except ValueError as exc:
        raise RuleViolation("LO-SCHEDULE", f"{text!r} is not a time (HH:MM)", field) from exc


def parse_byday(text: str | None, freq: str, field: str) -> tuple[str, ...]:
    parts = tuple(p.strip().upper() for p in (text or "").split(",") if p.strip())
    for part in parts:
        match = _BYDAY.match(part)
        if match is None or (match["nth"] and freq != MONTHLY):
            raise RuleViolation("LO-SCHEDULE", f"{part!r} is not an RFC 5545 BYDAY value "
                                f"for a {freq} schedule", field)
    return parts


def parse_bymonthday(text: str | None, field: str) -> tuple[int, ...]:
    days = []
    for part in (p.strip() for p in (text or "").split(",") if p.strip()):
        if not re.fullmatch(r"-?\d{1,2}", part) or not 1 <= abs(int(part)) <= 31:
            raise RuleViolation("LO-SCHEDULE", f"{part!r} is not a day of the month", field)
        days.append(int(part))
    return tuple(days)


def check_schedule(schedule: Schedule, field: str) -> None:
    if schedule.freq not in FREQUENCIES:
        raise RuleViolation("LO-SCHEDULE", f"freq must be one of {', '.join(FREQUENCIES)}",
                            f"{field}.freq")
    if schedule.closes_at <= schedule.opens_at:
        raise RuleViolation("LO-SCHEDULE", "closes_at must be after opens_at",
                            f"{field}.closes_at")
    if schedule.interval < 1:
        raise RuleViolation("LO-SCHEDULE", "interval must be at least 1", f"{field}.interval")
    if schedule.interval > 1 and schedule.anchor is None:
        raise RuleViolation("LO-SCHEDULE", "an interval above 1 needs dtstart (or "
                            "valid_from) to count from", f"{field}.dtstart")
    if schedule.valid_from and schedule.valid_to and schedule.valid_to < schedule.valid_from:
        raise RuleViolation("LO-SCHEDULE", "valid_to is before valid_from", f"{field}.valid_to")
    if schedule.freq == DAILY:
        if schedule.bymonthday:
            raise RuleViolation("LO-SCHEDULE", "a DAILY schedule takes byday (or nothing: "
                                "every day), not bymonthday", f"{field}.bymonthday")
        return
    if not schedule.byday and not schedule.bymonthday:
        raise RuleViolation("LO-SCHEDULE", "say which days: byday or bymonthday",
                            f"{field}.byday")


def occurs_on(schedule: Schedule, day: date) -> bool:
    """Whether the rule has an occurrence on `day` (validity window; interval counted in
    days, weeks (Monday to Sunday) or months from dtstart, else from valid_from; BYDAY,
    with an optional nth-in-month for MONTHLY; BYMONTHDAY with negative days from month
    end; a DAILY rule without BYDAY recurs every day)."""
    if schedule.valid_from and day < schedule.valid_from:
        return False
    if schedule.valid_to and day > schedule.valid_to:
        return False
    if schedule.dtstart and day < schedule.dtstart:
        return False
    if schedule.freq == DAILY:
        return _daily_occurs(schedule, day)
    if schedule.freq == WEEKLY:
        return _weekly_occurs(schedule, day)
    return _monthly_occurs(schedule, day)


def open_on(schedule: Schedule, day: date, at: time | None = None) -> bool:
    """Whether the service is open on `day`: at `at` when given (opening time included,
    closing time excluded), else at some time that day."""
    if at is not None and not schedule.opens_at <= at < schedule.closes_at:
        return False
    return occurs_on(schedule, day)


def _counted(schedule: Schedule, units: int, anchor_units: int) -> bool:
    """Whether `units` (days, weeks or months) is one the interval lands on."""
    return schedule.interval == 1 or (units - anchor_units) % schedule.interval == 0


def _weekday_code(day: date) -> str:
    return list(Weekday)[day.weekday()].value


def _daily_occurs(schedule: Schedule, day: date) -> bool:
    if schedule.byday and _weekday_code(day) not in schedule.byday:
        return False
    anchor = schedule.anchor
    return anchor is None or _counted(schedule, day.toordinal(), anchor.toordinal())


def _weekly_occurs(schedule: Schedule, day: date) -> bool:
    if _weekday_code(day) not in schedule.byday:
        return False
    anchor = schedule.anchor
    return anchor is None or _counted(schedule, week_number(day), week_number(anchor))


def _monthly_occurs(schedule: Schedule, day: date) -> bool:
    anchor = schedule.anchor
    if anchor is not None and not _counted(schedule, month_number(day), month_number(anchor)):
        return False
    days_in_month = _days_in_month(day)
    if any(d == day.day or days_in_month + d + 1 == day.day for d in schedule.bymonthday):
        return True
    code = _weekday_code(day)
    nth_from_start = (day.day - 1) // 7 + 1
    nth_from_end = -((days_in_month - day.day) // 7 + 1)
    for part in schedule.byday:
        match = _BYDAY.match(part)
        if match is None or match["day"] != code:
            continue
        nth = int(match["nth"]) if match["nth"] else None
        if nth is None or nth in (nth_from_start, nth_from_end):
            return True
    return False


def _days_in_month(day: date) -> int:
    following = date(day.year + day.month // 12, day.month % 12 + 1, 1)
    return (following - date(day.year, day.month, 1)).days


def is_open_at(schedules: list[Schedule], day: date, at: time | None = None) -> bool:
    """Open when some schedule is open on `day` (at `at`, when given)."""
    return any(open_on(s, day, at) for s in schedules)


def _minute(at: time) -> int:
    return at.hour * 60 + at.minute


@dataclass(frozen=True)
class OpeningPattern:
    """One way a rule recurs, as the search index holds it: on a weekday (every week, every
    n weeks, or in a monthly rule on the nth such day of the month when `nth` is set), or
    on a day of the month (negative: from the month's end); with the rule's window, its
    interval and the day, week or month its count starts from, and its validity."""

    opens_minute: int
    closes_minute: int
    weekday: int | None = None
    nth: int | None = None
    monthday: int | None = None
    interval: int = 1
    week_anchor: int | None = None
    month_anchor: int | None = None
    day_anchor: int | None = None
    dtstart: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None


@dataclass(frozen=True)
class Occasion:
    """A calendar day as the index matches patterns against it: its weekday (Monday 0),
    its place among that weekday's days in the month from the start and from the end, its
    day of the month from the start and from the end (negative), and the week (Monday to
    Sunday) and month it falls in, and the day itself, each as a running number."""

    day: date
    weekday: int
    nth_from_start: int
    nth_from_end: int
    monthday: int
    monthday_from_end: int
    week_number: int
    month_number: int
    day_number: int


def week_number(day: date) -> int:
    return (day.toordinal() - day.weekday()) // 7


def month_number(day: date) -> int:
    return day.year * 12 + day.month - 1


def occasion_of(day: date) -> Occasion:
    days_in_month = _days_in_month(day)
    return Occasion(day=day, weekday=day.weekday(), nth_from_start=(day.day - 1) // 7 + 1,
                    nth_from_end=-((days_in_month - day.day) // 7 + 1), monthday=day.day,
                    monthday_from_end=day.day - days_in_month - 1,
                    week_number=week_number(day), month_number=month_number(day),
                    day_number=day.toordinal())


_ANCHORS = {DAILY: ("day_anchor", date.toordinal), WEEKLY: ("week_anchor", week_number),
            MONTHLY: ("month_anchor", month_number)}
_EVERY_DAY = tuple(d.value for d in Weekday)


def opening_patterns(schedule: Schedule) -> list[OpeningPattern]:
    """Every pattern of the rule (what `occurs_on` answers, in a form SQL can match): one
    per BYDAY value (a DAILY rule without BYDAY: every weekday) and one per BYMONTHDAY
    value, duplicates dropped."""
    common = {"opens_minute": _minute(schedule.opens_at),
              "closes_minute": _minute(schedule.closes_at), "interval": schedule.interval,
              "dtstart": schedule.dtstart, "valid_from": schedule.valid_from,
              "valid_to": schedule.valid_to}
    anchor = schedule.anchor
    if schedule.interval > 1 and anchor is not None:
        column, number = _ANCHORS[schedule.freq]
        common[column] = number(anchor)
    else:
        common["interval"] = 1
    patterns: dict[OpeningPattern, None] = {}
    byday = _EVERY_DAY if schedule.freq == DAILY and not schedule.byday else schedule.byday
    for part in byday:
        match = _BYDAY.match(part)
        if match is None:
            continue
        nth = int(match["nth"]) if match["nth"] and schedule.freq == MONTHLY else None
        patterns[OpeningPattern(weekday=Weekday(match["day"]).day_number, nth=nth,
                                **common)] = None  # type: ignore[arg-type]
    if schedule.freq == MONTHLY:
        for monthday in schedule.bymonthday:
            patterns[OpeningPattern(monthday=monthday, **common)] = None  # type: ignore[arg-type]
    return list(patterns)


def hsds_recurrence(freq: str, interval: int, byday: tuple[str, ...], anchor: date | None
                    ) -> tuple[str, int, tuple[str, ...]] | None:
    """The rule's frequency, interval and days as HSDS 3 writes them (WEEKLY or MONTHLY
    only): a DAILY rule every day, or on some weekdays, is WEEKLY on those days; every 7n
    days is every n weeks on the weekday it counts from. None when HSDS 3 has no way to
    say it (every n days otherwise)."""
    if freq != DAILY:
        return freq, interval, byday
    days = byday or _EVERY_DAY
    if interval == 1:
        return WEEKLY, 1, days
    if anchor is None or interval % 7 or _weekday_code(anchor) not in days:
        return None
    return WEEKLY, interval // 7, (_weekday_code(anchor),)


def pattern_occurs(pattern: OpeningPattern, occasion: Occasion) -> bool:
    """Whether the pattern recurs on the day: the rule the search's SQL applies, in
    Python (the tests hold it to `occurs_on`)."""
    day = occasion.day
    if any((pattern.valid_from and day < pattern.valid_from,
            pattern.valid_to and day > pattern.valid_to,
            pattern.dtstart and day < pattern.dtstart)):
        return False
    if pattern.week_anchor is not None and \
            (occasion.week_number - pattern.week_anchor) % pattern.interval:
        return False
    if pattern.month_anchor is not None and \
            (occasion.month_number - pattern.month_anchor) % pattern.interval:
        return False
    if pattern.day_anchor is not None and \
            (occasion.day_number - pattern.day_anchor) % pattern.interval:
        return False
    if pattern.monthday is not None:
        return pattern.monthday in (occasion.monthday, occasion.monthday_from_end)
    return pattern.weekday == occasion.weekday and \
        pattern.nth in (None, occasion.nth_from_start, occasion.nth_from_end)
