"""Use cases of ceasing to maintain a plan (R4.1-R4.5): only on the two grounds, after
consulting, with appeal rights; the plan stays in force while an appeal is pending.
Load, decide, save, emit; nothing here commits."""

from __future__ import annotations

from datetime import date

from assessment import contracts
from assessment.cases import repository as cases
from assessment.cases.service import emit_appealable, new_id, not_future, note, publish
from assessment.ceasing import repository
from assessment.ceasing import rules as cease_rules
from assessment.ceasing.schemas import (
    AppealLodged,
    AppealOutcome,
    CeaseDecision,
    CeasedInsteadRead,
    CeaseDone,
    CeaseInsteadOfTransfer,
    CeaseProposalCreate,
)
from assessment.domain import rules
from assessment.domain.errors import NotFound
from assessment.domain.model import DeadlineKind
from assessment.domain.records import CaseRecord, CeaseProposalRecord, PlanRecord, stored
from assessment.domain.status import CeaseStatus, PlanStatus
from assessment.education import service as education
from assessment.plans import repository as plans
from assessment.plans import rules as plan_rules
from assessment.plans.service import load_plan
from assessment.reviews import repository as reviews
from assessment.transfers import repository as transfers
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.principal import Principal


async def propose(uow: UnitOfWork, principal: Principal, plan_id: str,
                  cmd: CeaseProposalCreate) -> CeaseProposalRecord:
    found, case_row = await load_plan(uow, principal, plan_id)
    plan_rules.check_issued(found, "can be ceased")
    not_future(cmd.consulted_on, uow.clock.today(), "consulted_on")
    spells = await education.spells_of(uow, case_row.la_code, case_row.id)
    cease_rules.check_ground(cmd.ground, cmd.reason, case_row.date_of_birth, cmd.consulted_on,
                             in_education=cease_rules.in_education(
                                 cmd.in_education_or_training, spells, cmd.consulted_on),
                             review_completed=cmd.leaving_review_completed)
    proposal = CeaseProposalRecord(id=new_id(), case_id=found.case_id, plan_id=plan_id,
                                   ground=cmd.ground, detail=cmd.detail,
                                   consulted_on=cmd.consulted_on,
                                   status=CeaseStatus.CONSULTING)
    await repository.add_proposal(uow.connection, stored(proposal))
    await note(uow, case_row, "cease.proposed", cmd.consulted_on,
               {"cease_proposal_id": proposal.id, "ground": cmd.ground})
    return proposal


async def load_proposal(uow: UnitOfWork, principal: Principal,
                        proposal_id: str) -> CeaseProposalRecord:
    found = await repository.get_proposal(uow.connection, principal.la_code, proposal_id)
    if found is None:
        raise NotFound(f"Cease proposal {proposal_id}")
    return found


async def _cease_plan(uow: UnitOfWork, plan_id: str, ground: str) -> None:
    await plans.bump_plan(uow.connection, plan_id, {"status": PlanStatus.CEASING.value,
                                                 "cease_ground": ground})


async def decide(uow: UnitOfWork, principal: Principal, proposal_id: str,
                 cmd: CeaseDecision) -> CeaseProposalRecord:
    """R4.5: decide after consulting; the decision is appealable (R6.1)."""
    proposal = await load_proposal(uow, principal, proposal_id)
    found, case_row = await load_plan(uow, principal, proposal.plan_id)
    notified_on = cmd.notified_on or cmd.decided_on
    spells = await education.spells_of(uow, case_row.la_code, case_row.id)
    decided = cease_rules.decide_to_cease(proposal, cmd.decided_on, notified_on, cmd.ceases_on,
                                          case_row.date_of_birth, spells)
    not_future(notified_on, uow.clock.today(), "notified_on")
    await repository.update_proposal(uow.connection, proposal_id, decided.values())
    await _cease_plan(uow, found.id, proposal.ground)
    await emit_appealable(uow, case_row, proposal_id, "cease_plan", cmd.decided_on, notified_on)
    return decided.applied_to(proposal)


async def cease_after_review(uow: UnitOfWork, found: PlanRecord, case_row: CaseRecord,
                             ground: str, detail: str | None, ceases_on: date | None,
                             decided_on: date, notified_on: date) -> None:
    """R3.4 with R4: a review decides to cease; the same grounds and consultation apply."""
    spells = await education.spells_of(uow, case_row.la_code, case_row.id)
    decided = cease_rules.decide_after_review(ground, decided_on, notified_on, ceases_on,
                                              case_row.date_of_birth, spells)
    proposal_id = new_id()
    await repository.add_proposal(uow.connection, {
        "id": proposal_id, "case_id": case_row.id, "plan_id": found.id, "ground": ground,
        "detail": detail or "decided at review", "consulted_on": decided_on,
        **decided.values()})
    await _cease_plan(uow, found.id, ground)
    await emit_appealable(uow, case_row, proposal_id, "cease_plan", decided_on, notified_on)


async def appeal_lodged(uow: UnitOfWork, principal: Principal, proposal_id: str,
                        cmd: AppealLodged) -> CeaseProposalRecord:
    proposal = await load_proposal(uow, principal, proposal_id)
    lodged = cease_rules.decide_appeal_lodged(proposal, cmd.lodged_on)
    not_future(cmd.lodged_on, uow.clock.today(), "lodged_on")
    await repository.update_proposal(uow.connection, proposal_id, lodged.values())
    return lodged.applied_to(proposal)


async def appeal_decided(uow: UnitOfWork, principal: Principal, proposal_id: str,
                         cmd: AppealOutcome) -> CeaseProposalRecord:
    """An upheld appeal keeps the plan; dismissed or withdrawn lets the cessation proceed."""
    proposal = await load_proposal(uow, principal, proposal_id)
    decided = cease_rules.decide_appeal_outcome(proposal, cmd.outcome)
    await repository.update_proposal(uow.connection, proposal_id, decided.values())
    if decided.status is CeaseStatus.WITHDRAWN:
        await plans.bump_plan(uow.connection, proposal.plan_id, {
            "status": PlanStatus.ISSUED.value, "cease_ground": None})
    return decided.applied_to(proposal)


async def cease(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                proposal_id: str, cmd: CeaseDone) -> CeaseProposalRecord:
    """The plan ceases: never while an appeal is pending, and with no appeal lodged not before
    the appeal period ends unless the family confirmed they will not appeal (R4.5)."""
    ceased_on = cmd.done_on
    proposal = await load_proposal(uow, principal, proposal_id)
    cease_rules.check_decided(proposal, ceased_on)
    found, case_row = await load_plan(uow, principal, proposal.plan_id)
    cease_rules.check_cease_on(proposal, ceased_on)
    not_future(ceased_on, uow.clock.today(), "ceased_on")
    ceased = cease_rules.decide_ceased(proposal, ceased_on,
                                       certificate_issued_on=cmd.certificate_issued_on,
                                       family_will_not_appeal=cmd.family_will_not_appeal)
    await repository.update_proposal(uow.connection, proposal_id, ceased.values())
    await plans.bump_plan(uow.connection, found.id, {
        "status": PlanStatus.CEASED.value, "ceased_on": ceased_on, "next_review_due_on": None})
    refs = [found.id, *(r.id for r in await reviews.reviews_of_plan(uow.connection, found.id))]
    # every clock of a plan that no longer exists, closed only where one is open
    for kind, ref_id in await cases.open_deadlines_of(uow.connection, found.case_id, refs):
        await deadlines.close(uow, case_id=found.case_id, kind=kind, closed_on=ceased_on,
                              ref_id=ref_id)
    await publish(uow, case_row, contracts.PLAN_CEASED, contracts.PlanCeasedV1(
        case_id=found.case_id, plan_id=found.id, ceased_on=ceased_on, ground=proposal.ground),
        ceased_on)
    return ceased.applied_to(proposal)


async def cease_instead_of_transfer(uow: UnitOfWork, deadlines: DeadlineBook,
                                    principal: Principal, transfer_id: str,
                                    cmd: CeaseInsteadOfTransfer) -> CeasedInsteadRead:
    """R5.5: the statement ceases instead of transferring: the transfer review's clock closes,
    its unissued plan is ceased, and the decision is appealable with mediation (refuse_plan)."""
    move = await transfers.get_transfer(uow.connection, principal.la_code, transfer_id)
    if move is None or move.plan_id is None:
        raise NotFound(f"Transfer {transfer_id}")
    found, case_row = await load_plan(uow, principal, move.plan_id)
    notified_on = cmd.notified_on or cmd.decided_on
    decided = cease_rules.decide_cease_instead_of_transfer(
        move.kind, move.started_on, found.status, cmd.decided_on, notified_on)
    not_future(notified_on, uow.clock.today(), "notified_on")
    await plans.bump_plan(uow.connection, found.id, {
        "status": PlanStatus.CEASED.value, "ceased_on": cmd.decided_on,
        "cease_ground": "not_transferred"})
    await transfers.update_transfer(uow.connection, transfer_id, {"completed_on": cmd.decided_on})
    await deadlines.close(uow, case_id=case_row.id, kind=DeadlineKind.TRANSFER_REVIEW_DUE,
                          closed_on=cmd.decided_on, ref_id=found.id)
    await note(uow, case_row, "transfer.ceased_instead", cmd.decided_on,
               {"transfer_id": transfer_id, "reasons": cmd.reasons})
    await emit_appealable(uow, case_row, transfer_id, decided.decision_kind, cmd.decided_on,
                          notified_on)
    return CeasedInsteadRead(transfer_id=transfer_id, plan_id=found.id, case_id=case_row.id,
                             decided_on=cmd.decided_on, notified_on=notified_on,
                             decision_kind=decided.decision_kind,
                             appeal_period_ends_on=rules.appeal_period_ends_on(notified_on))
