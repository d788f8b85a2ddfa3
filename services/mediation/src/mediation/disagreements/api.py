"""Thin routers: disagreement resolution (R6.12)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, status

from common.auth import LaStaff
from mediation.domain.records import DisagreementRecord
from mediation.web import IdempotencyKey, Limit, Offset, Transaction, create_once, read_model

from . import repository, service
from .schemas import DisagreementClose, DisagreementCreate, DisagreementPage, DisagreementRead

router = APIRouter(prefix="/v1", tags=["appeals and reporting"])


@router.post("/disagreement-resolutions", response_model=DisagreementRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record a request for disagreement resolution (R6.12)")
async def request_disagreement_resolution(body: DisagreementCreate, uow: Transaction,
                                          principal: LaStaff,
                                          idempotency_key: IdempotencyKey = None,
                                          ) -> DisagreementRead:
    """Record a request for disagreement resolution, open to every family and young person
    whatever the stage (R6.12)."""
    async def load(row_id: str) -> DisagreementRecord:
        return await service.load(uow, principal, row_id)

    made = await create_once(
        uow, principal, idempotency_key, body=body, path="/v1/disagreement-resolutions",
        create=lambda: service.request_resolution(uow, principal, body),
        id_of=lambda r: r.id, load=load)
    return read_model(DisagreementRead, made)


@router.get("/disagreement-resolutions", response_model=DisagreementPage)
async def list_disagreement_resolutions(
        uow: Transaction, principal: LaStaff, case_id: str | None = None,
        dr_status: Annotated[str | None, Query(alias="status")] = None,
        limit: Limit = 50, offset: Offset = 0) -> DisagreementPage:
    """Disagreement resolution requests of the caller's LA, optionally for one EHC case."""
    rows, total = await repository.page(uow.connection, principal.la_code, case_id, dr_status,
                                        limit, offset)
    return DisagreementPage(items=[read_model(DisagreementRead, r) for r in rows],
                            total=total, limit=limit, offset=offset)


@router.post("/disagreement-resolutions/{row_id}/close", response_model=DisagreementRead)
async def close_disagreement_resolution(row_id: str, body: DisagreementClose,
                                        uow: Transaction,
                                        principal: LaStaff) -> DisagreementRead:
    """Close a disagreement resolution request as resolved, not resolved or withdrawn, with a
    summary."""
    return read_model(DisagreementRead, await service.close_resolution(uow, principal, row_id,
                                                                       body))
