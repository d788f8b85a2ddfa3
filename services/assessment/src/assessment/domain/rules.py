"""The assessment service's statutory rules in one namespace (`from assessment.domain import
rules`). The functions live in topic modules; each cites its RULES.md id."""

from __future__ import annotations

from assessment.domain.appeals import appeal_period_ends_on, appealable_decision_kind
from assessment.domain.ceasing import (
    cease_takes_effect_from,
    check_cease_takes_effect,
    check_may_cease,
    latest_plan_end_on,
)
from assessment.domain.duties import detained_plan_send_due_on, early_education_from
from assessment.domain.exceptions import (
    check_exception,
    exception_applies,
    final_plan_timeliness,
    timeliness_figures,
)
from assessment.domain.plans import (
    check_may_finalise,
    check_plan,
    draft_window,
    plan_problems,
    revised_draft_window,
    school_consultation_reply_due_on,
)
from assessment.domain.requests import (
    advice_due_on,
    check_advice_exception,
    check_may_request,
    is_detained_person_age,
    may_request,
    repeat_request_within_six_months,
    request_deadlines,
    required_advice,
)
from assessment.domain.reviews import (
    amended_plan_due_on,
    annual_review_due_on,
    check_review_meeting_notice,
    reassessment_plan_due_on,
    review_advice_circulated_by,
    review_advice_circulated_late,
    review_decision_due_on,
    review_meeting_notice_by,
    review_report_due_on,
    under5_review_prompts,
)
from assessment.domain.statements import (
    lda_transfer_due_on,
    statement_phase_transfer_due_on,
    statement_transfer_deadline,
    transfer_review_due_on,
    transfer_review_notice_by,
)
from assessment.domain.transfers import (
    coming_phase_transfer,
    coming_transfer_year,
    moved_in_decision_due_on,
    moved_in_review_due_on,
    phase_transfer_named_by,
    phase_transfers,
    post16_transfer_amend_by,
    transfer_cohort_births,
    transfer_plan_out_by,
)

__all__ = [
    "appeal_period_ends_on", "cease_takes_effect_from", "check_cease_takes_effect",
    "review_advice_circulated_by", "review_advice_circulated_late", "revised_draft_window",
    "advice_due_on", "amended_plan_due_on", "annual_review_due_on", "appealable_decision_kind",
    "check_advice_exception", "check_exception", "check_may_cease", "check_may_finalise",
    "check_may_request", "check_plan", "coming_phase_transfer", "coming_transfer_year",
    "transfer_cohort_births", "check_review_meeting_notice",
    "detained_plan_send_due_on", "draft_window", "early_education_from", "exception_applies",
    "final_plan_timeliness", "is_detained_person_age", "latest_plan_end_on",
    "lda_transfer_due_on", "may_request", "moved_in_decision_due_on", "moved_in_review_due_on",
    "phase_transfer_named_by", "phase_transfers", "plan_problems", "post16_transfer_amend_by",
    "reassessment_plan_due_on", "repeat_request_within_six_months", "request_deadlines",
    "required_advice", "review_decision_due_on", "review_meeting_notice_by",
    "review_report_due_on", "school_consultation_reply_due_on", "statement_phase_transfer_due_on",
    "statement_transfer_deadline", "timeliness_figures", "transfer_plan_out_by",
    "transfer_review_due_on", "transfer_review_notice_by", "under5_review_prompts",
]
