"""Planning: turn a consumed event into delivery rows, in the consuming transaction.
Nothing here commits."""

from __future__ import annotations

import json
import logging
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace
from typing import Any

from common.db.uow import UnitOfWork
from common.messaging.envelope import CloudEvent, case_id_from_subject
from notifications.domain.enums import Audience, Channel, DeliveryStatus
from notifications.domain.records import CaseRecord, Delivery, Owner, Target
from notifications.planning import late_records, recipients, rendering, repository
from notifications.planning.alerts import alert_team, give_up
from notifications.planning.case_facts import case_facts, lead_times
from notifications.planning.recipients import Partner, Person
from notifications.planning.routing import Route, effective_routes
from notifications.planning.templates import RenderedMessage
from notifications.settings import NotificationsSettings

log = logging.getLogger("sendsys.notifications.planning")


@dataclass(frozen=True)
class Plan:
    """What an event asks of planning, beyond its data."""

    owner: Owner | None = None
    carried: Sequence[Person] | None = None
    partner: Partner | None = None


async def plan_deliveries(uow: UnitOfWork, own: NotificationsSettings, event: CloudEvent,
                          data: Mapping[str, Any], plan: Plan = Plan()) -> int:
    """One delivery row per recipient and channel, idempotent per (event, recipient, channel);
    for a statutory notice nobody can receive, one alert to the LA team instead."""
    la_code = event.lacode
    case_id = case_id_from_subject(event.subject) or data.get("case_id")
    overrides = await repository.route_overrides(uow.connection, la_code, event.type)
    routes = effective_routes(event.type, {a: o for (_, a), o in overrides.items()})
    case = await repository.case_of(uow.connection, la_code, case_id) if case_id else None
    owner = _owner(case, plan.owner)
    context = {**data, "case_id": case_id,
               **case_facts(case, case_id, own.case_url_templates.get(la_code)),
               **lead_times(data, uow.clock.today())}
    created, unreachable = 0, []
    late, held = late_records.is_recorded_late(data, event.time.date()), []
    for route in (r for r in routes if r.enabled):
        resolution, suppressed = await _resolve(uow, own, route, event, case_id, owner, plan)
        status = late_records.family_status(route.audience, late)
        for target in resolution.targets:
            created += await _add(uow, own, event, case_id, target, context,
                                  addressee=staff_name(target, owner), status=status)
            held += [target] if status == DeliveryStatus.SUPPRESSED else []
        for target in suppressed:
            created += await _add(uow, own, event, case_id, target, context,
                                  DeliveryStatus.SUPPRESSED)
        if route.statutory:
            unreachable += resolution.unreachable
    if unreachable:
        created += await alert_unreachable(uow, own, event, case_id, owner, unreachable)
    created += await late_records.tell_caseworker(uow, own, event, case_id, owner, held, data)
    return created


def _owner(case: CaseRecord | None, given: Owner | None) -> Owner:
    given = given or Owner()
    if case is None:
        return given
    return Owner(given.team or case.team, given.caseworker_id or case.caseworker_id)


async def _resolve(uow: UnitOfWork, own: NotificationsSettings, route: Route,
                   event: CloudEvent, case_id: str | None, owner: Owner, plan: Plan,
                   ) -> tuple[recipients.Resolution, list[Target]]:
    if route.audience in (Audience.CASEWORKER, Audience.MANAGER):
        return await recipients.staff_targets(uow.connection, own, route, event.lacode,
                                              owner), []
    if route.audience == Audience.PARTNER:
        return await recipients.partner_targets(uow.connection, route, event.lacode, event.type,
                                                plan.partner), []
    contacts = await repository.contacts_of(uow.connection, event.lacode, case_id) \
        if case_id else []
    people = recipients.people_from(plan.carried, contacts)
    return await recipients.family_targets(uow.connection, route, event.lacode, people)


async def _message(uow: UnitOfWork, own: NotificationsSettings, event: CloudEvent,
                   case_id: str | None, target: Target, context: Mapping[str, Any],
                   ) -> tuple[RenderedMessage | None, str | None]:
    if target.channel == Channel.WEBHOOK:
        return RenderedMessage(event.type, webhook_body(event)), None
    personal = {**context, "recipient_name": target.name}
    rendered = await rendering.render_for(uow.connection, own, event.lacode, event.type,
                                          target.audience, target.channel, personal)
    if rendered.failed_template is not None:
        await alert_team(
            uow, own, la_code=event.lacode, case_id=case_id, team=None,
            event_id=f"{event.id}/template",
            event_type=event.type, template="notifications.template_failed",
            context={"event_type": event.type, "audience": target.audience,
                     "channel": target.channel, "version": rendered.failed_template.version,
                     "error": rendered.note or ""})
    return rendered.message, rendered.note


def staff_name(target: Target, owner: Owner) -> str | None:
    """The name a staff email is addressed to ("SEN team (north)", "SEN team manager");
    family and partner targets carry their own."""
    if target.name or target.channel != Channel.EMAIL:
        return target.name
    if target.audience == Audience.MANAGER:
        return "SEN team manager"
    if target.audience == Audience.CASEWORKER:
        return f"SEN team ({owner.team})" if owner.team else "SEN team"
    return None


async def _add(uow: UnitOfWork, own: NotificationsSettings, event: CloudEvent,
               case_id: str | None, target: Target, context: Mapping[str, Any],
               status: DeliveryStatus = DeliveryStatus.PENDING, *,
               addressee: str | None = None) -> int:
    message, note = await _message(uow, own, event, case_id, target, context)
    if message is None:
        message, status = RenderedMessage(f"Undeliverable: {event.type}", ""), \
            DeliveryStatus.FAILED
    if target.channel == Channel.IN_APP and status == DeliveryStatus.PENDING:
        status = DeliveryStatus.SENT
    values = repository.delivery_values(
        uow.clock.now(), la_code=event.lacode, case_id=case_id, event_id=event.id,
        event_type=event.type, target=replace(target, name=addressee or target.name),
        message=message, status=status, last_error=note)
    inserted = await repository.add_delivery(uow.connection, values)
    if inserted and status == DeliveryStatus.FAILED:
        await give_up(uow, own, _as_record(values), note or "template failed")
    return int(inserted)


def _as_record(values: Mapping[str, Any]) -> Delivery:
    return Delivery.from_row({**values, "provider_ref": None, "read_at": None, "replays": 0})


def webhook_body(event: CloudEvent) -> str:
    """Standard Webhooks payload: {type, timestamp, data}, plus the event id."""
    return json.dumps({"type": event.type, "timestamp": event.time.isoformat(),
                       "id": event.id, "subject": event.subject, "lacode": event.lacode,
                       "data": event.data}, separators=(",", ":"), sort_keys=True)


async def alert_unreachable(uow: UnitOfWork, own: NotificationsSettings, event: CloudEvent,
                            case_id: str | None, owner: Owner, who: list[str]) -> int:
    created = await alert_team(uow, own, la_code=event.lacode, case_id=case_id,
                               team=owner.team, event_id=f"{event.id}/la-alert",
                               event_type=event.type, template="notifications.undeliverable",
                               context={"event_type": event.type, "case_id": case_id,
                                        "who": who})
    if created is None:
        log.error("a statutory notice reached nobody and the LA has no team address",
                  extra={"event_id": event.id, "event_type": event.type, "la_code": event.lacode})
        return 0
    return created
