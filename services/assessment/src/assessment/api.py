"""Thin routers of the assessment service: parse, call the use case, return a schema."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header, Query, Request, Response, status

from assessment import repository, service
from assessment.domain import rules
from assessment.domain.model import DeadlineKind, RequesterType
from assessment.schemas import (
    CaseCreate,
    CaseRead,
    ContactRead,
    ContactsUpdate,
    DeadlinePage,
    DeadlineRead,
    DecisionCreate,
    HealthNotificationCreate,
    HealthNotificationRead,
    ReferralCreate,
    RequestCreate,
    RequestRead,
)
from common.auth import LA_STAFF, CurrentPrincipal, LaStaff, Principal, require_roles
from common.http import IdempotencyKeys, check_if_match, request_fingerprint, set_etag
from common.problems import not_found
from common.web import Runtime

router = APIRouter(prefix="/v1", tags=["assessment"])
IdempotencyKey = Annotated[str | None, Header(alias="Idempotency-Key")]
Requester = Annotated[Principal, Depends(require_roles(*LA_STAFF, "parent", "young_person"))]
Health = Annotated[Principal, Depends(require_roles("health"))]


async def _case_read(runtime: Runtime, principal: Principal, case_id: str,
                     response: Response | None = None) -> CaseRead:
    async with runtime.unit_of_work() as uow:
        row = await service.load_case(uow, principal, case_id)
        contacts = await repository.contacts_of(uow.session, case_id)
        has_plan = await repository.has_active_plan(uow.session, case_id)
    today = runtime.clock.today()
    year_group, young_person = service.year_group_and_status(row["date_of_birth"], today)
    if response is not None:
        set_etag(response, row["version"])
    return CaseRead(**{k: row[k] for k in CaseRead.model_fields if k in row},
                    year_group=year_group, is_young_person=young_person, has_plan=has_plan,
                    early_education_from=rules.early_education_from(row["date_of_birth"])
                    if has_plan and year_group < 0 else None,
                    contacts=[ContactRead.model_validate(dict(c)) for c in contacts])


@router.post("/cases", response_model=CaseRead, status_code=status.HTTP_201_CREATED,
             summary="Open a case for a child or young person")
async def open_case(body: CaseCreate, runtime: Runtime, principal: LaStaff,
                    idempotency_key: IdempotencyKey = None) -> CaseRead:
    fingerprint = request_fingerprint(body, "/v1/cases")
    async with runtime.unit_of_work() as uow:
        keys = IdempotencyKeys(uow, principal, idempotency_key)
        case_id = await keys.earlier_result(fingerprint)
        if case_id is None:
            case_id = await service.open_case(uow, principal, body)
            await keys.remember(fingerprint, case_id)
            await uow.commit()
    return await _case_read(runtime, principal, case_id)


@router.get("/cases/{case_id}", response_model=CaseRead)
async def read_case(case_id: str, runtime: Runtime, principal: CurrentPrincipal,
                    response: Response) -> CaseRead:
    return await _case_read(runtime, principal, case_id, response)


@router.put("/cases/{case_id}/contacts", response_model=CaseRead,
            summary="Replace the contacts (If-Match the case's ETag; 412 when stale)")
async def change_contacts(case_id: str, body: ContactsUpdate, runtime: Runtime,
                          principal: LaStaff, request: Request, response: Response) -> CaseRead:
    async with runtime.unit_of_work() as uow:
        row = await service.load_case(uow, principal, case_id, for_update=True)
        check_if_match(request, row["version"])
        await service.change_contacts(uow, principal, case_id, body)
        await uow.commit()
    return await _case_read(runtime, principal, case_id, response)


@router.post("/cases/{case_id}/requests", response_model=RequestRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record a request for an EHC needs assessment (R1.1-R1.6)")
async def record_request(case_id: str, body: RequestCreate, runtime: Runtime,
                         principal: Requester,
                         idempotency_key: IdempotencyKey = None) -> RequestRead:
    fingerprint = request_fingerprint(body, f"/v1/cases/{case_id}/requests")
    async with runtime.unit_of_work() as uow:
        keys = IdempotencyKeys(uow, principal, idempotency_key)
        request_id = await keys.earlier_result(fingerprint)
        if request_id is None:
            request = await service.record_request(uow, runtime.deadlines, principal,
                                                   case_id, body)
            await keys.remember(fingerprint, request["id"])
            await uow.commit()
            return RequestRead.model_validate(request)
    return await read_request(request_id, runtime, principal)


@router.get("/requests/{request_id}", response_model=RequestRead)
async def read_request(request_id: str, runtime: Runtime,
                       principal: CurrentPrincipal) -> RequestRead:
    async with runtime.unit_of_work() as uow:
        row = await repository.get_request(uow.session, principal.la_code, request_id)
        if row is not None:
            await service.load_case(uow, principal, row["case_id"])
    if row is None:
        raise not_found(f"Request {request_id}")
    return RequestRead.model_validate(dict(row))


@router.post("/cases/{case_id}/referrals", response_model=RequestRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record a referral that brings the child to the LA's attention (R1.1)")
async def record_referral(case_id: str, body: ReferralCreate, runtime: Runtime,
                          principal: LaStaff,
                          idempotency_key: IdempotencyKey = None) -> RequestRead:
    fingerprint = request_fingerprint(body, f"/v1/cases/{case_id}/referrals")
    async with runtime.unit_of_work() as uow:
        keys = IdempotencyKeys(uow, principal, idempotency_key)
        request_id = await keys.earlier_result(fingerprint)
        if request_id is None:
            request = await service.record_request(
                uow, runtime.deadlines, principal, case_id, body,
                requester=RequesterType.OTHER_REFERRAL, extra={"referral_source": body.source})
            await keys.remember(fingerprint, request["id"])
            await uow.commit()
            return RequestRead.model_validate(request)
    return await read_request(request_id, runtime, principal)


def _notification_read(row: dict[str, Any]) -> HealthNotificationRead:
    return HealthNotificationRead(request_id=row["id"], **{
        k: row[k] for k in HealthNotificationRead.model_fields if k in row})


@router.post("/health-notifications", response_model=HealthNotificationRead,
             status_code=status.HTTP_201_CREATED,
             summary="A health body notifies the LA of an under-5 (R1.15); starts a request")
async def notify_from_health(body: HealthNotificationCreate, runtime: Runtime,
                             principal: Health,
                             idempotency_key: IdempotencyKey = None) -> HealthNotificationRead:
    fingerprint = request_fingerprint(body, "/v1/health-notifications")
    async with runtime.unit_of_work() as uow:
        keys = IdempotencyKeys(uow, principal, idempotency_key)
        request_id = await keys.earlier_result(fingerprint)
        if request_id is None:
            _, request_id = await service.record_health_notification(
                uow, runtime.deadlines, principal, body)
            await keys.remember(fingerprint, request_id)
            await uow.commit()
    return await read_health_notification(request_id, runtime, principal)


@router.get("/health-notifications/{request_id}", response_model=HealthNotificationRead)
async def read_health_notification(request_id: str, runtime: Runtime,
                                   principal: Health) -> HealthNotificationRead:
    """A health body sees only its own organisation's notifications."""
    async with runtime.unit_of_work() as uow:
        row = await repository.get_request(uow.session, principal.la_code, request_id)
    if row is None or not principal.org_code or row["notifier_org_code"] != principal.org_code:
        raise not_found(f"Health notification {request_id}")
    return _notification_read(dict(row))


@router.post("/requests/{request_id}/decision", response_model=RequestRead,
             summary="Decide whether to assess (R1.4); a refusal is appealable (R1.5)")
async def decide(request_id: str, body: DecisionCreate, runtime: Runtime,
                 principal: LaStaff) -> RequestRead:
    async with runtime.unit_of_work() as uow:
        await service.decide_whether_to_assess(uow, runtime.deadlines, principal,
                                               request_id, body)
        await uow.commit()
    return await read_request(request_id, runtime, principal)


@router.get("/deadlines", response_model=DeadlinePage, summary="The work tray")
async def work_tray(runtime: Runtime, principal: LaStaff,
                    caseworker_id: str | None = None, team: str | None = None,
                    case_id: str | None = None,
                    kind: DeadlineKind | None = None,
                    deadline_status: Annotated[
                        str | None, Query(alias="status", pattern="^(open|closed)$")] = "open",
                    overdue: bool | None = None,
                    due_within_days: Annotated[int | None, Query(ge=0, le=3650)] = None,
                    sort: Annotated[str, Query(pattern="^-?due_on$")] = "due_on",
                    limit: Annotated[int, Query(ge=1, le=500)] = 50,
                    offset: Annotated[int, Query(ge=0)] = 0) -> DeadlinePage:
    today = runtime.clock.today()
    async with runtime.unit_of_work() as uow:
        rows, total = await repository.work_tray(
            uow.session, principal.la_code,
            filters={"owner_caseworker_id": caseworker_id, "owner_team": team,
                     "case_id": case_id,
                     "kind": kind.value if kind else None, "status": deadline_status},
            as_of=today, due_within_days=due_within_days, overdue=overdue,
            limit=limit, offset=offset, newest_first=sort.startswith("-"))
    items = [DeadlineRead(**{k: r[k] for k in DeadlineRead.model_fields if k in r},
                          days_left=(r["due_on"] - today).days) for r in rows]
    cap = repository.WORK_TRAY_COUNT_CAP
    return DeadlinePage(items=items, total=min(total, cap), total_is_exact=total <= cap,
                        total_cap=cap, limit=limit, offset=offset)
