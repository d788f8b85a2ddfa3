"""common.calendar: statutory time in England (R0.1, R0.2, R0.4, R1.1, R2.3)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from common import calendar

D = date
dates = st.dates(min_value=D(2000, 1, 1), max_value=D(2040, 12, 31))


@pytest.mark.parametrize("day", [
    D(2025, 12, 25),  # Christmas Day
    D(2025, 12, 26),  # Boxing Day
    D(2026, 1, 1),
    D(2026, 4, 3),  # Good Friday
    D(2026, 4, 6),  # Easter Monday
    D(2026, 5, 4),  # early May bank holiday
    D(2026, 12, 28),  # substitute for Boxing Day, a Saturday
])
def test_R0_2_known_england_bank_holidays_are_not_working_days(day):
    assert calendar.is_bank_holiday(day)
    assert not calendar.is_working_day(day)


@pytest.mark.parametrize("day, working", [
    (D(2026, 3, 17), True),  # St Patrick's Day: a holiday in Northern Ireland only
    (D(2026, 11, 30), True),  # St Andrew's Day: Scotland only
    (D(2026, 1, 2), True),  # 2 January: Scotland only
    (D(2026, 4, 4), False),  # Saturday
    (D(2026, 4, 5), False),  # Sunday
    (D(2026, 12, 24), True),
])
def test_R0_2_working_day_is_england_not_other_nations(day, working):
    assert calendar.is_working_day(day) is working


@pytest.mark.parametrize("start, count, expected", [
    (D(2025, 12, 24), 1, D(2025, 12, 29)),  # over Christmas and Boxing Day
    (D(2025, 12, 24), 5, D(2026, 1, 5)),  # ... and New Year's Day
    (D(2026, 4, 2), 1, D(2026, 4, 7)),  # over Good Friday and Easter Monday
    (D(2026, 4, 7), -1, D(2026, 4, 2)),
    (D(2026, 4, 4), 0, D(2026, 4, 4)),  # zero is the day itself, working or not
])
def test_R0_2_add_working_days_skips_weekends_and_holidays(start, count, expected):
    assert calendar.add_working_days(start, count) == expected


def test_R0_2_working_days_between_over_christmas():
    assert calendar.working_days_between(D(2025, 12, 24), D(2026, 1, 2)) == 4
    assert calendar.working_days_between(D(2026, 1, 2), D(2025, 12, 24)) == -4


@pytest.mark.parametrize("start, weeks, expected", [
    (D(2025, 1, 31), 6, D(2025, 3, 14)),
    (D(2024, 2, 29), 20, D(2024, 7, 18)),
    (D(2025, 12, 1), 6, D(2026, 1, 12)),  # calendar weeks: Christmas does not stop the clock
])
def test_R0_1_within_n_weeks_is_due_on_the_same_weekday(start, weeks, expected):
    assert calendar.add_weeks(start, weeks) == expected


@pytest.mark.parametrize("start, months, expected", [
    (D(2025, 1, 31), 1, D(2025, 2, 28)),
    (D(2024, 1, 31), 1, D(2024, 2, 29)),
    (D(2025, 3, 31), 1, D(2025, 4, 30)),
    (D(2024, 2, 29), 12, D(2025, 2, 28)),
    (D(2025, 7, 31), -5, D(2025, 2, 28)),
])
def test_R0_4_a_month_after_31_january_is_end_of_february(start, months, expected):
    assert calendar.add_months(start, months) == expected


@pytest.mark.parametrize("born_on, on, year", [
    (D(2019, 8, 31), D(2024, 9, 1), 1),  # youngest of its cohort
    (D(2019, 9, 1), D(2024, 9, 1), 0),  # oldest of the next: reception
    (D(2019, 9, 1), D(2024, 8, 31), -1),
    (D(2012, 2, 29), D(2025, 9, 1), 9),
    (D(2008, 8, 31), D(2025, 9, 1), 13),
    (D(2008, 9, 1), D(2025, 9, 1), 12),
])
def test_R2_3_year_group_follows_the_september_school_year(born_on, on, year):
    assert calendar.year_group(born_on, on) == year


@pytest.mark.parametrize("born_on, leaving", [
    (D(2009, 9, 1), D(2026, 6, 26)),  # turns 16 in September 2025
    (D(2010, 7, 15), D(2026, 6, 26)),  # turns 16 after the leaving date: s.8(3)(a)
    (D(2010, 8, 31), D(2026, 6, 26)),
    (D(2009, 6, 27), D(2025, 6, 27)),  # 30 June 2025 is a Monday
])
def test_R1_1_school_leaving_date_is_last_friday_in_june(born_on, leaving):
    assert calendar.school_leaving_date(born_on) == leaving
    assert leaving.weekday() == 4


def test_R1_1_young_person_from_the_day_after_the_leaving_date_until_25():
    born_on = D(2010, 7, 15)
    assert not calendar.is_young_person(born_on, D(2026, 6, 26))
    assert calendar.is_young_person(born_on, D(2026, 6, 27))
    assert calendar.is_young_person(born_on, D(2035, 7, 14))
    assert not calendar.is_young_person(born_on, D(2035, 7, 15))


@pytest.mark.parametrize("born_on, starts", [
    (D(2020, 1, 15), D(2025, 3, 31)),
    (D(2020, 3, 31), D(2025, 3, 31)),  # 5th birthday on a prescribed day
    (D(2020, 4, 1), D(2025, 8, 31)),
    (D(2020, 9, 1), D(2025, 12, 31)),
    (D(2020, 2, 29), D(2025, 3, 31)),
])
def test_R3_2_compulsory_school_age_starts_on_a_prescribed_day(born_on, starts):
    assert calendar.compulsory_school_age_starts_on(born_on) == starts


@given(dates, st.integers(min_value=-60, max_value=60).filter(bool))
def test_R0_2_add_working_days_lands_on_a_working_day(start, count):
    assert calendar.is_working_day(calendar.add_working_days(start, count))


@given(dates, st.integers(min_value=0, max_value=80))
def test_R0_2_working_days_between_inverts_add_working_days(start, count):
    assert calendar.working_days_between(start, calendar.add_working_days(start, count)) == count


@given(dates, st.integers(min_value=-80, max_value=0))
def test_R0_2_working_days_between_inverts_backwards_from_a_working_day(start, count):
    start = calendar.next_working_day_on_or_after(start)
    end = calendar.add_working_days(start, count)
    assert calendar.working_days_between(start, end) == count


@given(dates, st.integers(min_value=-60, max_value=60))
def test_R0_1_add_weeks_is_seven_days_a_week(start, weeks):
    assert calendar.add_weeks(start, weeks) - start == timedelta(days=7 * weeks)


@given(dates, st.integers(min_value=-36, max_value=36))
def test_R0_4_add_months_never_overflows_the_month_end(start, months):
    result = calendar.add_months(start, months)
    assert (result.year * 12 + result.month) - (start.year * 12 + start.month) == months
    assert result.day == start.day or (result + timedelta(days=1)).day == 1


@pytest.mark.parametrize(("day", "weekday", "expected"), [
    (date(2027, 1, 4), 0, date(2027, 1, 4)),    # a Monday asked for Monday: itself
    (date(2027, 1, 4), 3, date(2027, 1, 7)),    # Monday to Thursday
    (date(2027, 1, 8), 3, date(2027, 1, 14)),   # Friday to the next Thursday
    (date(2026, 12, 30), 4, date(2027, 1, 1)),  # across the year end
])
def test_weekday_on_or_after(day: date, weekday: int, expected: date) -> None:
    assert calendar.weekday_on_or_after(day, weekday) == expected


@pytest.mark.parametrize(("year", "expected"), [
    (2025, date(2025, 1, 16)), (2026, date(2026, 1, 15)), (2027, date(2027, 1, 21)),
    (2028, date(2028, 1, 20)),  # 1 January a Saturday
    (2032, date(2032, 1, 15)),  # 1 January a Thursday: the 1st counts
])
def test_nth_weekday_of_month_gives_the_sen2_census_dates(year: int, expected: date) -> None:
    """R13.1: the SEN2 census date is the third Thursday of January."""
    assert calendar.nth_weekday_of_month(year, 1, 3, 3) == expected
