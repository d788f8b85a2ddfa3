"""Plans moving between LAs (R2.4, R3.9), transfer reviews from statements and LDAs
(R5.1-R5.4), and detained young people (R9.2)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from assessment import contracts, repository
from assessment import repository_lifecycle as repo
from assessment.casework import (
    conflict,
    load_case,
    new_id,
    not_before,
    not_future,
    note,
    owner,
    publish,
)
from assessment.domain import rules
from assessment.domain.errors import RuleViolation
from assessment.domain.model import DeadlineKind
from assessment.schemas import CaseCreate
from assessment.schemas_plans import PlanExport, PlanImport, PlanVersionRead
from assessment.schemas_transfers import (
    DetentionCreate,
    MoveOutCreate,
    StepDone,
    TransferReviewCreate,
)
from assessment.service_plans import schedule_review
from assessment.tables_lifecycle import plan, plan_version, review, transfer
from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.problems import not_found

Row = Mapping[str, Any]


async def export_plan(uow: UnitOfWork, principal: Principal, plan_id: str) -> PlanExport:
    row = (await repo.rows(uow.session, plan, id=plan_id))[0]
    case_row = await load_case(uow, principal, row["case_id"])
    if row["status"] not in ("issued", "ceasing") or row["last_issued_on"] is None:
        raise conflict("Only an issued plan can be exported")
    finals = [v for v in await repo.rows(uow.session, plan_version, "number", plan_id=plan_id)
              if v["stage"] == "final"]
    reviews = [r["decided_on"] for r in await repo.rows(uow.session, review, "created_at",
                                                        plan_id=plan_id) if r["decided_on"]]
    return PlanExport(
        exported_by_la=row["la_code"], issued_on=row["first_issued_on"],
        last_reviewed_on=reviews[-1] if reviews else None,
        person={k: (str(case_row[k]) if case_row[k] is not None else None) for k in
                ("given_name", "family_name", "date_of_birth", "upn", "uln", "nhs_number")},
        content=PlanVersionRead.model_validate(dict(finals[-1])))


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
    person = exported.person
    case_id = await _open_case(uow, principal, person, cmd.contacts)
    case_row = await repo.case_of(uow.session, case_id)
    assert case_row is not None
    plan_id, now = new_id(), uow.clock.now()
    content = exported.content
    await repo.add(uow.session, plan, {
        "id": plan_id, "case_id": case_id, "la_code": principal.la_code, "status": "issued",
        "current_version": 1, "origin": "moved_in", "first_issued_on": cmd.transferred_on,
        "last_issued_on": cmd.transferred_on, "version": 1, "created_at": now,
        "updated_at": now})
    await repo.add(uow.session, plan_version, {
        "id": new_id(), "plan_id": plan_id, "number": 1, "stage": "final", "reason": "moved_in",
        **content.model_dump(include={"sections", "preparation_for_adulthood_in",
                                      "advice_listed", "personal_budget_requested",
                                      "direct_payment", "setting_name", "setting_type"}),
        "issued_on": cmd.transferred_on, "created_at": now})
    review_due = rules.moved_in_review_due_on(
        cmd.transferred_on, exported.last_reviewed_on or exported.issued_on)
    row = {"id": plan_id, "case_id": case_id, "la_code": principal.la_code}
    next_review = await schedule_review(uow, deadlines, row, case_row, cmd.transferred_on,
                                        review_due)
    await repo.bump_plan(uow.session, plan_id, {"next_review_due_on": next_review})
    await deadlines.open(uow, la_code=principal.la_code, case_id=case_id,
                         kind=DeadlineKind.MOVED_IN_DECISION_DUE,
                         due_on=rules.moved_in_decision_due_on(cmd.transferred_on),
                         opened_on=uow.clock.today(), ref_id=plan_id, owner=owner(case_row))
    await publish(uow, case_row, contracts.PLAN_ISSUED, contracts.PlanIssuedV1(
        case_id=case_id, plan_id=plan_id, version=1, issued_on=cmd.transferred_on,
        reason="moved_in", within_statutory_time=True, weeks_taken=0.0,
        section_i=contracts.SectionIV1(setting_name=content.setting_name,
                                       setting_type=content.setting_type or "other")),
        cmd.transferred_on)
    return plan_id


async def _open_case(uow: UnitOfWork, principal: Principal, person: Mapping[str, Any],
                     contacts: list[dict[str, str]]) -> str:
    from assessment.service import open_case
    case = CaseCreate.model_validate({**{k: v for k, v in person.items() if v},
                                      "contacts": contacts})
    return await open_case(uow, principal, case)


async def record_move_out(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                          case_id: str, cmd: MoveOutCreate) -> str:
    """R3.9: the old LA transfers the plan on the move, or within 15 working days of learning
    of it when told later than 15 working days before."""
    case_row = await load_case(uow, principal, case_id, for_update=True)
    active = await repo.active_plan_of_case(uow.session, case_id)
    if active is None or active["status"] != "issued":
        raise conflict("The case has no issued plan to transfer")
    if cmd.other_la_code == case_row["la_code"]:
        raise RuleViolation("R3.9", "the family moves to another LA", "other_la_code")
    not_future(cmd.learned_on, uow.clock.today(), "learned_on")
    due_on = rules.transfer_plan_out_by(cmd.moves_on, cmd.learned_on)
    return await _start_transfer(uow, deadlines, case_row, "moved_out", due_on,
                                 DeadlineKind.TRANSFER_PLAN_OUT, plan_id=active["id"],
                                 other_la_code=cmd.other_la_code, moves_on=cmd.moves_on,
                                 learned_on=cmd.learned_on)


async def _start_transfer(uow: UnitOfWork, deadlines: DeadlineBook, case_row: Row, kind: str,
                          due_on: Any, deadline_kind: DeadlineKind, **values: Any) -> str:
    transfer_id = new_id()
    await repo.add(uow.session, transfer, {
        "id": transfer_id, "case_id": case_row["id"], "la_code": case_row["la_code"],
        "kind": kind, "due_on": due_on, "status": "open", "created_at": uow.clock.now(),
        **values})
    await deadlines.open(uow, la_code=case_row["la_code"], case_id=case_row["id"],
                         kind=deadline_kind, due_on=due_on, opened_on=uow.clock.today(),
                         ref_id=values.get("plan_id") or transfer_id, owner=owner(case_row))
    return transfer_id


async def start_transfer_review(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                                case_id: str, cmd: TransferReviewCreate) -> str:
    """R5.1: at least 2 weeks' notice; R5.2: 14 or 18 weeks; R5.4: an LDA transfer is a new
    request with the 20-week limit (and the cohort deadline, R5.3)."""
    case_row = await load_case(uow, principal, case_id, for_update=True)
    if cmd.notice_on > rules.transfer_review_notice_by(cmd.started_on):
        raise RuleViolation("R5.1", "a transfer review needs at least 2 weeks' notice",
                            "notice_on")
    not_future(cmd.notice_on, uow.clock.today(), "notice_on")
    due_on = (rules.lda_transfer_due_on(cmd.started_on) if cmd.from_ == "lda"
              else rules.transfer_review_due_on(cmd.started_on))
    plan_id, now = new_id(), uow.clock.now()
    await repo.add(uow.session, plan, {
        "id": plan_id, "case_id": case_id, "la_code": case_row["la_code"], "status": "draft",
        "current_version": 0, "origin": "transfer", "legacy_ref": cmd.legacy_ref,
        "version": 1, "created_at": now, "updated_at": now})
    transfer_id = await _start_transfer(
        uow, deadlines, case_row, cmd.from_, due_on, DeadlineKind.TRANSFER_REVIEW_DUE,
        plan_id=plan_id, notice_on=cmd.notice_on, started_on=cmd.started_on)
    await publish(uow, case_row, contracts.TRANSFER_STARTED, contracts.TransferStartedV1(
        case_id=case_id, transfer_id=transfer_id, **{"from": cmd.from_}, started_on=cmd.started_on,
        due_on=due_on), cmd.started_on)
    return transfer_id


async def load_transfer(uow: UnitOfWork, principal: Principal, transfer_id: str) -> Row:
    row = await repo.get_in_la(uow.session, transfer, principal.la_code, transfer_id)
    if row is None:
        raise not_found(f"Transfer {transfer_id}")
    return row


async def complete_transfer(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                            transfer_id: str, cmd: StepDone) -> None:
    """The plan was sent to the new LA (R3.9)."""
    row = await load_transfer(uow, principal, transfer_id)
    if row["kind"] != "moved_out" or row["status"] != "open":
        raise conflict("Only an open move out is completed this way")
    not_future(cmd.done_on, uow.clock.today(), "done_on")
    case_row = await load_case(uow, principal, row["case_id"], for_update=True)
    await repo.change(uow.session, transfer, transfer_id,
                      {"status": "sent", "completed_on": cmd.done_on})
    await deadlines.close(uow, case_id=row["case_id"], kind=DeadlineKind.TRANSFER_PLAN_OUT,
                          closed_on=cmd.done_on, ref_id=row["plan_id"])
    await repo.change(uow.session, plan, row["plan_id"], {"status": "transferred_out"})
    for kind in (DeadlineKind.ANNUAL_REVIEW_DUE, DeadlineKind.UNDER5_REVIEW_PROMPT):
        await deadlines.close(uow, case_id=row["case_id"], kind=kind, closed_on=cmd.done_on,
                              ref_id=row["plan_id"])
    await note(uow, case_row, "plan.transferred_out", cmd.done_on,
               {"transfer_id": transfer_id, "to_la_code": row["other_la_code"]})


async def record_detention(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                           case_id: str, cmd: DetentionCreate) -> None:
    """R9.2: the home LA keeps the plan and sends it to the YOT and the establishment within
    5 working days of learning of the detention."""
    case_row = await load_case(uow, principal, case_id, for_update=True)
    if not rules.is_detained_person_age(case_row["date_of_birth"], cmd.detained_on):
        raise RuleViolation("R9.2", "the detained-person duties cover those aged 18 and under",
                            "detained_on")
    not_before(cmd.learned_on, cmd.detained_on, "learned_on", "the detention", "R9.2")
    not_future(cmd.learned_on, uow.clock.today(), "learned_on")
    await repository.bump_case_version(uow.session, case_id, {
        "detained_since": cmd.detained_on, "establishment_name": cmd.establishment_name,
        "yot_name": cmd.yot_name, "updated_at": uow.clock.now()})
    active = await repo.active_plan_of_case(uow.session, case_id)
    if active is not None and active["status"] in ("issued", "ceasing"):
        await deadlines.open(uow, la_code=case_row["la_code"], case_id=case_id,
                             kind=DeadlineKind.DETAINED_PLAN_SEND_DUE,
                             due_on=rules.detained_plan_send_due_on(cmd.learned_on),
                             opened_on=uow.clock.today(), ref_id=case_id,
                             owner=owner(case_row))
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
