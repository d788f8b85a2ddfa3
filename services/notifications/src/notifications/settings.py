"""The notifications service's own settings (prefix SENDSYS_NOTIFICATIONS_).

Mail transport and the LA team / manager fallback addresses are read here too; while the
platform settings still carry them (SENDSYS_SMTP_HOST, SENDSYS_LA_TEAM_EMAILS …), values
set there fill the ones not set here (``with_platform_defaults``)."""

from __future__ import annotations

from typing import Any

from pydantic import SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

#: fields that may still come from the platform settings, by the same name
PLATFORM_FIELDS = ("smtp_host", "smtp_port", "smtp_from", "mail_dir", "la_team_emails",
                   "la_manager_emails")

#: Debian's packaged fonts (fonts-dejavu-core, fonts-noto-core, fonts-noto-cjk), in order
DEFAULT_LETTER_FONTS = (
    "/usr/share/fonts/truetype/dejavu/DejaVuSans.ttf",
    "/usr/share/fonts/truetype/noto/NotoSans-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansArabic-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansBengali-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansGurmukhi-Regular.ttf",
    "/usr/share/fonts/truetype/noto/NotoSansDevanagari-Regular.ttf",
)


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
    #: GOV.UK Notify: base URL (a stand-in in tests) and the API key of each LA's own Notify
    #: service (LA code -> key). The template ids belong to that service and are set per
    #: LA, event, audience and channel through the API (/v1/notify/templates)
    notify_base_url: str = "https://api.notifications.service.gov.uk"
    notify_api_keys: dict[str, SecretStr] = {}
    #: LA codes whose email goes through Notify rather than SMTP
    email_via_notify: list[str] = []
    #: letters: TrueType fonts embedded in the PDF, the first for the text and the rest as
    #: fallbacks for the characters it lacks (the first of each group that exists is used)
    letter_fonts: list[str] = list(DEFAULT_LETTER_FONTS)
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
        key = self.notify_api_keys.get(la_code)
        return key.get_secret_value() if key is not None and key.get_secret_value() else None

    def with_platform_defaults(self, platform: Any) -> NotificationsSettings:
        """Fields not set here taken from the platform settings (while they carry them)."""
        inherited = {name: getattr(platform, name) for name in PLATFORM_FIELDS
                     if name not in self.model_fields_set and hasattr(platform, name)}
        return self.model_copy(update=inherited)
