"""Thin routers of the mediation service."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from common.auth import LA_STAFF, Principal, require_roles
from common.problems import not_found
from common.web import Runtime
from mediation import repository
from mediation.schemas import MediationCasePage, MediationCaseRead

router = APIRouter(prefix="/v1", tags=["mediation"])
Reader = Annotated[Principal, Depends(require_roles(*LA_STAFF, "parent", "young_person",
                                                    "mediator"))]


@router.get("/mediation-cases", response_model=MediationCasePage)
async def list_cases(runtime: Runtime, principal: Reader, case_id: str | None = None,
                     limit: Annotated[int, Query(ge=1, le=500)] = 50,
                     offset: Annotated[int, Query(ge=0)] = 0) -> MediationCasePage:
    async with runtime.unit_of_work() as uow:
        rows, total = await repository.page(
            uow.session, principal.la_code, principal.case_ids if principal.is_family else None,
            case_id, limit, offset)
    return MediationCasePage(items=[MediationCaseRead.model_validate(dict(r)) for r in rows],
                             total=total, limit=limit, offset=offset)


@router.get("/mediation-cases/{mediation_case_id}", response_model=MediationCaseRead)
async def read_case(mediation_case_id: str, runtime: Runtime,
                    principal: Reader) -> MediationCaseRead:
    async with runtime.unit_of_work() as uow:
        row = await repository.get(uow.session, principal.la_code, mediation_case_id)
    if row is None or not principal.may_see_case(row["la_code"], row["case_id"]):
        raise not_found(f"Mediation case {mediation_case_id}")
    return MediationCaseRead.model_validate(dict(row))
