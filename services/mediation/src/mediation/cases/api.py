"""Thin routers of mediation cases and the steps before mediation (R6.1-R6.4, R6.6)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from common.auth import LaStaff, Principal
from common.db.uow import UnitOfWork
from common.http import check_if_match, set_etag
from common.web import Runtime
from mediation.domain.enums import DecisionKind
from mediation.domain.records import CaseRecord
from mediation.web import (
    Chooser,
    IdempotencyKey,
    Limit,
    Mediating,
    Offset,
    Reader,
    Transaction,
    create_once,
    read_model,
)

from . import repository, rules, service
from .schemas import (
    ChoiceCreate,
    CommissioningBody,
    CommissioningBodyTold,
    DeadlineRead,
    InformationCreate,
    MediationCaseCreate,
    MediationCasePage,
    MediationCaseRead,
    NotArrangedReport,
)

router = APIRouter(prefix="/v1", tags=["mediation cases"])


def case_read(case: CaseRecord, response: Response | None = None) -> MediationCaseRead:
    """The case as the client sees it (with its ETag on `response`)."""
    if response is not None:
        set_etag(response, case.version)
    body = (CommissioningBody(org_code=case.commissioning_body_org_code,
                              name=case.commissioning_body_name or "")
            if case.commissioning_body_org_code else None)
    fields = {k: getattr(case, k) for k in MediationCaseRead.model_fields if hasattr(case, k)}
    fields.pop("commissioning_body", None)
    return MediationCaseRead(**fields, information_missing=case.information_sent_on is None,
                             certificate_needed=rules.certificate_needed(case.model()),
                             commissioning_body=body)


async def case_for_change(uow: UnitOfWork, request: Request, principal: Principal,
                          mediation_case_id: str) -> CaseRecord:
    """The case to change: not found unless visible; 412 when If-Match is stale."""
    case = await service.load_case(uow, principal, mediation_case_id)
    check_if_match(request, case.version)
    return case


@router.get("/mediation-cases", response_model=MediationCasePage,
            summary="Mediation cases the caller may see")
async def list_cases(uow: Transaction, principal: Reader, case_id: str | None = None,
                     case_status: Annotated[str | None, Query(alias="status")] = None,
                     decision_kind: DecisionKind | None = None,
                     information_missing: Annotated[bool | None, Query(
                         description="only cases with no R6.2 information record")] = None,
                     limit: Limit = 50, offset: Offset = 0) -> MediationCasePage:
    """Mediation cases the caller may see: LA staff see their LA's, a family only
    its own cases. Filter by `case_id` to find the mediation case of one EHC case."""
    query = repository.CaseQuery(case_id, case_status,
                                 decision_kind.value if decision_kind else None,
                                 information_missing)
    rows, total = await repository.page(uow.connection, principal, query, limit, offset)
    return MediationCasePage(items=[case_read(r) for r in rows], total=total, limit=limit,
                             offset=offset)


@router.post("/mediation-cases", response_model=MediationCaseRead,
             status_code=status.HTTP_201_CREATED,
             summary="Open a mediation case for a decision recorded outside sendsys (R6.1)")
async def open_case(body: MediationCaseCreate, uow: Transaction, principal: LaStaff,
                    response: Response, runtime: Runtime,
                    idempotency_key: IdempotencyKey = None) -> MediationCaseRead:
    """Open a mediation case by hand for an appealable decision recorded outside sendsys
    (R6.1); decisions made in sendsys open theirs from the assessment service's events. The
    adviser must be contacted by `contact_adviser_by`. LA staff only."""
    case = await create_once(
        uow, principal, idempotency_key, body=body, path="/v1/mediation-cases",
        create=lambda: service.open_by_hand(uow, runtime.deadlines, principal, body),
        id_of=lambda c: c.id,
        load=lambda found: service.load_case(uow, principal, found))
    return case_read(case, response)


@router.get("/mediation-cases/{mediation_case_id}", response_model=MediationCaseRead,
            summary="One mediation case (ETag for If-Match)")
async def read_case(mediation_case_id: str, uow: Transaction, principal: Reader,
                    response: Response) -> MediationCaseRead:
    """One mediation case with every step so far. The `ETag` header carries its version: send
    it back as `If-Match` when you change the case."""
    return case_read(await service.load_case(uow, principal, mediation_case_id), response)


@router.get("/mediation-cases/{mediation_case_id}/deadlines", response_model=list[DeadlineRead],
            summary="Every clock of the case: open and closed deadline rows")
async def case_deadlines(mediation_case_id: str, uow: Transaction, runtime: Runtime,
                         principal: Reader) -> list[DeadlineRead]:
    """Every statutory clock of the case (adviser contact, certificate, arranging, the ICB's
    notice, appeal), open and closed, with its due date."""
    case = await service.load_case(uow, principal, mediation_case_id)
    rows = await service.deadlines_of(uow, runtime.deadlines, case)
    return [read_model(DeadlineRead, r) for r in rows]


@router.post("/mediation-cases/{mediation_case_id}/information",
             response_model=MediationCaseRead,
             summary="Record that the mediation information was sent (R6.2, R6.12)")
async def record_information(mediation_case_id: str, body: InformationCreate,
                             uow: Transaction, runtime: Runtime, principal: LaStaff,
                             request: Request, response: Response) -> MediationCaseRead:
    """Record that the family was sent the mediation information with the decision notice
    (R6.2) and the disagreement resolution offer (R6.12). When `items` is given, each
    required item is checked. Honours `If-Match`."""
    case = await case_for_change(uow, request, principal, mediation_case_id)
    return case_read(await service.record_information(uow, runtime.deadlines, principal, case,
                                                      body), response)


@router.post("/mediation-cases/{mediation_case_id}/choice", response_model=MediationCaseRead,
             summary="The family's choice: mediation or not, issues, section I only "
                     "(R6.3, R6.4, R6.6)")
async def record_choice(mediation_case_id: str, body: ChoiceCreate, uow: Transaction,
                        runtime: Runtime, principal: Chooser, request: Request,
                        response: Response) -> MediationCaseRead:
    """Record what the family told the mediation adviser: mediation wanted or declined, the
    issues (education, health, social care), and whether the appeal is about section I only
    (no certificate needed, R6.4). Health issues start the 3-working-day clock to tell the
    ICB (R6.6). Honours `If-Match`."""
    case = await case_for_change(uow, request, principal, mediation_case_id)
    return case_read(await service.record_choice(uow, runtime.deadlines, principal, case,
                                                 body), response)


@router.post("/mediation-cases/{mediation_case_id}/commissioning-body-told",
             response_model=MediationCaseRead,
             summary="The ICB was told of the health issues (R6.6, 3 working days)")
async def commissioning_body_told(mediation_case_id: str, body: CommissioningBodyTold,
                                  uow: Transaction, runtime: Runtime, principal: LaStaff,
                                  request: Request, response: Response) -> MediationCaseRead:
    """Record that the commissioning body (ICB) was told of the health issues and whether it
    joined the mediation (R6.6). Honours `If-Match`."""
    case = await case_for_change(uow, request, principal, mediation_case_id)
    return case_read(await service.commissioning_body_told(uow, runtime.deadlines, principal,
                                                           case, body), response)


@router.post("/mediation-cases/{mediation_case_id}/not-arranged",
             response_model=MediationCaseRead,
             summary="The adviser is told mediation was not arranged in 30 days (R6.6)")
async def not_arranged(mediation_case_id: str, body: NotArrangedReport, uow: Transaction,
                       runtime: Runtime, principal: Mediating, request: Request,
                       response: Response) -> MediationCaseRead:
    """Record that the mediation adviser was told mediation could not be arranged within 30
    days (R6.6); the certificate is then due within 3 working days. Honours `If-Match`."""
    case = await case_for_change(uow, request, principal, mediation_case_id)
    return case_read(await service.report_not_arranged(uow, runtime.deadlines, principal,
                                                       case, body), response)
