"""Routers for moves out (R3.9), transfer reviews (R5), detention (R9.2) and legacy
imports."""

from __future__ import annotations

from fastapi import APIRouter, status

from assessment import repository_lifecycle as repo
from assessment import service_legacy, service_transfers
from assessment.api import IdempotencyKey
from assessment.schemas_transfers import (
    DetentionCreate,
    LegacyImportCreate,
    LegacyImportRead,
    MoveOutCreate,
    StepDone,
    TransferRead,
    TransferReviewCreate,
)
from assessment.tables_lifecycle import transfer
from common.auth import LaStaff
from common.http import IdempotencyKeys, request_fingerprint
from common.web import Runtime

router = APIRouter(prefix="/v1", tags=["transfers"])


async def _transfer_read(runtime: Runtime, transfer_id: str) -> TransferRead:
    async with runtime.unit_of_work() as uow:
        rows = await repo.rows(uow.session, transfer, id=transfer_id)
    return TransferRead.model_validate(dict(rows[0]))


@router.post("/cases/{case_id}/moves-out", response_model=TransferRead,
             status_code=status.HTTP_201_CREATED,
             summary="The family is moving LA: transfer the plan (R3.9)")
async def move_out(case_id: str, body: MoveOutCreate, runtime: Runtime,
                   principal: LaStaff) -> TransferRead:
    async with runtime.unit_of_work() as uow:
        transfer_id = await service_transfers.record_move_out(uow, runtime.deadlines,
                                                              principal, case_id, body)
        await uow.commit()
    return await _transfer_read(runtime, transfer_id)


@router.post("/transfers/{transfer_id}/sent", response_model=TransferRead,
             summary="The plan was sent to the new LA (closes the R3.9 clock)")
async def transfer_sent(transfer_id: str, body: StepDone, runtime: Runtime,
                        principal: LaStaff) -> TransferRead:
    async with runtime.unit_of_work() as uow:
        await service_transfers.complete_transfer(uow, runtime.deadlines, principal,
                                                  transfer_id, body)
        await uow.commit()
    return await _transfer_read(runtime, transfer_id)


@router.post("/cases/{case_id}/transfer-reviews", response_model=TransferRead,
             status_code=status.HTTP_201_CREATED,
             summary="Start a transfer review of a statement or LDA (R5.1-R5.4)")
async def start_transfer_review(case_id: str, body: TransferReviewCreate, runtime: Runtime,
                                principal: LaStaff) -> TransferRead:
    async with runtime.unit_of_work() as uow:
        transfer_id = await service_transfers.start_transfer_review(
            uow, runtime.deadlines, principal, case_id, body)
        await uow.commit()
    return await _transfer_read(runtime, transfer_id)


@router.get("/transfers/{transfer_id}", response_model=TransferRead)
async def read_transfer(transfer_id: str, runtime: Runtime, principal: LaStaff) -> TransferRead:
    async with runtime.unit_of_work() as uow:
        await service_transfers.load_transfer(uow, principal, transfer_id)
    return await _transfer_read(runtime, transfer_id)


@router.post("/cases/{case_id}/detention", status_code=status.HTTP_204_NO_CONTENT,
             summary="A young person is detained (R9.2): send the plan in 5 working days")
async def record_detention(case_id: str, body: DetentionCreate, runtime: Runtime,
                           principal: LaStaff) -> None:
    async with runtime.unit_of_work() as uow:
        await service_transfers.record_detention(uow, runtime.deadlines, principal, case_id,
                                                 body)
        await uow.commit()


@router.post("/cases/{case_id}/detention/plan-sent", status_code=status.HTTP_204_NO_CONTENT)
async def detention_plan_sent(case_id: str, body: StepDone, runtime: Runtime,
                              principal: LaStaff) -> None:
    async with runtime.unit_of_work() as uow:
        await service_transfers.plan_sent_to_establishment(uow, runtime.deadlines, principal,
                                                           case_id, body)
        await uow.commit()


@router.post("/legacy-imports", response_model=LegacyImportRead,
             status_code=status.HTTP_201_CREATED,
             summary="Bulk import existing plans (CSV or JSON), row by row; re-runs skip "
                     "rows already imported")
async def legacy_import(body: LegacyImportCreate, runtime: Runtime, principal: LaStaff,
                        idempotency_key: IdempotencyKey = None) -> LegacyImportRead:
    fingerprint = request_fingerprint(body, "/v1/legacy-imports")
    async with runtime.unit_of_work() as uow:
        keys = IdempotencyKeys(uow, principal, idempotency_key)
        result = await service_legacy.run_import(uow, runtime.deadlines, principal, body)
        if await keys.earlier_result(fingerprint) is None:
            await keys.remember(fingerprint, result.id)
        await uow.commit()
    return result
