"""Exceptions to the assessment time limits and timeliness (R0.5, R1.9, R1.14, R13.2).

An exception never moves a deadline: it excuses missing it (R0.5)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, timedelta

from assessment.domain.errors import RuleViolation
from assessment.domain.model import (
    ASSESSMENT_EXCEPTIONS,
    ExceptionKind,
    TimelineException,
    Timeliness,
    TimelinessFigures,
)
from assessment.domain.requests import FOUR_WEEKS_IN_DAYS, request_deadlines

_WEEK = timedelta(weeks=1)
_CLOSURES = frozenset({ExceptionKind.SCHOOL_CLOSURE, ExceptionKind.EARLY_YEARS_CLOSURE})


def check_exception(exception: TimelineException) -> None:
    """R1.9, R0.5: raise unless `exception` is one of kinds (a)-(d) with evidence and, for
    closures and absences, dates that meet the regulation."""
    if exception.kind not in ASSESSMENT_EXCEPTIONS:
        raise RuleViolation("R1.9", f"{exception.kind} is not an assessment exception", "kind")
    if not exception.evidence.strip():
        raise RuleViolation("R0.5", "an exception needs evidence", "evidence")
    if exception.kind in _CLOSURES:
        _check_closure(exception)
    elif exception.kind is ExceptionKind.ABSENT_FROM_AREA:
        _check_period(exception, "the absence from the area")


def _check_period(exception: TimelineException, what: str) -> tuple[date, date]:
    starts, ends = exception.starts_on, exception.ends_on
    if starts is None or ends is None:
        raise RuleViolation("R1.9", f"{what} needs start and end dates", "starts_on")
    if (ends - starts).days < FOUR_WEEKS_IN_DAYS:
        raise RuleViolation("R1.9", f"{what} must last 4 continuous weeks", "ends_on")
    return starts, ends


def _check_closure(exception: TimelineException) -> None:
    """R1.9(a)/(b): advice asked for from one week before the closure began to one week
    before the institution re-opens."""
    closed_from, reopens_on = _check_period(exception, "the closure")
    asked = exception.advice_requested_on
    if asked is None or not closed_from - _WEEK <= asked <= reopens_on - _WEEK:
        raise RuleViolation("R1.9", "advice was not requested in the closure window",
                            "advice_requested_on")


def exception_applies(exception: TimelineException, received_on: date, due_on: date) -> bool:
    """R1.9: a valid exception that falls within the period from the request to the deadline."""
    try:
        check_exception(exception)
    except RuleViolation:
        return False
    asked, starts, ends = exception.advice_requested_on, exception.starts_on, exception.ends_on
    if asked is not None and exception.kind in _CLOSURES:
        return received_on <= asked <= due_on
    if starts is not None and ends is not None:  # an absence: it must overlap the period
        return starts <= due_on and ends > received_on
    return True


def final_plan_timeliness(received_on: date, issued_on: date,
                          exceptions: Iterable[TimelineException] = ()) -> Timeliness:
    """R1.14, R0.5: time taken against the 20-week limit; the deadline never moves, an applying
    exception only excuses lateness."""
    due_on = request_deadlines(received_on).final_plan_due_on
    days = (issued_on - received_on).days
    return Timeliness(
        due_on=due_on, issued_on=issued_on, days_taken=days, weeks_taken=round(days / 7, 1),
        within_statutory_time=issued_on <= due_on,
        exception_applies=any(exception_applies(e, received_on, due_on) for e in exceptions),
    )


def _percent(part: int, whole: int) -> float | None:
    return round(100 * part / whole, 1) if whole else None


def timeliness_figures(cases: Iterable[tuple[date, date, bool]]) -> TimelinessFigures:
    """R13.2: % of new plans issued within 20 weeks from (received_on, issued_on, exception)
    rows, including all cases and excluding exception cases (the DfE headline)."""
    rows = [(issued <= request_deadlines(received).final_plan_due_on, excused)
            for received, issued, excused in cases]
    within = sum(ok for ok, _ in rows)
    kept = [ok for ok, excused in rows if not excused]
    return TimelinessFigures(
        plans=len(rows), within=within, percent_including_exceptions=_percent(within, len(rows)),
        plans_excluding_exceptions=len(kept), within_excluding_exceptions=sum(kept),
        percent_excluding_exceptions=_percent(sum(kept), len(kept)),
    )
