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
from assessment.deps import Health, IdempotencyKey, StaffOrHealth
from assessment.domain.records import AdviceRecord, ExceptionRecord
from assessment.requests import repository as requests
from common.auth import LaStaff
from common.http import IdempotencyKeys, request_fingerprint
from common.problems import Problem, not_found
from common.web import Runtime

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
async def request_advice(request_id: str, body: AdviceRequestCreate, runtime: Runtime,
                         principal: LaStaff,
                         idempotency_key: IdempotencyKey = None) -> AdviceRequestRead:
    fingerprint = request_fingerprint(body, f"/v1/requests/{request_id}/advice-requests")
    async with runtime.unit_of_work() as uow:
        keys = IdempotencyKeys(uow, principal, idempotency_key)
        advice_id = await keys.earlier_result(fingerprint)
        if advice_id is not None:
            return _advice_read(await service.load_advice(uow, principal, advice_id))
        advice = await service.request_advice(uow, runtime.deadlines, principal, request_id,
                                              body)
        await keys.remember(fingerprint, advice.id)
        await uow.commit()
    return _advice_read(advice)


@router.get("/requests/{request_id}/advice-requests", response_model=AdviceRequestPage)
async def list_advice(request_id: str, runtime: Runtime, principal: LaStaff) -> AdviceRequestPage:
    async with runtime.unit_of_work() as uow:
        request = await requests.get_request(uow.session, principal.la_code, request_id)
        if request is None:
            raise not_found(f"Request {request_id}")
        await load_case(uow, principal, request.case_id)
        return _page(await repository.advice_of_request(uow.session, request_id))


@router.get("/advice-requests", response_model=AdviceRequestPage,
            summary="A health system's inbox: advice requests sent to its organisation")
async def advice_inbox(runtime: Runtime, principal: Health,
                       advice_status: Annotated[str | None, Query(
                           alias="status", pattern="^(requested|received)$")] = None,
                       ) -> AdviceRequestPage:
    if not principal.org_code:
        raise Problem(403, "A health token must carry its organisation (org)", kind="no-org")
    async with runtime.unit_of_work() as uow:
        return _page(await repository.advice_for_org(uow.session, principal.la_code,
                                                     principal.org_code, advice_status))


@router.get("/advice-requests/{advice_id}", response_model=AdviceRequestRead)
async def read_advice(advice_id: str, runtime: Runtime,
                      principal: StaffOrHealth) -> AdviceRequestRead:
    async with runtime.unit_of_work() as uow:
        return _advice_read(await service.load_advice(uow, principal, advice_id))


@router.post("/advice-requests/{advice_id}/advice", response_model=AdviceRequestRead,
             summary="Give the advice back (LA staff, or the health system it was sent to)")
async def submit_advice(advice_id: str, body: AdviceCreate, runtime: Runtime,
                        principal: StaffOrHealth) -> AdviceRequestRead:
    async with runtime.unit_of_work() as uow:
        advice = await service.submit_advice(uow, runtime.deadlines, principal, advice_id, body)
        await uow.commit()
    return _advice_read(advice)


@router.post("/advice-requests/{advice_id}/exceptions", response_model=ExceptionRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record an exception to the 6-week advice limit (R1.10)")
async def advice_exception(advice_id: str, body: ExceptionCreate, runtime: Runtime,
                           principal: LaStaff) -> ExceptionRead:
    async with runtime.unit_of_work() as uow:
        recorded = await service.record_exception(uow, principal, body, advice_id=advice_id)
        await uow.commit()
    return _exception_read(recorded)


@router.post("/requests/{request_id}/exceptions", response_model=ExceptionRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record an exception to the 6/16/20-week limits (R1.9); it never moves "
                     "the deadline (R0.5)")
async def request_exception(request_id: str, body: ExceptionCreate, runtime: Runtime,
                            principal: LaStaff) -> ExceptionRead:
    async with runtime.unit_of_work() as uow:
        recorded = await service.record_exception(uow, principal, body, request_id=request_id)
        await uow.commit()
    return _exception_read(recorded)


@router.get("/requests/{request_id}/exceptions", response_model=list[ExceptionRead])
async def list_exceptions(request_id: str, runtime: Runtime,
                          principal: LaStaff) -> list[ExceptionRead]:
    async with runtime.unit_of_work() as uow:
        if await requests.get_request(uow.session, principal.la_code, request_id) is None:
            raise not_found(f"Request {request_id}")
        found = await repository.exceptions_of_request(uow.session, request_id)
    return [_exception_read(e) for e in found]
