"""Routers of ceasing to maintain a plan: the proposal, the decision, an appeal and its
outcome, and the day the plan ceases."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, status

from assessment.ceasing import rules, service
from assessment.ceasing.schemas import (
    AppealLodged,
    AppealOutcome,
    CeaseDecision,
    CeasedInsteadRead,
    CeaseDone,
    CeaseInsteadOfTransfer,
    CeaseProposalCreate,
    CeaseProposalRead,
)
from assessment.domain.records import CeaseProposalRecord
from common.auth import LaStaff
from common.web import Runtime, Transaction

router = APIRouter(prefix="/v1", tags=["ceasing"])


def _proposal_read(proposal: CeaseProposalRecord) -> CeaseProposalRead:
    return CeaseProposalRead.model_validate(
        asdict(proposal) | {"appeal_period_ends_on": rules.appeal_period_ends_on(proposal)})


@router.post("/plans/{plan_id}/cease-proposals", response_model=CeaseProposalRead,
             status_code=status.HTTP_201_CREATED,
             summary="Propose to cease (R4.1-R4.4) after consulting (R4.5)")
async def propose_cease(plan_id: str, body: CeaseProposalCreate, uow: Transaction,
                        principal: LaStaff) -> CeaseProposalRead:
    """Proposes to cease an issued plan after consulting the family and the institution
    (R4.5), on one of the two grounds (R4.1). Never because the young person is 19 or over
    (R4.2); under 18 and out of education, review and amend instead, and 18+ only after a
    review (R4.3, judged from the case's education records when `in_education_or_training`
    is left out); `reached_25` only from the 25th birthday (R4.4)."""
    proposal = await service.propose(uow, principal, plan_id, body)
    return _proposal_read(proposal)


@router.post("/cease-proposals/{proposal_id}/decision", response_model=CeaseProposalRead,
             summary="Decide to cease: appealable (cease_plan)")
async def decide_cease(proposal_id: str, body: CeaseDecision, uow: Transaction,
                       principal: LaStaff) -> CeaseProposalRead:
    """Decides to cease after the consultation; appealable (`cease_plan`, R6.1). `ceases_on`
    may not be before the notice, nor past the latest day the plan may be maintained, which
    follows what the young person is doing (R4.4, Regs reg 46(1))."""
    proposal = await service.decide(uow, principal, proposal_id, body)
    return _proposal_read(proposal)


@router.post("/cease-proposals/{proposal_id}/appeal", response_model=CeaseProposalRead)
async def appeal_lodged(proposal_id: str, body: AppealLodged, uow: Transaction,
                        principal: LaStaff) -> CeaseProposalRead:
    """Records that the family appealed the decision to cease; the plan stays in force until
    the appeal is decided (R4.5)."""
    proposal = await service.appeal_lodged(uow, principal, proposal_id, body)
    return _proposal_read(proposal)


@router.post("/cease-proposals/{proposal_id}/appeal-outcome", response_model=CeaseProposalRead)
async def appeal_decided(proposal_id: str, body: AppealOutcome, uow: Transaction,
                         principal: LaStaff) -> CeaseProposalRead:
    """Records the Tribunal's outcome: `upheld` keeps the plan (the proposal is withdrawn);
    `dismissed` or `withdrawn` lets the cessation go ahead."""
    proposal = await service.appeal_decided(uow, principal, proposal_id, body)
    return _proposal_read(proposal)


@router.post("/cease-proposals/{proposal_id}/cease", response_model=CeaseProposalRead,
             summary="The plan ceases: never while an appeal is pending, nor before the "
                     "appeal period ends unless the family will not appeal (R4.5)")
async def cease(proposal_id: str, body: CeaseDone, uow: Transaction, runtime: Runtime,
                principal: LaStaff) -> CeaseProposalRead:
    """The plan ceases: never while an appeal is pending, and with none lodged not before the
    appeal period ends unless the family confirmed they will not appeal (R4.5, R6.9). Closes
    every open deadline of the plan and publishes `plan.ceased`."""
    proposal = await service.cease(uow, runtime.deadlines, principal, proposal_id, body)
    return _proposal_read(proposal)


@router.post("/transfers/{transfer_id}/cease-instead", response_model=CeasedInsteadRead,
             summary="Cease a statement or LDA instead of transferring it: appealable (R5.5)")
async def cease_instead_of_transfer(transfer_id: str, body: CeaseInsteadOfTransfer,
                                    uow: Transaction, runtime: Runtime,
                                    principal: LaStaff) -> CeasedInsteadRead:
    """Ends a transfer review of a statement (or LDA) without a plan: the review's deadline
    closes, its unissued plan is marked ceased, a timeline entry keeps the reasons, and the
    decision is published as appealable (`refuse_plan`), so the family get mediation and
    appeal rights (R5.5, R6.1, R6.2). Refused with 409 once the plan is issued or for a
    move out; `decided_on` may not precede the review's start (422, R5.5)."""
    return await service.cease_instead_of_transfer(uow, runtime.deadlines, principal,
                                                   transfer_id, body)
