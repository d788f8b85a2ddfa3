"""Reviews, amendments and re-assessments of an EHC plan (R3.1-R3.5, R3.8)."""

from __future__ import annotations

from datetime import date

from assessment.domain.errors import RuleViolation
from common import calendar

NOTICE_DAYS = 14  # R3.3: two weeks
REPORT_WEEKS = 2  # R3.4
DECISION_WEEKS = 4  # R3.4
AMENDED_PLAN_WEEKS = 8  # R3.5
AMENDED_PLAN_LONGSTOP_WEEKS = 12  # R3.5, R (L, M, P) v Devon CC
REASSESSMENT_WEEKS = 14  # R3.8


def last_day_of_months_beginning_with(start: date, months: int) -> date:
    """The last day of a period of `months` months beginning with (including) `start`: the day
    before the corresponding date, or the month's last day when there is no corresponding date
    (1 Jan → 31 Dec; 1 Mar 2023 → 29 Feb 2024; 29 Feb 2024 → 28 Feb 2025; 31 Jan → 28 Feb)."""
    corresponding = calendar.add_months(start, months)
    if corresponding.day != start.day:  # clamped to the month end: no corresponding date
        return corresponding
    return calendar.add_days(corresponding, -1)


def annual_review_due_on(since_on: date) -> date:
    """R3.1: review within the 12 months starting with the day the plan was made or last
    reviewed (CFA s.44(1)). The law's 'starting with' counts that day, so the last day is one
    before the anniversary; RULES.md's 'within 12 months of' would allow one day more."""
    return last_day_of_months_beginning_with(since_on, 12)


def under5_review_prompts(since_on: date, born_on: date) -> tuple[date, date] | None:
    """R3.2: below compulsory school age, consider a review 3 to 6 months after the plan was
    made or last reviewed; None once the child has reached compulsory school age."""
    if since_on >= calendar.compulsory_school_age_starts_on(born_on):
        return None
    return calendar.add_months(since_on, 3), calendar.add_months(since_on, 6)


def review_meeting_notice_by(meeting_on: date) -> date:
    """R3.3: invitations (at least 2 weeks' notice) and the advice gathered for the review go
    out no later than 2 weeks before the meeting."""
    return calendar.add_days(meeting_on, -NOTICE_DAYS)


def check_review_meeting_notice(invited_on: date, meeting_on: date) -> None:
    """R3.3: raise if the invitations give less than 2 weeks' notice."""
    if invited_on > review_meeting_notice_by(meeting_on):
        raise RuleViolation("R3.3", "the meeting needs at least 2 weeks' notice", "meeting_on")


def review_advice_circulated_by(meeting_on: date) -> date:
    """R3.3 (Regs reg 20(3)): the advice and information gathered for the review go to every
    invitee at least 2 weeks before the meeting; the last day is meeting_on - 14."""
    return calendar.add_days(meeting_on, -NOTICE_DAYS)


def review_advice_circulated_late(circulated_on: date, meeting_on: date) -> bool:
    """R3.3: circulation recorded after its last day is kept, and shows as late."""
    return circulated_on > review_advice_circulated_by(meeting_on)


def review_report_due_on(meeting_on: date) -> date:
    """R3.4: the review report within 2 weeks of the meeting."""
    return calendar.add_weeks(meeting_on, REPORT_WEEKS)


def review_decision_due_on(meeting_on: date) -> date:
    """R3.4: the decision (maintain, amend, cease), with any proposed amendments (R3.5), within
    4 weeks of the meeting."""
    return calendar.add_weeks(meeting_on, DECISION_WEEKS)


def amended_plan_due_on(proposals_on: date, meeting_on: date | None = None) -> date:
    """R3.5: the final amended plan within 8 weeks of the proposed amendments and, after a
    review meeting, no later than 12 weeks from that meeting."""
    due = calendar.add_weeks(proposals_on, AMENDED_PLAN_WEEKS)
    if meeting_on is None:
        return due
    return min(due, calendar.add_weeks(meeting_on, AMENDED_PLAN_LONGSTOP_WEEKS))


def reassessment_plan_due_on(notified_on: date) -> date:
    """R3.8: the amended or replacement plan within 14 weeks of the notice to re-assess."""
    return calendar.add_weeks(notified_on, REASSESSMENT_WEEKS)
