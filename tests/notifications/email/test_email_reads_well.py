"""Email that reads well (issue 12, item 5), end to end on Postgres: events in through the
real consumer, sent through the real SMTP test server, parsed back with the standard
library's email parser (the server's BytesParser, policy.default) and read part by part:
multipart text + HTML, Auto-Submitted, named recipients, the child's name and the LA's
own case reference with a link in staff emails, lead times in working days from today
(R0.2's working days), and human labels instead of codes."""

from __future__ import annotations

import re
from datetime import date, timedelta
from email.message import EmailMessage

from common import calendar
from common.testing.smtp import SmtpTestServer, html_text, plain_text, recipients_of
from tests.harness import LA, OTHER_LA, System
from tests.notifications.notifications_support import (
    CASE_ID,
    PARENT,
    configure,
    consume,
    deliveries,
    envelope,
    send_due,
)

TODAY = date(2026, 3, 2)  # the fixed clock: Monday 2 March 2026
CW_EMAIL = "cw17@la201.test"
CASE_URLS = {LA: "https://cases.la201.test/send/{case_ref}?id={case_id}"}
APPROACHING = "send.assessment.deadline.approaching.v1"
MISSED = "send.assessment.deadline.missed.v1"


async def _open_case(system: System, *, la: str = LA, given: str = "Amara",
                     family: str = "Okafor", case_ref: str | None = "SEN/2026/0042") -> None:
    data = {"case_id": CASE_ID, "la_code": la, "contacts": [PARENT],
            "person": {"given_name": given, "family_name": family,
                       "date_of_birth": "2019-03-14"},
            "caseworker_id": "cw-17", "team": "north"}
    if case_ref is not None:
        data["case_ref"] = case_ref
    assert await consume(system, envelope("send.assessment.case.opened.v1", data,
                                          la=la)) == "done"


async def _caseworker_address(system: System) -> None:
    put = await system.clients["notifications"].put(
        "/v1/directory/caseworker/cw-17", headers=system.token(), json={"email": CW_EMAIL})
    assert put.status_code == 200, put.text


def _approaching(due_on: date, swept_on: date) -> dict[str, object]:
    """As the sweep sent it on ``swept_on`` (its own lead times, from that day)."""
    return {"case_id": CASE_ID, "deadline_id": "dl-1",
            "deadline_kind": "decide_whether_to_assess", "due_on": due_on.isoformat(),
            "days_left": (due_on - swept_on).days,
            "working_days_left": calendar.working_days_between(swept_on, due_on),
            "owner": {"team": "north", "caseworker_id": "cw-17"}}


async def _one_email(system: System, smtp: SmtpTestServer, to: str) -> EmailMessage:
    await send_due(system)
    found = [m for m in smtp.messages if recipients_of(m) == [to]]
    assert len(found) == 1, [m["Subject"] for m in smtp.messages]
    return found[0]


def _assert_reads_well(message: EmailMessage) -> None:
    """multipart/alternative (plain first, HTML last), Auto-Submitted, an accessible page."""
    assert message.get_content_type() == "multipart/alternative"
    assert [p.get_content_type() for p in message.iter_parts()] == ["text/plain", "text/html"]
    assert message["Auto-Submitted"] == "auto-generated"
    page = html_text(message)
    assert page.startswith("<!DOCTYPE html>") and '<html lang="en">' in page
    assert f"<title>{message['Subject'].strip()}</title>" in page.replace("&#x27;", "'")
    assert 'role="presentation"' in page and "<img" not in page
    for text in (plain_text(message), page, message["Subject"]):
        assert not re.search(r"\b[a-z]+_[a-z_]+\b", text), text  # no raw codes


async def test_staff_email_names_the_child_the_case_reference_and_links_to_the_case(
        pg_system: System, smtp_server: SmtpTestServer) -> None:
    configure(pg_system, case_url_templates=CASE_URLS)
    await _caseworker_address(pg_system)
    await _open_case(pg_system)
    due_on = calendar.add_working_days(TODAY, 10)  # Monday 16 March: 14 calendar days

    await consume(pg_system, envelope(APPROACHING, _approaching(due_on, TODAY)))
    message = await _one_email(pg_system, smtp_server, CW_EMAIL)

    _assert_reads_well(message)
    assert message["To"].addresses[0].display_name == "SEN team (north)"
    assert message["Subject"] == (
        "Deadline in 10 working days for Amara Okafor: decision whether to carry out an "
        "EHC needs assessment (6 weeks), due Monday 16 March 2026")
    text = plain_text(message)
    assert "Child or young person: Amara Okafor" in text
    assert "Case reference: SEN/2026/0042" in text
    assert "(10 working days left)" in text and "14 days" not in text
    link = f"https://cases.la201.test/send/SEN%2F2026%2F0042?id={CASE_ID}"
    assert f"Open the case: {link}" in text
    assert CASE_ID not in text.replace(link, "")  # the UUID only inside the link
    page = html_text(message)
    assert f'<a href="{link.replace("&", "&amp;")}"' in page
    assert "<strong>Child or young person:</strong> Amara Okafor" in page


async def test_lead_time_counts_working_days_from_today_not_from_the_sweep(
        pg_system: System, smtp_server: SmtpTestServer) -> None:
    """R0.2: an event swept last Wednesday (13 working days then) is written today: 10."""
    await _caseworker_address(pg_system)
    await _open_case(pg_system)
    due_on = calendar.add_working_days(TODAY, 10)
    swept_on = calendar.add_working_days(TODAY, -3)

    await consume(pg_system, envelope(APPROACHING, _approaching(due_on, swept_on)))
    text = plain_text(await _one_email(pg_system, smtp_server, CW_EMAIL))

    assert "(10 working days left)" in text
    assert "13 working days" not in text and f"{(due_on - swept_on).days} days" not in text


async def test_missed_deadline_counts_working_days_overdue_and_names_the_manager(
        pg_system: System, smtp_server: SmtpTestServer) -> None:
    from tests.harness import MANAGER_EMAIL

    await _open_case(pg_system)
    due_on = calendar.add_working_days(TODAY, -3)  # Wednesday 25 February
    data = {"case_id": CASE_ID, "deadline_id": "dl-1", "deadline_kind": "issue_final_plan",
            "due_on": due_on.isoformat(), "days_overdue": (TODAY - due_on).days,
            "owner": {"team": "north"}}

    await consume(pg_system, envelope(MISSED, data))
    message = await _one_email(pg_system, smtp_server, MANAGER_EMAIL)

    _assert_reads_well(message)
    assert message["To"].addresses[0].display_name == "SEN team manager"
    text = plain_text(message)
    assert "Overdue by: 3 working days" in text
    assert "What was due: final EHC plan (20 weeks)" in text
    assert "Child or young person: Amara Okafor" in text
    assert "Open case SEN/2026/0042 in the case system" in text  # no link template set


async def test_family_email_is_named_and_shows_labels_not_codes(
        pg_system: System, smtp_server: SmtpTestServer) -> None:
    await _open_case(pg_system)

    await consume(pg_system, envelope("send.assessment.plan.issued.v1", {
        "case_id": CASE_ID, "plan_id": "p-1", "version": 1, "issued_on": "2026-03-02",
        "reason": "new", "within_statutory_time": True, "weeks_taken": 19,
        "section_i": {"setting_name": "Oak Primary School",
                      "setting_type": "mainstream_school"}}))
    message = await _one_email(pg_system, smtp_server, PARENT["email"])

    _assert_reads_well(message)
    assert str(message["To"]) == "Ngozi Okafor <ngozi@example.org>"
    assert "Oak Primary School (mainstream school)" in plain_text(message)
    assert "Oak Primary School (mainstream school)" in html_text(message)
    [row] = await deliveries(pg_system, channel="email")
    assert (row["recipient"], row["recipient_name"]) == (PARENT["email"], PARENT["name"])


async def test_names_are_escaped_in_html_and_cannot_add_headers(
        pg_system: System, smtp_server: SmtpTestServer) -> None:
    await _caseworker_address(pg_system)
    await _open_case(pg_system, given="<b>Zoë</b>\r\nBcc: x@evil.test", family="O'Neil")

    await consume(pg_system, envelope(APPROACHING, _approaching(
        calendar.add_working_days(TODAY, 5), TODAY)))
    message = await _one_email(pg_system, smtp_server, CW_EMAIL)

    assert message["Bcc"] is None and len(smtp_server.envelopes[0].rcpt_tos) == 1
    page = html_text(message)
    assert "<b>Zoë</b>" not in page and "&lt;b&gt;Zoë&lt;/b&gt;" in page
    assert "<b>Zoë</b>" in plain_text(message)  # plain text is shown as written


async def test_case_read_model_is_la_scoped(pg_system: System,
                                            smtp_server: SmtpTestServer) -> None:
    """Another LA's case-opened event with the same case id does not rename this LA's
    child (nor move the case), and its deadline mail shows this LA's child."""
    await _caseworker_address(pg_system)
    await _open_case(pg_system)
    await _open_case(pg_system, la=OTHER_LA, given="Other", family="Child",
                     case_ref="X-1")
    # and a redelivery of the first changes nothing
    await _open_case(pg_system)

    await consume(pg_system, envelope(APPROACHING, _approaching(
        calendar.add_working_days(TODAY, 10), TODAY)))
    text = plain_text(await _one_email(pg_system, smtp_server, CW_EMAIL))

    assert "Amara Okafor" in text and "SEN/2026/0042" in text
    assert "Other Child" not in text and "X-1" not in text


async def test_unknown_case_falls_back_to_the_case_id(pg_system: System,
                                                      smtp_server: SmtpTestServer) -> None:
    await _caseworker_address(pg_system)
    configure(pg_system, case_url_templates=CASE_URLS)

    await consume(pg_system, envelope(APPROACHING, {
        **_approaching(TODAY + timedelta(days=1), TODAY),
        "owner": {"caseworker_id": "cw-17"}}))
    message = await _one_email(pg_system, smtp_server, CW_EMAIL)

    text = plain_text(message)
    assert "Child or young person" not in text
    assert f"Case reference: {CASE_ID}" in text
    assert f"https://cases.la201.test/send/{CASE_ID}?id={CASE_ID}" in text
    assert "(1 working day left)" in text
    assert message["To"].addresses[0].display_name == "SEN team"
