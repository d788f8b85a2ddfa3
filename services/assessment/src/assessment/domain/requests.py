"""Requests for an EHC needs assessment and the advice gathered for it (RULES.md section 1)."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from assessment.domain.errors import RuleViolation
from assessment.domain.model import (
    ADVICE_EXCEPTIONS,
    AdviceType,
    ExceptionKind,
    RequestDeadlines,
    RequesterType,
    TimelineException,
)
from common import calendar

DECISION_WEEKS = 6  # R1.4
NO_PLAN_WEEKS = 16  # R1.11
FINAL_PLAN_WEEKS = 20  # R1.14
ADVICE_WEEKS = 6  # R1.8
FOUR_WEEKS_IN_DAYS = 28  # R1.9(d), R1.10
REPEAT_MONTHS = 6  # R1.6


def is_detained_person_age(born_on: date, on: date) -> bool:
    """R9.2: the detained-person provisions cover people aged 18 and under (CFA s.70(5))."""
    return on < calendar.anniversary(born_on, 19)


def check_may_request(requester: RequesterType, born_on: date, received_on: date, *,
                      young_person_lacks_capacity: bool = False) -> None:
    """R1.1, R1.2, R9.2: raise RuleViolation unless this requester may ask on `received_on`.

    R1.2 says "after the 25th birthday"; a person aged 25 is no longer a young person
    (CFA s.83(2)) and attains that age at the start of the birthday (FLRA 1969 s.9), so the
    birthday itself is already too late."""
    if received_on < born_on:
        raise RuleViolation("R1.1", "the request predates the date of birth", "born_on")
    if received_on >= calendar.anniversary(born_on, 25):
        raise RuleViolation("R1.2", "nobody may request an assessment from the 25th birthday")
    _check_requester(requester, born_on, received_on, young_person_lacks_capacity)


def _check_requester(requester: RequesterType, born_on: date, received_on: date,
                     lacks_capacity: bool) -> None:
    young = calendar.is_young_person(born_on, received_on)
    if requester is RequesterType.YOUNG_PERSON and not young:
        raise RuleViolation("R1.1", "a child's request is made by the parent", "requester_type")
    if requester is RequesterType.PARENT and young and not lacks_capacity:
        # CFA s.36(1), s.80: a parent acts for a young person only where they lack capacity.
        raise RuleViolation("R1.1", "a young person makes their own request", "requester_type")
    if (requester is RequesterType.DETENTION_ESTABLISHMENT
            and not is_detained_person_age(born_on, received_on)):
        raise RuleViolation("R9.2", "detained-person requests are for those aged 18 and under",
                            "requester_type")


def may_request(requester: RequesterType, born_on: date, received_on: date, *,
                young_person_lacks_capacity: bool = False) -> bool:
    """R1.1, R1.2: whether check_may_request passes."""
    try:
        check_may_request(requester, born_on, received_on,
                          young_person_lacks_capacity=young_person_lacks_capacity)
    except RuleViolation:
        return False
    return True


def repeat_request_within_six_months(last_assessment_ended_on: date | None,
                                     received_on: date) -> bool:
    """R1.6 (CFA s.36(6)(b)): the child or young person was assessed during the six months
    before this request, counted from the day the last EHC needs assessment *ended* (its final
    plan issued, or the notice that no plan will be made), looking back from the request: the
    LA need not invite views and evidence again (s.36(7)) but must still decide, and a refusal
    is still appealable. An assessment ending on the day six calendar months before the
    request (R0.4) is outside the period."""
    if last_assessment_ended_on is None or last_assessment_ended_on > received_on:
        return False
    return last_assessment_ended_on > calendar.add_months(received_on, -REPEAT_MONTHS)


def last_assessment_ended_on(final_plans_issued_on: Iterable[date | None],
                             no_plan_notices_on: Iterable[date | None],
                             received_on: date) -> date | None:
    """R1.6: the latest day an EHC needs assessment of the person ended on or before
    `received_on`: the issue of the final plan it led to, or the notice that no plan will be
    made; None when no assessment has ended by then."""
    ended = [day for day in (*final_plans_issued_on, *no_plan_notices_on)
             if day is not None and day <= received_on]
    return max(ended, default=None)


def request_deadlines(received_on: date) -> RequestDeadlines:
    """R1.4, R1.11, R1.14 (counted per R0.1): decision 6 weeks, no-plan notice 16 weeks,
    final plan 20 weeks after the request was received."""
    return RequestDeadlines(
        received_on=received_on,
        decision_due_on=calendar.add_weeks(received_on, DECISION_WEEKS),
        no_plan_notice_due_on=calendar.add_weeks(received_on, NO_PLAN_WEEKS),
        final_plan_due_on=calendar.add_weeks(received_on, FINAL_PLAN_WEEKS),
    )


def advice_due_on(requested_on: date) -> date:
    """R1.8: a body asked for advice responds within 6 weeks of receiving the request."""
    return calendar.add_weeks(requested_on, ADVICE_WEEKS)


def required_advice(born_on: date, on: date, *, hearing_or_vision_impaired: bool = False,
                    family_nominated: bool = False) -> frozenset[AdviceType]:
    """R1.7 (Regs reg 6(1)): the advice the LA must seek for an assessment started `on`.

    Advice the LA merely thinks fit (AdviceType.OTHER) is its choice, so it is not listed."""
    advice = {AdviceType.PARENT_OR_YOUNG_PERSON, AdviceType.EDUCATION, AdviceType.HEALTH,
              AdviceType.PSYCHOLOGY, AdviceType.SOCIAL_CARE}
    if hearing_or_vision_impaired:
        advice.add(AdviceType.HEARING_VISION)
    if calendar.year_group(born_on, on) >= 9:
        advice.add(AdviceType.PREPARATION_FOR_ADULTHOOD)
    if family_nominated:
        advice.add(AdviceType.FAMILY_NOMINATED)
    return frozenset(advice)


def check_advice_exception(exception: TimelineException) -> None:
    """R1.10: the only excuses for late advice are exceptional circumstances, absence from the
    area for 4+ continuous weeks, or a missed appointment; a waiting list is none of them."""
    if exception.kind not in ADVICE_EXCEPTIONS:
        raise RuleViolation("R1.10", f"{exception.kind} does not excuse late advice", "kind")
    if not exception.evidence.strip():
        raise RuleViolation("R0.5", "an exception needs evidence", "evidence")
    absence = exception.kind is ExceptionKind.ADVICE_ABSENT_FROM_AREA
    if absence and not _absent_four_weeks(exception):
        raise RuleViolation("R1.10", "the absence must last 4 continuous weeks", "ends_on")


def _absent_four_weeks(exception: TimelineException) -> bool:
    starts, ends = exception.starts_on, exception.ends_on
    return starts is not None and ends is not None and (ends - starts).days >= FOUR_WEEKS_IN_DAYS
