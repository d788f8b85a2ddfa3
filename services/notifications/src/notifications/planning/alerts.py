"""Giving a delivery up (the `delivery.failed` event and an alert to the LA team), and the
other system messages the service writes to an LA team.

Somebody is always told: an alert to the team that cannot be delivered goes another way,
over SMTP when it went through the LA's Notify service and an SMTP server is set, else
into the in-app inbox of the case's caseworker."""

from __future__ import annotations

import logging
from collections.abc import Mapping
from typing import Any

from common.db.uow import UnitOfWork
from common.messaging.envelope import subject_for_case
from notifications import contracts
from notifications.domain.enums import Audience, Channel, DeliveryStatus, EmailProvider
from notifications.domain.records import Delivery, Target
from notifications.planning import recipients, rendering, repository
from notifications.planning.templates import RenderedMessage
from notifications.settings import NotificationsSettings

log = logging.getLogger("sendsys.notifications.alerts")


async def give_up(uow: UnitOfWork, own: NotificationsSettings, row: Delivery,
                  error: str) -> None:
    """Emit send.notifications.delivery.failed.v1 and tell the LA team (unless the failed
    delivery was itself an alert to the team: then the event alone reports it)."""
    event = contracts.DeliveryFailedV1(
        delivery_id=row.id, event_id=row.event_id, channel=row.channel,
        recipient_ref=recipient_ref(row), attempts=row.attempts, last_error=error[:500])
    subject = subject_for_case(row.case_id) if row.case_id else f"delivery/{row.id}"
    uow.emit(contracts.DELIVERY_FAILED, event, subject=subject, la_code=row.la_code)
    if row.is_alert:
        await fall_back(uow, own, row)
        return
    await alert_team(uow, own, la_code=row.la_code, case_id=row.case_id,
                     team=None, event_id=f"{row.id}/failed",
                     event_type=contracts.DELIVERY_FAILED,
                     template="notifications.delivery_failed", context=event.model_dump())


async def alert_team(uow: UnitOfWork, own: NotificationsSettings, *, la_code: str,
                     case_id: str | None, team: str | None, event_id: str, event_type: str,
                     template: str, context: Mapping[str, Any]) -> int | None:
    """Queue a system message to the LA team; rows inserted (0 if already queued), or None
    when the LA has no team address."""
    address = await recipients.team_email(uow.connection, own, la_code, team)
    if not address:
        return None
    message = await rendering.render_system(template, context)
    values = repository.delivery_values(
        uow.clock.now(), la_code=la_code, case_id=case_id, event_id=event_id,
        event_type=event_type, target=Target(Audience.LA, Channel.EMAIL, address),
        message=message)
    return int(await repository.add_delivery(uow.connection, values))


def recipient_ref(row: Delivery) -> str:
    """Who it was for, without the address itself: audience, channel and the delivery row."""
    if row.is_webhook:
        return f"webhook endpoint {row.endpoint_id or row.recipient}"
    return f"{row.audience} via {row.channel} (see delivery {row.id})"


def _went_through_notify(own: NotificationsSettings, row: Delivery) -> bool:
    return (row.channel == Channel.EMAIL and row.provider != EmailProvider.SMTP
            and row.la_code in own.email_via_notify)


async def fall_back(uow: UnitOfWork, own: NotificationsSettings, row: Delivery) -> None:
    """The alert ``row`` could not be delivered: send it over SMTP (when it went through
    Notify and an SMTP server is set), else put it in the case caseworker's inbox."""
    if _went_through_notify(own, row) and own.smtp_host:
        await _copy(uow, row, "smtp", Target(Audience.LA, Channel.EMAIL, row.recipient),
                    EmailProvider.SMTP)
        return
    case = await repository.case_of(uow.connection, row.la_code, row.case_id) \
        if row.case_id and row.channel != Channel.IN_APP else None
    if case is None or not case.caseworker_id:
        log.error("an alert to the LA team could not be delivered, and there is no other "
                  "way to tell anyone", extra={"delivery_id": row.id, "la_code": row.la_code})
        return
    await _copy(uow, row, "inbox", Target(Audience.LA, Channel.IN_APP, case.caseworker_id))


async def _copy(uow: UnitOfWork, row: Delivery, suffix: str, target: Target,
                provider: EmailProvider | None = None) -> None:
    """The alert again, to ``target`` (an in-app item is delivered on writing)."""
    status = DeliveryStatus.SENT if target.channel == Channel.IN_APP else DeliveryStatus.PENDING
    values = repository.delivery_values(
        uow.clock.now(), la_code=row.la_code, case_id=row.case_id,
        event_id=f"{row.event_id}/{suffix}", event_type=row.event_type, target=target,
        message=RenderedMessage(row.subject, row.body), status=status)
    await repository.add_delivery(uow.connection, values | {"provider": provider})
