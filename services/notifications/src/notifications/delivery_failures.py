"""Giving a delivery up: the `delivery.failed` event and an alert to the LA team."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from common.db.uow import UnitOfWork
from common.messaging.envelope import subject_for_case
from common.settings import Settings
from notifications import contracts, recipients, rendering, repository

ALERT_AUDIENCE = "la"


async def give_up(uow: UnitOfWork, settings: Settings, row: Mapping[str, Any],
                  error: str) -> None:
    """Emit send.notifications.delivery.failed.v1 and tell the LA team (unless the failed
    delivery was itself an alert to the team: then the event alone reports it)."""
    attempts = int(row.get("attempts") or 0)
    event = contracts.DeliveryFailedV1(
        delivery_id=row["id"], event_id=row["event_id"], channel=row["channel"],
        recipient_ref=recipient_ref(row), attempts=attempts, last_error=error[:500])
    subject = subject_for_case(row["case_id"]) if row.get("case_id") \
        else f"delivery/{row['id']}"
    uow.emit(contracts.DELIVERY_FAILED, event, subject=subject, la_code=row["la_code"])
    if row["audience"] == ALERT_AUDIENCE:
        return
    await alert_team(uow, settings, la_code=row["la_code"], case_id=row.get("case_id"),
                     team=None, event_id=f"{row['id']}/failed",
                     event_type=contracts.DELIVERY_FAILED,
                     template="notifications.delivery_failed", context=event.model_dump())


async def alert_team(uow: UnitOfWork, settings: Settings, *, la_code: str,
                     case_id: str | None, team: str | None, event_id: str, event_type: str,
                     template: str, context: Mapping[str, Any]) -> int | None:
    """Queue a system message to the LA team; rows inserted (0 if already queued), or None
    when the LA has no team address."""
    address = await recipients.team_email(uow.session, settings, la_code, team)
    if not address:
        return None
    message = rendering.render_system(template, context)
    values = repository.delivery_values(
        uow, la_code=la_code, case_id=case_id, event_id=event_id, event_type=event_type,
        target=recipients.Target(ALERT_AUDIENCE, "email", address), message=message)
    return int(await repository.add_delivery(uow.session, values))


def recipient_ref(row: Mapping[str, Any]) -> str:
    """Who it was for, without the address itself: audience, channel and the delivery row."""
    if row["channel"] == "webhook":
        return f"webhook endpoint {row.get('endpoint_id') or row['recipient']}"
    return f"{row['audience']} via {row['channel']} (see delivery {row['id']})"
