"""Routers of requests for an EHC needs assessment, referrals, health notifications and the
decisions on them."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import APIRouter, status
from pydantic import BaseModel

from assessment.cases.service import load_case
from assessment.deps import Health, StaffOrFamily
from assessment.domain.errors import NotFound
from assessment.domain.model import RequesterType
from assessment.domain.records import RequestRecord
from assessment.requests import repository, service
from assessment.requests.schemas import (
    DecisionCreate,
    HealthNotificationCreate,
    HealthNotificationRead,
    NoPlanDecisionCreate,
    ReferralCreate,
    RequestCreate,
    RequestRead,
)
from common.auth import CurrentPrincipal, LaStaff, Principal
from common.db.uow import UnitOfWork
from common.idempotency import IdempotencyKey, create_once
from common.web import Runtime, Transaction

router = APIRouter(prefix="/v1", tags=["requests"])


def request_read(request: RequestRecord) -> RequestRead:
    return RequestRead.model_validate(request, from_attributes=True)


async def _visible_request(uow: UnitOfWork, principal: Principal,
                           request_id: str) -> RequestRecord:
    request = await repository.get_request(uow.connection, principal.la_code, request_id)
    if request is None:
        raise NotFound(f"Request {request_id}")
    await load_case(uow, principal, request.case_id)
    return request


async def _create_once(uow: UnitOfWork, principal: Principal, key: str | None,
                       body: BaseModel, path: str,
                       create: Callable[[], Awaitable[RequestRecord]]) -> RequestRecord:
    """Run `create` once per Idempotency-Key; a repeat returns the request first made."""
    return await create_once(uow, principal, key, body=body, path=path, create=create,
                             id_of=lambda request: request.id,
                             load=lambda request_id: _visible_request(uow, principal, request_id))


@router.post("/cases/{case_id}/requests", response_model=RequestRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record a request for an EHC needs assessment (R1.1-R1.6)")
async def record_request(case_id: str, body: RequestCreate, uow: Transaction, runtime: Runtime,
                         principal: StaffOrFamily,
                         idempotency_key: IdempotencyKey = None) -> RequestRead:
    """Records a request for an EHC needs assessment from the parent, the young person or a
    school or college (R1.1; nobody from the 25th birthday, R1.2). Its clocks start on
    `received_on` (R0.1): the decision whether to assess within 6 weeks (R1.4), the no-plan
    notice within 16 (R1.11) and the final plan within 20 (R1.14). The health commissioning
    body, social care and the setting are named in the event's `notify` (R1.3). If an EHC
    needs assessment ended (final plan issued, or no-plan notice given) in the six months
    before, `repeat_within_six_months` is set with `last_assessment_ended_on` (R1.6). A family
    token may request only for its own case and as itself. `Idempotency-Key` makes a retry
    return the first request."""
    return request_read(await _create_once(
        uow, principal, idempotency_key, body, f"/v1/cases/{case_id}/requests",
        lambda: service.record_request(uow, runtime.deadlines, principal, case_id, body)))


@router.get("/requests/{request_id}", response_model=RequestRead)
async def read_request(request_id: str, uow: Transaction,
                       principal: CurrentPrincipal) -> RequestRead:
    """The request with its statutory due dates, decision and outcome; LA staff of its LA and
    the child's family only."""
    return request_read(await _visible_request(uow, principal, request_id))


@router.post("/cases/{case_id}/referrals", response_model=RequestRead,
             status_code=status.HTTP_201_CREATED,
             summary="Record a referral that brings the child to the LA's attention (R1.1)")
async def record_referral(case_id: str, body: ReferralCreate, uow: Transaction, runtime: Runtime,
                          principal: LaStaff,
                          idempotency_key: IdempotencyKey = None) -> RequestRead:
    """Records that someone who may not request (social care, early years, a youth offending
    team, health, the LA itself) brought the child or young person to the LA's attention
    (R1.1); the LA treats it as a request, with the same clocks (R1.4, R1.11, R1.14)."""
    return request_read(await _create_once(
        uow, principal, idempotency_key, body, f"/v1/cases/{case_id}/referrals",
        lambda: service.record_request(
            uow, runtime.deadlines, principal, case_id, body,
            requester=RequesterType.OTHER_REFERRAL, extra={"referral_source": body.source})))


def _notification_read(request: RequestRecord) -> HealthNotificationRead:
    return HealthNotificationRead(
        request_id=request.id, case_id=request.case_id,
        notifier_org_code=request.notifier_org_code or "", received_on=request.received_on,
        decision_due_on=request.decision_due_on, status=request.status)


@router.post("/health-notifications", response_model=HealthNotificationRead,
             status_code=status.HTTP_201_CREATED,
             summary="A health body notifies the LA of an under-5 (R1.15); starts a request")
async def notify_from_health(body: HealthNotificationCreate, uow: Transaction, runtime: Runtime,
                             principal: Health,
                             idempotency_key: IdempotencyKey = None) -> HealthNotificationRead:
    """A health body (its token carries `org`) tells the LA of a child under compulsory
    school age who has or probably has SEN or a disability, having told the parent first
    (R1.15); the LA treats it as a request for an assessment (R1.1, R1.4's six weeks). The
    child is a kept case only when its NHS number (or UPN, ULN) and date of birth both
    agree; otherwise a new case is opened, marked for a caseworker to reconcile when it may
    be a kept child, so that no other child's family is told."""
    return _notification_read(await create_once(
        uow, principal, idempotency_key, body=body, path="/v1/health-notifications",
        create=lambda: service.record_health_notification(uow, runtime.deadlines, principal,
                                                          body),
        id_of=lambda request: request.id,
        load=lambda request_id: _own_notification(uow, principal, request_id)))


async def _own_notification(uow: UnitOfWork, principal: Principal,
                            request_id: str) -> RequestRecord:
    """A health body sees only its own organisation's notifications."""
    request = await repository.get_request(uow.connection, principal.la_code, request_id)
    if (request is None or not principal.org_code
            or request.notifier_org_code != principal.org_code):
        raise NotFound(f"Health notification {request_id}")
    return request


@router.get("/health-notifications/{request_id}", response_model=HealthNotificationRead)
async def read_health_notification(request_id: str, uow: Transaction,
                                   principal: Health) -> HealthNotificationRead:
    """A health body reads a notification it made (R1.15); another organisation's answers 404."""
    return _notification_read(await _own_notification(uow, principal, request_id))


@router.post("/requests/{request_id}/decision", response_model=RequestRead,
             summary="Decide whether to assess (R1.4); a refusal is appealable (R1.5)")
async def decide(request_id: str, body: DecisionCreate, uow: Transaction, runtime: Runtime,
                 principal: LaStaff) -> RequestRead:
    """Decides whether to assess, once (409 after). `assess` opens the 16-week no-plan and
    20-week final-plan deadlines; `refuse` ends the request and publishes an appealable
    decision (`refuse_assessment`, or `refuse_reassessment` when a plan is kept: R1.5, R6.1).
    The parties told of the request are told of the decision (R1.3, Regs reg 5(2)).
    `decided_on` may not precede the request, `notified_on` (default `decided_on`) may not
    precede the decision nor be in the future (422 naming the field)."""
    request = await service.decide_whether_to_assess(uow, runtime.deadlines, principal,
                                                     request_id, body)
    return request_read(request)


@router.post("/requests/{request_id}/no-plan-decision", response_model=RequestRead,
             summary="Decide not to issue a plan after assessment (R1.11); appealable")
async def decide_no_plan(request_id: str, body: NoPlanDecisionCreate,
                         uow: Transaction, runtime: Runtime,
                         principal: LaStaff) -> RequestRead:
    """After assessing, decides not to issue a plan (R1.11): closes the no-plan and final-plan
    deadlines, publishes `plan.refused` (with whether the notice was within 16 weeks, and the
    commissioning body and setting to tell, Regs reg 10(2)) and an appealable decision
    (`refuse_plan`). The notice date ends the assessment for R1.6. Only an assessment under
    way (409 otherwise); dates as for the decision to assess."""
    request = await service.decide_no_plan(uow, runtime.deadlines, principal, request_id,
                                           body)
    return request_read(request)
