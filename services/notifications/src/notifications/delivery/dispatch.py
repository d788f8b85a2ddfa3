"""One attempt at one delivery through its channel: email (SMTP, a folder, or GOV.UK
Notify per LA), SMS (Notify), signed webhooks, the in-app inbox, and letters (rendered to
PDF here; the worker queues them for the LA's print run).

Notify templates belong to the LA's own Notify service: the worker looks up the LA's
template id for the delivery's event, audience and channel (``notify_template``) when it
claims it. Every Notify template takes ((subject)) and ((body)) (SMS: ((body)))."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable
from datetime import datetime
from typing import Protocol

import httpx

from notifications.delivery.channels.email import EmailMessageSpec, MailDirSender, SmtpSender
from notifications.delivery.channels.notify import NotifyClient
from notifications.delivery.channels.outcome import DeliveryOutcome
from notifications.delivery.channels.webhooks import WebhookSender
from notifications.domain.enums import Channel, EmailProvider
from notifications.domain.records import Delivery, Endpoint
from notifications.letters.render import LetterContent, LetterFontError, render_letter
from notifications.letters.rules import addressee_lines
from notifications.settings import NotificationsSettings

log = logging.getLogger("sendsys.notifications.dispatch")


class EmailSender(Protocol):
    async def send(self, spec: EmailMessageSpec, message_id: str) -> DeliveryOutcome: ...


def email_sender_for(own: NotificationsSettings) -> EmailSender:
    if own.smtp_host:
        password = own.smtp_password.get_secret_value() if own.smtp_password else None
        return SmtpSender(own.smtp_host, own.smtp_port, own.smtp_from,
                          starttls=own.smtp_starttls, username=own.smtp_username,
                          password=password)
    return MailDirSender(own.mail_dir, sender=own.smtp_from)


WebhookSenderFactory = Callable[[httpx.AsyncClient], WebhookSender]


class Dispatcher:
    def __init__(self, own: NotificationsSettings, email: EmailSender, *, allow_http: bool,
                 webhook_sender_factory: WebhookSenderFactory | None = None) -> None:
        self.own = own
        self.allow_http = allow_http
        self.email = email
        self._webhook_sender_factory = webhook_sender_factory or self._webhook_sender

    def _webhook_sender(self, client: httpx.AsyncClient) -> WebhookSender:
        return WebhookSender(client, self.own.webhook_timeout_s,
                             allow_http=self.allow_http,
                             allow_hosts=frozenset(self.own.webhook_allow_hosts))

    def _notify(self, la_code: str, client: httpx.AsyncClient) -> NotifyClient | None:
        key = self.own.notify_key(la_code)
        return NotifyClient(key, self.own.notify_base_url, client) if key else None

    def uses_notify(self, row: Delivery) -> bool:
        """Whether the delivery leaves through the LA's Notify service."""
        if row.channel == Channel.SMS:
            return True
        return (row.channel == Channel.EMAIL and row.la_code in self.own.email_via_notify
                and row.provider != EmailProvider.SMTP)

    async def attempt(self, row: Delivery, endpoint: Endpoint | None,
                      client: httpx.AsyncClient, now: datetime,
                      notify_template: str | None = None) -> DeliveryOutcome:
        channel = row.channel
        try:
            if channel == Channel.EMAIL:
                return await self._email(row, client, notify_template)
            if channel == Channel.SMS:
                return await self._sms(row, client, notify_template)
            if channel == Channel.WEBHOOK:
                return await self._webhook(row, endpoint, client, now)
            if channel == Channel.IN_APP:
                return DeliveryOutcome.sent("in the caseworker's inbox")
            if channel == Channel.POST:
                return await self._letter(row, now)
        except Exception as exc:  # noqa: BLE001 - a sender bug must not lose the delivery
            log.exception("channel raised", extra={"channel": channel})
            return DeliveryOutcome.retry(f"sender raised {type(exc).__name__}")
        return DeliveryOutcome.failed(f"channel {channel} is not available")

    async def _email(self, row: Delivery, client: httpx.AsyncClient,
                     template_id: str | None) -> DeliveryOutcome:
        if self.uses_notify(row):
            notify = self._notify(row.la_code, client)
            if notify is None or not template_id:
                return DeliveryOutcome.failed(
                    "the LA sends email through Notify, but it has no Notify key or no "
                    f"email template for {row.event_type} / {row.audience}")
            return await notify.send_email(row.recipient, template_id,
                                           {"subject": row.subject, "body": row.body},
                                           reference=row.id)
        spec = EmailMessageSpec(to=row.addressee, subject=row.subject, text=row.body)
        return await self.email.send(spec, row.id)

    async def _sms(self, row: Delivery, client: httpx.AsyncClient,
                   template_id: str | None) -> DeliveryOutcome:
        notify = self._notify(row.la_code, client)
        if notify is None or not template_id:
            return DeliveryOutcome.failed(
                "no SMS provider: the LA has no Notify key or no SMS template for "
                f"{row.event_type} / {row.audience}")
        return await notify.send_sms(row.recipient, template_id, {"body": row.body},
                                     reference=row.id)

    async def _letter(self, row: Delivery, now: datetime) -> DeliveryOutcome:
        content = LetterContent(addressee_lines(row.recipient), row.subject, row.body,
                                now.date(), row.id)
        try:
            pdf = await asyncio.to_thread(render_letter, content, self.own.letter_fonts)
        except LetterFontError as exc:
            return DeliveryOutcome.failed(f"the letter cannot be printed: {exc}")
        return DeliveryOutcome.sent("queued for the LA's print run", document=pdf)

    async def _webhook(self, row: Delivery, endpoint: Endpoint | None,
                       client: httpx.AsyncClient, now: datetime) -> DeliveryOutcome:
        if endpoint is None:
            return DeliveryOutcome.failed("the webhook endpoint no longer exists")
        if not endpoint.active:
            return DeliveryOutcome.failed("the webhook endpoint is disabled")
        secrets = endpoint.active_secrets(now)
        sender = self._webhook_sender_factory(client)
        # webhook-timestamp is the wall-clock send time: receivers check it against theirs
        return await sender.send(endpoint.url, secrets, row.id, row.body.encode())
