"""The notifications service's own settings (prefix SENDSYS_NOTIFICATIONS_): mail
transport, the LA teams' fallback addresses, webhooks, GOV.UK Notify, letters and the
delivery worker. No other service reads them, so they are not platform settings.

Mail and the LA addresses were platform settings once: their old names (SENDSYS_SMTP_HOST,
SENDSYS_LA_TEAM_EMAILS …) are still read when the new ones are not set."""

from __future__ import annotations

from urllib.parse import urlsplit

from pydantic import AliasChoices, Field, SecretStr, field_validator
from pydantic_settings import BaseSettings, SettingsConfigDict


def _formerly_platform(name: str) -> AliasChoices:
    """The setting's own environment name, then the platform name it had before."""
    return AliasChoices(f"SENDSYS_NOTIFICATIONS_{name.upper()}", f"SENDSYS_{name.upper()}")


#: the placeholders a case-system link template may use
CASE_URL_PLACEHOLDERS = ("{case_id}", "{case_ref}")
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
                                      extra="ignore", populate_by_name=True)

    smtp_host: str | None = Field(
        default=None, validation_alias=_formerly_platform("smtp_host"),
        description="SMTP relay; unset writes email as .eml files to the mail folder")
    smtp_port: int = Field(default=25, validation_alias=_formerly_platform("smtp_port"),
                           description="SMTP port (587 with STARTTLS)")
    smtp_from: str = Field(default="send-service@localhost",
                           validation_alias=_formerly_platform("smtp_from"),
                           description="the From address of every email")
    smtp_username: str | None = Field(
        default=None, validation_alias=_formerly_platform("smtp_username"),
        description="SMTP user name (authentication after STARTTLS)")
    smtp_password: SecretStr | None = Field(
        default=None, validation_alias=_formerly_platform("smtp_password"),
        description="SMTP password (a secret)")
    smtp_starttls: bool = Field(default=False, validation_alias=_formerly_platform(
        "smtp_starttls"), description="upgrade with STARTTLS (port 587)")
    mail_dir: str = Field(default="var/mail", validation_alias=_formerly_platform("mail_dir"),
                          description="where email goes without an SMTP server (dev)")
    la_team_emails: dict[str, str] = Field(
        default={}, validation_alias=_formerly_platform("la_team_emails"),
        description="LA code -> SEN team address, JSON object (an address set through "
        "/v1/directory comes first); without one, staff warnings reach no one")
    la_manager_emails: dict[str, str] = Field(
        default={}, validation_alias=_formerly_platform("la_manager_emails"),
        description="LA code -> SEN team manager address, JSON object")
    webhook_timeout_s: float = 15.0
    #: hosts that skip the private-address check (dev and tests only, e.g. ["127.0.0.1"])
    webhook_allow_hosts: list[str] = []
    #: old secrets keep signing this long after a rotation
    secret_overlap_s: int = 24 * 3600
    #: GOV.UK Notify: base URL (a stand-in in tests) and the API key of each LA's own Notify
    #: service (LA code -> key). The template ids belong to that service and are set per
    #: LA, event, audience and channel through the API (/v1/notify/templates)
    notify_base_url: str = "https://api.notifications.service.gov.uk"
    notify_api_keys: dict[str, SecretStr] = Field(
        default={}, description="LA code -> the API key of the LA's own GOV.UK Notify "
        "service, JSON object; template ids are set per LA through /v1/notify/templates")
    #: LA codes whose email goes through Notify rather than SMTP
    email_via_notify: list[str] = []
    #: letters: TrueType fonts embedded in the PDF, the first for the text and the rest as
    #: fallbacks for the characters it lacks; files that do not exist are skipped, and a
    #: name no font can draw fails the letter (the LA team is told)
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
    #: per LA, the address of a case in its case system, with {case_ref} (the LA's own
    #: reference, else the case id) and/or {case_id}; staff emails link to it
    case_url_templates: dict[str, str] = {}

    def notify_key(self, la_code: str) -> str | None:
        key = self.notify_api_keys.get(la_code)
        return key.get_secret_value() if key is not None and key.get_secret_value() else None

    @field_validator("smtp_host", "smtp_username", "smtp_password", mode="before")
    @classmethod
    def _empty_is_unset(cls, value: object) -> object:
        return None if value == "" else value

    @field_validator("case_url_templates")
    @classmethod
    def _case_urls_are_links(cls, value: dict[str, str]) -> dict[str, str]:
        for la_code, template in value.items():
            check_case_url_template(la_code, template)
        return value


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
