"""Routers for LA staff: routing overrides, templates (checked, previewed), team and
caseworker addresses; and opt-outs (families for their own contacts, or staff)."""

from __future__ import annotations

from functools import partial
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request, Response

from common.auth import LA_STAFF, CurrentPrincipal, LaStaff, Principal
from common.http import check_if_match, set_etag
from common.problems import Problem
from common.web import Transaction
from notifications.admin import service
from notifications.admin.rules import LA_WIDE
from notifications.admin.schemas import (
    NotifyAccountRead,
    NotifyTemplateRead,
    NotifyTemplateUpdate,
    OptOutUpdate,
    RenderedRead,
    RouteRead,
    RouteUpdate,
    StaffAddressRead,
    StaffAddressUpdate,
    TemplatePreview,
    TemplateRead,
    TemplateUpdate,
)
from notifications.domain.enums import StaffKind
from notifications.domain.records import LaTemplate, NotifyTemplate
from notifications.log.metrics import ensure_collector
from notifications.planning import rendering
from notifications.planning.routing import routed_event_types
from notifications.state import state_of

NotifyChannel = Literal["email", "sms"]


def _family_or_staff(principal: CurrentPrincipal) -> Principal:
    if not (principal.is_family or principal.has_any(LA_STAFF)):
        raise Problem(403, "Only the family or LA staff may change this", kind="forbidden-role")
    return principal


FamilyOrStaff = Annotated[Principal, Depends(_family_or_staff)]

router = APIRouter(prefix="/v1", tags=["notifications: configuration"],
                   dependencies=[Depends(ensure_collector)])


@router.get("/routing", response_model=list[RouteRead], summary="The LA's effective routing")
async def routing_table(uow: Transaction, principal: LaStaff) -> list[RouteRead]:
    """Who is told about each event and through which channels: the defaults with the
    LA's own overrides (`overridden`). A statutory route ignores opt-outs."""
    table = await service.routing_table(uow, principal.la_code, routed_event_types())
    return [RouteRead(event_type=e.route.event_type, audience=e.route.audience,
                      channels=list(e.route.channels), statutory=e.route.statutory,
                      enabled=e.route.enabled, overridden=e.overridden) for e in table]


@router.put("/routing/{event_type}/{audience}", response_model=RouteRead,
            summary="Override one route for the LA")
async def set_route(event_type: str, audience: str, body: RouteUpdate, uow: Transaction,
                    principal: LaStaff) -> RouteRead:
    """Other channels for one event and audience, or the route switched off, for the
    caller's LA only. An audience takes only its own channels (family: email, SMS;
    caseworker: email, in-app; manager: email; partner: webhook): 422 otherwise; an event
    or audience with no default route: 404."""
    route = await service.set_route(uow, principal.la_code, event_type, audience,
                                    list(body.channels), body.enabled)
    return RouteRead(event_type=event_type, audience=audience, channels=list(route.channels),
                     statutory=route.statutory, enabled=route.enabled, overridden=True)


@router.delete("/routing/{event_type}/{audience}", status_code=204,
               summary="Back to the default route")
async def reset_route(event_type: str, audience: str, uow: Transaction,
                      principal: LaStaff) -> None:
    """Removes the LA's override of the route; the default applies again."""
    await service.reset_route(uow, principal.la_code, event_type, audience)


def _read(template: LaTemplate) -> TemplateRead:
    return TemplateRead(event_type=template.event_type, audience=template.audience,
                        channel=template.channel, subject=template.subject,
                        body=template.body, version=template.version, source="la")


@router.get("/templates", response_model=list[TemplateRead], summary="The LA's own templates")
async def list_templates(uow: Transaction, principal: LaStaff) -> list[TemplateRead]:
    """The templates the LA has written (the defaults are not listed)."""
    return [_read(t) for t in await service.templates(uow, principal.la_code)]


@router.get("/templates/{event_type}/{audience}/{channel}", response_model=TemplateRead)
async def get_template(event_type: str, audience: str, channel: str, uow: Transaction,
                       principal: LaStaff, response: Response) -> TemplateRead:
    """The LA's template for the event, audience and channel, else the default
    (`source`); the ETag carries the version to send back as If-Match when saving."""
    stored = await service.current_template(uow, principal.la_code, event_type, audience,
                                            channel)
    set_etag(response, stored.version if stored is not None else 0)
    if stored is not None:
        return _read(stored)
    default = rendering.default_template(event_type, audience, channel)
    assert default is not None  # current_template raised NotFound otherwise
    return TemplateRead(event_type=event_type, audience=audience, channel=channel,
                        subject=default.subject, body=default.text, version=None,
                        source="default")


@router.put("/templates/{event_type}/{audience}/{channel}", response_model=TemplateRead,
            summary="Save the LA's template (it must render with the sample events)")
async def put_template(event_type: str, audience: str, channel: str, body: TemplateUpdate,
                       uow: Transaction, principal: LaStaff, request: Request,
                       response: Response) -> TemplateRead:
    """Saves the next version after rendering it with every sample of the event (in
    the sandbox, under CPU and size limits): a template that does not render, or an SMS
    longer than 918 characters, is refused (422, rule `notifications.template-renders`).
    If-Match with the version read avoids overwriting someone else's change (412)."""
    saved = await service.save_template(
        uow, state_of(request.app.state.runtime).settings, principal.la_code,
        LaTemplate(event_type, audience, channel, body.subject, body.body, 0),
        partial(check_if_match, request))
    set_etag(response, saved.version)
    return _read(saved)


@router.delete("/templates/{event_type}/{audience}/{channel}", status_code=204)
async def delete_template(event_type: str, audience: str, channel: str, uow: Transaction,
                          principal: LaStaff) -> None:
    """Removes the LA's template; the default applies again."""
    await service.delete_template(uow, principal.la_code, event_type, audience, channel)


@router.post("/templates/preview", response_model=RenderedRead,
             summary="Render a template (given, the LA's, or the default) with an event")
async def preview(body: TemplatePreview, uow: Transaction, principal: LaStaff,
                  request: Request) -> RenderedRead:
    """Renders the given text, else the LA's template, else the default, with the given
    event data (or a sample event). A template that does not render: 422."""
    message = await service.preview(
        uow, state_of(request.app.state.runtime).settings, principal.la_code,
        body.event_type, body.audience, body.channel, body.subject, body.body, body.context)
    return RenderedRead(subject=message.subject, text=message.text)


@router.get("/directory", response_model=list[StaffAddressRead],
            summary="Team, manager and caseworker addresses of the LA")
async def staff_directory(uow: Transaction, principal: LaStaff) -> list[StaffAddressRead]:
    """Addresses set through the API; they come before the settings' fallback
    addresses (SENDSYS_NOTIFICATIONS_LA_TEAM_EMAILS / _LA_MANAGER_EMAILS)."""
    return [StaffAddressRead(kind=a.kind, ref=a.ref or LA_WIDE, email=a.email)
            for a in await service.staff_addresses(uow, principal.la_code)]


@router.put("/directory/{kind}/{ref}", response_model=StaffAddressRead,
            summary="Set an address (ref: team name, caseworker id, or '-' for LA-wide)")
async def set_staff_address(kind: StaffKind, ref: str, body: StaffAddressUpdate,
                            uow: Transaction, principal: LaStaff) -> StaffAddressRead:
    """A team's or manager's address (ref: the team, or `-` for the whole LA), or a
    caseworker's own (ref: the caseworker id; `-` is refused with 422)."""
    await service.set_staff_address(uow, principal.la_code, kind, ref, body.email)
    return StaffAddressRead(kind=kind, ref=ref, email=body.email)


@router.delete("/directory/{kind}/{ref}", status_code=204)
async def delete_staff_address(kind: StaffKind, ref: str, uow: Transaction,
                               principal: LaStaff) -> None:
    """Removes the address (404 when there is none)."""
    await service.delete_staff_address(uow, principal.la_code, kind, ref)


@router.put("/cases/{case_id}/opt-out", status_code=204,
            summary="Opt a contact out of (or back into) messages the law does not require")
async def opt_out(case_id: str, body: OptOutUpdate, uow: Transaction,
                  principal: FamilyOrStaff) -> None:
    """A family member (for their own case) or LA staff opts a contact's address out of
    messages the law does not require; statutory notices are still sent. The address
    must be a contact of the case (422)."""
    await service.set_opt_out(uow, principal, case_id, body.address, body.opted_out)


def _notify_read(template: NotifyTemplate) -> NotifyTemplateRead:
    return NotifyTemplateRead(event_type=template.event_type, audience=template.audience,
                              channel=template.channel,  # type: ignore[arg-type]
                              template_id=template.template_id)


@router.get("/notify", response_model=NotifyAccountRead,
            summary="The LA's GOV.UK Notify set-up")
async def notify_account(uow: Transaction, principal: LaStaff,
                         request: Request) -> NotifyAccountRead:
    """Whether the LA's own Notify API key is set (never the key), the Notify service it
    names, whether email goes through Notify, and the LA's Notify template ids."""
    account = await service.notify_account(uow, state_of(request.app.state.runtime).settings,
                                           principal.la_code)
    return NotifyAccountRead(api_key_set=account.api_key_set, service_id=account.service_id,
                             email_via_notify=account.email_via_notify,
                             templates=[_notify_read(t) for t in account.templates])


@router.get("/notify/templates", response_model=list[NotifyTemplateRead],
            summary="The LA's GOV.UK Notify template ids")
async def notify_templates(uow: Transaction, principal: LaStaff) -> list[NotifyTemplateRead]:
    """The template ids of the LA's own Notify service, per event type, audience and
    channel (`*`: any). A message uses the most specific one: event and audience, then the
    event for anyone, then any event for the audience, then anything on the channel."""
    return [_notify_read(t) for t in await service.notify_templates(uow, principal.la_code)]


@router.put("/notify/templates/{event_type}/{audience}/{channel}",
            response_model=NotifyTemplateRead, summary="Set a GOV.UK Notify template id")
async def set_notify_template(event_type: str, audience: str, channel: NotifyChannel,
                              body: NotifyTemplateUpdate, uow: Transaction,
                              principal: LaStaff) -> NotifyTemplateRead:
    """Which template of the LA's own Notify service sends this event to this audience on
    this channel (`*` for any event or any audience). The template must exist in the LA's
    Notify service: Notify answers "Template not found" for another service's template.
    An SMS template is short and of its own: its ((body)) is the SMS text, never the
    email's."""
    saved = await service.set_notify_template(uow, principal.la_code, NotifyTemplate(
        event_type, audience, channel, str(body.template_id)))
    return _notify_read(saved)


@router.delete("/notify/templates/{event_type}/{audience}/{channel}", status_code=204,
               summary="Remove a GOV.UK Notify template id")
async def delete_notify_template(event_type: str, audience: str, channel: NotifyChannel,
                                 uow: Transaction, principal: LaStaff) -> None:
    """Messages fall back to a less specific template id (or fail, and the LA team is
    told, when there is none)."""
    await service.delete_notify_template(uow, principal.la_code, event_type, audience,
                                         channel)
