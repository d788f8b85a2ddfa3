"""SMTP and folder email senders against a real (aiosmtpd) SMTP server."""

from __future__ import annotations

import socket
from email import policy
from email.parser import BytesParser

import pytest

from common.testing.smtp import SmtpTestServer, plain_text
from notifications.delivery.channels.email import EmailMessageSpec, MailDirSender, SmtpSender

SENDER = "SEN Team <sen@example-la.gov.uk>"


def _spec(**overrides: object) -> EmailMessageSpec:
    values: dict[str, object] = {
        "to": "parent@example.org",
        "subject": "Your mediation certificate MC-2026-0042",
        "text": "Certificate number: MC-2026-0042\nAppeal deadline: Friday 4 December 2026\n",
    }
    values.update(overrides)
    return EmailMessageSpec(**values)


def _sender(server: SmtpTestServer) -> SmtpSender:
    return SmtpSender(server.host, server.port, SENDER, timeout=5)


async def test_sent_message_arrives_with_stable_message_id(smtp_server: SmtpTestServer) -> None:
    outcome = await _sender(smtp_server).send(_spec(), "d-123")

    assert outcome.status == "sent"
    received = await smtp_server.wait_for(lambda m: m["To"] == "parent@example.org")
    assert received["Subject"] == "Your mediation certificate MC-2026-0042"
    assert received["Message-ID"] == "<d-123@example-la.gov.uk>"
    assert outcome.provider_ref == received["Message-ID"]
    assert "MC-2026-0042" in plain_text(received)
    assert smtp_server.envelopes[0].mail_from == "sen@example-la.gov.uk"


async def test_resend_carries_the_same_message_id(smtp_server: SmtpTestServer) -> None:
    sender = _sender(smtp_server)
    await sender.send(_spec(), "d-1")
    await sender.send(_spec(), "d-1")

    ids = {m["Message-ID"] for m in smtp_server.messages}
    assert len(smtp_server.messages) == 2 and ids == {"<d-1@example-la.gov.uk>"}


async def test_html_alternative_and_attachment(smtp_server: SmtpTestServer) -> None:
    spec = _spec(
        html="<p>Certificate <b>MC-2026-0042</b></p>",
        attachments=(("certificate.pdf", "application/pdf", b"%PDF-1.7 fake"),),
    )
    assert (await _sender(smtp_server).send(spec, "d-2")).status == "sent"

    received = await smtp_server.wait_for()
    html = received.get_body(("html",))
    assert html is not None and html.get_content().startswith("<p>Certificate")
    (attachment,) = list(received.iter_attachments())
    assert attachment.get_filename() == "certificate.pdf"
    assert attachment.get_content() == b"%PDF-1.7 fake"


@pytest.mark.parametrize("at", ["RCPT", "DATA"])
async def test_451_is_retry(smtp_server: SmtpTestServer, at: str) -> None:
    smtp_server.fail_with(451, at=at)

    outcome = await _sender(smtp_server).send(_spec(), "d-3")

    assert outcome.status == "retry"
    assert "451" in outcome.detail and at in outcome.detail
    assert smtp_server.messages == []


@pytest.mark.parametrize("at", ["RCPT", "DATA"])
async def test_550_is_failed(smtp_server: SmtpTestServer, at: str) -> None:
    smtp_server.fail_with(550, at=at)

    outcome = await _sender(smtp_server).send(_spec(), "d-4")

    assert outcome.status == "failed"
    assert "550" in outcome.detail
    assert smtp_server.messages == []


async def test_recovers_after_temporary_failure(smtp_server: SmtpTestServer) -> None:
    sender = _sender(smtp_server)
    smtp_server.fail_with(451)
    assert (await sender.send(_spec(), "d-5")).status == "retry"
    smtp_server.fail_with(None)
    assert (await sender.send(_spec(), "d-5")).status == "sent"
    assert len(smtp_server.messages) == 1


async def test_connection_refused_is_retry() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed again before the send: nothing listens

    outcome = await SmtpSender("127.0.0.1", port, SENDER, timeout=2).send(_spec(), "d-6")

    assert outcome.status == "retry"
    assert "connection" in outcome.detail.lower()


async def test_header_injection_is_refused(smtp_server: SmtpTestServer) -> None:
    with pytest.raises(ValueError, match="single line"):
        await _sender(smtp_server).send(_spec(subject="Hi\r\nBcc: x@evil.test"), "d-7")


async def test_maildir_writes_a_parsable_eml(tmp_path) -> None:
    sender = MailDirSender(tmp_path / "outbox", sender=SENDER)

    outcome = await sender.send(_spec(html="<p>hello</p>"), "4f9d6c1e-0000-4000-8000-000000000001")

    assert outcome.status == "sent"
    files = list((tmp_path / "outbox").iterdir())
    assert [f.name for f in files] == ["4f9d6c1e-0000-4000-8000-000000000001.eml"]
    parsed = BytesParser(policy=policy.default).parsebytes(files[0].read_bytes())
    assert parsed["To"] == "parent@example.org"
    assert parsed["Message-ID"] == "<4f9d6c1e-0000-4000-8000-000000000001@example-la.gov.uk>"
    plain = parsed.get_body(("plain",))
    assert plain is not None and "MC-2026-0042" in plain.get_content()


async def test_maildir_resend_replaces_the_same_file_and_leaves_no_temp(tmp_path) -> None:
    sender = MailDirSender(tmp_path)
    await sender.send(_spec(subject="first"), "d-8")
    await sender.send(_spec(subject="second"), "d-8")

    assert sorted(p.name for p in tmp_path.iterdir()) == ["d-8.eml"]
    parsed = BytesParser(policy=policy.default).parsebytes((tmp_path / "d-8.eml").read_bytes())
    assert parsed["Subject"] == "second"


async def test_maildir_unwritable_folder_is_retry(tmp_path) -> None:
    blocker = tmp_path / "not-a-dir"
    blocker.write_text("x")

    outcome = await MailDirSender(blocker / "sub").send(_spec(), "d-9")

    assert outcome.status == "retry"
