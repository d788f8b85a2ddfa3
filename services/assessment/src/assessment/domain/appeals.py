"""Which decisions can be appealed to the Tribunal (R6.1, CFA s.51(2))."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from assessment.domain.model import Decision, ReviewOutcome
from common import calendar

APPEAL_MONTHS_AFTER_NOTICE = 2  # R6.9
APPEAL_MONTHS_AFTER_CERTIFICATE = 1  # R6.9

APPEALABLE: Mapping[str, str] = {
    Decision.REFUSE_ASSESSMENT: "refuse_assessment",
    Decision.REFUSE_PLAN: "refuse_plan",
    Decision.ISSUE_PLAN: "plan_contents",
    Decision.ISSUE_AMENDED_PLAN: "amended_plan_contents",
    Decision.REFUSE_AMEND: "refuse_amend",
    Decision.CEASE_PLAN: "cease_plan",
    Decision.REFUSE_REASSESSMENT: "refuse_reassessment",
    ReviewOutcome.MAINTAIN: "refuse_amend",  # keeping the plan unchanged after a review
    ReviewOutcome.CEASE: "cease_plan",
}


def appealable_decision_kind(outcome: Decision | ReviewOutcome) -> str | None:
    """R6.1: the decision_kind an appeal (and mediation certificate) is about, or None when the
    outcome cannot be appealed (deciding to assess or re-assess; a review that proposes
    amendments, whose amended plan is appealable once issued)."""
    return APPEALABLE.get(outcome)


def appeal_period_ends_on(notified_on: date, certificate_issued_on: date | None = None) -> date:
    """R6.9 (Tribunal Rules r.20(1)(c)): the last day to appeal: the later of 2 months after the
    decision notice and 1 month after a mediation certificate; without certificate
    information, 2 months after the notice; moved as r.12 moves a time limit that ends on a
    non-working day, in 25 Dec-1 Jan or in August (R6.9, R6.9a), so a plan never ceases
    while the family could still appeal (R4.5)."""
    ends_on = calendar.add_months(notified_on, APPEAL_MONTHS_AFTER_NOTICE)
    if certificate_issued_on is not None:
        ends_on = max(ends_on, calendar.add_months(certificate_issued_on,
                                                   APPEAL_MONTHS_AFTER_CERTIFICATE))
    return calendar.tribunal_day(ends_on)


def transfer_review_decision_kind(issues_plan: bool) -> str:
    """R5.5 (transition guidance ¶16-18; TO: a transfer review is an EHC needs assessment):
    nobody loses a statement simply because the system changes; ceasing it instead of
    transferring it to a plan is a decision not to issue a plan after an assessment, so it is
    appealable (`refuse_plan`, CFA s.51(2)(b)) with mediation (R6.2); a plan issued is
    appealable for its contents (`plan_contents`)."""
    return "plan_contents" if issues_plan else "refuse_plan"
