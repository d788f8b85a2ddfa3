"""The name of every statutory deadline the service keeps, in the words of the Code of
Practice: the one place a deadline kind is given the label that the work tray, the timeline
and a plan's own response show beside it. A kind added without a label is shown with its
underscores read as spaces."""

from __future__ import annotations

from collections.abc import Mapping

from assessment.domain.model import DeadlineKind

K = DeadlineKind
DEADLINE_LABELS: Mapping[str, str] = {
    K.DECIDE_WHETHER_TO_ASSESS: "Decide whether to assess (6 weeks, R1.4)",
    K.ADVICE_DUE: "Advice for the EHC needs assessment (6 weeks, R1.8)",
    K.NOTIFY_NO_PLAN: "Tell the family if no plan will be made (16 weeks, R1.11)",
    K.ISSUE_FINAL_PLAN: "Issue the final EHC plan (20 weeks, R1.14)",
    K.DRAFT_COMMENTS_CLOSE: "Family's comments on the draft plan close (15 days, R1.12)",
    K.SCHOOL_CONSULTATION_REPLY: "School or college replies to the consultation (15 days, "
                                 "R1.13)",
    K.ANNUAL_REVIEW_DUE: "Annual review (12 months, R3.1)",
    K.REVIEW_ADVICE_CIRCULATED_BY: "Circulate advice before the review meeting (2 weeks, "
                                   "R3.3)",
    K.REVIEW_REPORT_DUE: "Review report (2 weeks after the meeting, R3.4)",
    K.REVIEW_DECISION_DUE: "Review decision (4 weeks after the meeting, R3.4)",
    K.AMENDED_PLAN_DUE: "Issue the final amended plan (8 weeks, R3.5)",
    K.PHASE_TRANSFER_NAMED_BY: "Phase transfer: review and amend the plan to name the next "
                               "school or college (reg 18(1), R3.6)",
    K.POST16_TRANSFER_AMEND_BY: "Post-16 move: amend the plan 5 months before (reg 18(2), "
                                "R3.7)",
    K.REASSESSMENT_PLAN_DUE: "Plan after a re-assessment (14 weeks, R3.8)",
    K.TRANSFER_PLAN_OUT: "Transfer the plan to the family's new LA (R3.9)",
    K.MOVED_IN_DECISION_DUE: "Tell a family who moved in whether we will assess (6 weeks, "
                             "R3.9)",
    K.TRANSFER_REVIEW_DUE: "Finish the transfer review (R5.2)",
    K.DETAINED_PLAN_SEND_DUE: "Send the plan to the youth offending team and establishment "
                              "(5 working days, R9.2)",
    K.UNDER5_REVIEW_PROMPT: "Consider a review of an under-5's plan (3-6 months, R3.2)",
}


def deadline_label(kind: str) -> str:
    """The name shown beside a deadline of `kind`."""
    return DEADLINE_LABELS.get(kind) or kind.replace("_", " ").capitalize()
