"""Thin routers: appeals and Tribunal orders, and compliance steps with their deadlines."""

from __future__ import annotations

from fastapi import APIRouter, status

from common.auth import LaStaff
from common.web import Runtime
from mediation.cases.service import load_case
from mediation.domain.records import AppealRecord, OrderRecord, StepRecord
from mediation.web import IdempotencyKey, Reader, Transaction, create_once, read_model

from . import repository, service
from .schemas import (
    AppealCreate,
    AppealRead,
    ComplianceStepRead,
    OrderCreate,
    OrderRead,
    StepDone,
)

router = APIRouter(prefix="/v1", tags=["appeals and reporting"])


@router.post("/mediation-cases/{mediation_case_id}/appeals", response_model=AppealRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record an appeal registered with the Tribunal (R6.4, R6.9)")
async def register_appeal(mediation_case_id: str, body: AppealCreate, uow: Transaction,
                          runtime: Runtime, principal: LaStaff,
                          idempotency_key: IdempotencyKey = None) -> AppealRead:
    """Record that the family registered an appeal with the First-tier Tribunal (R6.4, R6.9);
    whether it was in time follows from the certificate."""
    async def load(appeal_id: str) -> AppealRecord:
        return (await service.load_appeal(uow, principal, appeal_id))[0]

    appeal = await create_once(
        uow, principal, idempotency_key, body=body,
        path=f"/v1/mediation-cases/{mediation_case_id}/appeals",
        create=lambda: service.register_appeal(uow, runtime.deadlines, principal,
                                               mediation_case_id, body),
        id_of=lambda a: a.id, load=load)
    return read_model(AppealRead, appeal)


@router.get("/appeals/{appeal_id}", response_model=AppealRead)
async def read_appeal(appeal_id: str, uow: Transaction, principal: Reader) -> AppealRead:
    """One appeal with its deadline and whether it followed mediation."""
    appeal, _ = await service.load_appeal(uow, principal, appeal_id)
    return read_model(AppealRead, appeal)


def _order_read(order: OrderRecord, steps: list[StepRecord]) -> OrderRead:
    return OrderRead(id=order.id, appeal_id=order.appeal_id, kind=order.kind,
                     from_on=order.from_on,
                     steps=[read_model(ComplianceStepRead, s) for s in steps])


@router.post("/appeals/{appeal_id}/orders", response_model=OrderRead,
             status_code=status.HTTP_201_CREATED,
             summary="An unopposed appeal or a Tribunal order, with its compliance "
                     "deadlines (R6.11)")
async def record_order(appeal_id: str, body: OrderCreate, uow: Transaction, runtime: Runtime,
                       principal: LaStaff, idempotency_key: IdempotencyKey = None) -> OrderRead:
    """Record an unopposed appeal or a Tribunal order; the compliance steps and their deadlines
    follow (R6.11)."""
    async def load(order_id: str) -> tuple[OrderRecord, list[StepRecord]]:
        order = await repository.get_order(uow.connection, principal.la_code, order_id)
        assert order is not None
        return order, await repository.steps_of_order(uow.connection, principal.la_code, order_id)

    order, steps = await create_once(
        uow, principal, idempotency_key, body=body, path=f"/v1/appeals/{appeal_id}/orders",
        create=lambda: service.record_order(uow, runtime.deadlines, principal, appeal_id, body),
        id_of=lambda made: made[0].id, load=load)
    return _order_read(order, steps)


@router.post("/compliance-steps/{step_id}/done", response_model=ComplianceStepRead,
             summary="An agreed action or order step is done: its deadline closes")
async def step_done(step_id: str, body: StepDone, uow: Transaction, runtime: Runtime,
                    principal: LaStaff) -> ComplianceStepRead:
    """Mark an agreed action or an order step as done; its deadline closes and whether it was
    in time is kept."""
    step = await service.step_done(uow, runtime.deadlines, principal, step_id, body)
    return read_model(ComplianceStepRead, step)


@router.get("/mediation-cases/{mediation_case_id}/compliance-steps",
            response_model=list[ComplianceStepRead],
            summary="Agreed actions and Tribunal-order steps with their deadlines")
async def list_steps(mediation_case_id: str, uow: Transaction,
                     principal: Reader) -> list[ComplianceStepRead]:
    """The case's agreed actions and Tribunal-order steps with their deadlines and state."""
    case = await load_case(uow, principal, mediation_case_id)
    return [read_model(ComplianceStepRead, s)
            for s in await repository.steps_of(uow.connection, case.id)]
