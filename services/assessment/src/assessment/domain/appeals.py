"""Which decisions can be appealed to the Tribunal (R6.1, CFA s.51(2))."""

from __future__ import annotations

from collections.abc import Mapping

from assessment.domain.model import Decision, ReviewOutcome

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
