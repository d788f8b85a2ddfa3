"""Delivery channels: email (SMTP or a folder), GOV.UK Notify (email, SMS), signed webhooks.

Every channel returns a ``DeliveryOutcome``; none of them touches the database.
"""

from notifications.delivery.channels.email import EmailMessageSpec, MailDirSender, SmtpSender
from notifications.delivery.channels.notify import NotifyClient
from notifications.delivery.channels.outcome import DeliveryOutcome
from notifications.delivery.channels.retry import (
    MAX_ATTEMPTS,
    next_attempt_delay,
    parse_retry_after,
)
from notifications.delivery.channels.ssrf import (
    UnresolvableWebhookTarget,
    UnsafeWebhookTarget,
    check_webhook_target,
)
from notifications.delivery.channels.webhooks import (
    WebhookSender,
    WebhookVerificationError,
    new_secret,
    sign,
    verify,
)

__all__ = [
    "MAX_ATTEMPTS",
    "DeliveryOutcome",
    "EmailMessageSpec",
    "MailDirSender",
    "NotifyClient",
    "SmtpSender",
    "UnresolvableWebhookTarget",
    "UnsafeWebhookTarget",
    "WebhookSender",
    "WebhookVerificationError",
    "check_webhook_target",
    "new_secret",
    "next_attempt_delay",
    "parse_retry_after",
    "sign",
    "verify",
]
