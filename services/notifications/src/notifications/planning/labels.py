"""Human labels for the codes events carry, so no email shows ``mainstream_school`` or
``decide_whether_to_assess``. A code not listed reads as its words (underscores become
spaces), never as the raw code. Pure: no I/O."""

from __future__ import annotations

#: statutory clocks of every service (deadline_kind), with their time limit where fixed
DEADLINE_LABELS: dict[str, str] = {
    # assessment (RULES.md R1.x, R3.x, R5.x, R9.x)
    "decide_whether_to_assess": "decision whether to carry out an EHC needs assessment "
                                "(6 weeks)",
    "decision_due": "decision whether to carry out an EHC needs assessment (6 weeks)",
    "assessment_decision": "decision whether to carry out an EHC needs assessment (6 weeks)",
    "advice_due": "advice for the assessment (6 weeks)",
    "notify_no_plan": "telling the family no EHC plan will be issued (16 weeks)",
    "no_plan_decision": "telling the family no EHC plan will be issued (16 weeks)",
    "issue_final_plan": "final EHC plan (20 weeks)",
    "final_plan_due": "final EHC plan",
    "final_plan": "final EHC plan (20 weeks)",
    "draft_plan": "draft EHC plan",
    "draft_plan_due": "draft EHC plan",
    "draft_comments_close": "end of the family's comments on the draft plan (15 days)",
    "school_consultation_reply": "reply from a school or college consulted (15 days)",
    "annual_review": "annual review",
    "annual_review_due": "annual review of the EHC plan",
    "review_advice_circulated_by": "circulating advice before the review meeting (2 weeks)",
    "review_report_due": "review report (2 weeks after the meeting)",
    "review_decision": "annual review decision (4 weeks after the meeting)",
    "review_decision_due": "annual review decision (4 weeks after the meeting)",
    "amended_plan_due": "amended EHC plan",
    "phase_transfer": "phase transfer plan amendment",
    "phase_transfer_named_by": "naming the setting for the phase transfer",
    "post16_transfer_amend_by": "plan amendment for the move to post-16 education",
    "reassessment_plan_due": "EHC plan after a re-assessment",
    "transfer_plan_out": "sending the plan to the new local authority",
    "moved_in_decision_due": "decision on a plan from another local authority",
    "transfer_review": "transfer review",
    "transfer_review_due": "transfer review",
    "detained_plan_send_due": "sending the plan for a detained young person",
    "under5_review_prompt": "review of an EHC plan for a child under 5",
    # mediation (R6.x)
    "mediation_certificate": "mediation certificate (3 working days)",
    "mediation_arranged": "arranging mediation (30 days)",
    "contact_adviser_by": "contacting the mediation adviser (2 months)",
    "certificate_due": "mediation certificate (3 working days)",
    "arrange_mediation_by": "arranging mediation (30 days)",
    "tell_commissioning_body_by": "telling the health commissioning body about mediation",
    "agreed_action_due": "action agreed at mediation",
    "commissioning_body_notice_due": "notice to the health commissioning body",
    "appeal_by": "appeal to the First-tier Tribunal (SEND)",
    "tribunal_order_compliance": "carrying out the Tribunal's order",
    "assessment_notice_due": "telling the family the assessment will go ahead",
    "no_plan_notice_due": "telling the family no EHC plan will be issued",
    "plan_continues": "keeping the EHC plan in place",
    # budgets (R7.x)
    "personal_budget_decision": "personal budget decision",
    "direct_payment_first_review": "first review of the direct payment (3 months)",
    "direct_payment_annual_review": "annual review of the direct payment",
    "setting_agreement_awaited": "agreement from the school or college to a direct payment",
    "budget_review_request": "review of a personal budget decision",
}

DECISION_LABELS: dict[str, str] = {
    "refuse_assessment": "not to carry out an EHC needs assessment",
    "refuse_plan": "not to issue an EHC plan",
    "plan_contents": "about the contents of the EHC plan",
    "amended_plan_contents": "about the contents of the amended EHC plan",
    "refuse_amend": "not to amend the EHC plan",
    "cease_plan": "to stop maintaining the EHC plan",
    "refuse_reassessment": "not to carry out a new EHC needs assessment",
}

#: every other closed set an event or a delivery carries, by code
CODE_LABELS: dict[str, str] = {
    # settings named in section I
    "early_years": "early years setting",
    "mainstream_school": "mainstream school",
    "academy": "academy",
    "free_school": "free school",
    "special_school": "special school",
    "special_academy": "special academy",
    "non_maintained_special_school": "non-maintained special school",
    "independent_special_school": "independent special school",
    "independent_school": "independent school",
    "pupil_referral_unit": "pupil referral unit",
    "alternative_provision": "alternative provision",
    "fe_college": "further education college",
    "sixth_form_college": "sixth form college",
    "specialist_post16": "specialist post-16 institution",
    "section_41_institution": "independent specialist provider (section 41)",
    "young_offender_institution": "youth custody",
    # advice (reg 6(1))
    "parent_or_young_person": "parent or young person",
    "education": "educational",
    "health": "health",
    "psychology": "educational psychology",
    "social_care": "social care",
    "preparation_for_adulthood": "preparation for adulthood",
    "hearing_vision": "hearing or vision",
    "family_nominated": "family-nominated",
    # plans, certificates, requests
    "new": "new",
    "amended": "amended",
    "transfer": "transferred",
    "moved_in": "moved from another local authority",
    "legacy": "imported",
    "declined": "mediation declined",
    "concluded": "mediation concluded",
    "assess": "to assess",
    "refuse": "not to assess",
    # channels and audiences (delivery log, alerts)
    "email": "email",
    "sms": "text message",
    "webhook": "partner system (webhook)",
    "in_app": "case system inbox",
    "post": "post",
    "caseworker": "caseworker",
    "manager": "team manager",
    "family": "family",
    "partner": "partner organisation",
    "la": "SEN team",
    "other": "other",
}


#: the events a message can be about (the rest read as "<service> <what happened>")
EVENT_LABELS: dict[str, str] = {
    "send.assessment.request.received.v1": "request for an EHC needs assessment received",
    "send.assessment.decision.made.v1": "decision whether to assess",
    "send.assessment.decision.appealable.v1": "appealable decision (rights of mediation "
                                              "and appeal)",
    "send.assessment.plan.drafted.v1": "draft EHC plan sent",
    "send.assessment.plan.issued.v1": "final EHC plan issued",
    "send.assessment.advice.requested.v1": "advice requested for an assessment",
    "send.mediation.certificate.issued.v1": "mediation certificate issued",
    "send.mediation.requested.v1": "mediation requested",
    "send.budgets.setting_agreement.requested.v1": "direct payment: agreement of the "
                                                   "school or college requested",
    "send.notifications.delivery.failed.v1": "notification not delivered",
}
_EVENT_SERVICES = {"assessment": "assessment", "mediation": "mediation",
                   "budgets": "personal budgets", "localoffer": "local offer",
                   "notifications": "notifications"}


def event_label(event_type: str) -> str:
    """``send.assessment.deadline.missed.v1`` -> "assessment: deadline missed"."""
    if event_type in EVENT_LABELS:
        return EVENT_LABELS[event_type]
    parts = event_type.split(".")
    if len(parts) >= 4 and parts[0] == "send" and parts[-1].startswith("v"):
        service = _EVENT_SERVICES.get(parts[1], humanise(parts[1]))
        return f"{service}: {humanise(' '.join(parts[2:-1]))}"
    return humanise(event_type)


def humanise(code: object) -> str:
    """A code as words: ``"mainstream_school"`` -> ``"mainstream school"``."""
    return " ".join(str(code).replace("_", " ").split())


def label(code: object) -> str:
    """The human label of any code: the known ones by name, the rest as their words."""
    text = str(code)
    if text.startswith("send."):
        return event_label(text)
    return DEADLINE_LABELS.get(text) or DECISION_LABELS.get(text) \
        or CODE_LABELS.get(text) or humanise(text)


def deadline_label(kind: object) -> str:
    return DEADLINE_LABELS.get(str(kind)) or humanise(kind)


def decision_label(kind: object) -> str:
    return DECISION_LABELS.get(str(kind)) or humanise(kind)
