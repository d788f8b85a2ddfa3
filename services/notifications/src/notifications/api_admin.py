"""Routers for LA staff: routing overrides, templates (validated, previewed), team and
caseworker addresses; and opt-outs (families for their own contacts, or staff)."""

from __future__ import annotations

import json

from fastapi import APIRouter, Depends, Request, Response

from common.auth import CurrentPrincipal, LaStaff
from common.http import check_if_match, set_etag
from common.problems import Problem, not_found
from common.web import Runtime
from notifications import directory, rendering
from notifications.reports import ensure_collector
from notifications.routing import DEFAULT_ROUTES, effective_routes, routed_event_types
from notifications.schemas import (
    OptOutUpdate,
    RenderedRead,
    RouteRead,
    RouteUpdate,
    StaffAddressRead,
    StaffAddressUpdate,
    StaffKind,
    TemplatePreview,
    TemplateRead,
    TemplateUpdate,
)
from notifications.templates import TemplateRenderError

router = APIRouter(prefix="/v1", tags=["notifications: configuration"],
                   dependencies=[Depends(ensure_collector)])

ALLOWED_CHANNELS = {"caseworker": {"email", "in_app"}, "manager": {"email"},
                    "family": {"email", "sms"}, "partner": {"webhook"}}
LA_WIDE = "-"


@router.get("/routing", response_model=list[RouteRead], summary="The LA's effective routing")
async def routing_table(runtime: Runtime, principal: LaStaff) -> list[RouteRead]:
    async with runtime.unit_of_work() as uow:
        overrides = await directory.route_overrides(uow.session, principal.la_code)
    result = []
    for event_type in routed_event_types():
        mine = {a: o for (t, a), o in overrides.items() if t == event_type}
        for route in effective_routes(event_type, mine):
            result.append(RouteRead(event_type=event_type, audience=route.audience,
                                    channels=list(route.channels), statutory=route.statutory,
                                    enabled=route.enabled, overridden=route.audience in mine))
    return result


@router.put("/routing/{event_type}/{audience}", response_model=RouteRead,
            summary="Override one route for the LA")
async def set_route(event_type: str, audience: str, body: RouteUpdate, runtime: Runtime,
                    principal: LaStaff) -> RouteRead:
    default = DEFAULT_ROUTES.get((event_type, audience))
    if default is None:
        raise not_found(f"A route for {event_type} / {audience}")
    wrong = set(body.channels) - ALLOWED_CHANNELS[audience]
    if wrong:
        raise Problem(422, f"{audience} cannot be reached by {', '.join(sorted(wrong))}",
                      kind="validation-error",
                      errors=[{"field": "body.channels", "message": "channel not allowed"}])
    async with runtime.unit_of_work() as uow:
        await directory.upsert(uow.session, directory.route_override, {
            "la_code": principal.la_code, "event_type": event_type, "audience": audience,
            "channels": json.dumps(list(body.channels)), "enabled": body.enabled,
            "updated_at": uow.clock.now()})
        await uow.commit()
    return RouteRead(event_type=event_type, audience=audience, channels=list(body.channels),
                     statutory=default.statutory, enabled=body.enabled, overridden=True)


@router.delete("/routing/{event_type}/{audience}", status_code=204,
               summary="Back to the default route")
async def reset_route(event_type: str, audience: str, runtime: Runtime,
                      principal: LaStaff) -> None:
    async with runtime.unit_of_work() as uow:
        await directory.delete_route_override(uow.session, principal.la_code, event_type,
                                              audience)
        await uow.commit()


def _template_problem(exc: TemplateRenderError) -> Problem:
    return Problem(422, f"The template does not render: {exc}", kind="template-invalid",
                   errors=[{"field": "body", "message": str(exc)}])


@router.get("/templates", response_model=list[TemplateRead], summary="The LA's own templates")
async def list_templates(runtime: Runtime, principal: LaStaff) -> list[TemplateRead]:
    async with runtime.unit_of_work() as uow:
        rows = await directory.templates_of(uow.session, principal.la_code)
    return [TemplateRead(event_type=r["event_type"], audience=r["audience"],
                         channel=r["channel"], subject=r["subject"], body=r["body"],
                         version=r["version"], source="la") for r in rows]


@router.get("/templates/{event_type}/{audience}/{channel}", response_model=TemplateRead)
async def get_template(event_type: str, audience: str, channel: str, runtime: Runtime,
                       principal: LaStaff, response: Response) -> TemplateRead:
    async with runtime.unit_of_work() as uow:
        row = await directory.template_of(uow.session, principal.la_code, event_type,
                                          audience, channel)
    set_etag(response, row["version"] if row is not None else 0)
    if row is not None:
        return TemplateRead(event_type=event_type, audience=audience, channel=channel,
                            subject=row["subject"], body=row["body"], version=row["version"],
                            source="la")
    default = rendering.default_template(event_type, audience)
    if default is None:
        raise not_found(f"A template for {event_type} / {audience}")
    return TemplateRead(event_type=event_type, audience=audience, channel=channel,
                        subject=default.subject, body=default.text, version=None,
                        source="default")


@router.put("/templates/{event_type}/{audience}/{channel}", response_model=TemplateRead,
            summary="Save the LA's template (it must render with a sample event)")
async def put_template(event_type: str, audience: str, channel: str, body: TemplateUpdate,
                       runtime: Runtime, principal: LaStaff, request: Request,
                       response: Response) -> TemplateRead:
    if (event_type, audience) not in DEFAULT_ROUTES:
        raise not_found(f"A route for {event_type} / {audience}")
    if channel not in ALLOWED_CHANNELS[audience] or channel == "webhook":
        raise Problem(422, f"{audience} messages are not sent by {channel}",
                      kind="validation-error")
    try:
        rendering.validate(event_type, channel, body.subject, body.body)
    except TemplateRenderError as exc:
        raise _template_problem(exc) from exc
    async with runtime.unit_of_work() as uow:
        old = await directory.template_of(uow.session, principal.la_code, event_type,
                                          audience, channel)
        check_if_match(request, old["version"] if old else 0)
        version = (old["version"] + 1) if old else 1
        await directory.upsert(uow.session, directory.template_override, {
            "la_code": principal.la_code, "event_type": event_type, "audience": audience,
            "channel": channel, "subject": body.subject, "body": body.body,
            "version": version, "updated_at": uow.clock.now()})
        await uow.commit()
    set_etag(response, version)
    return TemplateRead(event_type=event_type, audience=audience, channel=channel,
                        subject=body.subject, body=body.body, version=version, source="la")


@router.delete("/templates/{event_type}/{audience}/{channel}", status_code=204)
async def delete_template(event_type: str, audience: str, channel: str, runtime: Runtime,
                          principal: LaStaff) -> None:
    async with runtime.unit_of_work() as uow:
        await directory.delete_template(uow.session, principal.la_code, event_type, audience,
                                        channel)
        await uow.commit()


@router.post("/templates/preview", response_model=RenderedRead,
             summary="Render a template (given, the LA's, or the default) with an event")
async def preview(body: TemplatePreview, runtime: Runtime, principal: LaStaff) -> RenderedRead:
    subject, text = body.subject, body.body
    if text is None:
        current = await get_template(body.event_type, body.audience, body.channel, runtime,
                                     principal, Response())
        subject, text = current.subject, current.body
    try:
        message = rendering.validate(body.event_type, body.channel, subject or "", text,
                                     None if body.context is None else
                                     {"recipient_name": None, **body.context})
    except TemplateRenderError as exc:
        raise _template_problem(exc) from exc
    return RenderedRead(subject=message.subject, text=message.text)


@router.get("/directory", response_model=list[StaffAddressRead],
            summary="Team, manager and caseworker addresses of the LA")
async def staff_directory(runtime: Runtime, principal: LaStaff) -> list[StaffAddressRead]:
    async with runtime.unit_of_work() as uow:
        rows = await directory.staff_addresses(uow.session, principal.la_code)
    return [StaffAddressRead(kind=r["kind"], ref=r["ref"] or LA_WIDE, email=r["email"])
            for r in rows]


@router.put("/directory/{kind}/{ref}", response_model=StaffAddressRead,
            summary="Set an address (ref: team name, caseworker id, or '-' for LA-wide)")
async def set_staff_address(kind: StaffKind, ref: str, body: StaffAddressUpdate,
                            runtime: Runtime, principal: LaStaff) -> StaffAddressRead:
    if kind == "caseworker" and ref == LA_WIDE:
        raise Problem(422, "A caseworker address needs the caseworker id", kind="validation-error")
    async with runtime.unit_of_work() as uow:
        await directory.upsert(uow.session, directory.staff_address, {
            "la_code": principal.la_code, "kind": kind, "ref": "" if ref == LA_WIDE else ref,
            "email": body.email, "updated_at": uow.clock.now()})
        await uow.commit()
    return StaffAddressRead(kind=kind, ref=ref, email=body.email)


@router.delete("/directory/{kind}/{ref}", status_code=204)
async def delete_staff_address(kind: StaffKind, ref: str, runtime: Runtime,
                               principal: LaStaff) -> None:
    async with runtime.unit_of_work() as uow:
        if not await directory.delete_staff_address(
                uow.session, principal.la_code, kind, "" if ref == LA_WIDE else ref):
            raise not_found("The address")
        await uow.commit()


@router.put("/cases/{case_id}/opt-out", status_code=204,
            summary="Opt a contact out of (or back into) messages the law does not require")
async def opt_out(case_id: str, body: OptOutUpdate, runtime: Runtime,
                  principal: CurrentPrincipal) -> None:
    if not (principal.is_family or principal.has_any(("la_caseworker", "la_manager"))):
        raise Problem(403, "Only the family or LA staff may change this", kind="forbidden-role")
    async with runtime.unit_of_work() as uow:
        case = await directory.case_of(uow.session, case_id)
        if case is None or not principal.may_see_case(case["la_code"], case_id):
            raise not_found("The case")
        contacts = await directory.contacts_of(uow.session, case_id)
        known = {(c[k] or "").lower() for c in contacts for k in ("email", "phone")}
        if body.address.lower() not in known:
            raise Problem(422, "The address is not a contact of the case",
                          kind="validation-error")
        await directory.set_opt_out(uow.session, principal.la_code, body.address,
                                    body.opted_out, uow.clock.now())
        await uow.commit()
