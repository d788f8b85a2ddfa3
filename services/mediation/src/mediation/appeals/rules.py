"""Pure rules of appeals to the First-tier Tribunal (SEND) and what follows: registering
an appeal (R6.4, R6.9), the steps a Tribunal order or an unopposed appeal sets (R6.11),
and steps done by hand or by assessment's own events. Each `decide_*` returns the change
or raises."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, datetime

from mediation.domain import clocks
from mediation.domain.enums import (
    ASSESSMENT_KINDS,
    CONTENT_KINDS,
    DeadlineKind,
    DecisionKind,
    OrderKind,
)
from mediation.domain.errors import Conflict, RuleViolation
from mediation.domain.model import MediationCase
from mediation.domain.records import AppealRecord, CaseRecord, OrderRecord, StepRecord

STEP_TEXT = {
    DeadlineKind.AGREED_ACTION_DUE: "act on the mediation agreement",
    DeadlineKind.COMMISSIONING_BODY_NOTICE_DUE: "the commissioning body tells the LA what it "
                                                "agreed",
    DeadlineKind.ASSESSMENT_NOTICE_DUE: "tell the family the assessment will go ahead",
    DeadlineKind.NO_PLAN_NOTICE_DUE: "notice of a decision not to issue a plan",
    DeadlineKind.FINAL_PLAN_DUE: "issue the final EHC plan",
    DeadlineKind.DRAFT_PLAN_DUE: "issue the draft EHC plan",
    DeadlineKind.AMENDED_PLAN_DUE: "issue the amended EHC plan",
    DeadlineKind.PLAN_CONTINUES: "maintain the EHC plan",
}


@dataclass(frozen=True, slots=True)
class PlannedStep:
    """A compliance step to store, with its deadline (R6.10, R6.11)."""

    kind: DeadlineKind
    due_on: date
    description: str
    responsible: str


def decide_appeal(case: CaseRecord, model: MediationCase, *, has_certificate: bool,
                  already_appealed: bool, appeal_id: str, registered_on: date,
                  tribunal_reference: str | None, created_at: datetime) -> AppealRecord:
    """A registered appeal. A certificate comes first unless the appeal is only about
    section I (R6.4); one after the deadline (R6.9) is recorded as out of time (the Tribunal
    may extend time)."""
    if already_appealed:
        raise Conflict("An appeal is already registered for this decision")
    needed = clocks.certificate_needed(model.sections_in_dispute, model.decision_kind)
    if needed and not has_certificate:
        raise RuleViolation("R6.4", "a mediation certificate is needed before appealing, "
                            "unless the appeal is only about section I", "registered_on")
    if registered_on < case.notified_on:
        raise RuleViolation("R6.9", "registered before the decision notice", "registered_on")
    appeal_by = clocks.appeal_deadline(model.notified_on, model.latest_certificate_on)
    return AppealRecord(
        id=appeal_id, la_code=case.la_code, mediation_case_id=case.id, case_id=case.case_id,
        registered_on=registered_on, tribunal_reference=tribunal_reference,
        appeal_by=appeal_by, in_time=registered_on <= appeal_by,
        after_mediation=case.concluded_on is not None, created_at=created_at)


def decide_order(appeal: AppealRecord, decision_kind: DecisionKind, *, order_id: str,
                 kind: OrderKind, from_on: date, section_i_only: bool, amend_too: bool,
                 created_at: datetime) -> tuple[OrderRecord, list[PlannedStep]]:
    """An unopposed appeal or a Tribunal order and the LA's steps with their deadlines."""
    if from_on < appeal.registered_on:
        raise RuleViolation("R6.11", "the order is dated before the appeal", "from_on")
    due = clocks.tribunal_order_deadlines(decision_kind, from_on,
                                          section_i_only=section_i_only, amend_too=amend_too)
    order = OrderRecord(id=order_id, la_code=appeal.la_code, appeal_id=appeal.id, kind=kind,
                        from_on=from_on, section_i_only=section_i_only, amend_too=amend_too,
                        created_at=created_at)
    return order, [PlannedStep(k, day, STEP_TEXT[k], "la") for k, day in due.items()]


def decide_step_done(step: StepRecord, done_on: date) -> StepRecord:
    """An agreed action or order step done by hand: was it in time?"""
    if step.done_on is not None:
        raise Conflict(f"Done on {step.done_on}")
    return replace(step, done_on=done_on, in_time=done_on <= step.due_on)


# --- steps that assessment's own events report done (R6.11) -----------------------------

StepsDone = dict[DeadlineKind, frozenset[DecisionKind]]
_PLAN_KINDS = ASSESSMENT_KINDS | {DecisionKind.REFUSE_PLAN}
_AMEND_KINDS = CONTENT_KINDS | {DecisionKind.CEASE_PLAN}

# After an order to assess, the LA either tells the family no plan will be made
# (10 weeks) or issues a final plan (14 weeks); doing one makes the other not needed.
ALTERNATIVES = {DeadlineKind.FINAL_PLAN_DUE: DeadlineKind.NO_PLAN_NOTICE_DUE,
                DeadlineKind.NO_PLAN_NOTICE_DUE: DeadlineKind.FINAL_PLAN_DUE}


def decision_made_steps(decision: str) -> StepsDone:
    """`send.assessment.decision.made.v1`: deciding to assess is telling the family the
    assessment will go ahead (refuse_assessment / refuse_reassessment orders)."""
    return {DeadlineKind.ASSESSMENT_NOTICE_DUE: ASSESSMENT_KINDS} if decision == "assess" \
        else {}


def plan_refused_steps() -> StepsDone:
    """`send.assessment.plan.refused.v1`: the notice that no plan will be made."""
    return {DeadlineKind.NO_PLAN_NOTICE_DUE: ASSESSMENT_KINDS}


def plan_issued_steps(reason: str) -> StepsDone:
    """`send.assessment.plan.issued.v1`: a new final plan completes refuse_assessment and
    refuse_plan orders (after a re-assessment the kept plan is issued as amended); an amended
    plan completes content and cease orders (and a re-assessment's final plan)."""
    if reason == "new":
        return {DeadlineKind.FINAL_PLAN_DUE: _PLAN_KINDS}
    if reason == "amended":
        return {DeadlineKind.AMENDED_PLAN_DUE: _AMEND_KINDS,
                DeadlineKind.FINAL_PLAN_DUE: frozenset({DecisionKind.REFUSE_REASSESSMENT})}
    return {}


def reported_by_event(step: StepRecord, decision_kind: DecisionKind, steps: StepsDone) -> bool:
    """Whether an event reporting `steps` done completes this open order step."""
    return decision_kind in steps.get(DeadlineKind(step.kind), frozenset())


def decide_done_by_event(step: StepRecord, done_on: date, event_id: str, event_type: str,
                         *, alternative: bool = False) -> StepRecord:
    """Done by assessment's event; an order's other outcome step (`alternative`) closes as
    not needed, with `in_time` left empty: it had nothing of its own to be in time for."""
    return replace(step, done_on=done_on, in_time=None if alternative else done_on <= step.due_on,
                   done_by_event_id=event_id, done_by_event_type=event_type)


def alternative_of(step: StepRecord, decision_kind: DecisionKind) -> DeadlineKind | None:
    if decision_kind not in ASSESSMENT_KINDS:
        return None
    return ALTERNATIVES.get(DeadlineKind(step.kind))
