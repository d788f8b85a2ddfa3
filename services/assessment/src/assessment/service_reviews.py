"""Use cases of reviews (R3.1-R3.4), phase transfers (R3.6, R3.7) and re-assessment (R3.8).
Amended plans are drafted and issued by service_plans (R3.5)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from assessment import contracts
from assessment import repository_lifecycle as repo
from assessment.casework import (
    conflict,
    emit_appealable,
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
from assessment.domain.model import DeadlineKind, PhaseTransfer
from assessment.domain.transfers import INFANT_JUNIOR, PRIMARY_SECONDARY, THREE_TIER
from assessment.schemas_reviews import (
    AdviceCirculated,
    PhaseTransferCreate,
    Post16MoveCreate,
    ReassessmentCreate,
    ReviewCreate,
    ReviewDecision,
    ReviewReport,
)
from assessment.service_plans import load_plan, schedule_review
from assessment.tables_lifecycle import review
from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.problems import not_found

Row = Mapping[str, Any]
ROUTES = {"primary_secondary": PRIMARY_SECONDARY, "infant_junior": INFANT_JUNIOR,
          "three_tier": THREE_TIER}


async def _open(uow: UnitOfWork, deadlines: DeadlineBook, case_row: Row, kind: DeadlineKind,
                due_on: date, ref_id: str) -> None:
    await deadlines.open(uow, la_code=case_row["la_code"], case_id=case_row["id"], kind=kind,
                         due_on=due_on, opened_on=uow.clock.today(), ref_id=ref_id,
                         owner=owner(case_row))


async def hold_review(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                      plan_id: str, cmd: ReviewCreate) -> str:
    """R3.3: at least 2 weeks' notice, and the advice circulated at least 2 weeks before the
    meeting (with the invitations, or by a deadline); R3.4: report in 2 weeks, decision in 4."""
    row, case_row = await load_plan(uow, principal, plan_id)
    if row["status"] not in ("issued", "ceasing"):
        raise conflict("Only an issued plan is reviewed")
    rules.check_review_meeting_notice(cmd.invited_on, cmd.meeting_on)
    not_future(cmd.invited_on, uow.clock.today(), "invited_on")
    not_before(cmd.invited_on, row["last_issued_on"], "invited_on", "the plan's issue", "R3.3")
    review_id = new_id()
    report_due, decision_due = (rules.review_report_due_on(cmd.meeting_on),
                                rules.review_decision_due_on(cmd.meeting_on))
    advice_by = rules.review_advice_circulated_by(cmd.meeting_on)
    circulated_on = cmd.invited_on if cmd.advice_circulated_with_invitations else None
    await repo.add(uow.session, review, {
        "id": review_id, "case_id": row["case_id"], "plan_id": plan_id,
        "la_code": row["la_code"], "kind": cmd.kind,
        "due_on": row["next_review_due_on"] or decision_due, "meeting_on": cmd.meeting_on,
        "invited_on": cmd.invited_on, "advice_circulated_by": advice_by,
        "advice_circulated_on": circulated_on, "report_due_on": report_due,
        "decision_due_on": decision_due, "status": "meeting_set",
        "created_at": uow.clock.now()})
    if circulated_on is None:
        await _open(uow, deadlines, case_row, DeadlineKind.REVIEW_ADVICE_CIRCULATED_BY,
                    advice_by, review_id)
    await _open(uow, deadlines, case_row, DeadlineKind.REVIEW_REPORT_DUE, report_due, review_id)
    await _open(uow, deadlines, case_row, DeadlineKind.REVIEW_DECISION_DUE, decision_due,
                review_id)
    await note(uow, case_row, "review.meeting_set", cmd.invited_on,
               {"review_id": review_id, "meeting_on": cmd.meeting_on.isoformat()})
    return review_id


async def load_review(uow: UnitOfWork, principal: Principal, review_id: str) -> tuple[Row, Row]:
    row = await repo.get_in_la(uow.session, review, principal.la_code, review_id)
    if row is None:
        raise not_found(f"Review {review_id}")
    return row, await load_case(uow, principal, row["case_id"], for_update=True)


async def record_advice_circulated(uow: UnitOfWork, deadlines: DeadlineBook,
                                   principal: Principal, review_id: str,
                                   cmd: AdviceCirculated) -> None:
    """R3.3: the advice went to every invitee; a date after the deadline is kept as late."""
    row, case_row = await load_review(uow, principal, review_id)
    if row["advice_circulated_on"] is not None:
        raise conflict("The advice is already recorded as circulated")
    not_future(cmd.circulated_on, uow.clock.today(), "circulated_on")
    await repo.change(uow.session, review, review_id,
                      {"advice_circulated_on": cmd.circulated_on})
    await deadlines.close(uow, case_id=row["case_id"],
                          kind=DeadlineKind.REVIEW_ADVICE_CIRCULATED_BY,
                          closed_on=cmd.circulated_on, ref_id=review_id)
    late = rules.review_advice_circulated_late(cmd.circulated_on, row["meeting_on"])
    await note(uow, case_row, "review.advice_circulated", cmd.circulated_on,
               {"review_id": review_id, "late": late})


async def record_report(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                        review_id: str, cmd: ReviewReport) -> None:
    row, case_row = await load_review(uow, principal, review_id)
    if row["report_on"] is not None:
        raise conflict("The review report is already recorded")
    not_before(cmd.report_on, row["meeting_on"], "report_on", "the meeting", "R3.4")
    not_future(cmd.report_on, uow.clock.today(), "report_on")
    await repo.change(uow.session, review, review_id, {"report_on": cmd.report_on,
                                                       "status": "reported"})
    await deadlines.close(uow, case_id=row["case_id"], kind=DeadlineKind.REVIEW_REPORT_DUE,
                          closed_on=cmd.report_on, ref_id=review_id)
    await note(uow, case_row, "review.reported", cmd.report_on, {"review_id": review_id})


async def decide_review(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                        review_id: str, cmd: ReviewDecision) -> None:
    """R3.4: maintain (appealable as a refusal to amend, R6.1), amend (amendments follow,
    R3.5) or cease (R4, appealable); the next review is due 12 months on (R3.1)."""
    row, case_row = await load_review(uow, principal, review_id)
    if row["outcome"] is not None:
        raise conflict("The review is already decided", "already-decided")
    notified_on = cmd.notified_on or cmd.decided_on
    not_before(cmd.decided_on, row["meeting_on"], "decided_on", "the meeting", "R3.4")
    not_before(notified_on, cmd.decided_on, "notified_on", "decided_on", "R3.4")
    not_future(notified_on, uow.clock.today(), "notified_on")
    plan_row, _ = await load_plan(uow, principal, row["plan_id"])
    if cmd.outcome == "cease":
        from assessment.service_ceasing import cease_after_review
        await cease_after_review(uow, principal, plan_row, case_row, cmd, notified_on)
    next_due = await schedule_review(uow, deadlines, plan_row, case_row, row["meeting_on"])
    await repo.bump_plan(uow.session, plan_row["id"], {"next_review_due_on": next_due})
    amended_due = rules.amended_plan_due_on(cmd.decided_on, row["meeting_on"]) \
        if cmd.outcome == "amend" else None
    await repo.change(uow.session, review, review_id, {
        "outcome": cmd.outcome, "decided_on": cmd.decided_on, "status": "decided",
        "next_review_due_on": next_due, "amended_plan_due_on": amended_due})
    await deadlines.close(uow, case_id=row["case_id"], kind=DeadlineKind.REVIEW_DECISION_DUE,
                          closed_on=cmd.decided_on, ref_id=review_id)
    if amended_due is not None:
        await _open(uow, deadlines, case_row, DeadlineKind.AMENDED_PLAN_DUE, amended_due,
                    plan_row["id"])
    await publish(uow, case_row, contracts.REVIEW_COMPLETED, contracts.ReviewCompletedV1(
        case_id=row["case_id"], plan_id=plan_row["id"], review_id=review_id,
        outcome=cmd.outcome, decided_on=cmd.decided_on, next_review_due_on=next_due),
        cmd.decided_on)
    if cmd.outcome == "maintain":
        await emit_appealable(uow, case_row, review_id, "refuse_amend", cmd.decided_on,
                              notified_on)


def next_phase_transfer(born_on: date, today: date, route: str) -> PhaseTransfer | None:
    """R3.6, R2.3: the next transfer along the route whose naming date has not passed."""
    upcoming = [t for t in rules.phase_transfers(born_on, ROUTES[route]) if t.named_by >= today]
    return upcoming[0] if upcoming else None


async def plan_phase_transfer(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                              plan_id: str, cmd: PhaseTransferCreate) -> PhaseTransfer:
    row, case_row = await load_plan(uow, principal, plan_id)
    found = next_phase_transfer(case_row["date_of_birth"], uow.clock.today(), cmd.route)
    if found is None or row["status"] != "issued":
        raise conflict("No phase transfer is ahead for this plan")
    await deadlines.close(uow, case_id=row["case_id"], kind=DeadlineKind.PHASE_TRANSFER_NAMED_BY,
                          closed_on=uow.clock.today(), ref_id=plan_id)
    await _open(uow, deadlines, case_row, DeadlineKind.PHASE_TRANSFER_NAMED_BY, found.named_by,
                plan_id)
    return found


async def plan_post16_move(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                           plan_id: str, cmd: Post16MoveCreate) -> date:
    """R3.7: a post-16 move at another time: amend at least 5 months before."""
    row, case_row = await load_plan(uow, principal, plan_id)
    if not rules_is_post16(case_row["date_of_birth"], cmd.transfer_on):
        raise RuleViolation("R3.7", "the 5-month rule is for moves between post-16 "
                            "institutions", "transfer_on")
    due_on = rules.post16_transfer_amend_by(cmd.transfer_on)
    await _open(uow, deadlines, case_row, DeadlineKind.POST16_TRANSFER_AMEND_BY, due_on, plan_id)
    await note(uow, case_row, "post16_move.planned", uow.clock.today(),
               {"transfer_on": cmd.transfer_on.isoformat(), "institution": cmd.institution})
    return due_on


def rules_is_post16(born_on: date, on: date) -> bool:
    from common import calendar
    return calendar.year_group(born_on, on) >= 12


async def start_reassessment(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                             plan_id: str, cmd: ReassessmentCreate) -> date:
    """R3.8: the amended or replacement plan within 14 weeks of the notice to re-assess."""
    row, case_row = await load_plan(uow, principal, plan_id)
    if row["status"] != "issued":
        raise conflict("Only an issued plan is re-assessed")
    not_future(cmd.notified_on, uow.clock.today(), "notified_on")
    due_on = rules.reassessment_plan_due_on(cmd.notified_on)
    await _open(uow, deadlines, case_row, DeadlineKind.REASSESSMENT_PLAN_DUE, due_on, plan_id)
    await note(uow, case_row, "reassessment.started", cmd.notified_on,
               {"due_on": due_on.isoformat()})
    return due_on
