"""Thin routers: appeals and Tribunal orders, compliance steps done, disagreement
resolution, and the mediation report."""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import APIRouter, Query, status

from common.auth import LaStaff
from common.db.uow import UnitOfWork
from common.web import Runtime
from mediation import appeals, reports, repository
from mediation.api_support import IdempotencyKey, Reader, create_once
from mediation.schemas_steps import (
    AppealCreate,
    AppealRead,
    ComplianceStepRead,
    DisagreementClose,
    DisagreementCreate,
    DisagreementPage,
    DisagreementRead,
    MediationReport,
    OrderCreate,
    OrderRead,
    StepDone,
)
from mediation.tables import compliance_step, disagreement_resolution, tribunal_order

router = APIRouter(prefix="/v1", tags=["appeals and reporting"])


@router.post("/mediation-cases/{mediation_case_id}/appeals", response_model=AppealRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record an appeal registered with the Tribunal (R6.4, R6.9)")
async def register_appeal(mediation_case_id: str, body: AppealCreate, runtime: Runtime,
                          principal: LaStaff,
                          idempotency_key: IdempotencyKey = None) -> AppealRead:
    async def create(uow: UnitOfWork) -> str:
        return await appeals.register_appeal(uow, runtime.deadlines, principal,
                                             mediation_case_id, body)

    new_id = await create_once(runtime, principal, idempotency_key, body,
                               f"/v1/mediation-cases/{mediation_case_id}/appeals", create)
    return await read_appeal(new_id, runtime, principal)


@router.get("/appeals/{appeal_id}", response_model=AppealRead)
async def read_appeal(appeal_id: str, runtime: Runtime, principal: Reader) -> AppealRead:
    async with runtime.unit_of_work() as uow:
        row, _ = await appeals.load_appeal(uow, principal, appeal_id)
    return AppealRead.model_validate(dict(row))


@router.post("/appeals/{appeal_id}/orders", response_model=OrderRead,
             status_code=status.HTTP_201_CREATED,
             summary="An unopposed appeal or a Tribunal order, with its compliance "
                     "deadlines (R6.11)")
async def record_order(appeal_id: str, body: OrderCreate, runtime: Runtime,
                       principal: LaStaff, idempotency_key: IdempotencyKey = None) -> OrderRead:
    async def create(uow: UnitOfWork) -> str:
        return await appeals.record_order(uow, runtime.deadlines, principal, appeal_id, body)

    order_id = await create_once(runtime, principal, idempotency_key, body,
                                 f"/v1/appeals/{appeal_id}/orders", create)
    async with runtime.unit_of_work() as uow:
        order = await repository.get_row(uow.session, tribunal_order, principal.la_code,
                                         order_id)
        steps = await repository.page_rows(uow.session, compliance_step, principal.la_code,
                                           [compliance_step.c.source_id == order_id], 50, 0,
                                           (compliance_step.c.due_on,))
    assert order is not None
    return OrderRead(id=order["id"], appeal_id=order["appeal_id"], kind=order["kind"],
                     from_on=order["from_on"],
                     steps=[ComplianceStepRead.model_validate(dict(s)) for s in steps[0]])


@router.post("/compliance-steps/{step_id}/done", response_model=ComplianceStepRead,
             summary="An agreed action or order step is done: its deadline closes")
async def step_done(step_id: str, body: StepDone, runtime: Runtime,
                    principal: LaStaff) -> ComplianceStepRead:
    async with runtime.unit_of_work() as uow:
        row = await appeals.step_done(uow, runtime.deadlines, principal, step_id, body)
        await uow.commit()
    return ComplianceStepRead.model_validate(dict(row))


@router.post("/disagreement-resolutions", response_model=DisagreementRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record a request for disagreement resolution (R6.12)")
async def request_disagreement_resolution(body: DisagreementCreate, runtime: Runtime,
                                          principal: LaStaff,
                                          idempotency_key: IdempotencyKey = None,
                                          ) -> DisagreementRead:
    async def create(uow: UnitOfWork) -> str:
        return await appeals.request_disagreement_resolution(uow, principal, body)

    new_id = await create_once(runtime, principal, idempotency_key, body,
                               "/v1/disagreement-resolutions", create)
    return await _disagreement(runtime, principal, new_id)


async def _disagreement(runtime: Runtime, principal: LaStaff, row_id: str) -> DisagreementRead:
    async with runtime.unit_of_work() as uow:
        row = await repository.get_row(uow.session, disagreement_resolution,
                                       principal.la_code, row_id)
    assert row is not None
    return DisagreementRead.model_validate(dict(row))


@router.get("/disagreement-resolutions", response_model=DisagreementPage)
async def list_disagreement_resolutions(
        runtime: Runtime, principal: LaStaff, case_id: str | None = None,
        dr_status: Annotated[str | None, Query(alias="status")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0) -> DisagreementPage:
    c = disagreement_resolution.c
    filters = ([c.case_id == case_id] if case_id else []) + \
        ([c.status == dr_status] if dr_status else [])
    async with runtime.unit_of_work() as uow:
        rows, total = await repository.page_rows(uow.session, disagreement_resolution,
                                                 principal.la_code, filters, limit, offset,
                                                 (c.requested_on, c.id))
    return DisagreementPage(items=[DisagreementRead.model_validate(dict(r)) for r in rows],
                            total=total, limit=limit, offset=offset)


@router.post("/disagreement-resolutions/{row_id}/close", response_model=DisagreementRead)
async def close_disagreement_resolution(row_id: str, body: DisagreementClose,
                                        runtime: Runtime,
                                        principal: LaStaff) -> DisagreementRead:
    async with runtime.unit_of_work() as uow:
        await appeals.close_disagreement_resolution(uow, principal, row_id, body)
        await uow.commit()
    return await _disagreement(runtime, principal, row_id)


@router.get("/reports/mediation", response_model=MediationReport,
            summary="Cases by decision kind, share to mediation, outcomes, certificates on "
                    "time, appeals after mediation")
async def mediation_report(runtime: Runtime, principal: LaStaff,
                           since: Annotated[date | None, Query(alias="from")] = None,
                           until: Annotated[date | None, Query(alias="to")] = None,
                           ) -> MediationReport:
    async with runtime.unit_of_work() as uow:
        return await reports.mediation_report(uow.session, principal.la_code, since, until)
