# The default texts keep each paragraph on one line, so lines there run long.
# ruff: noqa: E501
"""The plain-English default templates, keyed by event type (EVENTS.md) and audience."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from notifications.planning.templates import (
    DefaultTemplate,
    RenderedMessage,
    TemplateRenderError,
    render_template,
)

_HELLO = "Hello{% if recipient_name %} {{ recipient_name }}{% endif %},\n\n"
_CONTACT = """
{% if sen_team %}
If you have questions, contact the SEN team{% if sen_team.email is defined %} at {{ sen_team.email }}{% endif %}{% if sen_team.phone is defined %} or on {{ sen_team.phone }}{% endif %}.
{% endif %}
"""
_IAS = """
{% if ias_service %}
{{ ias_service.name }} gives free, impartial and confidential information, advice and support about special educational needs and disability{% if ias_service.phone is defined %}. Phone: {{ ias_service.phone }}{% endif %}{% if ias_service.email is defined %}. Email: {{ ias_service.email }}{% endif %}{% if ias_service.url is defined %}. Website: {{ ias_service.url }}{% endif %}.
{% else %}
Your local SEND Information, Advice and Support Service (SENDIASS) gives free, impartial and confidential advice. The local offer website has their details.
{% endif %}
"""

# Staff messages name the child or young person and the LA's own case reference, and link
# to the case when the LA has set its case system's address. Lead times are working days
# counted from the day the message is written.
_CASE_LINES = """
{% if child_name %}
Child or young person: {{ child_name }}
{% endif %}
Case reference: [CASE]
"""
_CASE_LINK = """
{% if case_url %}
Open the case: {{ case_url }}
{% else %}
Open case [CASE] in the case system for the details.
{% endif %}
"""
_LEFT = ("{% if working_days_left is not defined %}{{ days_left|plural('day') }} left"
         "{% elif working_days_left > 0 %}{{ working_days_left|plural('working day') }} left"
         "{% elif working_days_left == 0 %}due today"
         "{% else %}{{ (0 - working_days_left)|plural('working day') }} overdue{% endif %}")
_WHEN = ("{% if working_days_left is not defined %}in {{ days_left|plural('day') }}"
         "{% elif working_days_left > 0 %}in {{ working_days_left|plural('working day') }}"
         "{% elif working_days_left == 0 %}today{% else %}passed{% endif %}")
_OVERDUE = ("{% if working_days_overdue is defined %}"
            "{{ working_days_overdue|plural('working day') }}"
            "{% else %}{{ days_overdue|plural('day') }}{% endif %}")
_FOR_CHILD = "{% if child_name %} for {{ child_name }}{% endif %}"

_DEADLINE_APPROACHING = DefaultTemplate(
    subject="Deadline " + _WHEN + _FOR_CHILD + ": {{ deadline_kind|deadline_label }}, "
    "due {{ due_on|long_date }}",
    text="""
A statutory deadline on case [CASE] is coming up.
"""
    + _CASE_LINES
    + """What is due: {{ deadline_kind|deadline_label }}
Due on: {{ due_on|long_date }} (""" + _LEFT + """)

Please make sure this step is done on or before the due date. If a legal exception applies (for example, the family has been away from the area for 4 weeks or more), record it on the case with the evidence. An exception excuses a late step; it does not move the deadline.
"""
    + _CASE_LINK,
)

_DEADLINE_MISSED_CASEWORKER = DefaultTemplate(
    subject="Deadline missed" + _FOR_CHILD + ": {{ deadline_kind|deadline_label }} was due "
    "{{ due_on|long_date }}",
    text="""
A statutory deadline on case [CASE] has passed and the step has not been recorded as done.
"""
    + _CASE_LINES
    + """What was due: {{ deadline_kind|deadline_label }}
Due on: {{ due_on|long_date }}
Overdue by: """ + _OVERDUE + """

The legal duty still applies. Please complete the step as soon as you can, and tell the family when it will happen. If a legal exception applied, record it on the case with the evidence.

Your team manager has also been told.
"""
    + _CASE_LINK,
)

_DEADLINE_MISSED_MANAGER = DefaultTemplate(
    subject="Escalation: missed deadline on case [CASE] ({{ deadline_kind|deadline_label }})",
    text="""
A statutory deadline has been missed and is being escalated to you as team manager.
"""
    + _CASE_LINES
    + """What was due: {{ deadline_kind|deadline_label }}
Due on: {{ due_on|long_date }}
Overdue by: """ + _OVERDUE + """
{% if owner is defined and owner.team is defined and owner.team %}
Team: {{ owner.team }}
{% endif %}

The caseworker has been told. Please check that the step is being completed and that the family has been told when it will happen. Late steps are reported in the timeliness figures.
"""
    + _CASE_LINK,
)

_REQUEST_RECEIVED = DefaultTemplate(
    subject="We have received the request for an EHC needs assessment",
    text=_HELLO
    + """
[LA] received the request for an education, health and care (EHC) needs assessment on {{ received_on|long_date }}.

What happens next:
- By {{ decision_due_on|long_date }} (6 weeks from the request) we will tell you whether we will carry out an assessment.
- If we assess and decide to issue an EHC plan, the final plan must be issued by {{ final_plan_due_on|long_date }} (20 weeks from the request).

You can tell us your views, wishes and feelings at any point. We will ask for them as part of the assessment.
"""
    + _CONTACT
    + _IAS,
)

_DECISION_MADE = DefaultTemplate(
    subject="{% if decision == 'assess' %}We will carry out an EHC needs assessment"
    "{% else %}Our decision about an EHC needs assessment{% endif %}",
    text=_HELLO
    + """
{% if decision == 'assess' %}
On {{ decided_on|long_date }} [la] decided to carry out an education, health and care (EHC) needs assessment.

We will now ask for advice from the people who know the child or young person, including education, health and social care professionals, and we will ask for your views. You can tell us about anyone else you think we should ask.
{% else %}
On {{ decided_on|long_date }} [la] decided not to carry out an education, health and care (EHC) needs assessment.

We will send you a separate notice explaining why, your right to mediation, and your right to appeal to the First-tier Tribunal (SEND), with the time limits.
{% endif %}
"""
    + _CONTACT
    + _IAS,
)

_APPEALABLE = DefaultTemplate(
    subject="Your right to mediation and appeal: decision {{ decision_kind|decision_label }}",
    text=_HELLO
    + """
On {{ decided_on|long_date }} [la] made a decision {{ decision_kind|decision_label }}. We told you about it on {{ notified_on|long_date }}.
{% if sections_in_dispute is defined and sections_in_dispute %}
Sections of the plan this concerns: {{ sections_in_dispute|join(", ") }}.
{% endif %}

If you disagree, you have the right to appeal to the First-tier Tribunal (Special Educational Needs and Disability). You also have the right to mediation, which is free and voluntary.

Before you can appeal:
- You must contact a mediation adviser within 2 months of {{ notified_on|long_date }}{% if contact_adviser_by is defined and contact_adviser_by %} (by {{ contact_adviser_by|long_date }}){% endif %} and say whether you want mediation.
- The adviser will give you a mediation certificate. You need it before you can appeal, even if you decide not to have mediation.
{% if decision_kind in ('plan_contents', 'amended_plan_contents') %}
- If your appeal is only about the school or college named in the plan (section I), or that none is named, you do not need a certificate.
{% endif %}
{% if mediation_adviser %}

Mediation adviser: {{ mediation_adviser.name }}{% if mediation_adviser.phone is defined %}, phone {{ mediation_adviser.phone }}{% endif %}{% if mediation_adviser.email is defined %}, email {{ mediation_adviser.email }}{% endif %}.
{% endif %}

If you want mediation, tell us the issues you want to discuss and any health or social care provision you are asking for.

Appeal deadline: you must appeal within 2 months of {{ notified_on|long_date }}, or within 1 month of the date on your mediation certificate, whichever is later.{% if appeal_by is defined and appeal_by %} If you do not go to mediation, your deadline is {{ appeal_by|long_date }}.{% endif %}
"""
    + _CONTACT
    + _IAS,
)

_PLAN_DRAFTED = DefaultTemplate(
    subject="Your draft EHC plan: comments by {{ comments_due_on|long_date }}",
    text=_HELLO
    + """
[LA] sent you a draft {% if version is defined and version > 1 %}amended {% endif %}education, health and care (EHC) plan on {{ sent_on|long_date }}.

You have until {{ comments_due_on|long_date }} (at least 15 days) to:
- comment on the draft plan;
- ask for a particular school, college or other setting to be named in the plan (section I is left blank in the draft);
- ask for a meeting with us to discuss the draft.

We must consult any school or college you ask for before we name it in the final plan.
{% if personal_budget_requested %}
You have asked for a personal budget. We will tell you our decision, and the details will be in section J of the plan.
{% else %}
You can also ask for a personal budget in this time.
{% endif %}
"""
    + _CONTACT
    + _IAS,
)

_PLAN_ISSUED = DefaultTemplate(
    subject="Your final EHC plan has been issued",
    text=_HELLO
    + """
[LA] issued the final {% if reason == 'amended' %}amended {% endif %}education, health and care (EHC) plan on {{ issued_on|long_date }}.
{% if section_i is defined and section_i %}
The plan names {{ section_i.setting_name }}{% if section_i.setting_type is defined and section_i.setting_type %} ({{ section_i.setting_type|label }}){% endif %} in section I.
{% endif %}

If you disagree with the special educational needs (section B), the special educational provision (section F) or the school or setting named (section I), you can appeal to the First-tier Tribunal (SEND). We will send you a notice with your right to mediation and appeal and the time limits.

The plan will be reviewed at least every 12 months.
"""
    + _CONTACT
    + _IAS,
)

_CERTIFICATE_ISSUED = DefaultTemplate(
    subject="Your mediation certificate {{ certificate_no }}",
    text=_HELLO
    + """
Your mediation certificate was issued on {{ issued_on|long_date }}{% if basis == 'declined' %}, because you told the mediation adviser that you did not want mediation{% else %}, because mediation has finished{% endif %}.

Certificate number: {{ certificate_no }}
Appeal deadline: {{ appeal_by|long_date }}

If you want to appeal to the First-tier Tribunal (SEND), you will need this certificate number, and the Tribunal must receive your appeal by {{ appeal_by|long_date }}.
"""
    + _CONTACT
    + _IAS,
)

_HEALTH_ADVICE_REQUESTED = DefaultTemplate(
    subject="Request for {{ advice_type|label }} advice for an EHC needs assessment, "
    "due {{ due_on|long_date }}",
    text="""
{% if recipient is defined and recipient.name is defined %}To {{ recipient.name }}{% if recipient.org_code is defined %} ({{ recipient.org_code }}){% endif %},{% else %}Hello,{% endif %}


[LA] is carrying out an education, health and care (EHC) needs assessment and asks for {{ advice_type|label }} advice.

Advice request reference: {{ advice_request_id }}
Case reference: [CASE]
Please respond by: {{ due_on|long_date }}

Advice must be given within 6 weeks of the request. Exceptions are limited (for example, exceptional circumstances or a missed appointment); a waiting list is not one.

The details of the child or young person are in the secure request, not in this message.
"""
    + _CONTACT,
)

_DELIVERY_FAILED = DefaultTemplate(
    subject="A notification could not be delivered ({{ channel|label }})",
    text="""
A notification could not be delivered after {{ attempts }} attempt{{ '' if attempts == 1 else 's' }}.

Channel: {{ channel|label }}
Recipient: {{ recipient_ref }}
Delivery: {{ delivery_id }}
Event: {{ event_id }}
Last error: {{ last_error }}

If this was a statutory notice, it still has to be given: please contact the recipient another way and record it on the case.
""",
)

_DEADLINE_SOURCES = ("assessment", "mediation", "budgets")

DEFAULT_TEMPLATES: dict[str, dict[str, DefaultTemplate]] = {
    **{
        f"send.{src}.deadline.approaching.v1": {"caseworker": _DEADLINE_APPROACHING}
        for src in _DEADLINE_SOURCES
    },
    **{
        f"send.{src}.deadline.missed.v1": {
            "caseworker": _DEADLINE_MISSED_CASEWORKER,
            "manager": _DEADLINE_MISSED_MANAGER,
        }
        for src in _DEADLINE_SOURCES
    },
    "send.assessment.request.received.v1": {"family": _REQUEST_RECEIVED},
    "send.assessment.decision.made.v1": {"family": _DECISION_MADE},
    "send.assessment.decision.appealable.v1": {"family": _APPEALABLE},
    "send.assessment.plan.drafted.v1": {"family": _PLAN_DRAFTED},
    "send.assessment.plan.issued.v1": {"family": _PLAN_ISSUED},
    "send.mediation.certificate.issued.v1": {"family": _CERTIFICATE_ISSUED},
    "send.assessment.advice.requested.v1": {"partner": _HEALTH_ADVICE_REQUESTED},
    "send.notifications.delivery.failed.v1": {"la": _DELIVERY_FAILED},
}


def render_default(event_type: str, audience: str, context: Mapping[str, Any]) -> RenderedMessage:
    try:
        template = DEFAULT_TEMPLATES[event_type][audience]
    except KeyError:
        raise TemplateRenderError(f"no default template for {event_type} / {audience}") from None
    return render_template(template, context)
