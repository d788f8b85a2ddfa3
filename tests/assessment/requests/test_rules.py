"""The lifecycle of a request as pure rules (no database): R1.4, R1.11, R1.15."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.records import RequestRecord
from assessment.domain.status import AssessDecision, PlanOutcome, RequestStatus
from assessment.requests import rules

RECEIVED = date(2026, 3, 2)


def request(**changes: object) -> RequestRecord:
    values: dict = dict(
        id="r1", case_id="c1", la_code="201", requester_type="parent", received_on=RECEIVED,
        decision_due_on=date(2026, 4, 13), no_plan_notice_due_on=date(2026, 6, 22),
        final_plan_due_on=date(2026, 7, 20), repeat_within_six_months=False,
        status=RequestStatus.AWAITING_DECISION, created_at=datetime(2026, 3, 2, tzinfo=UTC))
    return RequestRecord(**(values | changes))


def test_r1_4_deciding_to_assess_starts_the_assessment() -> None:
    decided = rules.decide_whether_to_assess(request(), AssessDecision.ASSESS,
                                             date(2026, 4, 1), date(2026, 4, 2), "needs")
    assert decided.status is RequestStatus.ASSESSING
    after = decided.applied_to(request())
    assert (after.decision, after.decided_on, after.notified_on) == (
        AssessDecision.ASSESS, date(2026, 4, 1), date(2026, 4, 2))
    assert decided.values()["status"] == "assessing"  # stored by value


def test_r1_4_r1_5_a_refusal_ends_the_request() -> None:
    decided = rules.decide_whether_to_assess(request(), AssessDecision.REFUSE,
                                             date(2026, 4, 1), date(2026, 4, 1))
    assert decided.status is RequestStatus.REFUSED


@pytest.mark.parametrize(("decided_on", "notified_on", "field"), [
    (date(2026, 3, 1), date(2026, 3, 3), "decided_on"),  # before the request
    (date(2026, 3, 10), date(2026, 3, 9), "notified_on"),  # told before deciding
])
def test_r1_4_decision_dates_follow_the_request(decided_on: date, notified_on: date,
                                                field: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        rules.decide_whether_to_assess(request(), AssessDecision.ASSESS, decided_on,
                                       notified_on)
    assert (refused.value.rule, refused.value.field) == ("R1.4", field)


def test_r1_4_a_request_is_decided_once() -> None:
    decided = request(decision="assess", status=RequestStatus.ASSESSING)
    with pytest.raises(Conflict):
        rules.decide_whether_to_assess(decided, AssessDecision.REFUSE, date(2026, 4, 1),
                                       date(2026, 4, 1))


def test_r1_11_no_plan_after_assessing() -> None:
    assessing = request(status=RequestStatus.ASSESSING, decided_on=date(2026, 4, 1))
    refused = rules.decide_no_plan(assessing, date(2026, 6, 1), date(2026, 6, 2))
    assert (refused.status, refused.plan_outcome, refused.plan_outcome_on) == (
        RequestStatus.NO_PLAN, PlanOutcome.REFUSED, date(2026, 6, 1))
    with pytest.raises(RuleViolation, match="before the decision to assess"):
        rules.decide_no_plan(assessing, date(2026, 3, 31), date(2026, 4, 2))
    with pytest.raises(Conflict):  # only an assessment under way ends without a plan
        rules.decide_no_plan(request(), date(2026, 6, 1), date(2026, 6, 2))


def test_r1_15_health_notification_is_for_under_fives_told_first() -> None:
    rules.check_health_notification(date(2023, 5, 1), date(2026, 2, 20), RECEIVED)
    with pytest.raises(RuleViolation, match="compulsory school age"):
        rules.check_health_notification(date(2019, 3, 14), date(2026, 2, 20), RECEIVED)
    with pytest.raises(RuleViolation, match="tells the parent"):
        rules.check_health_notification(date(2023, 5, 1), date(2026, 3, 3), RECEIVED)
