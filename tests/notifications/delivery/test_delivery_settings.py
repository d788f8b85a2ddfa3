"""The notifications service's own settings (issue 9: settings only one service reads live
in that service): mail and the LA teams' addresses are read under SENDSYS_NOTIFICATIONS_,
the platform names they had before still work, and the SMTP login reaches the sender."""

from __future__ import annotations

import pytest

from common.settings import Settings
from notifications.delivery.channels.email import MailDirSender, SmtpSender
from notifications.delivery.dispatch import email_sender_for
from notifications.settings import NotificationsSettings

MOVED = ("smtp_host", "smtp_port", "smtp_from", "smtp_username", "smtp_password",
         "smtp_starttls", "mail_dir", "la_team_emails", "la_manager_emails")


@pytest.fixture(autouse=True)
def clean_environment(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    monkeypatch.chdir(tmp_path)  # no ./.env
    for name in MOVED:
        for prefix in ("SENDSYS_", "SENDSYS_NOTIFICATIONS_"):
            monkeypatch.delenv(f"{prefix}{name.upper()}", raising=False)


def test_mail_and_team_addresses_are_notifications_settings_not_platform_ones() -> None:
    assert not set(MOVED) & set(Settings.model_fields)
    assert set(MOVED) <= set(NotificationsSettings.model_fields)


def test_the_new_names_are_read_and_win_over_the_old_ones(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDSYS_LA_TEAM_EMAILS", '{"201": "old@la201.test"}')
    monkeypatch.setenv("SENDSYS_SMTP_HOST", "old-relay.example")
    own = NotificationsSettings()
    assert own.la_team_emails == {"201": "old@la201.test"}  # an old .env keeps working
    assert own.smtp_host == "old-relay.example"
    monkeypatch.setenv("SENDSYS_NOTIFICATIONS_SMTP_HOST", "relay.example")
    monkeypatch.setenv("SENDSYS_NOTIFICATIONS_LA_TEAM_EMAILS", '{"201": "sen@la201.test"}')
    own = NotificationsSettings()
    assert own.smtp_host == "relay.example"
    assert own.la_team_emails == {"201": "sen@la201.test"}
    assert NotificationsSettings(smtp_host="given.example").smtp_host == "given.example"


def test_empty_smtp_values_from_compose_mean_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    for name in ("SMTP_HOST", "SMTP_USERNAME", "SMTP_PASSWORD"):
        monkeypatch.setenv(f"SENDSYS_NOTIFICATIONS_{name}", "")
    own = NotificationsSettings()
    assert own.smtp_host is None and own.smtp_username is None and own.smtp_password is None
    assert isinstance(email_sender_for(own), MailDirSender)


def test_the_smtp_login_and_starttls_reach_the_sender(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SENDSYS_NOTIFICATIONS_SMTP_PASSWORD", "s3cret")
    own = NotificationsSettings(smtp_host="relay.example", smtp_port=587, smtp_starttls=True,
                                smtp_username="sendsys")
    sender = email_sender_for(own)
    assert isinstance(sender, SmtpSender)
    assert (sender.host, sender.port, sender.starttls, sender.username, sender.password) == (
        "relay.example", 587, True, "sendsys", "s3cret")
    assert "s3cret" not in repr(own)
