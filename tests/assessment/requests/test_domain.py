"""Requests for an EHC needs assessment (R1.1-R1.8, R1.10, R9.2)."""

from datetime import date as D

import pytest

from assessment.domain.errors import RuleViolation
from assessment.domain.model import AdviceType, ExceptionKind, RequesterType, TimelineException
from assessment.domain.requests import (
    advice_due_on,
    check_advice_exception,
    check_may_request,
    last_assessment_ended_on,
    may_request,
    repeat_request_within_six_months,
    request_deadlines,
    required_advice,
)

R = RequesterType


@pytest.mark.parametrize("received_on, decision, no_plan, final", [
    (D(2025, 1, 31), D(2025, 3, 14), D(2025, 5, 23), D(2025, 6, 20)),
    (D(2024, 2, 29), D(2024, 4, 11), D(2024, 6, 20), D(2024, 7, 18)),  # leap day
    (D(2025, 12, 1), D(2026, 1, 12), D(2026, 3, 23), D(2026, 4, 20)),  # over Christmas, Easter
])
def test_R1_4_R1_11_R1_14_deadlines_run_in_calendar_weeks_from_the_request(
        received_on, decision, no_plan, final):
    deadlines = request_deadlines(received_on)
    assert deadlines.decision_due_on == decision  # R1.4
    assert deadlines.no_plan_notice_due_on == no_plan  # R1.11
    assert deadlines.final_plan_due_on == final  # R1.14


@pytest.mark.parametrize("requester, born_on, received_on, rule", [
    (R.YOUNG_PERSON, D(2000, 5, 10), D(2025, 5, 10), "R1.2"),  # on the 25th birthday
    (R.SCHOOL, D(2000, 5, 10), D(2025, 5, 10), "R1.2"),
    (R.YOUNG_PERSON, D(2000, 2, 29), D(2025, 2, 28), "R1.2"),  # 29 Feb: 25 on 28 Feb
    (R.YOUNG_PERSON, D(2015, 1, 1), D(2025, 1, 1), "R1.1"),  # a child: the parent asks
    (R.PARENT, D(2005, 1, 1), D(2025, 1, 1), "R1.1"),  # a young person asks for themself
    (R.YOUNG_PERSON, D(2009, 9, 1), D(2026, 6, 26), "R1.1"),  # still of compulsory school age
    (R.DETENTION_ESTABLISHMENT, D(2006, 3, 1), D(2025, 3, 1), "R9.2"),  # 19
    (R.PARENT, D(2026, 1, 1), D(2025, 12, 31), "R1.1"),  # not yet born
])
def test_R1_1_R1_2_who_may_not_request(requester, born_on, received_on, rule):
    with pytest.raises(RuleViolation) as caught:
        check_may_request(requester, born_on, received_on)
    assert caught.value.rule == rule


@pytest.mark.parametrize("requester, born_on, received_on", [
    (R.YOUNG_PERSON, D(2000, 5, 10), D(2025, 5, 9)),  # the day before the 25th birthday
    (R.YOUNG_PERSON, D(2000, 2, 29), D(2025, 2, 27)),
    (R.YOUNG_PERSON, D(2009, 9, 1), D(2026, 6, 27)),  # the day after the school leaving date
    (R.PARENT, D(2015, 1, 1), D(2025, 1, 1)),
    (R.SCHOOL, D(2015, 1, 1), D(2025, 1, 1)),
    (R.POST16_INSTITUTION, D(2005, 1, 1), D(2025, 1, 1)),
    (R.HEALTH_NOTIFICATION, D(2023, 1, 1), D(2025, 1, 1)),
    (R.OTHER_REFERRAL, D(2015, 1, 1), D(2025, 1, 1)),
    (R.DETENTION_ESTABLISHMENT, D(2006, 3, 2), D(2025, 3, 1)),  # 18
])
def test_R1_1_who_may_request(requester, born_on, received_on):
    check_may_request(requester, born_on, received_on)
    assert may_request(requester, born_on, received_on)


def test_R1_1_parent_acts_for_a_young_person_lacking_capacity():
    assert not may_request(R.PARENT, D(2005, 1, 1), D(2025, 1, 1))
    assert may_request(R.PARENT, D(2005, 1, 1), D(2025, 1, 1), young_person_lacks_capacity=True)


@pytest.mark.parametrize("ended_on, received_on, repeat", [
    (D(2025, 1, 31), D(2025, 7, 30), True),
    (D(2025, 1, 31), D(2025, 7, 31), False),  # six months have passed
    (D(2024, 8, 31), D(2025, 2, 27), True),
    # R0.4 looking back from the request: six months before 28 Feb is 28 Aug, so an
    # assessment ended on 31 Aug is within them
    (D(2024, 8, 31), D(2025, 2, 28), True),
    (D(2024, 8, 28), D(2025, 2, 28), False),
    (D(2025, 3, 1), D(2025, 2, 28), False),  # ended after the request: not a previous one
    (None, D(2025, 2, 28), False),
])
def test_R1_6_repeat_request_within_six_months(ended_on, received_on, repeat):
    """R1.6 (CFA s.36(6)(b)): assessed during the six months before the request."""
    assert repeat_request_within_six_months(ended_on, received_on) is repeat


@pytest.mark.parametrize("plans, notices, received_on, ended_on", [
    ([D(2026, 2, 2)], [], D(2026, 7, 1), D(2026, 2, 2)),  # final plan issued
    ([], [D(2026, 1, 22)], D(2026, 7, 1), D(2026, 1, 22)),  # no-plan notice given
    ([D(2025, 6, 2)], [D(2026, 1, 22)], D(2026, 7, 1), D(2026, 1, 22)),  # the later one
    ([D(2026, 8, 3)], [None], D(2026, 7, 1), None),  # not ended by the request
    ([None], [], D(2026, 7, 1), None),
])
def test_R1_6_last_assessment_ends_with_the_final_plan_or_no_plan_notice(
        plans, notices, received_on, ended_on):
    """R1.6: an EHC needs assessment ends with its final plan or the notice of no plan."""
    assert last_assessment_ended_on(plans, notices, received_on) == ended_on


@pytest.mark.parametrize("requested_on, due_on", [
    (D(2025, 12, 19), D(2026, 1, 30)),
    (D(2024, 1, 18), D(2024, 2, 29)),
])
def test_R1_8_advice_due_six_weeks_after_request(requested_on, due_on):
    assert advice_due_on(requested_on) == due_on


def test_R1_7_preparation_for_adulthood_advice_from_year_9():
    born_on = D(2011, 9, 1)  # year 9 from September 2025
    assert AdviceType.PREPARATION_FOR_ADULTHOOD not in required_advice(born_on, D(2025, 8, 31))
    assert AdviceType.PREPARATION_FOR_ADULTHOOD in required_advice(born_on, D(2025, 9, 1))


def test_R1_7_core_advice_and_optional_kinds():
    basic = required_advice(D(2018, 1, 1), D(2025, 1, 1))
    assert basic == {AdviceType.PARENT_OR_YOUNG_PERSON, AdviceType.EDUCATION, AdviceType.HEALTH,
                     AdviceType.PSYCHOLOGY, AdviceType.SOCIAL_CARE}
    extra = required_advice(D(2018, 1, 1), D(2025, 1, 1), hearing_or_vision_impaired=True,
                            family_nominated=True)
    assert extra - basic == {AdviceType.HEARING_VISION, AdviceType.FAMILY_NOMINATED}


@pytest.mark.parametrize("exception, rule", [
    (TimelineException(ExceptionKind.SCHOOL_CLOSURE, "summer"), "R1.10"),
    (TimelineException(ExceptionKind.ADVICE_MISSED_APPOINTMENT, " "), "R0.5"),
    (TimelineException(ExceptionKind.ADVICE_ABSENT_FROM_AREA, "abroad",
                       D(2025, 7, 1), D(2025, 7, 28)), "R1.10"),  # 27 days
])
def test_R1_10_advice_exceptions_refused(exception, rule):
    with pytest.raises(RuleViolation) as caught:
        check_advice_exception(exception)
    assert caught.value.rule == rule


@pytest.mark.parametrize("exception", [
    TimelineException(ExceptionKind.ADVICE_MISSED_APPOINTMENT, "did not attend 3 March"),
    TimelineException(ExceptionKind.ADVICE_EXCEPTIONAL_CIRCUMSTANCES, "bereavement"),
    TimelineException(ExceptionKind.ADVICE_ABSENT_FROM_AREA, "abroad",
                      D(2025, 7, 1), D(2025, 7, 29)),  # 28 days
])
def test_R1_10_advice_exceptions_accepted(exception):
    assert check_advice_exception(exception) is None
