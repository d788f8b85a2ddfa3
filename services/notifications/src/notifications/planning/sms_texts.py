"""Default SMS texts: short messages of their own, never the email's text.

Each fits one SMS (160 GSM characters) with the sample events; it says what happened, the
date that matters, and that the full notice comes by email or letter, or from the SEN
team. The keys are those of the email defaults (event type, then audience)."""

from __future__ import annotations

from notifications.planning.templates import DefaultTemplate

_TEAM = "{% if sen_team and sen_team.phone is defined %} SEN team: {{ sen_team.phone }}{% endif %}"

SMS_TEMPLATES: dict[str, dict[str, DefaultTemplate]] = {
    "send.assessment.request.received.v1": {"family": DefaultTemplate(
        subject="EHC needs assessment request received",
        text="[LA] got the EHC needs assessment request on {{ received_on|long_date }}. "
             "We will decide whether to assess by {{ decision_due_on|long_date }}.")},
    "send.assessment.decision.made.v1": {"family": DefaultTemplate(
        subject="EHC needs assessment decision",
        text="{% if decision == 'assess' %}[LA] will carry out an EHC needs assessment "
             "(decided {{ decided_on|long_date }}).{% else %}[LA] decided on "
             "{{ decided_on|long_date }} not to carry out an EHC needs assessment. A notice "
             "with your appeal rights follows.{% endif %}" + _TEAM)},
    "send.assessment.decision.appealable.v1": {"family": DefaultTemplate(
        subject="Your right to mediation and appeal",
        text="To appeal the decision [la] sent on {{ notified_on|long_date }}, first contact "
             "a mediation adviser within 2 months. See your notice." + _TEAM)},
    "send.assessment.plan.drafted.v1": {"family": DefaultTemplate(
        subject="Draft EHC plan sent",
        text="[LA] sent your draft EHC plan on {{ sent_on|long_date }}. Send comments and "
             "the school you want by {{ comments_due_on|long_date }}.")},
    "send.assessment.plan.issued.v1": {"family": DefaultTemplate(
        subject="Final EHC plan issued",
        text="[LA] issued the final EHC plan on {{ issued_on|long_date }}. A notice of your "
             "appeal rights follows." + _TEAM)},
    "send.mediation.certificate.issued.v1": {"family": DefaultTemplate(
        subject="Mediation certificate issued",
        text="Mediation certificate {{ certificate_no }} issued {{ issued_on|long_date }}. "
             "The Tribunal must get any appeal by {{ appeal_by|long_date }}.")},
}


def sms_template(event_type: str, audience: str) -> DefaultTemplate | None:
    return SMS_TEMPLATES.get(event_type, {}).get(audience)
