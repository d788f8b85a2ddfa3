"""Routers: the delivery log (LA staff; families see what was sent to them), the
caseworker inbox, and reports."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from common.auth import CurrentPrincipal, LaStaff, Principal
from common.problems import Problem, not_found
from common.web import Runtime
from notifications import reports, repository
from notifications.reports import ensure_collector
from notifications.schemas import (
    DeliveryPage,
    DeliveryRead,
    DeliveryReport,
    InboxItemRead,
    InboxPage,
)

router = APIRouter(prefix="/v1", tags=["notifications"],
                   dependencies=[Depends(ensure_collector)])
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]


def _log_conditions(principal: Principal, case_id: str | None, channel: str | None,
                    status: str | None) -> list[Any]:
    if principal.is_family:
        if case_id is not None and case_id not in principal.case_ids:
            raise not_found("The case")
        return repository.log_filter(principal.la_code, case_id=case_id, audience="family",
                                     channel=channel, status=status,
                                     case_ids=sorted(principal.case_ids))
    if not principal.has_any(("la_caseworker", "la_manager", "ops")):
        raise Problem(403, "The delivery log is for LA staff and families", kind="forbidden-role")
    return repository.log_filter(principal.la_code, case_id=case_id, channel=channel,
                                 status=status)


@router.get("/deliveries", response_model=DeliveryPage, summary="The delivery log")
async def deliveries(runtime: Runtime, principal: CurrentPrincipal,
                     case_id: str | None = None, channel: str | None = None,
                     status: str | None = None, limit: Limit = 50,
                     offset: Offset = 0) -> DeliveryPage:
    conditions = _log_conditions(principal, case_id, channel, status)
    async with runtime.unit_of_work() as uow:
        rows, total = await repository.page(uow.session, conditions, limit, offset)
    return DeliveryPage(items=[DeliveryRead.model_validate(dict(r)) for r in rows],
                        total=total, limit=limit, offset=offset)


@router.get("/inbox", response_model=InboxPage, summary="My in-app notifications")
async def inbox(runtime: Runtime, principal: LaStaff, unread_only: bool = False,
                limit: Limit = 50, offset: Offset = 0) -> InboxPage:
    async with runtime.unit_of_work() as uow:
        rows, total = await repository.page(uow.session, repository.inbox_filter(
            principal.la_code, principal.subject, unread_only), limit, offset)
        unread = await repository.count(uow.session, repository.inbox_filter(
            principal.la_code, principal.subject, True))
    items = [InboxItemRead(id=r["id"], case_id=r["case_id"], event_type=r["event_type"],
                           subject=r["subject"], body=r["body"], created_at=r["created_at"],
                           read=r["read_at"] is not None) for r in rows]
    return InboxPage(items=items, total=total, unread=unread, limit=limit, offset=offset)


async def _mark(runtime: Runtime, principal: Principal, item_id: str, read: bool) -> None:
    async with runtime.unit_of_work() as uow:
        row = await repository.get(uow.session, item_id)
        if row is None or row["channel"] != "in_app" or row["la_code"] != principal.la_code \
                or row["recipient"] != principal.subject:
            raise not_found("The inbox item")
        await repository.set_read(uow.session, item_id, uow.clock.now() if read else None)
        await uow.commit()


@router.post("/inbox/{item_id}/read", status_code=204, summary="Mark an inbox item read")
async def mark_read(item_id: str, runtime: Runtime, principal: LaStaff) -> None:
    await _mark(runtime, principal, item_id, True)


@router.post("/inbox/{item_id}/unread", status_code=204, summary="Mark an inbox item unread")
async def mark_unread(item_id: str, runtime: Runtime, principal: LaStaff) -> None:
    await _mark(runtime, principal, item_id, False)


@router.get("/reports/deliveries", response_model=DeliveryReport,
            summary="Sent, failed and retrying by channel; oldest undelivered; endpoint health")
async def delivery_report(runtime: Runtime, principal: LaStaff) -> DeliveryReport:
    async with runtime.unit_of_work() as uow:
        snap = await reports.snapshot(uow.session, principal.la_code, uow.clock.now())
    return DeliveryReport.model_validate(snap)
