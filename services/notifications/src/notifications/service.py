"""Use cases: turn a consumed event into delivery rows (in the consuming transaction), and
the state of a delivery after an attempt. Nothing here commits."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping
from datetime import datetime, timedelta
from typing import Any

from common.db.uow import UnitOfWork
from common.messaging.envelope import CloudEvent, case_id_from_subject
from common.settings import Settings
from notifications import directory, recipients, rendering, repository
from notifications.channels.outcome import DeliveryOutcome
from notifications.delivery_failures import alert_team, give_up
from notifications.routing import Route, effective_routes
from notifications.templates import RenderedMessage

log = logging.getLogger("sendsys.notifications.service")


async def plan_deliveries(uow: UnitOfWork, settings: Settings, event: CloudEvent,
                          data: Mapping[str, Any], *, owner: Mapping[str, Any] | None = None,
                          carried: list[dict[str, Any]] | None = None,
                          partner: Mapping[str, Any] | None = None) -> int:
    """One delivery row per recipient and channel, idempotent per (event, recipient, channel);
    for a statutory notice nobody can receive, one alert to the LA team instead."""
    la_code = event.lacode
    case_id = case_id_from_subject(event.subject) or data.get("case_id")
    overrides = await directory.route_overrides(uow.session, la_code, event.type)
    routes = effective_routes(event.type, {a: o for (_, a), o in overrides.items()})
    case = await directory.case_of(uow.session, case_id) if case_id else None
    owner = _owner(owner, case)
    context = {**data, "case_id": case_id}
    created, unreachable = 0, []
    for route in (r for r in routes if r.enabled):
        resolution, suppressed = await _resolve(uow, settings, route, event, case_id, owner,
                                                carried, partner)
        for target in resolution.targets:
            created += await _add(uow, settings, event, case_id, target, context)
        for target in suppressed:
            created += await _add(uow, settings, event, case_id, target, context,
                                  status="suppressed")
        if route.statutory:
            unreachable += resolution.unreachable
    if unreachable:
        created += await alert_unreachable(uow, settings, event, case_id, owner, unreachable)
    return created


def _owner(owner: Mapping[str, Any] | None, case: Mapping[str, Any] | None) -> dict[str, Any]:
    merged = dict(owner or {})
    if case is not None:
        merged["team"] = merged.get("team") or case["team"]
        merged["caseworker_id"] = merged.get("caseworker_id") or case["caseworker_id"]
    return merged


async def _resolve(uow: UnitOfWork, settings: Settings, route: Route, event: CloudEvent,
                   case_id: str | None, owner: Mapping[str, Any],
                   carried: list[dict[str, Any]] | None, partner: Mapping[str, Any] | None,
                   ) -> tuple[recipients.Resolution, list[recipients.Target]]:
    if route.audience in ("caseworker", "manager"):
        return await recipients.staff_targets(uow.session, settings, route, event.lacode,
                                              owner), []
    if route.audience == "partner":
        return await recipients.partner_targets(uow.session, route, event.lacode, event.type,
                                                partner), []
    contacts = await directory.contacts_of(uow.session, case_id) if case_id else []
    people = recipients.people_from(carried, contacts)
    return await recipients.family_targets(uow.session, route, event.lacode, people)


async def _add(uow: UnitOfWork, settings: Settings, event: CloudEvent, case_id: str | None,
               target: recipients.Target, context: Mapping[str, Any],
               status: str = "pending") -> int:
    error = None
    if target.channel == "webhook":
        message = RenderedMessage(event.type, webhook_body(event))
    else:
        personal = {**context, "recipient_name": target.name}
        rendered, error = await rendering.render_for(uow.session, event.lacode, event.type,
                                                     target.audience, target.channel, personal)
        if rendered is None:
            rendered, status = RenderedMessage(f"Undeliverable: {event.type}", ""), "failed"
        message = rendered
    if target.channel == "in_app" and status == "pending":
        status = "sent"
    values = repository.delivery_values(
        uow, la_code=event.lacode, case_id=case_id, event_id=event.id, event_type=event.type,
        target=target, message=message, status=status, last_error=error)
    inserted = await repository.add_delivery(uow.session, values)
    if inserted and status == "failed":
        await give_up(uow, settings, values, error or "template failed")
    return int(inserted)


def webhook_body(event: CloudEvent) -> str:
    """Standard Webhooks payload: {type, timestamp, data}, plus the event id."""
    return json.dumps({"type": event.type, "timestamp": event.time.isoformat(),
                       "id": event.id, "subject": event.subject, "lacode": event.lacode,
                       "data": event.data}, separators=(",", ":"), sort_keys=True)


async def alert_unreachable(uow: UnitOfWork, settings: Settings, event: CloudEvent,
                            case_id: str | None, owner: Mapping[str, Any],
                            who: list[str]) -> int:
    created = await alert_team(uow, settings, la_code=event.lacode, case_id=case_id,
                               team=owner.get("team"), event_id=f"{event.id}/la-alert",
                               event_type=event.type, template="notifications.undeliverable",
                               context={"event_type": event.type, "case_id": case_id,
                                        "who": who})
    if created is None:
        log.error("a statutory notice reached nobody and the LA has no team address",
                  extra={"event_id": event.id, "event_type": event.type, "la_code": event.lacode})
        return 0
    return created


def after_attempt(outcome: DeliveryOutcome, now: datetime,
                  next_delay_s: float | None) -> dict[str, Any]:
    """The delivery row's new state after one attempt."""
    if outcome.status == "sent":
        return {"status": "sent", "sent_at": now, "next_attempt_at": None, "last_error": None,
                "provider_ref": outcome.provider_ref}
    if outcome.status == "retry" and next_delay_s is not None:
        return {"status": "retrying", "last_error": outcome.detail,
                "next_attempt_at": now + timedelta(seconds=next_delay_s)}
    return {"status": "failed", "last_error": outcome.detail, "next_attempt_at": None}
