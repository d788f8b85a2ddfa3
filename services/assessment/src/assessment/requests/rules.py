"""Pure rules of a request's lifecycle: whether to assess (R1.4), no plan after assessing
(R1.11) and the checks on a health body's notification (R1.15)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.records import Change, RequestRecord
from assessment.domain.status import AssessDecision, PlanOutcome, RequestStatus
from common import calendar


@dataclass(frozen=True, slots=True)
class AssessmentDecided(Change):
    status: RequestStatus
    decision: AssessDecision
    decided_on: date
    notified_on: date
    decision_reasons: str | None


@dataclass(frozen=True, slots=True)
class NoPlanDecided(Change):
    status: RequestStatus
    plan_outcome: PlanOutcome
    plan_outcome_on: date
    plan_outcome_notified_on: date


def decide_whether_to_assess(request: RequestRecord, decision: AssessDecision,
                             decided_on: date, notified_on: date,
                             reasons: str | None = None) -> AssessmentDecided:
    """R1.4: decided no earlier than the request was received and notified no earlier than
    decided; assessing opens the assessment, a refusal ends the request. Decided once."""
    if request.decision is not None:
        raise Conflict("This request has already been decided")
    if decided_on < request.received_on:
        raise RuleViolation("R1.4", "decided_on is before the request was received",
                            "decided_on")
    if notified_on < decided_on:
        raise RuleViolation("R1.4", "notified_on is before decided_on", "notified_on")
    status = (RequestStatus.ASSESSING if decision is AssessDecision.ASSESS
              else RequestStatus.REFUSED)
    return AssessmentDecided(status=status, decision=decision, decided_on=decided_on,
                             notified_on=notified_on, decision_reasons=reasons)


def decide_no_plan(request: RequestRecord, decided_on: date,
                   notified_on: date) -> NoPlanDecided:
    """R1.11: after assessing, the decision not to issue a plan comes after the decision to
    assess, and is notified no earlier than it is made; only an assessment under way."""
    if request.status is not RequestStatus.ASSESSING:
        raise Conflict("Only an assessment under way can end without a plan")
    if request.decided_on is not None and decided_on < request.decided_on:
        raise RuleViolation("R1.11", f"decided_on is before the decision to assess "
                            f"({request.decided_on})", "decided_on")
    if notified_on < decided_on:
        raise RuleViolation("R1.11", f"notified_on is before decided_on ({decided_on})",
                            "notified_on")
    return NoPlanDecided(status=RequestStatus.NO_PLAN, plan_outcome=PlanOutcome.REFUSED,
                         plan_outcome_on=decided_on,
                         plan_outcome_notified_on=notified_on)


def check_health_notification(born_on: date, parent_informed_on: date,
                              received_on: date) -> None:
    """R1.15: for children under compulsory school age, the parent told first."""
    if received_on >= calendar.compulsory_school_age_starts_on(born_on):
        raise RuleViolation("R1.15", "health notifications are for children under compulsory "
                            "school age; refer older children as a referral", "date_of_birth")
    if parent_informed_on > received_on:
        raise RuleViolation("R1.15", "the health body tells the parent before bringing the "
                            "child to the LA's attention", "parent_informed_on")


def check_assessing(request: RequestRecord, refusal: str) -> date:
    """A step of an EHC needs assessment under way (advice, the draft plan) needs the LA's
    decision to assess (409 `wrong-state`, saying `refusal`); returns the decision's day."""
    if request.status is not RequestStatus.ASSESSING or request.decided_on is None:
        raise Conflict(refusal, kind="wrong-state")
    return request.decided_on
