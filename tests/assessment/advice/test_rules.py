"""Advice for an assessment as pure rules (no database): R1.7, R1.8, R1.9, R1.10."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from assessment.advice import rules
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.model import AdviceType, ExceptionKind
from assessment.domain.records import AdviceRecord
from assessment.domain.status import AdviceStatus

ASKED = date(2026, 3, 2)


def advice(**changes: object) -> AdviceRecord:
    values: dict = dict(
        id="a1", case_id="c1", request_id="r1", la_code="201", advice_type="health",
        recipient_kind="icb", recipient_name="ICB", requested_on=ASKED,
        due_on=date(2026, 4, 13), status=AdviceStatus.REQUESTED,
        created_at=datetime(2026, 3, 2, tzinfo=UTC))
    return AdviceRecord(**(values | changes))


def test_r1_8_advice_is_due_six_weeks_after_it_is_sought() -> None:
    assert rules.check_advice_sought(AdviceType.HEALTH, ASKED, date(2026, 2, 9),
                                     date(2019, 3, 14)) == date(2026, 4, 13)


def test_r1_7_advice_follows_the_decision_and_adulthood_advice_is_from_year_9() -> None:
    with pytest.raises(RuleViolation, match="before the decision to assess"):
        rules.check_advice_sought(AdviceType.HEALTH, date(2026, 2, 8), date(2026, 2, 9),
                                  date(2019, 3, 14))
    with pytest.raises(RuleViolation) as refused:
        rules.check_advice_sought(AdviceType.PREPARATION_FOR_ADULTHOOD, ASKED,
                                  date(2026, 2, 9), date(2019, 3, 14))
    assert refused.value.rule == "R1.7"


def test_r1_8_advice_is_received_once_and_not_before_it_was_asked_for() -> None:
    received = rules.decide_advice_received(advice(), date(2026, 4, 1), "Dr Rao", "...")
    assert received.applied_to(advice()).status is AdviceStatus.RECEIVED
    with pytest.raises(RuleViolation) as early:
        rules.decide_advice_received(advice(), date(2026, 3, 1), "Dr Rao", "...")
    assert early.value.rule == "R1.8"
    with pytest.raises(Conflict):
        rules.decide_advice_received(advice(status=AdviceStatus.RECEIVED), date(2026, 4, 1),
                                     "Dr Rao", "...")


def test_r1_9_r1_10_exceptions_are_of_their_own_kind() -> None:
    made = rules.exception_from("exceptional_personal_circumstances", "bereavement",
                                starts_on=None, ends_on=None, advice_requested_on=None,
                                for_advice=False)
    assert made.kind is ExceptionKind.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES
    with pytest.raises(RuleViolation, match="waiting list"):
        rules.exception_from("waiting_list", "long queue", starts_on=None, ends_on=None,
                             advice_requested_on=None, for_advice=True)
    with pytest.raises(RuleViolation) as advice_only:
        rules.exception_from("advice_missed_appointment", "did not attend", starts_on=None,
                             ends_on=None, advice_requested_on=None, for_advice=False)
    assert advice_only.value.rule == "R1.9"
