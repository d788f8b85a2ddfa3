"""Which template renders a message: the LA's own (event type, audience, channel) if it
has one, else the default; an LA template that fails at send time falls back to the
default, and the delivery log says so. Templates are validated before they are saved."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from notifications import directory
from notifications.samples import sample_context
from notifications.system_templates import SYSTEM_TEMPLATES
from notifications.templates import (
    DEFAULT_TEMPLATES,
    DefaultTemplate,
    RenderedMessage,
    TemplateRenderError,
    render_template,
)

log = logging.getLogger("sendsys.notifications.rendering")
SMS_MAX_CHARS = 918  # 6 SMS fragments


def default_template(event_type: str, audience: str) -> DefaultTemplate | None:
    return DEFAULT_TEMPLATES.get(event_type, {}).get(audience)


async def render_for(session: AsyncSession, la_code: str, event_type: str, audience: str,
                     channel: str, context: Mapping[str, Any],
                     ) -> tuple[RenderedMessage | None, str | None]:
    """(message, note): note says why the LA's template was not used; message None when no
    template renders at all."""
    note = None
    row = await directory.template_of(session, la_code, event_type, audience, channel)
    if row is not None:
        try:
            return render_template(DefaultTemplate(row["subject"], row["body"]), context), None
        except TemplateRenderError as exc:
            note = f"LA template v{row['version']} failed ({exc}); the default was used"
            log.warning("LA template failed", extra={"event_type": event_type, "error": str(exc)})
    template = default_template(event_type, audience)
    if template is None:
        return None, f"no template for {event_type} / {audience}"
    try:
        return render_template(template, context), note
    except TemplateRenderError as exc:
        return None, f"template failed to render: {exc}"


def render_system(key: str, context: Mapping[str, Any]) -> RenderedMessage:
    return render_template(SYSTEM_TEMPLATES[key], context)


def validate(event_type: str, channel: str, subject: str, body: str,
             context: Mapping[str, Any] | None = None) -> RenderedMessage:
    """Render with the sample (or given) context; raise TemplateRenderError if it fails."""
    message = render_template(DefaultTemplate(subject, body),
                              context if context is not None else sample_context(event_type))
    if channel == "sms" and len(message.text) > SMS_MAX_CHARS:
        raise TemplateRenderError(f"an SMS may be at most {SMS_MAX_CHARS} characters; "
                                  f"this one renders to {len(message.text)}")
    if not message.subject.strip() and channel == "email":
        raise TemplateRenderError("an email needs a subject")
    return message
