"""The notifications service's own settings (prefix SENDSYS_NOTIFICATIONS_).

Mail transport and the LA team / manager fallback addresses are read here too; while the
platform settings still carry them (SENDSYS_SMTP_HOST, SENDSYS_LA_TEAM_EMAILS …), values
set there fill the ones not set here (``with_platform_defaults``)."""

from __future__ import annotations

from typing import Any
from urllib.parse import urlsplit

from pydantic import SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

#: fields that may still come from the platform settings, by the same name
PLATFORM_FIELDS = ("smtp_host", "smtp_port", "smtp_from", "mail_dir", "la_team_emails",
                   "la_manager_emails", "smtp_username", "smtp_password", "smtp_starttls")
#: the placeholders a case-system link template may use
CASE_URL_PLACEHOLDERS = ("{case_id}", "{case_ref}")


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

    #: SMTP authentication (AUTH after STARTTLS when both are set); no username, no AUTH
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    #: upgrade the SMTP connection with STARTTLS before anything else (port 587)
    smtp_starttls: bool = False
    #: per LA, the address of a case in its case system, with {case_ref} (the LA's own
    #: reference, else the case id) and/or {case_id}; staff emails link to it
    case_url_templates: dict[str, str] = {}

    @field_validator("smtp_username", "smtp_password", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("case_url_templates")
    @classmethod
    def _case_urls_are_links(cls, value: dict[str, str]) -> dict[str, str]:
        for la_code, template in value.items():
            check_case_url_template(la_code, template)
        return value

    def notify_key(self, la_code: str) -> str | None:
        return self.notify_api_keys.get(la_code) or None

    def with_platform_defaults(self, platform: Any) -> NotificationsSettings:
        """Fields not set here taken from the platform settings (while they carry them)."""
        inherited = {name: getattr(platform, name) for name in PLATFORM_FIELDS
                     if name not in self.model_fields_set and hasattr(platform, name)}
        return self.model_copy(update=inherited)


def check_case_url_template(la_code: str, template: str) -> None:
    """ValueError unless ``template`` is an http(s) link whose only placeholders are
    {case_id} and {case_ref}."""
    rest = template
    for placeholder in CASE_URL_PLACEHOLDERS:
        rest = rest.replace(placeholder, "x")
    if "{" in rest or "}" in rest:
        raise ValueError(f"case_url_templates[{la_code}] may use only "
                         f"{' and '.join(CASE_URL_PLACEHOLDERS)}")
    if urlsplit(rest).scheme not in ("https", "http") or not urlsplit(rest).netloc:
        raise ValueError(f"case_url_templates[{la_code}] must be an http(s) address")
