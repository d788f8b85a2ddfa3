# The text keeps its paragraph on one line.
# ruff: noqa: E501
"""Steps recorded late (issue 14, item 9): an event about a step that happened more than a
few working days before it was recorded, or one its producer marks `recorded_late`, sends
the family no stale notice. Each family delivery is kept, suppressed, with the reason; and
the case's caseworker (or the LA team) gets one message listing who must be sent the notice
by hand. Staff and partner messages go as usual."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from common import calendar
from common.db.uow import UnitOfWork
from common.messaging.envelope import CloudEvent
from notifications.domain.enums import Audience, Channel, DeliveryStatus
from notifications.domain.records import Owner, Target
from notifications.planning import recipients, repository
from notifications.planning.templates import DefaultTemplate, render_template
from notifications.settings import NotificationsSettings

#: a step recorded more than this many working days after it happened is recorded late
LATE_AFTER_WORKING_DAYS = 5
#: the day each event names for its step, most specific first
STEP_DAYS = ("notified_on", "issued_on", "sent_on", "decided_on", "received_on")

_SEND_BY_HAND = DefaultTemplate(
    subject="Send by hand: a notice on case [CASE] recorded late",
    text="""
A step on case [CASE] ({{ event_type }}, dated {{ step_on }}) was recorded on {{ recorded_on }}, after the day it happened. The family was not sent an automatic notice with dates that have passed:

{% for line in who %}
- {{ line }}
{% endfor %}

Please check the notice is still right, send it to them by hand, and record that you did.
""",
)


def step_day(data: Mapping[str, Any]) -> date | None:
    for name in STEP_DAYS:
        value = data.get(name)
        if isinstance(value, date):
            return value
        if isinstance(value, str):
            try:
                return date.fromisoformat(value)
            except ValueError:
                return None
    return None


def is_recorded_late(data: Mapping[str, Any], recorded_on: date) -> bool:
    """Marked so by its producer, or its step's day is more than LATE_AFTER_WORKING_DAYS
    working days before the day it was recorded."""
    if data.get("recorded_late") is True:
        return True
    day = step_day(data)
    return day is not None and \
        calendar.working_days_between(day, recorded_on) > LATE_AFTER_WORKING_DAYS


def family_status(audience: str, late: bool) -> DeliveryStatus:
    return DeliveryStatus.SUPPRESSED if late and audience == Audience.FAMILY \
        else DeliveryStatus.PENDING


async def tell_caseworker(uow: UnitOfWork, own: NotificationsSettings, event: CloudEvent,
                          case_id: str | None, owner: Owner, held: Sequence[Target],
                          data: Mapping[str, Any]) -> int:
    """One message to the caseworker (else the team) listing the family notices held."""
    if not held:
        return 0
    address = await recipients.team_email(uow.connection, own, event.lacode, owner.team)
    if not address:
        return 0
    step_on = step_day(data)
    message = render_template(_SEND_BY_HAND, {
        "event_type": event.type, "case_id": case_id, "recorded_on": event.time.date().isoformat(),
        "step_on": step_on.isoformat() if step_on else "an earlier day",
        "who": [f"{t.name or 'family'} by {t.channel}" for t in held]})
    values = repository.delivery_values(
        uow.clock.now(), la_code=event.lacode, case_id=case_id,
        event_id=f"{event.id}/recorded-late", event_type=event.type,
        target=Target(Audience.LA, Channel.EMAIL, address), message=message)
    return int(await repository.add_delivery(uow.connection, values))
