"""The notifications service's own settings (prefix SENDSYS_NOTIFICATIONS_); the platform
settings (SMTP, per-LA team and manager addresses) stay in common.settings."""

from __future__ import annotations

from typing import Any

from pydantic_settings import BaseSettings, SettingsConfigDict


class NotificationsSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="SENDSYS_NOTIFICATIONS_", env_file=".env",
                                      extra="ignore")

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

    def notify_key(self, la_code: str) -> str | None:
        return self.notify_api_keys.get(la_code) or None


def own_settings(runtime: Any) -> NotificationsSettings:
    """The service's own settings for a runtime, read once (tests may put their own in
    ``runtime.extras["notifications_settings"]`` before the first use)."""
    own = runtime.extras.get("notifications_settings")
    if own is None:
        own = NotificationsSettings()
        runtime.extras["notifications_settings"] = own
    return own
