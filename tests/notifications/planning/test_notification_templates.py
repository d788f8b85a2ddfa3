"""Sandboxed rendering and the plain-English default templates."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from notifications.planning.default_texts import DEFAULT_TEMPLATES, render_default
from notifications.planning.templates import TemplateRenderError, long_date, render

CASE = "3f1d2c4e-0000-4000-8000-000000000001"
OWNER = {"team": "North SEN team", "caseworker_id": "cw-7"}
DEADLINE_APPROACHING = {
    "case_id": CASE,
    "deadline_id": "dl-1",
    "deadline_kind": "final_plan_due",
    "due_on": "2026-07-17",
    "days_left": 10,
    "owner": OWNER,
}
DEADLINE_MISSED = {
    "case_id": CASE,
    "deadline_id": "dl-1",
    "deadline_kind": "final_plan_due",
    "due_on": "2026-07-17",
    "days_overdue": 3,
    "owner": OWNER,
}
SAMPLES: dict[str, dict[str, object]] = {
    **{
        f"send.{s}.deadline.approaching.v1": DEADLINE_APPROACHING
        for s in ("assessment", "mediation", "budgets")
    },
    **{
        f"send.{s}.deadline.missed.v1": DEADLINE_MISSED
        for s in ("assessment", "mediation", "budgets")
    },
    "send.assessment.request.received.v1": {
        "case_id": CASE,
        "request_id": "r-1",
        "requester_type": "parent",
        "received_on": "2026-03-02",
        "decision_due_on": "2026-04-13",
        "final_plan_due_on": "2026-07-20",
    },
    "send.assessment.decision.made.v1": {
        "case_id": CASE,
        "request_id": "r-1",
        "decision": "assess",
        "decided_on": "2026-04-10",
    },
    "send.assessment.decision.appealable.v1": {
        "case_id": CASE,
        "decision_id": "d-1",
        "decision_kind": "refuse_assessment",
        "decided_on": "2026-04-10",
        "notified_on": "2026-04-13",
        "appellants": [{"name": "Sam Parent", "email": "sam@example.org"}],
    },
    "send.assessment.plan.drafted.v1": {
        "case_id": CASE,
        "plan_id": "p-1",
        "version": 1,
        "sent_on": "2026-06-01",
        "comments_due_on": "2026-06-15",
        "personal_budget_requested": False,
    },
    "send.assessment.plan.issued.v1": {
        "case_id": CASE,
        "plan_id": "p-1",
        "version": 1,
        "issued_on": "2026-07-10",
        "reason": "new",
        "within_statutory_time": True,
        "weeks_taken": 18,
        "section_i": {"setting_name": "Oakfield Primary School", "setting_type": "maintained"},
    },
    "send.mediation.certificate.issued.v1": {
        "mediation_case_id": "m-1",
        "case_id": CASE,
        "certificate_no": "MC-2026-0042",
        "issued_on": "2026-11-04",
        "basis": "declined",
        "appeal_by": "2026-12-04",
        "recipients": [{"name": "Sam Parent", "email": "sam@example.org"}],
    },
    "send.assessment.advice.requested.v1": {
        "case_id": CASE,
        "advice_request_id": "ar-9",
        "advice_type": "health",
        "recipient": {"kind": "icb", "org_code": "QKS", "name": "Kent and Medway ICB"},
        "due_on": "2026-04-24",
    },
    "send.notifications.delivery.failed.v1": {
        "delivery_id": "dv-1",
        "event_id": "ev-1",
        "channel": "email",
        "recipient_ref": "contact:parent-1",
        "attempts": 10,
        "last_error": "SMTP 550 at RCPT",
    },
}
LA = {"la_name": "Kent County Council", "recipient_name": "Sam Parent"}


def test_long_date() -> None:
    assert long_date(date(2026, 12, 4)) == "Friday 4 December 2026"
    assert long_date("2026-12-04") == "Friday 4 December 2026"
    assert long_date(datetime(2026, 3, 2, 9, 15)) == "Monday 2 March 2026"
    assert render("{{ d|long_date }}", {"d": "2026-02-01"}) == "Sunday 1 February 2026"


def test_every_default_has_a_sample() -> None:
    assert set(DEFAULT_TEMPLATES) == set(SAMPLES)


@pytest.mark.parametrize(
    ("event_type", "audience"),
    [(e, a) for e, audiences in DEFAULT_TEMPLATES.items() for a in audiences],
)
@pytest.mark.parametrize("extra", [{}, LA], ids=["bare", "with-la"])
def test_each_default_renders_with_sample_data(event_type, audience, extra) -> None:
    message = render_default(event_type, audience, {**SAMPLES[event_type], **extra})

    assert message.subject and "\n" not in message.subject
    assert "{{" not in message.text and "{%" not in message.text
    assert "\n\n\n" not in message.text
    assert "None" not in message.text and "None" not in message.subject


def test_deadline_missed_has_caseworker_and_manager_versions() -> None:
    data = SAMPLES["send.assessment.deadline.missed.v1"]
    worker = render_default("send.assessment.deadline.missed.v1", "caseworker", data)
    manager = render_default("send.assessment.deadline.missed.v1", "manager", data)
    assert "Friday 17 July 2026" in worker.text and "3 days" in worker.text
    assert manager.subject.startswith("Escalation") and "North SEN team" in manager.text


def test_request_received_gives_the_6_and_20_week_dates() -> None:
    text = render_default(
        "send.assessment.request.received.v1",
        "family",
        {**SAMPLES["send.assessment.request.received.v1"], **LA},
    ).text
    assert "Kent County Council received the request" in text
    assert "By Monday 13 April 2026 (6 weeks" in text
    assert "by Monday 20 July 2026 (20 weeks" in text
    assert text.startswith("Hello Sam Parent,")


def test_appealable_decision_states_the_rights_and_time_limits() -> None:
    text = render_default(
        "send.assessment.decision.appealable.v1",
        "family",
        {
            **SAMPLES["send.assessment.decision.appealable.v1"],
            "ias_service": {"name": "Kent SENDIASS", "phone": "03000 412412"},
            "mediation_adviser": {"name": "Global Mediation", "phone": "0800 000 0000"},
        },
    ).text
    assert "not to carry out an EHC needs assessment" in text
    assert "right to mediation" in text
    assert "mediation adviser within 2 months of Monday 13 April 2026" in text
    assert "certificate" in text and "before you can appeal" in text
    assert "within 2 months" in text and "1 month of the date on your mediation certificate" in text
    assert "Global Mediation, phone 0800 000 0000" in text
    assert "Kent SENDIASS" in text and "03000 412412" in text
    assert "section I" not in text  # only for plan-contents appeals


def test_plan_drafted_offers_comments_school_and_meeting() -> None:
    text = render_default(
        "send.assessment.plan.drafted.v1", "family", SAMPLES["send.assessment.plan.drafted.v1"]
    ).text
    assert "until Monday 15 June 2026 (at least 15 days)" in text
    assert "particular school" in text and "meeting" in text


def test_certificate_carries_number_and_appeal_date() -> None:
    message = render_default(
        "send.mediation.certificate.issued.v1",
        "family",
        SAMPLES["send.mediation.certificate.issued.v1"],
    )
    assert "MC-2026-0042" in message.subject
    assert "Appeal deadline: Friday 4 December 2026" in message.text
    assert "did not want mediation" in message.text


def test_health_advice_request_names_what_and_when_without_personal_data() -> None:
    message = render_default(
        "send.assessment.advice.requested.v1",
        "partner",
        SAMPLES["send.assessment.advice.requested.v1"],
    )
    assert "health advice" in message.text and "Friday 24 April 2026" in message.text
    assert "Kent and Medway ICB (QKS)" in message.text
    assert "6 weeks" in message.text


def test_undefined_variable_fails_clearly() -> None:
    with pytest.raises(TemplateRenderError, match="undefined value: 'due_onn' is undefined"):
        render("Due {{ due_onn|long_date }}", {"due_on": "2026-01-01"})
    data = dict(SAMPLES["send.mediation.certificate.issued.v1"])
    del data["appeal_by"]
    with pytest.raises(TemplateRenderError, match="appeal_by"):
        render_default("send.mediation.certificate.issued.v1", "family", data)


def test_syntax_error_fails_with_line_number() -> None:
    with pytest.raises(TemplateRenderError, match="syntax error on line 2"):
        render("Hello\n{% if x %}no end", {"x": 1})


@pytest.mark.parametrize(
    "source",
    [
        "{{ ''.__class__.__mro__ }}",
        "{{ ''.__class__.__mro__[1].__subclasses__() }}",
        "{{ cycler.__init__.__globals__.os }}",
        "{{ x.append(1) }}",
        "{{ 'a' * 10000000 }}",
        "{{ 10 ** 100000 }}",
    ],
)
def test_sandbox_escape_attempts_fail(source: str) -> None:
    with pytest.raises(TemplateRenderError):
        render(source, {"x": []})


def test_html_is_autoescaped_and_text_is_not() -> None:
    context = {"name": "<script>alert(1)</script> & Co"}
    assert render("{{ name }}", context, html=True) == (
        "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co"
    )
    assert render("{{ name }}", context) == "<script>alert(1)</script> & Co"


def test_unknown_default_is_a_render_error() -> None:
    with pytest.raises(TemplateRenderError, match="no default template"):
        render_default("send.localoffer.review.due.v1", "family", {})
