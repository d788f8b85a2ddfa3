"""The pure parts of email that reads well: lead times in working days from today (R0.2:
weekends, Christmas Day, Good Friday and bank holidays in England are not working days),
the case-system link, the settings that hold it, human labels for every code the
producers send, and the HTML version of a plain-text message."""

from __future__ import annotations

import typing
from datetime import date

import pytest
from pydantic import ValidationError

from assessment.cases.schemas import SettingType
from assessment.domain.model import AdviceType
from assessment.domain.model import DeadlineKind as AssessmentDeadline
from budgets.domain.enums import DeadlineKind as BudgetsDeadline
from mediation.domain.enums import DeadlineKind as MediationDeadline
from notifications.delivery.channels.email import EmailMessageSpec, build_message, html_version
from notifications.domain.records import CaseRecord, named_address
from notifications.planning.case_facts import case_facts, case_url, lead_times
from notifications.planning.default_texts import render_default
from notifications.planning.labels import (
    CODE_LABELS,
    DEADLINE_LABELS,
    DECISION_LABELS,
    event_label,
    label,
)
from notifications.planning.routing import routed_event_types
from notifications.settings import NotificationsSettings


@pytest.mark.parametrize(("today", "due_on", "left", "overdue"), [
    (date(2026, 3, 2), date(2026, 3, 16), 10, None),  # R0.2: 2 weekends, 14 calendar days
    (date(2026, 3, 27), date(2026, 4, 10), 8, None),  # R0.2: Good Friday, Easter Monday
    (date(2026, 12, 18), date(2026, 12, 31), 7, None),  # R0.2: Christmas, Boxing Day (sub.)
    (date(2026, 3, 6), date(2026, 3, 9), 1, None),  # Friday -> Monday is 1 working day
    (date(2026, 3, 2), date(2026, 3, 2), 0, None),  # due today
    (date(2026, 3, 2), date(2026, 2, 25), -3, 3),  # passed: 3 working days overdue
    (date(2026, 4, 7), date(2026, 4, 2), -1, 1),  # R0.2: over Easter, only Tuesday counts
])
def test_lead_times_are_working_days_from_today_r0_2(
        today: date, due_on: date, left: int, overdue: int | None) -> None:
    facts = lead_times({"due_on": due_on.isoformat(), "days_left": 99}, today)
    assert facts["working_days_left"] == left
    assert facts.get("working_days_overdue") == overdue


def test_no_due_date_no_lead_times() -> None:
    assert lead_times({"issued_on": "2026-03-02"}, date(2026, 3, 2)) == {}
    assert lead_times({"due_on": "not a date"}, date(2026, 3, 2)) == {}


@pytest.mark.parametrize(("template", "ref", "expected"), [
    ("https://cms.la.test/case/{case_ref}", "SEN/0042 A", "https://cms.la.test/case/SEN%2F0042%20A"),
    ("https://cms.la.test/case/{case_ref}", None, "https://cms.la.test/case/c-1"),
    ("https://cms.la.test/c?id={case_id}&r={case_ref}", "R1", "https://cms.la.test/c?id=c-1&r=R1"),
    (None, "R1", None),
])
def test_case_url_from_the_la_template(template: str | None, ref: str | None,
                                       expected: str | None) -> None:
    assert case_url(template, "c-1", ref) == expected


def test_case_facts_name_the_child_from_the_read_model() -> None:
    case = CaseRecord("c-1", "201", "cw-1", "north", "Amara", "Okafor", "SEN-1")
    assert case_facts(case, "c-1", None) == {"child_name": "Amara Okafor",
                                             "case_ref": "SEN-1", "case_url": None}
    assert case_facts(None, "c-1", "https://x.test/{case_id}")["case_url"] == "https://x.test/c-1"


@pytest.mark.parametrize("template", [
    "https://cms.la.test/{case_ref}/{secret}", "ftp://cms.la.test/{case_id}", "{case_id}",
    "https://cms.la.test/{case_ref"])
def test_case_url_templates_are_checked_when_read(template: str) -> None:
    with pytest.raises(ValidationError, match="case_url_templates"):
        NotificationsSettings(case_url_templates={"201": template})


def test_every_deadline_kind_of_every_service_has_a_label() -> None:
    kinds = {k.value for enum in (AssessmentDeadline, MediationDeadline, BudgetsDeadline)
             for k in enum}
    assert kinds - set(DEADLINE_LABELS) == set()


def test_every_setting_type_advice_type_and_decision_has_a_label() -> None:
    codes = set(typing.get_args(SettingType)) | {a.value for a in AdviceType}
    assert codes - set(CODE_LABELS) == set()
    assert label("mainstream_school") == "mainstream school"
    assert label("refuse_plan") == DECISION_LABELS["refuse_plan"]
    assert label("something_new") == "something new"  # never the raw code


def test_every_routed_event_type_reads_as_words() -> None:
    for event_type in routed_event_types():
        words = event_label(event_type)
        assert "send." not in words and "_" not in words and ".v1" not in words, words
    assert label("send.budgets.deadline.missed.v1") == "personal budgets: deadline missed"


def test_plan_issued_names_the_setting_type_in_words() -> None:
    message = render_default("send.assessment.plan.issued.v1", "family", {
        "case_id": "c-1", "issued_on": "2026-03-02", "reason": "new",
        "section_i": {"setting_name": "Oak Primary", "setting_type": "special_academy"}})
    assert "Oak Primary (special academy)" in message.text


def test_html_version_escapes_lists_and_links() -> None:
    page = html_version("Subject <x>", "Hello <b>you</b> & co,\n\nNext:\n- one\n- see "
                        "https://la.test/a?b=1&c=2.\n\nWhat is due: the plan\n", "SEN team")
    assert "Hello &lt;b&gt;you&lt;/b&gt; &amp; co," in page
    assert "<title>Subject &lt;x&gt;</title>" in page
    assert page.count("<li ") == 2 and "<ul " in page
    assert '<a href="https://la.test/a?b=1&amp;c=2" style="color: #1d70b8;">' in page
    assert "</a>.</li>" in page  # the full stop is not part of the link
    assert "<strong>What is due:</strong> the plan" in page
    assert ">SEN team</td>" in page


def test_built_message_is_multipart_auto_submitted_and_named() -> None:
    spec = EmailMessageSpec(to=named_address("Zoë O'Neil\r\nBcc: x@evil.test", "z@x.org"),
                            subject="Hi", text="Hello\n")
    message = build_message(spec, "d-1", "SEN team <sen@la.test>")
    assert message["Auto-Submitted"] == "auto-generated"
    assert message.get_content_type() == "multipart/alternative"
    assert message["To"].addresses[0].display_name == "Zoë O'Neil Bcc: x@evil.test"
    assert message["To"].addresses[0].addr_spec == "z@x.org" and message["Bcc"] is None
    assert named_address(None, "a@b.test") == named_address("  ", "a@b.test") == "a@b.test"
