# The texts keep each paragraph on one line, so lines run long.
# ruff: noqa: E501
"""Messages the service writes for itself (to the LA team), not for an incoming event."""

from __future__ import annotations

from notifications.templates import DEFAULT_TEMPLATES, DefaultTemplate

_UNDELIVERABLE = DefaultTemplate(
    subject="Action needed: a statutory notice could not be sent on case [CASE]",
    text="""
A statutory notice ({{ event_type }}) on case [CASE] could not be sent to everyone who must receive it:

{% for line in who %}
- {{ line }}
{% endfor %}

The duty to give the notice still applies. Please send it another way (for example by post or by phone, then in writing), record it on the case, and update the contact details or preferences if they are wrong.
""",
)

#: messages the service writes for itself, not for an incoming event type
SYSTEM_TEMPLATES: dict[str, DefaultTemplate] = {
    "notifications.undeliverable": _UNDELIVERABLE,
    "notifications.delivery_failed": DEFAULT_TEMPLATES["send.notifications.delivery.failed.v1"]["la"],
}
