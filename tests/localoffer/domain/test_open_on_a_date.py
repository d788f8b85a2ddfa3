"""Whether a service is open on a date (and at a time, when one is asked), for each
recurrence a local offer's HSDS 3 schedules hold: daily (every day, some weekdays, every n
days), weekly (every n weeks counted from dtstart, else from valid_from), monthly by the
nth weekday (from the start or the end of the month) or by the day of the month, and
validity windows. Real calendar dates, 2026 to 2028."""

from __future__ import annotations

from datetime import date, time

import pytest

from localoffer.domain import schedules
from localoffer.domain.errors import RuleViolation


def _rule(freq: str, opens: str = "09:00", closes: str = "17:00", byday: str = "",
          bymonthday: str = "", **kw: object) -> schedules.Schedule:
    return schedules.Schedule(
        freq=freq, opens_at=time.fromisoformat(opens), closes_at=time.fromisoformat(closes),
        byday=schedules.parse_byday(byday, freq, "byday"),
        bymonthday=schedules.parse_bymonthday(bymonthday, "bymonthday"), **kw)


RULES = {
    "first Saturday": _rule("MONTHLY", "10:00", "12:00", byday="1SA"),
    "2nd and 4th Tuesday": _rule("MONTHLY", "18:00", "20:00", byday="2TU,4TU"),
    "last Friday": _rule("MONTHLY", byday="-1FR"),
    "15th and last day": _rule("MONTHLY", bymonthday="15,-1"),
    "first Monday, every other month": _rule("MONTHLY", byday="1MO", interval=2,
                                             dtstart=date(2026, 2, 2)),
    "every day": _rule("DAILY", "08:00", "18:00"),
    "weekdays": _rule("DAILY", byday="MO,TU,WE,TH,FR"),
    "every third day": _rule("DAILY", interval=3, dtstart=date(2026, 3, 1)),
    "summer scheme": _rule("DAILY", "10:00", "15:00", valid_from=date(2026, 7, 27),
                           valid_to=date(2026, 8, 7)),
    "fortnightly Monday and Thursday": _rule("WEEKLY", byday="MO,TH", interval=2,
                                             dtstart=date(2026, 3, 2)),
    "fortnightly Tuesday from valid_from": _rule("WEEKLY", byday="TU", interval=2,
                                                 valid_from=date(2026, 3, 10)),
    "summer term Thursdays": _rule("WEEKLY", byday="TH", valid_from=date(2026, 4, 13),
                                   valid_to=date(2026, 7, 17)),
}

CASES = [
    # monthly by the nth weekday
    ("first Saturday", "2026-03-07", "10:00", True),
    ("first Saturday", "2026-03-07", "12:00", False),      # closing time excluded
    ("first Saturday", "2026-03-07", "09:59", False),
    ("first Saturday", "2026-03-07", None, True),          # some time that day
    ("first Saturday", "2026-03-14", None, False),         # the second Saturday
    ("first Saturday", "2026-04-04", "11:30", True),
    ("first Saturday", "2027-01-02", None, True),          # into the next year
    ("2nd and 4th Tuesday", "2026-03-10", "19:00", True),
    ("2nd and 4th Tuesday", "2026-03-24", "19:00", True),
    ("2nd and 4th Tuesday", "2026-03-03", "19:00", False),  # 1st
    ("2nd and 4th Tuesday", "2026-03-31", "19:00", False),  # 5th
    ("last Friday", "2026-03-27", None, True),
    ("last Friday", "2026-05-29", None, True),             # May 31 is a Sunday
    ("last Friday", "2026-07-24", None, False),            # 4th of five Fridays
    ("last Friday", "2026-07-31", None, True),
    # monthly by the day of the month (negative: from its end)
    ("15th and last day", "2026-03-15", None, True),
    ("15th and last day", "2026-02-28", None, True),
    ("15th and last day", "2028-02-29", None, True),       # leap year
    ("15th and last day", "2028-02-28", None, False),
    ("15th and last day", "2026-04-30", "16:59", True),
    ("15th and last day", "2026-04-30", "17:00", False),
    ("first Monday, every other month", "2026-02-02", None, True),
    ("first Monday, every other month", "2026-03-02", None, False),
    ("first Monday, every other month", "2026-04-06", None, True),
    ("first Monday, every other month", "2026-01-05", None, False),  # before dtstart
    # daily
    ("every day", "2026-03-01", "08:00", True),
    ("every day", "2026-12-25", None, True),
    ("every day", "2026-03-01", "18:00", False),
    ("weekdays", "2026-03-06", None, True),                # Friday
    ("weekdays", "2026-03-07", None, False),               # Saturday
    ("every third day", "2026-03-01", None, True),
    ("every third day", "2026-03-04", None, True),
    ("every third day", "2026-03-05", None, False),
    ("every third day", "2026-03-31", None, True),         # 30 days on
    ("every third day", "2026-02-26", None, False),        # before dtstart
    ("summer scheme", "2026-07-27", "10:00", True),        # first valid day
    ("summer scheme", "2026-08-07", "14:59", True),        # last valid day
    ("summer scheme", "2026-08-08", "12:00", False),
    ("summer scheme", "2026-07-26", None, False),
    # weekly, every other week
    ("fortnightly Monday and Thursday", "2026-03-02", None, True),
    ("fortnightly Monday and Thursday", "2026-03-05", None, True),
    ("fortnightly Monday and Thursday", "2026-03-09", None, False),
    ("fortnightly Monday and Thursday", "2026-03-12", None, False),
    ("fortnightly Monday and Thursday", "2026-03-19", "16:00", True),
    ("fortnightly Tuesday from valid_from", "2026-03-03", None, False),  # not valid yet
    ("fortnightly Tuesday from valid_from", "2026-03-10", None, True),
    ("fortnightly Tuesday from valid_from", "2026-03-17", None, False),
    ("fortnightly Tuesday from valid_from", "2026-03-24", None, True),
    ("fortnightly Tuesday from valid_from", "2026-04-07", None, True),
    ("summer term Thursdays", "2026-04-09", None, False),
    ("summer term Thursdays", "2026-04-16", None, True),
    ("summer term Thursdays", "2026-07-16", None, True),
    ("summer term Thursdays", "2026-07-23", None, False),
]


@pytest.mark.parametrize(("rule", "day", "at", "open_then"), CASES,
                         ids=[f"{r}-{d}-{a or 'any time'}" for r, d, a, _ in CASES])
def test_open_on_a_date_and_time(rule: str, day: str, at: str | None,
                                 open_then: bool) -> None:
    asked = time.fromisoformat(at) if at else None
    assert schedules.open_on(RULES[rule], date.fromisoformat(day), asked) is open_then
    # the search index says the same for the day (the search's SQL applies its rule)
    patterns = schedules.opening_patterns(RULES[rule])
    occasion = schedules.occasion_of(date.fromisoformat(day))
    minute = asked.hour * 60 + asked.minute if asked else None
    assert any(schedules.pattern_occurs(p, occasion)
               and (minute is None or p.opens_minute <= minute < p.closes_minute)
               for p in patterns) is open_then


def test_a_daily_rule_without_byday_is_indexed_on_every_weekday() -> None:
    patterns = schedules.opening_patterns(RULES["every day"])
    assert sorted(p.weekday for p in patterns) == [0, 1, 2, 3, 4, 5, 6]
    assert {(p.nth, p.monthday, p.interval, p.day_anchor) for p in patterns} == {
        (None, None, 1, None)}
    every_third = schedules.opening_patterns(RULES["every third day"])
    assert {(p.interval, p.day_anchor) for p in every_third} == {
        (3, date(2026, 3, 1).toordinal())}


def test_daily_and_valid_from_anchored_rules_pass_the_checks() -> None:
    for name in ("every day", "weekdays", "every third day",
                 "fortnightly Tuesday from valid_from"):
        schedules.check_schedule(RULES[name], "s")


def test_a_daily_rule_refuses_days_of_the_month() -> None:
    with pytest.raises(RuleViolation) as refused:
        schedules.check_schedule(_rule("DAILY", bymonthday="1"), "s")
    assert (refused.value.rule, refused.value.field) == ("LO-SCHEDULE", "s.bymonthday")


@pytest.mark.parametrize(("freq", "interval", "byday", "anchor", "hsds"), [
    ("DAILY", 1, (), None, ("WEEKLY", 1, ("MO", "TU", "WE", "TH", "FR", "SA", "SU"))),
    ("DAILY", 1, ("SA", "SU"), None, ("WEEKLY", 1, ("SA", "SU"))),
    ("DAILY", 14, (), date(2026, 3, 3), ("WEEKLY", 2, ("TU",))),   # a Tuesday
    ("DAILY", 7, ("MO",), date(2026, 3, 3), None),                 # never on a Monday
    ("DAILY", 3, (), date(2026, 3, 1), None),                      # no HSDS 3 form
    ("MONTHLY", 2, ("2TU",), date(2026, 2, 10), ("MONTHLY", 2, ("2TU",))),
])
def test_hsds_3_says_a_daily_rule_as_weekly_where_it_can(
        freq: str, interval: int, byday: tuple[str, ...], anchor: date | None,
        hsds: tuple[str, int, tuple[str, ...]] | None) -> None:
    assert schedules.hsds_recurrence(freq, interval, byday, anchor) == hsds


def test_a_daily_rule_and_its_hsds_3_form_open_on_the_same_days() -> None:
    fortnightly = _rule("DAILY", interval=14, valid_from=date(2026, 3, 3))
    recurrence = schedules.hsds_recurrence("DAILY", 14, (), date(2026, 3, 3))
    assert recurrence is not None
    freq, interval, byday = recurrence
    weekly = _rule(freq, byday=",".join(byday), interval=interval,
                   valid_from=date(2026, 3, 3))
    days = [date.fromordinal(date(2026, 3, 1).toordinal() + n) for n in range(400)]
    assert [d for d in days if schedules.open_on(fortnightly, d)] == \
        [d for d in days if schedules.open_on(weekly, d)]
