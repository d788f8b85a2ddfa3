"""Routers of reviews of a plan and of re-assessment."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, status

from assessment.domain.records import ReviewRecord
from assessment.plans.service import load_plan
from assessment.reviews import repository, rules, service
from assessment.reviews.schemas import (
    AdviceCirculated,
    DueRead,
    ReassessmentCreate,
    ReviewCreate,
    ReviewDecision,
    ReviewRead,
    ReviewReport,
)
from common.auth import CurrentPrincipal, LaStaff
from common.web import Runtime, Transaction

router = APIRouter(prefix="/v1", tags=["reviews"])


def _review_read(found: ReviewRecord) -> ReviewRead:
    return ReviewRead.model_validate(
        asdict(found) | {"advice_circulated_late": rules.circulated_late(found)})


@router.post("/plans/{plan_id}/reviews", response_model=ReviewRead,
             status_code=status.HTTP_201_CREATED,
             summary="Set a review meeting (R3.3: 2 weeks' notice); report and decision "
                     "clocks start (R3.4)")
async def hold_review(plan_id: str, body: ReviewCreate, uow: Transaction, runtime: Runtime,
                      principal: LaStaff) -> ReviewRead:
    """Sets a review meeting of an issued plan. Invitations give at least 2 weeks' notice
    (R3.3, 422 on `meeting_on` otherwise); the advice goes out with them or by a deadline 2
    weeks before the meeting. Opens the report (2 weeks) and decision (4 weeks) deadlines
    (R3.4)."""
    held = await service.hold_review(uow, runtime.deadlines, principal, plan_id, body)
    return _review_read(held)


@router.get("/plans/{plan_id}/reviews", response_model=list[ReviewRead])
async def list_reviews(plan_id: str, uow: Transaction,
                       principal: CurrentPrincipal) -> list[ReviewRead]:
    """Every review of the plan, with its deadlines and whether the advice went out late."""
    await load_plan(uow, principal, plan_id, for_update=False)
    found = await repository.reviews_of_plan(uow.connection, plan_id)
    return [_review_read(r) for r in found]


@router.post("/reviews/{review_id}/advice-circulated", response_model=ReviewRead,
             summary="Record that the review's advice went to every invitee (R3.3); closes "
                     "its deadline, late dates kept and shown as late")
async def record_advice_circulated(review_id: str, body: AdviceCirculated,
                                   uow: Transaction, runtime: Runtime,
                                   principal: LaStaff) -> ReviewRead:
    """Records the day the review's advice and information went to every invitee (R3.3),
    once (409 after); a date after its last day is kept and shown as late."""
    found = await service.record_advice_circulated(uow, runtime.deadlines, principal,
                                                   review_id, body)
    return _review_read(found)


@router.post("/reviews/{review_id}/report", response_model=ReviewRead)
async def record_report(review_id: str, body: ReviewReport, uow: Transaction, runtime: Runtime,
                        principal: LaStaff) -> ReviewRead:
    """Records the review report (due within 2 weeks of the meeting, R3.4), once, on or after
    the meeting; closes its deadline."""
    found = await service.record_report(uow, runtime.deadlines, principal, review_id, body)
    return _review_read(found)


@router.post("/reviews/{review_id}/decision", response_model=ReviewRead,
             summary="Maintain, amend or cease (R3.4); emits review.completed")
async def decide_review(review_id: str, body: ReviewDecision, uow: Transaction, runtime: Runtime,
                        principal: LaStaff) -> ReviewRead:
    """Decides after the meeting (R3.4): `maintain` (appealable as a refusal to amend),
    `amend` (opens the amended plan's deadline, R3.5) or `cease` (on the grounds of R4.1-R4.4,
    appealable). The next review is due within 12 months of the meeting (R3.1). Decided
    once (409 after); not before the meeting (422 on `decided_on`)."""
    found = await service.decide_review(uow, runtime.deadlines, principal, review_id, body)
    return _review_read(found)


@router.post("/plans/{plan_id}/reassessments", response_model=DueRead,
             status_code=status.HTTP_201_CREATED,
             summary="Re-assess: the amended or replacement plan within 14 weeks (R3.8)")
async def start_reassessment(plan_id: str, body: ReassessmentCreate,
                             uow: Transaction, runtime: Runtime,
                             principal: LaStaff) -> DueRead:
    """Starts a re-assessment of an issued plan: the amended or replacement plan is due within
    14 weeks of the notice (R3.8); the deadline opens and is returned."""
    due_on = await service.start_reassessment(uow, runtime.deadlines, principal, plan_id,
                                              body)
    return DueRead(kind="reassessment_plan_due", due_on=due_on)
