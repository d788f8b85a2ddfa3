"""Reviews, amendments and re-assessments (R3.1-R3.5, R3.8)."""

from datetime import date as D

import pytest

from assessment.domain.errors import RuleViolation
from assessment.domain.reviews import (
    amended_plan_due_on,
    annual_review_due_on,
    check_review_meeting_notice,
    reassessment_plan_due_on,
    review_decision_due_on,
    review_meeting_notice_by,
    review_report_due_on,
    under5_review_prompts,
)


@pytest.mark.parametrize("since_on, due_on", [
    (D(2019, 1, 1), D(2019, 12, 31)),  # 12 months starting with 1 January
    (D(2025, 3, 31), D(2026, 3, 30)),
    (D(2024, 2, 29), D(2025, 2, 28)),  # leap day
    (D(2024, 3, 1), D(2025, 2, 28)),
    (D(2023, 3, 1), D(2024, 2, 29)),  # into a leap year
])
def test_R3_1_annual_review_within_twelve_months_starting_with_the_last(since_on, due_on):
    assert annual_review_due_on(since_on) == due_on


@pytest.mark.parametrize("since_on, prompts", [
    (D(2025, 1, 31), (D(2025, 4, 30), D(2025, 7, 31))),  # month ends
    (D(2025, 11, 29), (D(2026, 2, 28), D(2026, 5, 29))),
    (D(2026, 8, 31), None),  # compulsory school age from 31 August 2026
])
def test_R3_2_under_five_review_every_three_to_six_months(since_on, prompts):
    assert under5_review_prompts(since_on, D(2021, 6, 1)) == prompts


def test_R3_3_two_weeks_notice_of_the_review_meeting():
    assert review_meeting_notice_by(D(2026, 1, 8)) == D(2025, 12, 25)  # calendar days
    check_review_meeting_notice(D(2025, 12, 25), D(2026, 1, 8))
    with pytest.raises(RuleViolation) as caught:
        check_review_meeting_notice(D(2025, 12, 26), D(2026, 1, 8))
    assert caught.value.rule == "R3.3"


@pytest.mark.parametrize("meeting_on, report_on, decision_on", [
    (D(2025, 12, 18), D(2026, 1, 1), D(2026, 1, 15)),
    (D(2024, 2, 1), D(2024, 2, 15), D(2024, 2, 29)),
])
def test_R3_4_report_in_two_weeks_decision_in_four(meeting_on, report_on, decision_on):
    assert review_report_due_on(meeting_on) == report_on
    assert review_decision_due_on(meeting_on) == decision_on


@pytest.mark.parametrize("proposals_on, meeting_on, due_on", [
    (D(2025, 1, 10), D(2024, 12, 20), D(2025, 3, 7)),  # 8 weeks from the proposals
    (D(2025, 1, 31), D(2024, 12, 20), D(2025, 3, 14)),  # capped at 12 weeks from the meeting
    (D(2025, 1, 31), None, D(2025, 3, 28)),  # amendment outside a review
])
def test_R3_5_final_amended_plan_within_eight_weeks_and_twelve_from_meeting(
        proposals_on, meeting_on, due_on):
    assert amended_plan_due_on(proposals_on, meeting_on) == due_on


@pytest.mark.parametrize("notified_on, due_on", [
    (D(2025, 11, 3), D(2026, 2, 9)),
    (D(2023, 11, 23), D(2024, 2, 29)),
])
def test_R3_8_reassessment_plan_within_fourteen_weeks(notified_on, due_on):
    assert reassessment_plan_due_on(notified_on) == due_on


@pytest.mark.parametrize("start, months, last_day", [
    (D(2025, 1, 31), 1, D(2025, 2, 28)),  # no 31 February: the month's last day
    (D(2024, 1, 30), 1, D(2024, 2, 29)),
    (D(2025, 1, 13), 3, D(2025, 4, 12)),
])
def test_R3_1_R3_9_period_of_months_beginning_with_a_day(start, months, last_day):
    from assessment.domain.reviews import last_day_of_months_beginning_with
    assert last_day_of_months_beginning_with(start, months) == last_day
