"""Thin routers of the mediation service: mediation cases and the family's choice."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status
from sqlalchemy import false, or_

from common.auth import LaStaff
from common.db.uow import UnitOfWork
from common.http import set_etag
from common.web import Runtime
from mediation import arranging, repository, service
from mediation.access import load_case
from mediation.api_support import (
    Chooser,
    IdempotencyKey,
    Mediating,
    Reader,
    case_read,
    change_case,
    create_once,
)
from mediation.domain.model import DecisionKind
from mediation.schemas import (
    AssignmentUpdate,
    ChoiceCreate,
    CommissioningBodyTold,
    DeadlineRead,
    InformationCreate,
    MediationCaseCreate,
    MediationCasePage,
    MediationCaseRead,
    NotArrangedReport,
)
from mediation.tables import compliance_step, mediation_case

router = APIRouter(prefix="/v1", tags=["mediation cases"])
Limit = Annotated[int, Query(ge=1, le=500)]
Offset = Annotated[int, Query(ge=0)]


@router.get("/mediation-cases", response_model=MediationCasePage,
            summary="Mediation cases the caller may see")
async def list_cases(runtime: Runtime, principal: Reader, case_id: str | None = None,
                     case_status: Annotated[str | None, Query(alias="status")] = None,
                     decision_kind: DecisionKind | None = None,
                     information_missing: Annotated[bool | None, Query(
                         description="only cases with no R6.2 information record")] = None,
                     limit: Limit = 50, offset: Offset = 0) -> MediationCasePage:
    c = mediation_case.c
    filters = [c.case_id == case_id] if case_id else []
    filters += [c.status == case_status] if case_status else []
    filters += [c.decision_kind == decision_kind.value] if decision_kind else []
    if information_missing is not None:
        filters.append(c.information_sent_on.is_(None) if information_missing
                       else c.information_sent_on.is_not(None))
    if not principal.has_any(("la_caseworker", "la_manager")):
        visible = [c.case_id.in_(sorted(principal.case_ids))] if principal.is_family else []
        if principal.has_any(("mediator",)) and principal.org_code:
            visible.append((c.mediator_org_code == principal.org_code)
                           | (c.adviser_org_code == principal.org_code))
        filters.append(or_(*visible) if visible else false())
    async with runtime.unit_of_work() as uow:
        rows, total = await repository.page_rows(uow.session, mediation_case,
                                                 principal.la_code, filters, limit, offset,
                                                 (c.opened_at, c.id))
    return MediationCasePage(items=[case_read(r) for r in rows], total=total, limit=limit,
                             offset=offset)


@router.post("/mediation-cases", response_model=MediationCaseRead,
             status_code=status.HTTP_201_CREATED,
             summary="Open a mediation case for a decision recorded outside sendsys (R6.1)")
async def open_case(body: MediationCaseCreate, runtime: Runtime, principal: LaStaff,
                    response: Response, idempotency_key: IdempotencyKey = None,
                    ) -> MediationCaseRead:
    async def create(uow: UnitOfWork) -> str:
        return await service.open_by_hand(uow, runtime.deadlines, principal, body)

    new_id = await create_once(runtime, principal, idempotency_key, body,
                               "/v1/mediation-cases", create)
    return await read_case(new_id, runtime, principal, response)


@router.get("/mediation-cases/{mediation_case_id}", response_model=MediationCaseRead,
            summary="One mediation case (ETag for If-Match)")
async def read_case(mediation_case_id: str, runtime: Runtime, principal: Reader,
                    response: Response) -> MediationCaseRead:
    async with runtime.unit_of_work() as uow:
        row = await load_case(uow, principal, mediation_case_id)
    set_etag(response, row["version"])
    return case_read(row)


@router.get("/mediation-cases/{mediation_case_id}/deadlines", response_model=list[DeadlineRead],
            summary="Every clock of the case: open and closed deadline rows")
async def case_deadlines(mediation_case_id: str, runtime: Runtime,
                         principal: Reader) -> list[DeadlineRead]:
    async with runtime.unit_of_work() as uow:
        row = await load_case(uow, principal, mediation_case_id)
        steps = await repository.rows_of_case(uow.session, compliance_step, row["id"])
        rows = await repository.deadlines_of(uow.session, runtime.spec.tables.deadline,
                                             row["case_id"], [row["id"], *(s["id"]
                                                                           for s in steps)])
    return [DeadlineRead.model_validate(dict(r)) for r in rows]


@router.post("/mediation-cases/{mediation_case_id}/information",
             response_model=MediationCaseRead,
             summary="Record that the mediation information was sent (R6.2, R6.12)")
async def record_information(mediation_case_id: str, body: InformationCreate,
                             runtime: Runtime, principal: LaStaff, request: Request,
                             response: Response) -> MediationCaseRead:
    await change_case(runtime, request, principal, mediation_case_id, lambda uow:
                      service.record_information(uow, runtime.deadlines, principal,
                                                 mediation_case_id, body))
    return await read_case(mediation_case_id, runtime, principal, response)


@router.post("/mediation-cases/{mediation_case_id}/choice", response_model=MediationCaseRead,
             summary="The family's choice: mediation or not, issues, section I only "
                     "(R6.3, R6.4, R6.6)")
async def record_choice(mediation_case_id: str, body: ChoiceCreate, runtime: Runtime,
                        principal: Chooser, request: Request,
                        response: Response) -> MediationCaseRead:
    await change_case(runtime, request, principal, mediation_case_id, lambda uow:
                      service.record_choice(uow, runtime.deadlines, principal,
                                            mediation_case_id, body))
    return await read_case(mediation_case_id, runtime, principal, response)


@router.post("/mediation-cases/{mediation_case_id}/commissioning-body-told",
             response_model=MediationCaseRead,
             summary="The ICB was told of the health issues (R6.6, 3 working days)")
async def commissioning_body_told(mediation_case_id: str, body: CommissioningBodyTold,
                                  runtime: Runtime, principal: LaStaff, request: Request,
                                  response: Response) -> MediationCaseRead:
    await change_case(runtime, request, principal, mediation_case_id, lambda uow:
                      service.commissioning_body_told(uow, runtime.deadlines, principal,
                                                      mediation_case_id, body))
    return await read_case(mediation_case_id, runtime, principal, response)


@router.post("/mediation-cases/{mediation_case_id}/not-arranged",
             response_model=MediationCaseRead,
             summary="The adviser is told mediation was not arranged in 30 days (R6.6)")
async def not_arranged(mediation_case_id: str, body: NotArrangedReport, runtime: Runtime,
                       principal: Mediating, request: Request,
                       response: Response) -> MediationCaseRead:
    await change_case(runtime, request, principal, mediation_case_id, lambda uow:
                      service.report_not_arranged(uow, runtime.deadlines, principal,
                                                  mediation_case_id, body))
    return await read_case(mediation_case_id, runtime, principal, response)


@router.put("/mediation-cases/{mediation_case_id}/assignment",
            response_model=MediationCaseRead,
            summary="Assign the independent mediator and mediation adviser (R6.8)")
async def assign(mediation_case_id: str, body: AssignmentUpdate, runtime: Runtime,
                 principal: LaStaff, request: Request, response: Response) -> MediationCaseRead:
    await change_case(runtime, request, principal, mediation_case_id, lambda uow:
                      arranging.assign(uow, runtime.deadlines, principal, mediation_case_id,
                                       body))
    return await read_case(mediation_case_id, runtime, principal, response)

