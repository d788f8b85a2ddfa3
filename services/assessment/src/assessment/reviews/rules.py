"""Pure rules of a review's lifecycle: the meeting and its clocks (R3.3, R3.4), the advice
circulated, the report and the decision (R3.4, R3.5, R3.1)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessment.domain import rules
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.model import ReviewOutcome
from assessment.domain.records import Change, ReviewRecord
from assessment.domain.status import ReviewStatus


@dataclass(frozen=True, slots=True)
class MeetingSet:
    """The clocks a review meeting starts (R3.3, R3.4)."""

    advice_circulated_by: date
    advice_circulated_on: date | None
    report_due_on: date
    decision_due_on: date


@dataclass(frozen=True, slots=True)
class AdviceCirculated(Change):
    advice_circulated_on: date


@dataclass(frozen=True, slots=True)
class Reported(Change):
    status: ReviewStatus
    report_on: date


@dataclass(frozen=True, slots=True)
class ReviewDecided(Change):
    status: ReviewStatus
    outcome: ReviewOutcome
    decided_on: date
    next_review_due_on: date
    amended_plan_due_on: date | None


def set_meeting(invited_on: date, meeting_on: date, *,
                circulated_with_invitations: bool) -> MeetingSet:
    """R3.3: at least 2 weeks' notice, and the advice circulated at least 2 weeks before the
    meeting (with the invitations, or by a deadline); R3.4: report in 2 weeks, decision in 4."""
    rules.check_review_meeting_notice(invited_on, meeting_on)
    return MeetingSet(advice_circulated_by=rules.review_advice_circulated_by(meeting_on),
                      advice_circulated_on=invited_on if circulated_with_invitations else None,
                      report_due_on=rules.review_report_due_on(meeting_on),
                      decision_due_on=rules.review_decision_due_on(meeting_on))


def decide_advice_circulated(review: ReviewRecord, circulated_on: date) -> AdviceCirculated:
    """R3.3: the advice went to every invitee; a date after the deadline is kept (as late)."""
    if review.advice_circulated_on is not None:
        raise Conflict("The advice is already recorded as circulated")
    return AdviceCirculated(advice_circulated_on=circulated_on)


def circulated_late(review: ReviewRecord) -> bool | None:
    """R3.3: whether the advice went out after its last day (None until both are known)."""
    if review.advice_circulated_on is None or review.meeting_on is None:
        return None
    return rules.review_advice_circulated_late(review.advice_circulated_on, review.meeting_on)


def decide_report(review: ReviewRecord, report_on: date) -> Reported:
    """R3.4: the report follows the meeting, recorded once."""
    if review.report_on is not None:
        raise Conflict("The review report is already recorded")
    _not_before_meeting(review, report_on, "report_on")
    return Reported(status=ReviewStatus.REPORTED, report_on=report_on)


def decide_review(review: ReviewRecord, outcome: ReviewOutcome, decided_on: date,
                  notified_on: date) -> ReviewDecided:
    """R3.4: maintain, amend or cease after the meeting; the next review is due 12 months
    from the meeting (R3.1); amending starts the amended plan's clock (R3.5). Decided once."""
    if review.outcome is not None:
        raise Conflict("The review is already decided")
    _not_before_meeting(review, decided_on, "decided_on")
    if notified_on < decided_on:
        raise RuleViolation("R3.4", f"notified_on is before decided_on ({decided_on})",
                            "notified_on")
    assert review.meeting_on is not None
    return ReviewDecided(
        status=ReviewStatus.DECIDED, outcome=outcome, decided_on=decided_on,
        next_review_due_on=rules.annual_review_due_on(review.meeting_on),
        amended_plan_due_on=rules.amended_plan_due_on(decided_on, review.meeting_on)
        if outcome is ReviewOutcome.AMEND else None)


def _not_before_meeting(review: ReviewRecord, day: date, field: str) -> None:
    if review.meeting_on is not None and day < review.meeting_on:
        raise RuleViolation("R3.4", f"{field} is before the meeting ({review.meeting_on})",
                            field)
