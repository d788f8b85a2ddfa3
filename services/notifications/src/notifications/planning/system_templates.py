# The texts keep each paragraph on one line, so lines run long.
# ruff: noqa: E501
"""Messages the service writes for itself (to the LA team), not for an incoming event."""

from __future__ import annotations

from notifications.planning.default_texts import DEFAULT_TEMPLATES
from notifications.planning.templates import DefaultTemplate

_UNDELIVERABLE = DefaultTemplate(
    subject="Action needed: a statutory notice could not be sent on case [CASE]",
    text="""
A statutory notice ({{ event_type|label }}) on case [CASE] could not be sent to everyone who must receive it:

{% for line in who %}
- {{ line }}
{% endfor %}

The duty to give the notice still applies. Please send it another way (for example by post or by phone, then in writing), record it on the case, and update the contact details or preferences if they are wrong.
""",
)

_TEMPLATE_FAILED = DefaultTemplate(
    subject="Action needed: the LA template for {{ event_type|label }} ({{ audience|label }}, {{ channel|label }}) failed",
    text="""
Version {{ version }} of your LA's own template for {{ event_type|label }} (event type {{ event_type }}; audience: {{ audience|label }}; channel: {{ channel|label }}) could not be rendered for a real event, so the message was sent with the system's default template instead.

What went wrong: {{ error }}

Please preview the template with the sample events, correct it and save it again, or delete it to go back to the default.
""",
)

#: messages the service writes for itself, not for an incoming event type
SYSTEM_TEMPLATES: dict[str, DefaultTemplate] = {
    "notifications.undeliverable": _UNDELIVERABLE,
    "notifications.template_failed": _TEMPLATE_FAILED,
    "notifications.delivery_failed": DEFAULT_TEMPLATES["send.notifications.delivery.failed.v1"]["la"],
}
