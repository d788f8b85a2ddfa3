"""Exceptions to the time limits, final plan timeliness and national figures (R0.5, R1.9,
R1.14, R13.2)."""

from datetime import date as D

import pytest

from assessment.domain.errors import RuleViolation
from assessment.domain.exceptions import (
    check_exception,
    exception_applies,
    final_plan_timeliness,
    timeliness_figures,
)
from assessment.domain.model import ExceptionKind, TimelineException

K = ExceptionKind
# A school closed from 23 July 2025 and re-opening on 3 September 2025 (6 weeks).
SUMMER = dict(starts_on=D(2025, 7, 23), ends_on=D(2025, 9, 3))


@pytest.mark.parametrize("asked_on, valid", [
    (D(2025, 7, 15), False),
    (D(2025, 7, 16), True),  # one week before the closure
    (D(2025, 8, 27), True),  # one week before it re-opens
    (D(2025, 8, 28), False),
])
def test_R1_9a_closure_window_runs_from_a_week_before_closing_to_a_week_before_reopening(
        asked_on, valid):
    exception = TimelineException(K.SCHOOL_CLOSURE, "term dates", advice_requested_on=asked_on,
                                  **SUMMER)
    if valid:
        check_exception(exception)
    else:
        with pytest.raises(RuleViolation, match="closure window"):
            check_exception(exception)
    assert exception_applies(exception, D(2025, 6, 1), D(2025, 10, 19)) is valid


@pytest.mark.parametrize("exception", [
    TimelineException(K.EARLY_YEARS_CLOSURE, "Christmas", D(2025, 12, 20), D(2026, 1, 5),
                      D(2025, 12, 19)),  # closed 16 days: not 4 weeks
    TimelineException(K.ABSENT_FROM_AREA, "holiday", D(2025, 8, 1), D(2025, 8, 28)),  # 27 days
    TimelineException(K.ABSENT_FROM_AREA, "holiday"),  # no dates
    TimelineException(K.ADVICE_MISSED_APPOINTMENT, "missed"),  # an advice-only exception
])
def test_R1_9_exceptions_that_do_not_qualify(exception):
    with pytest.raises(RuleViolation) as caught:
        check_exception(exception)
    assert caught.value.rule == "R1.9"


def test_R0_5_an_exception_needs_evidence():
    with pytest.raises(RuleViolation) as caught:
        check_exception(TimelineException(K.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES, ""))
    assert caught.value.rule == "R0.5"


@pytest.mark.parametrize("absence, applies", [
    ((D(2025, 3, 1), D(2025, 3, 29)), True),  # 28 days inside the period
    ((D(2024, 12, 1), D(2025, 1, 31)), False),  # over before the request
    ((D(2025, 6, 21), D(2025, 8, 1)), False),  # starts after the deadline
])
def test_R1_9d_absence_must_fall_in_the_assessment_period(absence, applies):
    exception = TimelineException(K.ABSENT_FROM_AREA, "travel", *absence)
    assert exception_applies(exception, D(2025, 1, 31), D(2025, 6, 20)) is applies


@pytest.mark.parametrize("issued_on, days, weeks, within", [
    (D(2025, 6, 20), 140, 20.0, True),  # on the due day: in time (R0.1)
    (D(2025, 6, 21), 141, 20.1, False),
    (D(2025, 3, 14), 42, 6.0, True),
])
def test_R1_14_final_plan_within_twenty_weeks(issued_on, days, weeks, within):
    result = final_plan_timeliness(D(2025, 1, 31), issued_on)
    assert (result.days_taken, result.weeks_taken) == (days, weeks)
    assert result.within_statutory_time is within
    assert not result.exception_applies


def test_R0_5_exception_excuses_lateness_but_never_moves_the_deadline():
    absence = TimelineException(K.ABSENT_FROM_AREA, "abroad", D(2025, 3, 1), D(2025, 4, 30))
    result = final_plan_timeliness(D(2025, 1, 31), D(2025, 7, 4), [absence])
    assert result.due_on == D(2025, 6, 20)
    assert not result.within_statutory_time
    assert result.exception_applies and result.excused_delay


def test_R13_2_timeliness_including_and_excluding_exception_cases():
    received = D(2025, 1, 31)  # final plan due 20 June 2025
    figures = timeliness_figures([
        (received, D(2025, 6, 20), False),  # in time
        (received, D(2025, 5, 1), False),  # in time
        (received, D(2025, 6, 21), False),  # late
        (received, D(2025, 7, 1), True),  # late, exception
        (received, D(2025, 5, 1), True),  # in time, exception
    ])
    assert (figures.plans, figures.within, figures.percent_including_exceptions) == (5, 3, 60.0)
    assert (figures.plans_excluding_exceptions, figures.within_excluding_exceptions,
            figures.percent_excluding_exceptions) == (3, 2, 66.7)


def test_R13_2_no_plans_gives_no_percentage():
    figures = timeliness_figures([])
    assert figures.percent_including_exceptions is None
    assert figures.percent_excluding_exceptions is None
