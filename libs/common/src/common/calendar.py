"""Statutory time in England (RULES.md section 0 and R2.3).

Pure functions of dates. Bank holidays come from the maintained `holidays`
package (England subdivision), never from a hand-kept list (R0.2).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import lru_cache

import holidays
from dateutil.relativedelta import relativedelta

_SATURDAY = 5


@lru_cache(maxsize=256)
def _england_holidays(year: int) -> frozenset[date]:
    return frozenset(holidays.country_holidays("GB", subdiv="ENG", years=year).keys())


def is_bank_holiday(day: date) -> bool:
    """True on an English bank holiday, Christmas Day or Good Friday (R0.2)."""
    return day in _england_holidays(day.year)


def is_working_day(day: date) -> bool:
    """Any day except Saturday, Sunday, Christmas Day, Good Friday or a bank holiday (R0.2)."""
    return day.weekday() < _SATURDAY and not is_bank_holiday(day)


@lru_cache(maxsize=65536)
def add_working_days(start: date, count: int) -> date:
    """The working day `count` working days after `start` (before it when negative).

    `add_working_days(d, 0)` is `d` itself, working day or not.
    """
    step = 1 if count >= 0 else -1
    remaining = abs(count)
    day = start
    while remaining:
        day += timedelta(days=step)
        if is_working_day(day):
            remaining -= 1
    return day


@lru_cache(maxsize=65536)
def working_days_between(start: date, end: date) -> int:
    """Working days in (start, end]; negative when end is before start."""
    if end < start:
        return -working_days_between(end, start)
    return sum(1 for n in range(1, (end - start).days + 1)
               if is_working_day(start + timedelta(days=n)))


def next_working_day_on_or_after(day: date) -> date:
    while not is_working_day(day):
        day += timedelta(days=1)
    return day


def weekday_on_or_after(day: date, weekday: int) -> date:
    """The first day on or after `day` that falls on `weekday` (Monday 0 … Sunday 6)."""
    return day + timedelta(days=(weekday - day.weekday()) % 7)


def nth_weekday_of_month(year: int, month: int, weekday: int, n: int) -> date:
    """The `n`th `weekday` (Monday 0) of a month, e.g. the SEN2 census date, the third
    Thursday of January."""
    return weekday_on_or_after(date(year, month, 1), weekday) + timedelta(weeks=n - 1)


def add_days(start: date, days: int) -> date:
    return start + timedelta(days=days)


def add_weeks(start: date, weeks: int) -> date:
    """'Within N weeks of X' is due on X + N weeks (R0.1)."""
    return start + timedelta(weeks=weeks)


def add_months(start: date, months: int) -> date:
    """Calendar months; a month after 31 January is the last day of February (R0.4)."""
    return start + relativedelta(months=months)


def anniversary(born_on: date, years: int) -> date:
    """The date a person born on `born_on` turns `years` (29 Feb birthdays fall on 28 Feb)."""
    return born_on + relativedelta(years=years)


def school_year_starting(day: date) -> int:
    """The calendar year in which the school year containing `day` began (1 Sep - 31 Aug, R2.3)."""
    return day.year if day.month >= 9 else day.year - 1


def school_year_start(day: date) -> date:
    return date(school_year_starting(day), 9, 1)


def school_year_end(day: date) -> date:
    return date(school_year_starting(day) + 1, 8, 31)


def reception_school_year(born_on: date) -> int:
    """The school year (by its starting calendar year) in which the child starts reception:
    the September after their 4th birthday, i.e. the school year in which they turn 5 (R2.3)."""
    return school_year_starting(anniversary(born_on, 4)) + 1


def year_group(born_on: date, on: date) -> int:
    """National curriculum year group on `on`: 0 is reception, negative is pre-school
    (-1 the year before reception), 12 and 13 are sixth form, and it keeps counting after."""
    return school_year_starting(on) - reception_school_year(born_on)


def end_of_academic_year_of_birthday(born_on: date, age: int) -> date:
    """31 August ending the school year in which the person turns `age` (R1.1, R4.4)."""
    return school_year_end(anniversary(born_on, age))


def compulsory_school_age_starts_on(born_on: date) -> date:
    """Education Act 1996 s.8(2): the 5th birthday if it is a prescribed day (31 December,
    31 March, 31 August), otherwise the next prescribed day after it."""
    fifth = anniversary(born_on, 5)
    candidates = (date(fifth.year, 3, 31), date(fifth.year, 8, 31), date(fifth.year, 12, 31))
    return next(day for day in candidates if day >= fifth)


def school_leaving_date(born_on: date) -> date:
    """The last Friday in June of the school year in which the person turns 16: the day at whose
    end they cease to be of compulsory school age (Education Act 1996 s.8(3); Education (School
    Leaving Date) Order 1997)."""
    june_30 = date(end_of_academic_year_of_birthday(born_on, 16).year, 6, 30)
    return june_30 - timedelta(days=(june_30.weekday() - 4) % 7)


def is_over_compulsory_school_age(born_on: date, on: date) -> bool:
    """Over compulsory school age: from the day after the school leaving date (R1.1).

    The law (Education Act 1996 s.8(3)) ends compulsory school age on the last Friday in June;
    RULES.md R1.1 and the Code of Practice glossary say 'the end of the academic year in which they
    turn 16'. Where they differ (July and August of that year) the law is followed here."""
    return on > school_leaving_date(born_on)


def is_young_person(born_on: date, on: date) -> bool:
    """A young person: over compulsory school age and under 25 (CFA s.83(2), R1.1)."""
    return is_over_compulsory_school_age(born_on, on) and on < anniversary(born_on, 25)


def _in_christmas_break(day: date) -> bool:
    return (day.month == 12 and day.day >= 25) or (day.month == 1 and day.day == 1)


def tribunal_day(day: date) -> date:
    """Where a SEND appeal time limit that ends on `day` is actually met (Tribunal Procedure
    (HESC) Rules 2008 r.12): 25 Dec-1 Jan -> the first working day after 1 January; August
    -> the first working day after 31 August (r.12(3)(a), RULES.md R6.9); any other
    non-working day -> the next working day (r.12(2), R6.9a)."""
    if _in_christmas_break(day):
        january = day.year + 1 if day.month == 12 else day.year
        return next_working_day_on_or_after(date(january, 1, 2))
    if day.month == 8:
        return next_working_day_on_or_after(date(day.year, 9, 1))
    return next_working_day_on_or_after(day)
