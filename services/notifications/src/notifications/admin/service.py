"""Use cases of LA staff configuration: routes, templates (checked against sample events
in the sandbox before they are saved; previews in the sandbox too), staff addresses and
opt-outs. Load → decide → save; nothing here commits."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from common.db.uow import UnitOfWork
from common.errors import NotFound, RuleViolation
from common.principal import Principal
from notifications import contracts
from notifications.admin import repository, rules
from notifications.delivery.channels.notify import parse_api_key
from notifications.domain.errors import TEMPLATE_RENDERS
from notifications.domain.records import LaTemplate, NotifyTemplate, StaffAddress
from notifications.planning import rendering
from notifications.planning import repository as planning
from notifications.planning.routing import (
    DEFAULT_ROUTES,
    Route,
    effective_routes,
    routed_event_types,
)
from notifications.planning.templates import RenderedMessage, TemplateRenderError
from notifications.settings import NotificationsSettings


@dataclass(frozen=True)
class EffectiveRoute:
    route: Route
    overridden: bool


async def routing_table(uow: UnitOfWork, la_code: str,
                        event_types: list[str]) -> list[EffectiveRoute]:
    overrides = await planning.route_overrides(uow.connection, la_code)
    result = []
    for event_type in event_types:
        mine = {a: o for (t, a), o in overrides.items() if t == event_type}
        result += [EffectiveRoute(r, r.audience in mine)
                   for r in effective_routes(event_type, mine)]
    return result


def default_route(event_type: str, audience: str) -> Route:
    route = DEFAULT_ROUTES.get((event_type, audience))
    if route is None:
        raise NotFound(f"A route for {event_type} / {audience}")
    return route


async def set_route(uow: UnitOfWork, la_code: str, event_type: str, audience: str,
                    channels: list[str], enabled: bool) -> Route:
    default = default_route(event_type, audience)
    chosen = rules.decide_route_channels(audience, channels)
    await repository.save_route_override(uow.connection, la_code, event_type, audience, chosen,
                                         enabled, uow.clock.now())
    return Route(event_type, audience, tuple(chosen), default.statutory, enabled)


async def current_template(uow: UnitOfWork, la_code: str, event_type: str, audience: str,
                           channel: str) -> LaTemplate | None:
    """The LA's own template, or None when the default applies (NotFound if neither)."""
    row = await planning.template_of(uow.connection, la_code, event_type, audience, channel)
    if row is None and rendering.default_template(event_type, audience) is None:
        raise NotFound(f"A template for {event_type} / {audience}")
    return row


async def check_template(own: NotificationsSettings, event_type: str, channel: str,
                         subject: str, body: str,
                         context: dict[str, Any] | None = None) -> RenderedMessage:
    try:
        return await rendering.validate(own, event_type, channel, subject, body, context)
    except TemplateRenderError as exc:
        raise RuleViolation(TEMPLATE_RENDERS, f"The template does not render: {exc}",
                            field="body") from exc


async def save_template(uow: UnitOfWork, own: NotificationsSettings, la_code: str,
                        template: LaTemplate, if_match: Callable[[int], None]) -> LaTemplate:
    """Check it renders, check the caller's If-Match against the stored version (0: none),
    then save the next version."""
    default_route(template.event_type, template.audience)
    rules.decide_template_channel(template.audience, template.channel)
    await check_template(own, template.event_type, template.channel, template.subject,
                         template.body)
    old = await planning.template_of(uow.connection, la_code, template.event_type,
                                     template.audience, template.channel)
    if_match(old.version if old is not None else 0)
    saved = LaTemplate(template.event_type, template.audience, template.channel,
                       template.subject, template.body, rules.next_template_version(old))
    await repository.save_template(uow.connection, la_code, saved, uow.clock.now())
    return saved


async def preview(uow: UnitOfWork, own: NotificationsSettings, la_code: str,
                  event_type: str, audience: str, channel: str, subject: str | None,
                  body: str | None, context: dict[str, Any] | None) -> RenderedMessage:
    if body is None:
        stored = await current_template(uow, la_code, event_type, audience, channel)
        default = rendering.default_template(event_type, audience)
        subject = stored.subject if stored else default.subject if default else ""
        body = stored.body if stored else default.text if default else ""
    return await check_template(own, event_type, channel, subject or "", body,
                                None if context is None else
                                {"recipient_name": None, **context})


async def set_staff_address(uow: UnitOfWork, la_code: str, kind: str, ref: str,
                            email: str) -> StaffAddress:
    address = StaffAddress(kind, rules.stored_ref(kind, ref), email)
    await repository.save_staff_address(uow.connection, la_code, address, uow.clock.now())
    return address


async def delete_staff_address(uow: UnitOfWork, la_code: str, kind: str, ref: str) -> None:
    stored = "" if ref == rules.LA_WIDE else ref
    if not await repository.delete_staff_address(uow.connection, la_code, kind, stored):
        raise NotFound("The address")


async def set_opt_out(uow: UnitOfWork, principal: Principal, case_id: str, address: str,
                      opted_out: bool) -> None:
    case = await planning.case_of(uow.connection, principal.la_code, case_id)
    if case is None or not principal.may_see_case(case.la_code, case_id):
        raise NotFound("The case")
    contacts = await planning.contacts_of(uow.connection, principal.la_code, case_id)
    rules.decide_opt_out_address(address, contacts)
    await repository.set_opt_out(uow.connection, principal.la_code, address, opted_out,
                                 uow.clock.now())


async def reset_route(uow: UnitOfWork, la_code: str, event_type: str, audience: str) -> None:
    await repository.delete_route_override(uow.connection, la_code, event_type, audience)


async def templates(uow: UnitOfWork, la_code: str) -> list[LaTemplate]:
    return await repository.templates_of(uow.connection, la_code)


async def delete_template(uow: UnitOfWork, la_code: str, event_type: str, audience: str,
                          channel: str) -> None:
    await repository.delete_template(uow.connection, la_code, event_type, audience, channel)


async def staff_addresses(uow: UnitOfWork, la_code: str) -> list[StaffAddress]:
    return await repository.staff_addresses(uow.connection, la_code)


@dataclass(frozen=True)
class NotifyAccount:
    """The LA's GOV.UK Notify set-up: its key (set in the settings; only whether it is,
    and the service id it names), whether email goes through Notify, its template ids."""

    api_key_set: bool
    service_id: str | None
    email_via_notify: bool
    templates: list[NotifyTemplate]


async def notify_account(uow: UnitOfWork, own: NotificationsSettings,
                         la_code: str) -> NotifyAccount:
    key = own.notify_key(la_code)
    try:
        service_id = parse_api_key(key)[0] if key else None
    except ValueError:
        service_id = None
    return NotifyAccount(key is not None, service_id, la_code in own.email_via_notify,
                         await notify_templates(uow, la_code))


async def notify_templates(uow: UnitOfWork, la_code: str) -> list[NotifyTemplate]:
    return await repository.notify_templates_of(uow.connection, la_code)


async def set_notify_template(uow: UnitOfWork, la_code: str,
                              template: NotifyTemplate) -> NotifyTemplate:
    rules.decide_notify_template(template.event_type, template.audience, template.channel,
                                 [*routed_event_types(), contracts.DELIVERY_FAILED])
    await repository.save_notify_template(uow.connection, la_code, template, uow.clock.now())
    return template


async def delete_notify_template(uow: UnitOfWork, la_code: str, event_type: str,
                                 audience: str, channel: str) -> None:
    if not await repository.delete_notify_template(uow.connection, la_code, event_type,
                                                   audience, channel):
        raise NotFound(f"A Notify template for {event_type} / {audience} / {channel}")
