"""The notifications service's own settings (prefix SENDSYS_NOTIFICATIONS_).

Mail transport and the LA team / manager fallback addresses are read here too; while the
platform settings still carry them (SENDSYS_SMTP_HOST, SENDSYS_LA_TEAM_EMAILS …), values
set there fill the ones not set here (``with_platform_defaults``)."""

from __future__ import annotations

from typing import Any

from pydantic_settings import BaseSettings, SettingsConfigDict

#: fields that may still come from the platform settings, by the same name
PLATFORM_FIELDS = ("smtp_host", "smtp_port", "smtp_from", "mail_dir", "la_team_emails",
                   "la_manager_emails")


class NotificationsSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SENDSYS_NOTIFICATIONS_", env_file=".env",
                                      extra="ignore")

    #: SMTP relay; without a host, email is written to ``mail_dir`` (dev)
    smtp_host: str | None = None
    smtp_port: int = 25
    smtp_from: str = "send-service@localhost"
    mail_dir: str = "var/mail"
    #: per-LA fallback addresses of the SEN team and the team manager
    la_team_emails: dict[str, str] = {}
    la_manager_emails: dict[str, str] = {}
    webhook_timeout_s: float = 15.0
    #: hosts that skip the private-address check (dev and tests only, e.g. ["127.0.0.1"])
    webhook_allow_hosts: list[str] = []
    #: old secrets keep signing this long after a rotation
    secret_overlap_s: int = 24 * 3600
    #: GOV.UK Notify: base URL (a stand-in in tests), API key per LA, template ids that take
    #: ((subject)) and ((body)) personalisation
    notify_base_url: str = "https://api.notifications.service.gov.uk"
    notify_api_keys: dict[str, str] = {}
    notify_email_template_id: str = ""
    notify_sms_template_id: str = ""
    #: LA codes whose email goes through Notify rather than SMTP
    email_via_notify: list[str] = []
    batch_size: int = 50
    #: delivery lanes (webhook endpoints, other messages) sent at once (1 on SQLite)
    concurrency: int = 8
    poll_s: float = 0.2
    #: a claimed delivery is someone else's to resend only after this long
    claim_lease_s: float = 120.0
    #: a graceful stop waits this long for in-flight sends to finish and be recorded
    drain_s: float = 30.0
    #: rendering one template: the CPU seconds it may take before it is stopped
    render_cpu_s: float = 2.0
    #: rendering one template: the most characters of output it may produce
    render_max_chars: int = 200_000

    def notify_key(self, la_code: str) -> str | None:
        return self.notify_api_keys.get(la_code) or None

    def with_platform_defaults(self, platform: Any) -> NotificationsSettings:
        """Fields not set here taken from the platform settings (while they carry them)."""
        inherited = {name: getattr(platform, name) for name in PLATFORM_FIELDS
                     if name not in self.model_fields_set and hasattr(platform, name)}
        return self.model_copy(update=inherited)
