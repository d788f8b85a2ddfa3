"""Use cases of plans moving: to the next phase of education or post-16 institution (R3.6,
R3.7), to or from another LA (R2.4, R3.9), transfer reviews from statements and LDAs
(R5.1-R5.4) and detained young people (R9.2). Nothing here commits."""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from typing import Any

from pydantic import ValidationError

from assessment import contracts
from assessment.cases import repository as cases
from assessment.cases.schemas import CaseCreate
from assessment.cases.service import (
    conflict,
    load_case,
    new_id,
    not_before,
    not_future,
    note,
    open_case,
    owner,
    publish,
)
from assessment.domain import rules
from assessment.domain.errors import InvalidIdentifier, NotFound, RuleViolation
from assessment.domain.model import DeadlineKind, PhaseTransfer
from assessment.domain.records import CaseRecord, TransferRecord, stored
from assessment.domain.status import (
    PlanOrigin,
    PlanStatus,
    TransferKind,
    TransferStatus,
    VersionReason,
    VersionStage,
)
from assessment.plans import repository as plans
from assessment.plans import rules as plan_rules
from assessment.plans.service import load_plan, schedule_review
from assessment.reviews import repository as reviews
from assessment.reviews.service import open_clock
from assessment.transfers import phases, repository
from assessment.transfers import rules as transfer_rules
from assessment.transfers.schemas import (
    DetentionCreate,
    ExportedPerson,
    ExportedVersion,
    MoveOutCreate,
    PhaseTransferCreate,
    PlanExport,
    PlanImport,
    Post16MoveCreate,
    StepDone,
    TransferReviewCreate,
)
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.errors import InvalidField
from common.principal import Principal

PERSON_FIELDS = ("given_name", "family_name", "date_of_birth", "upn", "uln", "nhs_number")


async def plan_phase_transfer(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                              plan_id: str, cmd: PhaseTransferCreate) -> tuple[PhaseTransfer, bool]:
    """R3.6: the next phase transfer's naming deadline (year from R2.3) along the route given,
    else the case's recorded phase pattern, else primary then secondary; opened once per
    transfer (True when opened now), replacing an open one of another transfer."""
    found, case_row = await load_plan(uow, principal, plan_id)
    route = cmd.route or await phases.pattern_of(uow, case_row.id)
    today = uow.clock.today()
    upcoming = (rules.coming_phase_transfer(case_row.date_of_birth, today, route)
                or transfer_rules.next_phase_transfer(case_row.date_of_birth, today, route))
    upcoming = transfer_rules.check_phase_transfer_ahead(upcoming, found)
    if await repository.deadline_kept(uow.connection, case_row.id, phases.PHASE_TRANSFER,
                                      upcoming.named_by):
        return upcoming, False
    await deadlines.close(uow, case_id=found.case_id, kind=DeadlineKind.PHASE_TRANSFER_NAMED_BY,
                          closed_on=uow.clock.today(), ref_id=plan_id)
    await phases.keep_transfer_once(uow, deadlines, la_code=case_row.la_code,
                                    case_id=case_row.id, plan_id=plan_id, transfer=upcoming,
                                    deadline_owner=owner(case_row))
    return upcoming, True


async def plan_post16_move(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                           plan_id: str, cmd: Post16MoveCreate) -> date:
    """R3.7 (reg 18(2)): a post-16 move at another time: amend at least 5 months before; the
    same move recorded twice keeps one deadline."""
    _, case_row = await load_plan(uow, principal, plan_id)
    due_on = transfer_rules.post16_amend_by(case_row.date_of_birth, cmd.transfer_on)
    kind = DeadlineKind.POST16_TRANSFER_AMEND_BY
    if await repository.deadline_kept(uow.connection, case_row.id, kind, due_on):
        return due_on
    await open_clock(uow, deadlines, case_row, DeadlineKind.POST16_TRANSFER_AMEND_BY, due_on,
                     plan_id)
    await note(uow, case_row, "post16_move.planned", uow.clock.today(),
               {"transfer_on": cmd.transfer_on.isoformat(), "institution": cmd.institution})
    return due_on


async def export_plan(uow: UnitOfWork, principal: Principal, plan_id: str) -> PlanExport:
    """R2.4, R3.9: the issued plan, portable to the family's new LA."""
    found, case_row = await load_plan(uow, principal, plan_id, for_update=False)
    first_issued_on = plan_rules.check_maintained(found, "can be exported")
    finals = [v for v in await plans.versions_of(uow.connection, plan_id)
              if v.stage is VersionStage.FINAL]
    reviewed = [r.decided_on for r in await reviews.reviews_of_plan(uow.connection, plan_id)
                if r.decided_on]
    person = asdict(case_row)
    return PlanExport(
        exported_by_la=found.la_code, issued_on=first_issued_on,
        last_reviewed_on=reviewed[-1] if reviewed else None,
        person=ExportedPerson.model_validate({k: person[k] for k in PERSON_FIELDS}),
        content=ExportedVersion.model_validate(finals[-1], from_attributes=True))


async def import_plan(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                      cmd: PlanImport) -> str:
    """R3.9 (reg 15): the new LA keeps the plan, tells the family within 6 weeks whether it
    will assess, and reviews by the later of the old 12 months and 3 months from the move."""
    exported = cmd.plan
    if exported.exported_by_la == principal.la_code:
        raise RuleViolation("R3.9", "the plan comes from another LA", "exported_by_la")
    not_future(cmd.transferred_on, uow.clock.today(), "transferred_on")
    not_before(cmd.transferred_on, exported.issued_on, "transferred_on", "the plan's issue",
               "R3.9")
    case_id = await open_case(uow, principal, _incoming_case(cmd))
    case_row = await cases.case_of(uow.connection, case_id)
    plan_id, now, content = new_id(), uow.clock.now(), exported.content
    await plans.add_plan(uow.connection, {
        "id": plan_id, "case_id": case_id, "la_code": principal.la_code,
        "status": PlanStatus.ISSUED.value, "current_version": 1,
        "origin": PlanOrigin.MOVED_IN.value, "first_issued_on": cmd.transferred_on,
        "last_issued_on": cmd.transferred_on, "version": 1, "created_at": now,
        "updated_at": now})
    await plans.add_version(uow.connection, {
        "id": new_id(), "plan_id": plan_id, "number": 1, "stage": VersionStage.FINAL.value,
        "reason": VersionReason.MOVED_IN.value,
        **content.model_dump(mode="json", include={
            "sections", "preparation_for_adulthood_in", "advice_listed",
            "personal_budget_requested", "direct_payment", "setting_name", "setting_type"}),
        "issued_on": cmd.transferred_on, "created_at": now})
    review_due = rules.moved_in_review_due_on(
        cmd.transferred_on, exported.last_reviewed_on or exported.issued_on)
    next_review = await schedule_review(uow, deadlines, plan_id, case_row, cmd.transferred_on,
                                        review_due)
    await plans.bump_plan(uow.connection, plan_id, {"next_review_due_on": next_review})
    await open_clock(uow, deadlines, case_row, DeadlineKind.MOVED_IN_DECISION_DUE,
                     rules.moved_in_decision_due_on(cmd.transferred_on), plan_id)
    await publish(uow, case_row, contracts.PLAN_ISSUED, contracts.PlanIssuedV1(
        case_id=case_id, plan_id=plan_id, version=1, issued_on=cmd.transferred_on,
        reason="moved_in", within_statutory_time=True, weeks_taken=0.0,
        section_i=contracts.SectionIV1(setting_name=content.setting_name,
                                       setting_type=content.setting_type or "other")),
        cmd.transferred_on)
    return plan_id


def _incoming_case(cmd: PlanImport) -> CaseCreate:
    """The case of an incoming plan's child; a person or contact this service would refuse
    is a 422 naming the field as the client sent it (plan.person.upn, contacts.0.email)."""
    person = cmd.plan.person.model_dump(exclude_none=True)
    try:
        return CaseCreate.model_validate({**person, "contacts": cmd.contacts})
    except InvalidIdentifier as refused:
        raise InvalidIdentifier(refused.rule, refused.message,
                                f"plan.person.{refused.field}") from None
    except ValidationError as error:
        first = error.errors()[0]
        where = [str(p) for p in first["loc"]]
        field = ".".join(where if where[:1] == ["contacts"] else ["plan", "person", *where])
        raise InvalidField(field, f"{field}: {first['msg']}") from None


async def _start_transfer(uow: UnitOfWork, deadlines: DeadlineBook, case_row: CaseRecord,
                          kind: TransferKind, due_on: date, deadline_kind: DeadlineKind,
                          **values: Any) -> TransferRecord:
    started = TransferRecord(id=new_id(), case_id=case_row.id, la_code=case_row.la_code,
                             kind=kind.value, due_on=due_on, status=TransferStatus.OPEN,
                             created_at=uow.clock.now(), **values)
    await repository.add_transfer(uow.connection, stored(started))
    await open_clock(uow, deadlines, case_row, deadline_kind, due_on,
                     started.plan_id or started.id)
    return started


async def record_move_out(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                          case_id: str, cmd: MoveOutCreate) -> TransferRecord:
    """R3.9: the old LA transfers the plan on the move, or within 15 working days of learning
    of it when told later than 15 working days before."""
    case_row = await load_case(uow, principal, case_id, for_update=True)
    active = await plans.active_plan_of_case(uow.connection, case_id)
    active = plan_rules.check_transferable(active)
    if cmd.other_la_code == case_row.la_code:
        raise RuleViolation("R3.9", "the family moves to another LA", "other_la_code")
    not_future(cmd.learned_on, uow.clock.today(), "learned_on")
    due_on = rules.transfer_plan_out_by(cmd.moves_on, cmd.learned_on)
    return await _start_transfer(uow, deadlines, case_row, TransferKind.MOVED_OUT, due_on,
                                 DeadlineKind.TRANSFER_PLAN_OUT, plan_id=active.id,
                                 other_la_code=cmd.other_la_code, moves_on=cmd.moves_on,
                                 learned_on=cmd.learned_on)


async def start_transfer_review(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                                case_id: str, cmd: TransferReviewCreate) -> TransferRecord:
    """R5.1-R5.4: a transfer review of a statement or LDA, its plan drafted later (R1.12)."""
    case_row = await load_case(uow, principal, case_id, for_update=True)
    kind = TransferKind(cmd.from_)
    due_on = transfer_rules.transfer_review_due_on(kind, cmd.notice_on, cmd.started_on)
    not_future(cmd.notice_on, uow.clock.today(), "notice_on")
    plan_id, now = new_id(), uow.clock.now()
    await plans.add_plan(uow.connection, {
        "id": plan_id, "case_id": case_id, "la_code": case_row.la_code,
        "status": PlanStatus.DRAFT.value, "current_version": 0,
        "origin": PlanOrigin.TRANSFER.value, "legacy_ref": cmd.legacy_ref, "version": 1,
        "created_at": now, "updated_at": now})
    started = await _start_transfer(
        uow, deadlines, case_row, kind, due_on, DeadlineKind.TRANSFER_REVIEW_DUE,
        plan_id=plan_id, notice_on=cmd.notice_on, started_on=cmd.started_on)
    await publish(uow, case_row, contracts.TRANSFER_STARTED, contracts.TransferStartedV1(
        case_id=case_id, transfer_id=started.id, **{"from": cmd.from_},
        started_on=cmd.started_on, due_on=due_on), cmd.started_on)
    return started


async def load_transfer(uow: UnitOfWork, principal: Principal,
                        transfer_id: str) -> TransferRecord:
    found = await repository.get_transfer(uow.connection, principal.la_code, transfer_id)
    if found is None:
        raise NotFound(f"Transfer {transfer_id}")
    return found


async def complete_transfer(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                            transfer_id: str, cmd: StepDone) -> TransferRecord:
    """The plan was sent to the new LA (R3.9)."""
    move = await load_transfer(uow, principal, transfer_id)
    sent = transfer_rules.decide_sent(move, cmd.done_on)
    assert move.plan_id is not None  # decide_sent refuses a move without its plan
    not_future(cmd.done_on, uow.clock.today(), "done_on")
    case_row = await load_case(uow, principal, move.case_id, for_update=True)
    await repository.update_transfer(uow.connection, transfer_id, sent.values())
    await deadlines.close(uow, case_id=move.case_id, kind=DeadlineKind.TRANSFER_PLAN_OUT,
                          closed_on=cmd.done_on, ref_id=move.plan_id)
    await plans.update_plan(uow.connection, move.plan_id,
                            {"status": PlanStatus.TRANSFERRED_OUT.value})
    for kind in (DeadlineKind.ANNUAL_REVIEW_DUE, DeadlineKind.UNDER5_REVIEW_PROMPT):
        await deadlines.close(uow, case_id=move.case_id, kind=kind, closed_on=cmd.done_on,
                              ref_id=move.plan_id)
    await note(uow, case_row, "plan.transferred_out", cmd.done_on,
               {"transfer_id": transfer_id, "to_la_code": move.other_la_code})
    return sent.applied_to(move)


async def record_detention(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                           case_id: str, cmd: DetentionCreate) -> None:
    """R9.2: the home LA keeps the plan and sends it to the YOT and the establishment within
    5 working days of learning of the detention."""
    case_row = await load_case(uow, principal, case_id, for_update=True)
    due_on = transfer_rules.check_detention(case_row.date_of_birth, cmd.detained_on,
                                            cmd.learned_on)
    not_future(cmd.learned_on, uow.clock.today(), "learned_on")
    await cases.bump_case_version(uow.connection, case_id, {
        "detained_since": cmd.detained_on, "establishment_name": cmd.establishment_name,
        "yot_name": cmd.yot_name, "updated_at": uow.clock.now()})
    active = await plans.active_plan_of_case(uow.connection, case_id)
    if plan_rules.is_maintained(active):
        await open_clock(uow, deadlines, case_row, DeadlineKind.DETAINED_PLAN_SEND_DUE, due_on,
                         case_id)
    await note(uow, case_row, "detention.recorded", cmd.learned_on,
               {"establishment_name": cmd.establishment_name, "has_plan": active is not None})


async def plan_sent_to_establishment(uow: UnitOfWork, deadlines: DeadlineBook,
                                     principal: Principal, case_id: str, cmd: StepDone) -> None:
    case_row = await load_case(uow, principal, case_id, for_update=True)
    not_future(cmd.done_on, uow.clock.today(), "done_on")
    closed = await deadlines.close(uow, case_id=case_id, kind=DeadlineKind.DETAINED_PLAN_SEND_DUE,
                                   closed_on=cmd.done_on, ref_id=case_id)
    if not closed:
        raise conflict("No plan is waiting to be sent to an establishment")
    await note(uow, case_row, "detention.plan_sent", cmd.done_on, {})
