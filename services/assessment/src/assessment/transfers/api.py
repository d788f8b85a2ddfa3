"""Routers of plans moving: phase transfers and post-16 moves, export to and import from
another LA, moves out, transfer reviews and detention."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from assessment.domain.deadline_names import deadline_label
from assessment.domain.model import DeadlineKind
from assessment.domain.records import TransferRecord
from assessment.plans.api import read_visible
from assessment.plans.schemas import PlanRead
from assessment.reviews.schemas import DueRead
from assessment.transfers import phases, service
from assessment.transfers.schemas import (
    DetentionCreate,
    MoveOutCreate,
    PhasePatternRead,
    PhasePatternSet,
    PhaseTransferCreate,
    PhaseTransferRead,
    PlanExport,
    PlanImport,
    Post16MoveCreate,
    StepDone,
    TransferRead,
    TransferReviewCreate,
)
from common.auth import LaStaff
from common.http import set_etag
from common.idempotency import IdempotencyKey, create_once
from common.web import Runtime, Transaction

router = APIRouter(prefix="/v1", tags=["transfers"])


def _transfer_read(move: TransferRecord) -> TransferRead:
    return TransferRead.model_validate(move, from_attributes=True)


@router.post("/plans/{plan_id}/phase-transfers", response_model=PhaseTransferRead,
             status_code=status.HTTP_201_CREATED,
             summary="Open the next phase transfer's naming deadline (R3.6, year from R2.3)")
async def plan_phase_transfer(plan_id: str, body: PhaseTransferCreate,
                              uow: Transaction, runtime: Runtime,
                              principal: LaStaff) -> PhaseTransferRead:
    """Open the naming deadline of the child's coming phase transfer now (R3.6, reg 18(1)): the
    plan must be reviewed and amended to name the next school or college before 15
    February of the transfer year, or 31 March for secondary to post-16. The deadlines
    also open themselves when a plan is issued, amended, reviewed or imported and by the
    daily sweep for each new cohort; this call, like them, keeps one deadline per
    transfer (`deadline_opened` is false when it was already kept). The route follows
    the body, else the phase pattern recorded on the case, else primary then secondary."""
    found, opened = await service.plan_phase_transfer(uow, runtime.deadlines, principal,
                                                      plan_id, body)
    return PhaseTransferRead(kind=found.kind, transfer_on=found.transfer_on,
                             named_by=found.named_by, deadline_opened=opened,
                             label=deadline_label(DeadlineKind.PHASE_TRANSFER_NAMED_BY))


@router.put("/cases/{case_id}/phase-pattern", response_model=PhasePatternRead,
            summary="Record the phase pattern of the child's schools (R3.6)")
async def record_phase_pattern(case_id: str, body: PhasePatternSet, uow: Transaction,
                               principal: LaStaff) -> PhasePatternRead:
    """Record that the child's schools follow another phase pattern than primary then
    secondary: infant then junior school (`infant_junior`) or first, middle and upper schools
    (`three_tier`). The transfers whose deadlines open themselves (reg 18(1): 15 February, or
    31 March for secondary to post-16, in the transfer year) follow it from then on."""
    await phases.record_pattern(uow, principal, case_id, body.pattern)
    return PhasePatternRead(case_id=case_id, pattern=body.pattern, recorded=True)


@router.get("/cases/{case_id}/phase-pattern", response_model=PhasePatternRead,
            summary="The phase pattern of the child's schools (R3.6)")
async def read_phase_pattern(case_id: str, uow: Transaction,
                             principal: LaStaff) -> PhasePatternRead:
    """The phase pattern recorded on the case, or the default (primary then secondary, with
    `recorded` false) that the coming phase transfer follows."""
    pattern, recorded = await phases.read_pattern(uow, principal, case_id)
    return PhasePatternRead(case_id=case_id, pattern=pattern,  # type: ignore[arg-type]
                            recorded=recorded)


@router.post("/plans/{plan_id}/post16-moves", response_model=DueRead,
             status_code=status.HTTP_201_CREATED,
             responses={201: {"content": {"application/json": {"example": {
                 "kind": "post16_transfer_amend_by", "due_on": "2026-08-10"}}}}},
             summary="A post-16 move at another time: amend 5 months before (R3.7)")
async def plan_post16_move(plan_id: str, body: Post16MoveCreate, uow: Transaction, runtime: Runtime,
                           principal: LaStaff) -> DueRead:
    """A move between post-16 institutions at another time than the usual transfer (R3.7, reg
    18(2)): the plan must be amended at least 5 months before it. Opens the
    `post16_transfer_amend_by` deadline, once per move date, and returns its date."""
    due_on = await service.plan_post16_move(uow, runtime.deadlines, principal, plan_id,
                                            body)
    return DueRead(kind="post16_transfer_amend_by", due_on=due_on)


@router.get("/plans/{plan_id}/export", response_model=PlanExport,
            summary="The portable plan (R2.4, R3.9) for the family's new LA")
async def export_plan(plan_id: str, uow: Transaction, principal: LaStaff) -> PlanExport:
    """The issued plan in a portable form (R2.4, R3.9) for the family's new LA, which imports
    it with POST /v1/plans/import."""
    return await service.export_plan(uow, principal, plan_id)


@router.post("/plans/import", response_model=PlanRead, status_code=status.HTTP_201_CREATED,
             summary="Import an incoming plan (R3.9): 6-week decision, review date set")
async def import_plan(body: PlanImport, uow: Transaction, runtime: Runtime, principal: LaStaff,
                      response: Response, idempotency_key: IdempotencyKey = None) -> PlanRead:
    """Import a plan transferred in from another LA (R3.9, reg 15): the new LA keeps it, must
    tell the family within 6 weeks whether it will assess, and reviews it by the later
    of the old 12-month date and 3 months from the transfer. A person or content this
    service would refuse is a 422 naming the field as sent (plan.person.upn,
    contacts.0.name); nothing is written. Opens the coming phase transfer's deadline
    when the child is within 12 months of one."""
    async def create() -> PlanRead:
        plan_id = await service.import_plan(uow, runtime.deadlines, principal, body)
        return await read_visible(uow, principal, plan_id)

    read = await create_once(uow, principal, idempotency_key, body=body, path="/v1/plans/import",
                             create=create, id_of=lambda plan: plan.id,
                             load=lambda plan_id: read_visible(uow, principal, plan_id))
    set_etag(response, read.version)
    return read


@router.post("/cases/{case_id}/moves-out", response_model=TransferRead,
             status_code=status.HTTP_201_CREATED,
             summary="The family is moving LA: transfer the plan (R3.9)")
async def move_out(case_id: str, body: MoveOutCreate, uow: Transaction, runtime: Runtime,
                   principal: LaStaff) -> TransferRead:
    """The family is moving to another LA (R3.9): the plan is transferred on the day of the
    move, or within 15 working days of learning of it when told later than 15 working
    days before."""
    move = await service.record_move_out(uow, runtime.deadlines, principal, case_id, body)
    return _transfer_read(move)


@router.post("/transfers/{transfer_id}/sent", response_model=TransferRead,
             summary="The plan was sent to the new LA (closes the R3.9 clock)")
async def transfer_sent(transfer_id: str, body: StepDone, uow: Transaction, runtime: Runtime,
                        principal: LaStaff) -> TransferRead:
    """The plan was sent to the new LA: closes the R3.9 clock, marks the plan transferred out
    and stops its review clocks."""
    move = await service.complete_transfer(uow, runtime.deadlines, principal, transfer_id,
                                           body)
    return _transfer_read(move)


@router.post("/cases/{case_id}/transfer-reviews", response_model=TransferRead,
             status_code=status.HTTP_201_CREATED,
             summary="Start a transfer review of a statement or LDA (R5.1-R5.4)")
async def start_transfer_review(case_id: str, body: TransferReviewCreate,
                                uow: Transaction, runtime: Runtime,
                                principal: LaStaff) -> TransferRead:
    """Start a transfer review of a statement of SEN or an LDA (R5.1-R5.4): at least 2 weeks'
    notice; 14 weeks for reviews begun before 1 September 2015, 18 weeks after; an LDA
    transfer is a new request with the 20-week limit. The draft follows with POST
    /v1/plans/{plan_id}/drafts."""
    move = await service.start_transfer_review(uow, runtime.deadlines, principal, case_id,
                                               body)
    return _transfer_read(move)


@router.get("/transfers/{transfer_id}", response_model=TransferRead)
async def read_transfer(transfer_id: str, uow: Transaction, principal: LaStaff) -> TransferRead:
    """One move out or transfer review, with its due date and status."""
    return _transfer_read(await service.load_transfer(uow, principal, transfer_id))


@router.post("/cases/{case_id}/detention", status_code=status.HTTP_204_NO_CONTENT,
             summary="A young person is detained (R9.2): send the plan in 5 working days")
async def record_detention(case_id: str, body: DetentionCreate, uow: Transaction, runtime: Runtime,
                           principal: LaStaff) -> None:
    """A young person aged 18 or under is detained (R9.2): the home LA keeps the plan and sends
    it to the youth offending team and the establishment within 5 working days of
    learning of the detention."""
    await service.record_detention(uow, runtime.deadlines, principal, case_id, body)


@router.post("/cases/{case_id}/detention/plan-sent", status_code=status.HTTP_204_NO_CONTENT)
async def detention_plan_sent(case_id: str, body: StepDone, uow: Transaction, runtime: Runtime,
                              principal: LaStaff) -> None:
    """The plan was sent to the youth offending team and the establishment (R9.2): closes the
    5-working-day clock."""
    await service.plan_sent_to_establishment(uow, runtime.deadlines, principal, case_id,
                                             body)
