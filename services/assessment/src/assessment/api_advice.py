"""Routers for advice (staff and health systems), exceptions and the no-plan decision."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from assessment import repository, service_advice
from assessment import repository_lifecycle as repo
from assessment.api import IdempotencyKey, read_request
from assessment.schemas import RequestRead
from assessment.schemas_advice import (
    AdviceCreate,
    AdviceRequestCreate,
    AdviceRequestPage,
    AdviceRequestRead,
    ExceptionCreate,
    ExceptionRead,
    NoPlanDecisionCreate,
)
from assessment.tables_lifecycle import advice_request, timeline_exception
from common.auth import LA_STAFF, LaStaff, Principal, require_roles
from common.http import IdempotencyKeys, request_fingerprint
from common.problems import Problem, not_found
from common.web import Runtime

router = APIRouter(prefix="/v1", tags=["advice"])
StaffOrHealth = Annotated[Principal, Depends(require_roles(*LA_STAFF, "health"))]


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
        if advice_id is None:
            advice_id = await service_advice.request_advice(uow, runtime.deadlines, principal,
                                                            request_id, body)
            await keys.remember(fingerprint, advice_id)
            await uow.commit()
    return await read_advice(advice_id, runtime, principal)


@router.get("/requests/{request_id}/advice-requests", response_model=AdviceRequestPage)
async def list_advice(request_id: str, runtime: Runtime, principal: LaStaff) -> AdviceRequestPage:
    async with runtime.unit_of_work() as uow:
        await service_advice.load_request(uow, principal, request_id)
        rows = await repo.rows(uow.session, advice_request, "requested_on",
                               request_id=request_id)
    return AdviceRequestPage(items=[AdviceRequestRead.model_validate(dict(r)) for r in rows],
                             total=len(rows))


@router.get("/advice-requests", response_model=AdviceRequestPage,
            summary="A health system's inbox: advice requests sent to its organisation")
async def advice_inbox(runtime: Runtime, principal: Annotated[
        Principal, Depends(require_roles("health"))],
        advice_status: Annotated[str | None, Query(alias="status",
                                                   pattern="^(requested|received)$")] = None,
        ) -> AdviceRequestPage:
    if not principal.org_code:
        raise Problem(403, "A health token must carry its organisation (org)", kind="no-org")
    async with runtime.unit_of_work() as uow:
        rows = await repo.advice_for_org(uow.session, principal.la_code, principal.org_code,
                                         advice_status)
    return AdviceRequestPage(items=[AdviceRequestRead.model_validate(dict(r)) for r in rows],
                             total=len(rows))


@router.get("/advice-requests/{advice_id}", response_model=AdviceRequestRead)
async def read_advice(advice_id: str, runtime: Runtime,
                      principal: StaffOrHealth) -> AdviceRequestRead:
    async with runtime.unit_of_work() as uow:
        row = await service_advice.load_advice(uow, principal, advice_id)
    return AdviceRequestRead.model_validate(dict(row))


@router.post("/advice-requests/{advice_id}/advice", response_model=AdviceRequestRead,
             summary="Give the advice back (LA staff, or the health system it was sent to)")
async def submit_advice(advice_id: str, body: AdviceCreate, runtime: Runtime,
                        principal: StaffOrHealth) -> AdviceRequestRead:
    async with runtime.unit_of_work() as uow:
        await service_advice.submit_advice(uow, runtime.deadlines, principal, advice_id, body)
        await uow.commit()
    return await read_advice(advice_id, runtime, principal)


async def _exception_read(runtime: Runtime, exception_id: str) -> ExceptionRead:
    async with runtime.unit_of_work() as uow:
        rows = await repo.rows(uow.session, timeline_exception, id=exception_id)
    return ExceptionRead.model_validate(dict(rows[0]))


@router.post("/advice-requests/{advice_id}/exceptions", response_model=ExceptionRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record an exception to the 6-week advice limit (R1.10)")
async def advice_exception(advice_id: str, body: ExceptionCreate, runtime: Runtime,
                           principal: LaStaff) -> ExceptionRead:
    async with runtime.unit_of_work() as uow:
        exception_id = await service_advice.record_exception(uow, principal, body,
                                                             advice_id=advice_id)
        await uow.commit()
    return await _exception_read(runtime, exception_id)


@router.post("/requests/{request_id}/exceptions", response_model=ExceptionRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record an exception to the 6/16/20-week limits (R1.9); it never moves "
                     "the deadline (R0.5)")
async def request_exception(request_id: str, body: ExceptionCreate, runtime: Runtime,
                            principal: LaStaff) -> ExceptionRead:
    async with runtime.unit_of_work() as uow:
        exception_id = await service_advice.record_exception(uow, principal, body,
                                                             request_id=request_id)
        await uow.commit()
    return await _exception_read(runtime, exception_id)


@router.get("/requests/{request_id}/exceptions", response_model=list[ExceptionRead])
async def list_exceptions(request_id: str, runtime: Runtime,
                          principal: LaStaff) -> list[ExceptionRead]:
    async with runtime.unit_of_work() as uow:
        request = await repository.get_request(uow.session, principal.la_code, request_id)
        if request is None:
            raise not_found(f"Request {request_id}")
        rows = await repo.rows(uow.session, timeline_exception, "created_at",
                               request_id=request_id)
    return [ExceptionRead.model_validate(dict(r)) for r in rows]


@router.post("/requests/{request_id}/no-plan-decision", response_model=RequestRead,
             summary="Decide not to issue a plan after assessment (R1.11); appealable")
async def decide_no_plan(request_id: str, body: NoPlanDecisionCreate, runtime: Runtime,
                         principal: LaStaff) -> RequestRead:
    async with runtime.unit_of_work() as uow:
        await service_advice.decide_no_plan(uow, runtime.deadlines, principal, request_id, body)
        await uow.commit()
    return await read_request(request_id, runtime, principal)
