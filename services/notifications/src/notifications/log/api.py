"""Routers: the delivery log (LA staff; families see what was sent to them), the
caseworker inbox, and the delivery report (LA staff and ops: counts and states only)."""

from __future__ import annotations

from dataclasses import asdict
from typing import Annotated

from fastapi import APIRouter, Depends, Query

from common.auth import LA_STAFF, CurrentPrincipal, LaStaff, Principal
from common.problems import Problem
from common.web import Transaction
from notifications.log import service
from notifications.log.metrics import ensure_collector
from notifications.log.schemas import (
    DeliveryPage,
    DeliveryRead,
    DeliveryReport,
    InboxItemRead,
    InboxPage,
)

router = APIRouter(prefix="/v1", tags=["notifications"],
                   dependencies=[Depends(ensure_collector)])
Limit = Annotated[int, Query(ge=1, le=500)]
OPS = "ops"


def _log_reader(principal: CurrentPrincipal) -> Principal:
    """LA staff and families; not ops (it reads the counts in the delivery report)."""
    if not (principal.is_family or principal.has_any(LA_STAFF)):
        raise Problem(403, "The delivery log is for LA staff and families; ops reads the "
                      "counts at /v1/reports/deliveries", kind="forbidden-role")
    return principal


def _report_reader(principal: CurrentPrincipal) -> Principal:
    if not principal.has_any((*LA_STAFF, OPS)):
        raise Problem(403, "The delivery report is for LA staff and ops",
                      kind="forbidden-role")
    return principal


LogReader = Annotated[Principal, Depends(_log_reader)]
ReportReader = Annotated[Principal, Depends(_report_reader)]
Offset = Annotated[int, Query(ge=0, le=2**31)]


@router.get("/deliveries", response_model=DeliveryPage, summary="The delivery log")
async def deliveries(uow: Transaction, principal: LogReader,
                     case_id: str | None = None, channel: str | None = None,
                     status: str | None = None, limit: Limit = 50,
                     offset: Offset = 0) -> DeliveryPage:
    rows, total = await service.delivery_log(
        uow, principal, service.LogQuery(case_id, channel, status), limit, offset)
    return DeliveryPage(items=[DeliveryRead.model_validate(asdict(r)) for r in rows],
                        total=total, limit=limit, offset=offset)


@router.get("/inbox", response_model=InboxPage, summary="My in-app notifications")
async def inbox(uow: Transaction, principal: LaStaff, unread_only: bool = False,
                limit: Limit = 50, offset: Offset = 0) -> InboxPage:
    rows, total, unread = await service.inbox(uow, principal, unread_only, limit, offset)
    items = [InboxItemRead(id=r.id, case_id=r.case_id, event_type=r.event_type,
                           subject=r.subject, body=r.body, created_at=r.created_at,
                           read=r.read_at is not None) for r in rows]
    return InboxPage(items=items, total=total, unread=unread, limit=limit, offset=offset)


@router.post("/inbox/{item_id}/read", status_code=204, summary="Mark an inbox item read")
async def mark_read(item_id: str, uow: Transaction, principal: LaStaff) -> None:
    await service.mark(uow, principal, item_id, True)


@router.post("/inbox/{item_id}/unread", status_code=204, summary="Mark an inbox item unread")
async def mark_unread(item_id: str, uow: Transaction, principal: LaStaff) -> None:
    await service.mark(uow, principal, item_id, False)


@router.get("/reports/deliveries", response_model=DeliveryReport,
            summary="Sent, failed and retrying by channel; oldest undelivered; endpoint health")
async def delivery_report(uow: Transaction, principal: ReportReader) -> DeliveryReport:
    return DeliveryReport.model_validate(asdict(await service.report(uow, principal)))
