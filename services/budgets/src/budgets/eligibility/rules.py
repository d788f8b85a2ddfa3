"""When a family may ask for a personal budget (R7.1), from what assessment tells us of the
case's plan. Pure transitions over `PlanStage`."""

from __future__ import annotations

from enum import StrEnum

from budgets.domain.enums import PlanStage, RequestContext
from budgets.domain.errors import RuleViolation


class PlanSignal(StrEnum):
    """What an assessment event says about the plan."""

    ASSESS = "assess"  # decision.made: assess (a re-assessment when a plan is maintained)
    REFUSE_ASSESSMENT = "refuse_assessment"
    PLAN_REFUSED = "plan_refused"
    DRAFTED = "drafted"  # the LA decided to make a plan: the draft is out (R7.1)
    AMENDMENT_DRAFTED = "amendment_drafted"  # a draft amended plan after a review
    ISSUED = "issued"
    REVIEW_DUE_SOON = "review_due_soon"  # the annual review is coming up
    REVIEW_AMEND = "review_amend"  # review decided to amend the plan
    REVIEW_MAINTAIN = "review_maintain"
    CEASED = "ceased"


_WITH_PLAN = (PlanStage.PLAN_MAINTAINED, PlanStage.REVIEW_OR_REASSESSMENT)


def next_stage(current: PlanStage | None, signal: PlanSignal) -> PlanStage | None:
    """The case's stage after `signal`, or None when the signal changes nothing."""
    S, G = PlanStage, PlanSignal  # noqa: N806
    if signal is G.ASSESS:
        return S.REVIEW_OR_REASSESSMENT if current in _WITH_PLAN else S.ASSESSING
    if signal in (G.REFUSE_ASSESSMENT, G.PLAN_REFUSED):
        return None if current in _WITH_PLAN else S.NO_PLAN
    if signal is G.DRAFTED:
        return S.REVIEW_OR_REASSESSMENT if current in _WITH_PLAN else S.PLAN_IN_PREPARATION
    if signal in (G.AMENDMENT_DRAFTED, G.REVIEW_DUE_SOON, G.REVIEW_AMEND):
        return S.REVIEW_OR_REASSESSMENT
    if signal in (G.ISSUED, G.REVIEW_MAINTAIN):
        return S.PLAN_MAINTAINED
    return S.CEASED


def decide_request(stage: PlanStage | None) -> RequestContext:
    """R7.1: a request is taken once the LA has decided to make a plan (while the draft is
    prepared), or at a review or re-assessment of the plan it maintains."""
    if stage is PlanStage.PLAN_IN_PREPARATION:
        return RequestContext.PLAN_IN_PREPARATION
    if stage is PlanStage.REVIEW_OR_REASSESSMENT:
        return RequestContext.REVIEW_OR_REASSESSMENT
    said = "no plan decision is known for this case" if stage is None \
        else f"the case is at stage '{stage.value}'"
    raise RuleViolation("R7.1", f"a personal budget may be asked for once the LA has decided "
                        f"to make a plan, or at a review or re-assessment; {said}", "case_id")
