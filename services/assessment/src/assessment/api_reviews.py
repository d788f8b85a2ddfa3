"""Routers for reviews, phase transfers, post-16 moves, re-assessment and ceasing."""

from __future__ import annotations

from fastapi import APIRouter, status

from assessment import repository_lifecycle as repo
from assessment import service_ceasing, service_reviews
from assessment.domain import rules
from assessment.schemas_reviews import (
    AdviceCirculated,
    AppealLodged,
    AppealOutcome,
    CeaseDecision,
    CeaseDone,
    CeaseProposalCreate,
    CeaseProposalRead,
    DueRead,
    PhaseTransferCreate,
    PhaseTransferRead,
    Post16MoveCreate,
    ReassessmentCreate,
    ReviewCreate,
    ReviewDecision,
    ReviewRead,
    ReviewReport,
)
from assessment.tables_lifecycle import cease_proposal, review
from common.auth import CurrentPrincipal, LaStaff
from common.web import Runtime

router = APIRouter(prefix="/v1", tags=["reviews and ceasing"])


def _review_model(found: repo.Row) -> ReviewRead:
    row = dict(found)
    if row["advice_circulated_on"] is not None and row["meeting_on"] is not None:
        row["advice_circulated_late"] = rules.review_advice_circulated_late(
            row["advice_circulated_on"], row["meeting_on"])
    return ReviewRead.model_validate(row)


async def _review_read(runtime: Runtime, review_id: str) -> ReviewRead:
    async with runtime.unit_of_work() as uow:
        rows = await repo.rows(uow.session, review, id=review_id)
    return _review_model(rows[0])


@router.post("/plans/{plan_id}/reviews", response_model=ReviewRead,
             status_code=status.HTTP_201_CREATED,
             summary="Set a review meeting (R3.3: 2 weeks' notice); report and decision "
                     "clocks start (R3.4)")
async def hold_review(plan_id: str, body: ReviewCreate, runtime: Runtime,
                      principal: LaStaff) -> ReviewRead:
    async with runtime.unit_of_work() as uow:
        review_id = await service_reviews.hold_review(uow, runtime.deadlines, principal,
                                                      plan_id, body)
        await uow.commit()
    return await _review_read(runtime, review_id)


@router.get("/plans/{plan_id}/reviews", response_model=list[ReviewRead])
async def list_reviews(plan_id: str, runtime: Runtime,
                       principal: CurrentPrincipal) -> list[ReviewRead]:
    async with runtime.unit_of_work() as uow:
        await service_reviews.load_plan(uow, principal, plan_id)
        rows = await repo.rows(uow.session, review, "created_at", plan_id=plan_id)
    return [_review_model(r) for r in rows]


@router.post("/reviews/{review_id}/advice-circulated", response_model=ReviewRead,
             summary="Record that the review's advice went to every invitee (R3.3); closes "
                     "its deadline, late dates kept and shown as late")
async def record_advice_circulated(review_id: str, body: AdviceCirculated, runtime: Runtime,
                                   principal: LaStaff) -> ReviewRead:
    async with runtime.unit_of_work() as uow:
        await service_reviews.record_advice_circulated(uow, runtime.deadlines, principal,
                                                       review_id, body)
        await uow.commit()
    return await _review_read(runtime, review_id)


@router.post("/reviews/{review_id}/report", response_model=ReviewRead)
async def record_report(review_id: str, body: ReviewReport, runtime: Runtime,
                        principal: LaStaff) -> ReviewRead:
    async with runtime.unit_of_work() as uow:
        await service_reviews.record_report(uow, runtime.deadlines, principal, review_id, body)
        await uow.commit()
    return await _review_read(runtime, review_id)


@router.post("/reviews/{review_id}/decision", response_model=ReviewRead,
             summary="Maintain, amend or cease (R3.4); emits review.completed")
async def decide_review(review_id: str, body: ReviewDecision, runtime: Runtime,
                        principal: LaStaff) -> ReviewRead:
    async with runtime.unit_of_work() as uow:
        await service_reviews.decide_review(uow, runtime.deadlines, principal, review_id, body)
        await uow.commit()
    return await _review_read(runtime, review_id)


@router.post("/plans/{plan_id}/phase-transfers", response_model=PhaseTransferRead,
             status_code=status.HTTP_201_CREATED,
             summary="Open the next phase transfer's naming deadline (R3.6, year from R2.3)")
async def plan_phase_transfer(plan_id: str, body: PhaseTransferCreate, runtime: Runtime,
                              principal: LaStaff) -> PhaseTransferRead:
    async with runtime.unit_of_work() as uow:
        found = await service_reviews.plan_phase_transfer(uow, runtime.deadlines, principal,
                                                          plan_id, body)
        await uow.commit()
    return PhaseTransferRead(kind=found.kind, transfer_on=found.transfer_on,
                             named_by=found.named_by, deadline_opened=True)


@router.post("/plans/{plan_id}/post16-moves", response_model=DueRead,
             status_code=status.HTTP_201_CREATED,
             summary="A post-16 move at another time: amend 5 months before (R3.7)")
async def plan_post16_move(plan_id: str, body: Post16MoveCreate, runtime: Runtime,
                           principal: LaStaff) -> DueRead:
    async with runtime.unit_of_work() as uow:
        due_on = await service_reviews.plan_post16_move(uow, runtime.deadlines, principal,
                                                        plan_id, body)
        await uow.commit()
    return DueRead(kind="post16_transfer_amend_by", due_on=due_on)


@router.post("/plans/{plan_id}/reassessments", response_model=DueRead,
             status_code=status.HTTP_201_CREATED,
             summary="Re-assess: the amended or replacement plan within 14 weeks (R3.8)")
async def start_reassessment(plan_id: str, body: ReassessmentCreate, runtime: Runtime,
                             principal: LaStaff) -> DueRead:
    async with runtime.unit_of_work() as uow:
        due_on = await service_reviews.start_reassessment(uow, runtime.deadlines, principal,
                                                          plan_id, body)
        await uow.commit()
    return DueRead(kind="reassessment_plan_due", due_on=due_on)


async def _proposal_read(runtime: Runtime, proposal_id: str) -> CeaseProposalRead:
    async with runtime.unit_of_work() as uow:
        rows = await repo.rows(uow.session, cease_proposal, id=proposal_id)
    row = dict(rows[0])
    if row["notified_on"] is not None:
        row["appeal_period_ends_on"] = rules.appeal_period_ends_on(row["notified_on"])
    return CeaseProposalRead.model_validate(row)


@router.post("/plans/{plan_id}/cease-proposals", response_model=CeaseProposalRead,
             status_code=status.HTTP_201_CREATED,
             summary="Propose to cease (R4.1-R4.4) after consulting (R4.5)")
async def propose_cease(plan_id: str, body: CeaseProposalCreate, runtime: Runtime,
                        principal: LaStaff) -> CeaseProposalRead:
    async with runtime.unit_of_work() as uow:
        proposal_id = await service_ceasing.propose(uow, principal, plan_id, body)
        await uow.commit()
    return await _proposal_read(runtime, proposal_id)


@router.post("/cease-proposals/{proposal_id}/decision", response_model=CeaseProposalRead,
             summary="Decide to cease: appealable (cease_plan)")
async def decide_cease(proposal_id: str, body: CeaseDecision, runtime: Runtime,
                       principal: LaStaff) -> CeaseProposalRead:
    async with runtime.unit_of_work() as uow:
        await service_ceasing.decide(uow, principal, proposal_id, body)
        await uow.commit()
    return await _proposal_read(runtime, proposal_id)


@router.post("/cease-proposals/{proposal_id}/appeal", response_model=CeaseProposalRead)
async def appeal_lodged(proposal_id: str, body: AppealLodged, runtime: Runtime,
                        principal: LaStaff) -> CeaseProposalRead:
    async with runtime.unit_of_work() as uow:
        await service_ceasing.appeal_lodged(uow, principal, proposal_id, body)
        await uow.commit()
    return await _proposal_read(runtime, proposal_id)


@router.post("/cease-proposals/{proposal_id}/appeal-outcome", response_model=CeaseProposalRead)
async def appeal_decided(proposal_id: str, body: AppealOutcome, runtime: Runtime,
                         principal: LaStaff) -> CeaseProposalRead:
    async with runtime.unit_of_work() as uow:
        await service_ceasing.appeal_decided(uow, principal, proposal_id, body)
        await uow.commit()
    return await _proposal_read(runtime, proposal_id)


@router.post("/cease-proposals/{proposal_id}/cease", response_model=CeaseProposalRead,
             summary="The plan ceases: never while an appeal is pending, nor before the "
                     "appeal period ends unless the family will not appeal (R4.5)")
async def cease(proposal_id: str, body: CeaseDone, runtime: Runtime,
                principal: LaStaff) -> CeaseProposalRead:
    async with runtime.unit_of_work() as uow:
        await service_ceasing.cease(uow, runtime.deadlines, principal, proposal_id, body)
        await uow.commit()
    return await _proposal_read(runtime, proposal_id)
