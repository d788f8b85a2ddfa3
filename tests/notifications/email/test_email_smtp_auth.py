"""SMTP authentication and STARTTLS (issue 12, item 9) against the real aiosmtpd test
server, given a TLS certificate and an authenticator: the sender upgrades the connection,
logs in with the configured username and password, and the message arrives; a wrong
password is a permanent failure, and no password is ever sent before TLS."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

from common.testing.ports import free_port
from common.testing.smtp import SmtpTestServer, plain_text, recipients_of
from notifications.delivery.channels.email import EmailMessageSpec, SmtpSender
from notifications.delivery.dispatch import email_sender_for
from notifications.settings import NotificationsSettings
from tests.notifications.email.tls_certificates import TestCertificates, issue

USER, PASSWORD = "sendsys-relay", "correct horse battery staple"
SENDER = "Example Council SEN team <sen@la201.test>"


class Authenticator:
    """Accepts one username and password; records every attempt (and whether TLS was on)."""

    def __init__(self) -> None:
        self.attempts: list[tuple[str, bool, bool]] = []
        self._lock = threading.Lock()

    def __call__(self, server: Any, session: Any, envelope: Any, mechanism: str,
                 auth_data: Any) -> AuthResult:
        if not isinstance(auth_data, LoginPassword):
            return AuthResult(success=False, handled=False)
        login = auth_data.login.decode()
        ok = login == USER and auth_data.password.decode() == PASSWORD
        with self._lock:
            self.attempts.append((login, ok, session.ssl is not None))
        return AuthResult(success=ok, handled=False)  # not handled: the server answers 535


class SecureSmtpTestServer(SmtpTestServer):
    """The test SMTP server behind STARTTLS, requiring AUTH (only after TLS)."""

    def __init__(self, certificates: TestCertificates) -> None:
        super().__init__()
        self.certificates = certificates
        self.authenticator = Authenticator()

    def start(self) -> SecureSmtpTestServer:
        self.port = free_port(self.host)
        controller = Controller(
            self, hostname=self.host, port=self.port,
            tls_context=self.certificates.server_context(), require_starttls=True,
            authenticator=self.authenticator, auth_required=True, auth_require_tls=True)
        controller.start()
        self._controller = controller
        return self


@pytest.fixture
def certificates(tmp_path: Path) -> TestCertificates:
    return issue(tmp_path / "tls", "127.0.0.1", "localhost")


@pytest.fixture
def secure_smtp(certificates: TestCertificates) -> Iterator[SecureSmtpTestServer]:
    server = SecureSmtpTestServer(certificates).start()
    try:
        yield server
    finally:
        server.stop()


def _spec() -> EmailMessageSpec:
    return EmailMessageSpec(to="Ngozi Okafor <ngozi@example.org>",
                            subject="Your mediation certificate MC-2026-0042",
                            text="Certificate number: MC-2026-0042\n")


async def test_starttls_then_auth_delivers(secure_smtp: SecureSmtpTestServer,
                                           certificates: TestCertificates) -> None:
    sender = SmtpSender(secure_smtp.host, secure_smtp.port, SENDER, starttls=True,
                        username=USER, password=PASSWORD, timeout=5,
                        ssl_context=certificates.client_context())

    outcome = await sender.send(_spec(), "d-auth-1")

    assert outcome.status == "sent", outcome.detail
    received = await secure_smtp.wait_for()
    assert recipients_of(received) == ["ngozi@example.org"]
    assert "MC-2026-0042" in plain_text(received)
    assert secure_smtp.authenticator.attempts == [(USER, True, True)]


async def test_wrong_password_is_a_permanent_failure(secure_smtp: SecureSmtpTestServer,
                                                     certificates: TestCertificates) -> None:
    sender = SmtpSender(secure_smtp.host, secure_smtp.port, SENDER, starttls=True,
                        username=USER, password="wrong", timeout=5,
                        ssl_context=certificates.client_context())

    outcome = await sender.send(_spec(), "d-auth-2")

    assert outcome.status == "failed" and "535" in (outcome.detail or "")
    assert secure_smtp.messages == []


async def test_without_starttls_the_server_refuses_and_no_password_is_sent(
        secure_smtp: SecureSmtpTestServer) -> None:
    sender = SmtpSender(secure_smtp.host, secure_smtp.port, SENDER, starttls=False,
                        username=USER, password=PASSWORD, timeout=5)

    outcome = await sender.send(_spec(), "d-auth-3")

    assert outcome.status != "sent"
    assert secure_smtp.messages == [] and secure_smtp.authenticator.attempts == []


async def test_settings_reach_the_smtp_sender(secure_smtp: SecureSmtpTestServer,
                                              certificates: TestCertificates,
                                              monkeypatch: pytest.MonkeyPatch) -> None:
    """email_sender_for passes SENDSYS_NOTIFICATIONS_SMTP_USERNAME / _PASSWORD / _STARTTLS
    on; the system trust store is pointed at the test CA, as a deployment would install
    its relay's CA."""
    monkeypatch.setenv("SSL_CERT_FILE", str(certificates.ca_file))
    monkeypatch.setenv("SENDSYS_NOTIFICATIONS_SMTP_HOST", secure_smtp.host)
    monkeypatch.setenv("SENDSYS_NOTIFICATIONS_SMTP_PORT", str(secure_smtp.port))
    monkeypatch.setenv("SENDSYS_NOTIFICATIONS_SMTP_USERNAME", USER)
    monkeypatch.setenv("SENDSYS_NOTIFICATIONS_SMTP_PASSWORD", PASSWORD)
    monkeypatch.setenv("SENDSYS_NOTIFICATIONS_SMTP_STARTTLS", "true")
    monkeypatch.setenv("SENDSYS_NOTIFICATIONS_SMTP_FROM", SENDER)
    own = NotificationsSettings()
    assert USER not in repr(own.smtp_password) and PASSWORD not in repr(own)

    outcome = await email_sender_for(own).send(_spec(), "d-auth-4")

    assert outcome.status == "sent", outcome.detail
    assert recipients_of(await secure_smtp.wait_for()) == ["ngozi@example.org"]
    assert secure_smtp.authenticator.attempts == [(USER, True, True)]


def test_platform_smtp_names_still_reach_notifications(
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Set under the platform's older names (SENDSYS_SMTP_*), they still reach the sender."""
    for name, value in (("HOST", "relay.la201.test"), ("PORT", "587"), ("USERNAME", USER),
                        ("PASSWORD", PASSWORD), ("STARTTLS", "true")):
        monkeypatch.setenv(f"SENDSYS_SMTP_{name}", value)
    own = NotificationsSettings()
    sender = email_sender_for(own)
    assert isinstance(sender, SmtpSender)
    assert (sender.host, sender.port, sender.username, sender.password, sender.starttls) == (
        "relay.la201.test", 587, USER, PASSWORD, True)
