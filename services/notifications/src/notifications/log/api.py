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

_CASE = "3f1d2a7e-8b6c-4d5e-9f10-2a3b4c5d6e7f"
_DELIVERY = {
    "id": "8b1e2f3a-4c5d-4e6f-8a7b-9c0d1e2f3a4b", "case_id": _CASE,
    "event_id": "7b2c1e0a-5d4e-4f3a-9b8c-1d2e3f4a5b6c",
    "event_type": "send.mediation.certificate.issued.v1", "audience": "family",
    "channel": "email", "recipient": "ngozi@example.org", "recipient_name": "Ngozi Okafor",
    "subject": "Your mediation certificate MC-2026-0042", "status": "sent", "attempts": 1,
    "last_error": None, "created_at": "2026-03-02T09:05:11Z",
    "sent_at": "2026-03-02T09:05:12Z", "next_attempt_at": None, "endpoint_id": None,
    "replays": 0}
_INBOX_ITEM = {
    "id": "2c4e6a8b-0d1f-4a3c-8e5b-7d9f1a3c5e7b", "case_id": _CASE,
    "event_type": "send.assessment.deadline.approaching.v1",
    "subject": "Deadline in 10 working days for Amara Okafor: decision whether to carry "
               "out an EHC needs assessment (6 weeks), due Monday 16 March 2026",
    "body": "A statutory deadline on case SEN/2026/0042 is coming up.\n...",
    "created_at": "2026-03-02T09:00:05Z", "read": False}
_REPORT = {
    "by_channel": {"email": {"pending": 2, "sending": 0, "retrying": 1, "sent": 140,
                             "failed": 1, "suppressed": 3},
                   "webhook": {"pending": 0, "sending": 0, "retrying": 0, "sent": 37,
                               "failed": 0, "suppressed": 0}},
    "oldest_undelivered_at": "2026-03-02T08:55:00Z", "oldest_undelivered_age_s": 305.0,
    "endpoints": [{"id": "5d0c6a1e-2b7f-4c1a-9e3d-8f6a2b1c0d9e", "org_code": "QWE",
                   "url": "https://integration.example-icb.nhs.uk/sendsys/hook",
                   "status": "active", "disabled_reason": None,
                   "last_success_at": "2026-03-02T09:05:12Z", "last_failure_at": None,
                   "consecutive_failures": 0, "sent": 37, "failed": 0, "undelivered": 0}]}


def _answers(example: object) -> dict[int | str, dict[str, object]]:
    """An example 200 answer for the OpenAPI document."""
    return {200: {"content": {"application/json": {"example": example}}}}


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


@router.get("/deliveries", response_model=DeliveryPage, summary="The delivery log",
            responses=_answers({"items": [_DELIVERY], "total": 1, "limit": 50,
                                "offset": 0}))
async def deliveries(uow: Transaction, principal: LogReader,
                     case_id: str | None = None, channel: str | None = None,
                     status: str | None = None, limit: Limit = 50,
                     offset: Offset = 0) -> DeliveryPage:
    """Every message the service planned for the caller's LA, newest first: to whom (by
    audience, channel, address and name), what it said in its subject, and how it went
    (status, attempts, last error). Filter by case, channel or status. LA staff see
    their LA's log; a parent or young person sees only what was sent about their own
    cases; ops read the counts in the delivery report instead (403 here)."""
    rows, total = await service.delivery_log(
        uow, principal, service.LogQuery(case_id, channel, status), limit, offset)
    return DeliveryPage(items=[DeliveryRead.model_validate(asdict(r)) for r in rows],
                        total=total, limit=limit, offset=offset)


@router.get("/inbox", response_model=InboxPage, summary="My in-app notifications",
            responses=_answers({"items": [_INBOX_ITEM], "total": 1, "unread": 1,
                                "limit": 50, "offset": 0}))
async def inbox(uow: Transaction, principal: LaStaff, unread_only: bool = False,
                limit: Limit = 50, offset: Offset = 0) -> InboxPage:
    """The caller's own in-app notifications (deadline warnings and escalations routed to
    the case system inbox), newest first, with the number still unread."""
    rows, total, unread = await service.inbox(uow, principal, unread_only, limit, offset)
    items = [InboxItemRead(id=r.id, case_id=r.case_id, event_type=r.event_type,
                           subject=r.subject, body=r.body, created_at=r.created_at,
                           read=r.read_at is not None) for r in rows]
    return InboxPage(items=items, total=total, unread=unread, limit=limit, offset=offset)


@router.post("/inbox/{item_id}/read", status_code=204, summary="Mark an inbox item read")
async def mark_read(item_id: str, uow: Transaction, principal: LaStaff) -> None:
    """Mark one of the caller's inbox items read; someone else's item is 404."""
    await service.mark(uow, principal, item_id, True)


@router.post("/inbox/{item_id}/unread", status_code=204, summary="Mark an inbox item unread")
async def mark_unread(item_id: str, uow: Transaction, principal: LaStaff) -> None:
    """Mark one of the caller's inbox items unread again; someone else's item is 404."""
    await service.mark(uow, principal, item_id, False)


@router.get("/reports/deliveries", response_model=DeliveryReport,
            summary="Sent, failed and retrying by channel; oldest undelivered; endpoint health",
            responses=_answers(_REPORT))
async def delivery_report(uow: Transaction, principal: ReportReader) -> DeliveryReport:
    """For the caller's LA: deliveries by channel and state, the age of the oldest one not
    yet delivered, and each partner endpoint's health. Counts and states only, no
    addresses, so ops may read it as well as LA staff."""
    return DeliveryReport.model_validate(asdict(await service.report(uow, principal)))
