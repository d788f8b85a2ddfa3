"""Routers of advice (staff and health systems) and of exceptions to the time limits."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from assessment.advice import repository, service
from assessment.advice.schemas import (
    AdviceCreate,
    AdviceRequestCreate,
    AdviceRequestPage,
    AdviceRequestRead,
    ExceptionCreate,
    ExceptionRead,
)
from assessment.cases.service import load_case
from assessment.deps import Health, StaffOrHealth
from assessment.domain.errors import NotFound
from assessment.domain.records import AdviceRecord, ExceptionRecord
from assessment.requests import repository as requests
from common.auth import LaStaff
from common.idempotency import IdempotencyKey, create_once
from common.problems import Problem
from common.web import Runtime, Transaction

router = APIRouter(prefix="/v1", tags=["advice"])


def _advice_read(advice: AdviceRecord) -> AdviceRequestRead:
    return AdviceRequestRead.model_validate(advice, from_attributes=True)


def _page(found: list[AdviceRecord]) -> AdviceRequestPage:
    return AdviceRequestPage(items=[_advice_read(a) for a in found], total=len(found))


def _exception_read(recorded: ExceptionRecord) -> ExceptionRead:
    return ExceptionRead.model_validate(recorded, from_attributes=True)


@router.post("/requests/{request_id}/advice-requests", response_model=AdviceRequestRead,
             status_code=status.HTTP_201_CREATED,
             summary="Seek advice of one type (R1.7); due in 6 weeks (R1.8). Health advice "
                     "goes to the ICB as send.assessment.advice.requested.v1")
async def request_advice(request_id: str, body: AdviceRequestCreate,
                         uow: Transaction, runtime: Runtime,
                         principal: LaStaff,
                         idempotency_key: IdempotencyKey = None) -> AdviceRequestRead:
    """Seek one kind of advice for the EHC needs assessment (R1.7). It is due within 6 weeks of
    the request for it (R1.8) and kept as an `advice_due` deadline. Health advice goes
    to the case's ICB unless another recipient is named, and is published as
    send.assessment.advice.requested.v1 for the health system. An Idempotency-Key makes
    a retry return the first answer."""
    return _advice_read(await create_once(
        uow, principal, idempotency_key, body=body,
        path=f"/v1/requests/{request_id}/advice-requests",
        create=lambda: service.request_advice(uow, runtime.deadlines, principal, request_id,
                                              body),
        id_of=lambda advice: advice.id,
        load=lambda advice_id: service.load_advice(uow, principal, advice_id)))


@router.get("/requests/{request_id}/advice-requests", response_model=AdviceRequestPage)
async def list_advice(request_id: str, uow: Transaction, principal: LaStaff) -> AdviceRequestPage:
    """Every advice request of an assessment request, with whether and when each was answered
    (LA staff of the case's LA)."""
    request = await requests.get_request(uow.connection, principal.la_code, request_id)
    if request is None:
        raise NotFound(f"Request {request_id}")
    await load_case(uow, principal, request.case_id)
    return _page(await repository.advice_of_request(uow.connection, request_id))


@router.get("/advice-requests", response_model=AdviceRequestPage,
            summary="A health system's inbox: advice requests sent to its organisation")
async def advice_inbox(uow: Transaction, principal: Health,
                       advice_status: Annotated[str | None, Query(
                           alias="status", pattern="^(requested|received)$")] = None,
                       ) -> AdviceRequestPage:
    """A health system's inbox: the advice requests sent to the organisation its token names
    (`org`), optionally only those still `requested` or already `received`."""
    if not principal.org_code:
        raise Problem(403, "A health token must carry its organisation (org)", kind="no-org")
    return _page(await repository.advice_for_org(uow.connection, principal.la_code,
                                                 principal.org_code, advice_status))


@router.get("/advice-requests/{advice_id}", response_model=AdviceRequestRead)
async def read_advice(advice_id: str, uow: Transaction,
                      principal: StaffOrHealth) -> AdviceRequestRead:
    """One advice request: who was asked, when it is due (6 weeks, R1.8) and the advice given
    back, if any."""
    return _advice_read(await service.load_advice(uow, principal, advice_id))


@router.post("/advice-requests/{advice_id}/advice", response_model=AdviceRequestRead,
             summary="Give the advice back (LA staff, or the health system it was sent to)")
async def submit_advice(advice_id: str, body: AdviceCreate, uow: Transaction, runtime: Runtime,
                        principal: StaffOrHealth) -> AdviceRequestRead:
    """Give the advice back, by LA staff on the author's behalf or by the health system it was
    sent to. Closes the advice deadline; advice after its due date is recorded as late."""
    advice = await service.submit_advice(uow, runtime.deadlines, principal, advice_id, body)
    return _advice_read(advice)


@router.post("/advice-requests/{advice_id}/exceptions", response_model=ExceptionRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record an exception to the 6-week advice limit (R1.10)")
async def advice_exception(advice_id: str, body: ExceptionCreate, uow: Transaction,
                           principal: LaStaff) -> ExceptionRead:
    """Record an exception to the 6-week advice limit (R1.10): exceptional circumstances,
    absence from the area for 4 weeks or more, or a missed appointment. A waiting list
    is no exception. The deadline does not move (R0.5)."""
    recorded = await service.record_exception(uow, principal, body, advice_id=advice_id)
    return _exception_read(recorded)


@router.post("/requests/{request_id}/exceptions", response_model=ExceptionRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record an exception to the 6/16/20-week limits (R1.9); it never moves "
                     "the deadline (R0.5)")
async def request_exception(request_id: str, body: ExceptionCreate, uow: Transaction,
                            principal: LaStaff) -> ExceptionRead:
    """Record an exception to the 6, 16 or 20-week limits (R1.9 (a)-(d)) with its dates and
    evidence. The legal deadline does not move; the exception excuses missing it and is
    counted apart in the timeliness report (R0.5, R13.2)."""
    recorded = await service.record_exception(uow, principal, body, request_id=request_id)
    return _exception_read(recorded)


@router.get("/requests/{request_id}/exceptions", response_model=list[ExceptionRead])
async def list_exceptions(request_id: str, uow: Transaction,
                          principal: LaStaff) -> list[ExceptionRead]:
    """The exceptions recorded against an assessment request (R1.9, R1.10), oldest first."""
    if await requests.get_request(uow.connection, principal.la_code, request_id) is None:
        raise NotFound(f"Request {request_id}")
    found = await repository.exceptions_of_request(uow.connection, request_id)
    return [_exception_read(e) for e in found]
