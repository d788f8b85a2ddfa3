"""The lifecycle of a review as pure rules (no database): R3.1, R3.3, R3.4, R3.5."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.model import ReviewOutcome
from assessment.domain.records import ReviewRecord
from assessment.domain.status import ReviewStatus
from assessment.reviews import rules

MEETING = date(2026, 3, 16)


def review(**changes: object) -> ReviewRecord:
    values: dict = dict(
        id="v1", case_id="c1", plan_id="p1", la_code="201", kind="annual",
        due_on=date(2026, 6, 1), status=ReviewStatus.MEETING_SET,
        created_at=datetime(2026, 3, 1, tzinfo=UTC), meeting_on=MEETING,
        invited_on=date(2026, 3, 1))
    return ReviewRecord(**(values | changes))


def test_r3_3_r3_4_a_meeting_sets_its_clocks() -> None:
    meeting = rules.set_meeting(date(2026, 3, 1), MEETING, circulated_with_invitations=False)
    assert (meeting.advice_circulated_by, meeting.report_due_on, meeting.decision_due_on) == (
        date(2026, 3, 2), date(2026, 3, 30), date(2026, 4, 13))
    assert meeting.advice_circulated_on is None
    with pytest.raises(RuleViolation) as short:
        rules.set_meeting(date(2026, 3, 10), MEETING, circulated_with_invitations=True)
    assert short.value.rule == "R3.3"


def test_r3_3_late_circulation_is_kept_and_shown_late() -> None:
    circulated = rules.decide_advice_circulated(review(), date(2026, 3, 5))
    assert rules.circulated_late(circulated.applied_to(review())) is True
    with pytest.raises(Conflict):
        rules.decide_advice_circulated(review(advice_circulated_on=date(2026, 3, 1)),
                                       date(2026, 3, 5))


def test_r3_4_the_report_follows_the_meeting_once() -> None:
    assert rules.decide_report(review(), date(2026, 3, 20)).status is ReviewStatus.REPORTED
    with pytest.raises(RuleViolation, match="before the meeting"):
        rules.decide_report(review(), date(2026, 3, 15))
    with pytest.raises(Conflict):
        rules.decide_report(review(report_on=date(2026, 3, 20)), date(2026, 3, 21))


def test_r3_4_r3_5_r3_1_deciding_to_amend_starts_the_amended_plan_clock() -> None:
    decided = rules.decide_review(review(), ReviewOutcome.AMEND, date(2026, 4, 1),
                                  date(2026, 4, 1))
    assert decided.status is ReviewStatus.DECIDED
    assert decided.next_review_due_on == date(2027, 3, 15)  # R3.1: 12 months from meeting
    assert decided.amended_plan_due_on == date(2026, 5, 27)  # R3.5: 8 weeks
    kept = rules.decide_review(review(), ReviewOutcome.MAINTAIN, date(2026, 4, 1),
                               date(2026, 4, 2))
    assert kept.amended_plan_due_on is None
    with pytest.raises(Conflict):
        rules.decide_review(review(outcome="maintain"), ReviewOutcome.AMEND, date(2026, 4, 1),
                            date(2026, 4, 1))
    with pytest.raises(RuleViolation, match="notified_on"):
        rules.decide_review(review(), ReviewOutcome.AMEND, date(2026, 4, 1), date(2026, 3, 31))
