"""Which template renders a message: the LA's own (event type, audience, channel) if it
has one, else the default. An LA template runs in the sandbox worker process under CPU
and size limits; one that fails at send time falls back to the default (the caller
alerts the LA). Templates are checked against sample events before they are saved."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from sqlalchemy.ext.asyncio import AsyncConnection

from notifications.domain.enums import Channel
from notifications.domain.records import LaTemplate
from notifications.planning import repository
from notifications.planning.default_texts import DEFAULT_TEMPLATES
from notifications.planning.samples import sample_contexts
from notifications.planning.sandbox import render_untrusted
from notifications.planning.sms_texts import sms_template
from notifications.planning.system_templates import SYSTEM_TEMPLATES
from notifications.planning.templates import (
    DefaultTemplate,
    RenderedMessage,
    TemplateRenderError,
    render_template,
)
from notifications.settings import NotificationsSettings

log = logging.getLogger("sendsys.notifications.rendering")
SMS_MAX_CHARS = 918  # 6 SMS fragments


@dataclass(frozen=True)
class Rendered:
    """What render_for produced: the message (None when nothing renders), a note for the
    delivery log, and the LA template that failed (the LA's admins are told)."""

    message: RenderedMessage | None
    note: str | None = None
    failed_template: LaTemplate | None = None


def default_template(event_type: str, audience: str,
                     channel: str | None = None) -> DefaultTemplate | None:
    """The default for the channel: an SMS has short texts of its own (sms_texts)."""
    if channel == Channel.SMS and (sms := sms_template(event_type, audience)) is not None:
        return sms
    return DEFAULT_TEMPLATES.get(event_type, {}).get(audience)


async def render_la_template(own: NotificationsSettings, subject: str, body: str,
                             context: Mapping[str, Any]) -> RenderedMessage:
    return await render_untrusted(DefaultTemplate(subject, body), context,
                                  cpu_s=own.render_cpu_s, max_chars=own.render_max_chars)


async def render_for(connection: AsyncConnection, own: NotificationsSettings, la_code: str,
                     event_type: str, audience: str, channel: str,
                     context: Mapping[str, Any]) -> Rendered:
    note, failed = None, None
    row = await repository.template_of(connection, la_code, event_type, audience, channel)
    if row is not None:
        try:
            return Rendered(await render_la_template(own, row.subject, row.body, context))
        except TemplateRenderError as exc:
            note = f"LA template v{row.version} failed ({exc}); the default was used"
            failed = row
            log.warning("LA template failed", extra={"event_type": event_type,
                                                     "error": str(exc)})
    template = default_template(event_type, audience, channel)
    if template is None:
        return Rendered(None, f"no template for {event_type} / {audience}", failed)
    try:
        return Rendered(render_template(template, context), note, failed)
    except TemplateRenderError as exc:
        return Rendered(None, f"template failed to render: {exc}", failed)


async def render_system(key: str, context: Mapping[str, Any]) -> RenderedMessage:
    """A message the service writes itself (trusted text, rendered in process)."""
    return render_template(SYSTEM_TEMPLATES[key], context)


def _check_message(channel: str, message: RenderedMessage) -> None:
    if channel == Channel.SMS and len(message.text) > SMS_MAX_CHARS:
        raise TemplateRenderError(f"an SMS may be at most {SMS_MAX_CHARS} characters; "
                                  f"this one renders to {len(message.text)}")
    if not message.subject.strip() and channel == Channel.EMAIL:
        raise TemplateRenderError("an email needs a subject")


async def validate(own: NotificationsSettings, event_type: str, channel: str, subject: str,
                   body: str, context: Mapping[str, Any] | None = None) -> RenderedMessage:
    """Render with the given context, or with every sample of the event type (each
    audience's recipient, with and without the optional values); raise
    TemplateRenderError if any fails. Returns the first rendering."""
    contexts = [context] if context is not None else sample_contexts(event_type)
    first: RenderedMessage | None = None
    for sample in contexts:
        message = await render_la_template(own, subject, body, sample)
        _check_message(channel, message)
        first = first or message
    assert first is not None
    return first
