"""Use cases of reviews (R3.1-R3.4) and re-assessment (R3.8). Amended plans are drafted and
issued by plans (R3.5); a review that decides to cease hands over to ceasing (R4).
Load, decide, save, emit; nothing here commits."""

from __future__ import annotations

from datetime import date

from assessment import contracts
from assessment.cases.service import (
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
from assessment.ceasing import service as ceasing
from assessment.domain import rules
from assessment.domain.errors import NotFound
from assessment.domain.model import DeadlineKind, ReviewOutcome
from assessment.domain.records import CaseRecord, ReviewRecord, stored
from assessment.domain.status import ReviewStatus
from assessment.plans import repository as plans
from assessment.plans import rules as plan_rules
from assessment.plans.service import load_plan, schedule_review
from assessment.reviews import repository
from assessment.reviews import rules as review_rules
from assessment.reviews.schemas import (
    AdviceCirculated,
    ReassessmentCreate,
    ReviewCreate,
    ReviewDecision,
    ReviewReport,
)
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.principal import Principal


async def open_clock(uow: UnitOfWork, deadlines: DeadlineBook, case_row: CaseRecord,
                     kind: DeadlineKind, due_on: date, ref_id: str) -> None:
    await deadlines.open(uow, la_code=case_row.la_code, case_id=case_row.id, kind=kind,
                         due_on=due_on, opened_on=uow.clock.today(), ref_id=ref_id,
                         owner=owner(case_row))


async def hold_review(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                      plan_id: str, cmd: ReviewCreate) -> ReviewRecord:
    """R3.3: at least 2 weeks' notice, and the advice circulated at least 2 weeks before the
    meeting (with the invitations, or by a deadline); R3.4: report in 2 weeks, decision in 4."""
    found, case_row = await load_plan(uow, principal, plan_id)
    plan_rules.check_maintained(found, "is reviewed")
    meeting = review_rules.set_meeting(
        cmd.invited_on, cmd.meeting_on,
        circulated_with_invitations=cmd.advice_circulated_with_invitations)
    not_future(cmd.invited_on, uow.clock.today(), "invited_on")
    not_before(cmd.invited_on, found.last_issued_on, "invited_on", "the plan's issue", "R3.3")
    held = ReviewRecord(
        id=new_id(), case_id=found.case_id, plan_id=plan_id, la_code=found.la_code,
        kind=cmd.kind, due_on=found.next_review_due_on or meeting.decision_due_on,
        meeting_on=cmd.meeting_on, invited_on=cmd.invited_on,
        advice_circulated_by=meeting.advice_circulated_by,
        advice_circulated_on=meeting.advice_circulated_on,
        report_due_on=meeting.report_due_on, decision_due_on=meeting.decision_due_on,
        status=ReviewStatus.MEETING_SET, created_at=uow.clock.now())
    await repository.add_review(uow.connection, stored(held))
    if meeting.advice_circulated_on is None:
        await open_clock(uow, deadlines, case_row, DeadlineKind.REVIEW_ADVICE_CIRCULATED_BY,
                         meeting.advice_circulated_by, held.id)
    await open_clock(uow, deadlines, case_row, DeadlineKind.REVIEW_REPORT_DUE,
                     meeting.report_due_on, held.id)
    await open_clock(uow, deadlines, case_row, DeadlineKind.REVIEW_DECISION_DUE,
                     meeting.decision_due_on, held.id)
    await note(uow, case_row, "review.meeting_set", cmd.invited_on,
               {"review_id": held.id, "meeting_on": cmd.meeting_on.isoformat()})
    return held


async def load_review(uow: UnitOfWork, principal: Principal,
                      review_id: str) -> tuple[ReviewRecord, CaseRecord]:
    """The review and its case (locked), if the caller may see the case."""
    found = await repository.get_review(uow.connection, principal.la_code, review_id)
    if found is None:
        raise NotFound(f"Review {review_id}")
    return found, await load_case(uow, principal, found.case_id, for_update=True)


async def record_advice_circulated(uow: UnitOfWork, deadlines: DeadlineBook,
                                   principal: Principal, review_id: str,
                                   cmd: AdviceCirculated) -> ReviewRecord:
    """R3.3: the advice went to every invitee; a date after the deadline is kept as late."""
    found, case_row = await load_review(uow, principal, review_id)
    circulated = review_rules.decide_advice_circulated(found, cmd.circulated_on)
    not_future(cmd.circulated_on, uow.clock.today(), "circulated_on")
    await repository.update_review(uow.connection, review_id, circulated.values())
    await deadlines.close(uow, case_id=found.case_id,
                          kind=DeadlineKind.REVIEW_ADVICE_CIRCULATED_BY,
                          closed_on=cmd.circulated_on, ref_id=review_id)
    now = circulated.applied_to(found)
    await note(uow, case_row, "review.advice_circulated", cmd.circulated_on,
               {"review_id": review_id, "late": review_rules.circulated_late(now)})
    return now


async def record_report(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                        review_id: str, cmd: ReviewReport) -> ReviewRecord:
    found, case_row = await load_review(uow, principal, review_id)
    reported = review_rules.decide_report(found, cmd.report_on)
    not_future(cmd.report_on, uow.clock.today(), "report_on")
    await repository.update_review(uow.connection, review_id, reported.values())
    await deadlines.close(uow, case_id=found.case_id, kind=DeadlineKind.REVIEW_REPORT_DUE,
                          closed_on=cmd.report_on, ref_id=review_id)
    await note(uow, case_row, "review.reported", cmd.report_on, {"review_id": review_id})
    return reported.applied_to(found)


async def decide_review(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                        review_id: str, cmd: ReviewDecision) -> ReviewRecord:
    """R3.4: maintain (appealable as a refusal to amend, R6.1), amend (amendments follow,
    R3.5) or cease (R4, appealable); the next review is due 12 months on (R3.1)."""
    found, case_row = await load_review(uow, principal, review_id)
    if found.outcome is not None:  # the rule refuses it too; clients know this type
        raise conflict("The review is already decided", "already-decided")
    notified_on = cmd.notified_on or cmd.decided_on
    decided = review_rules.decide_review(found, ReviewOutcome(cmd.outcome), cmd.decided_on,
                                         notified_on)
    not_future(notified_on, uow.clock.today(), "notified_on")
    plan_row, _ = await load_plan(uow, principal, found.plan_id)
    if decided.outcome is ReviewOutcome.CEASE:
        await ceasing.cease_after_review(uow, plan_row, case_row, cmd.cease_ground or "",
                                         cmd.cease_detail, cmd.ceases_on, cmd.decided_on,
                                         notified_on)
    assert found.meeting_on is not None
    await schedule_review(uow, deadlines, plan_row.id, case_row, found.meeting_on,
                          decided.next_review_due_on)
    await plans.bump_plan(uow.connection, plan_row.id,
                          {"next_review_due_on": decided.next_review_due_on})
    await repository.update_review(uow.connection, review_id, decided.values())
    await deadlines.close(uow, case_id=found.case_id, kind=DeadlineKind.REVIEW_DECISION_DUE,
                          closed_on=cmd.decided_on, ref_id=review_id)
    if decided.amended_plan_due_on is not None:
        await open_clock(uow, deadlines, case_row, DeadlineKind.AMENDED_PLAN_DUE,
                         decided.amended_plan_due_on, plan_row.id)
    await publish(uow, case_row, contracts.REVIEW_COMPLETED, contracts.ReviewCompletedV1(
        case_id=found.case_id, plan_id=plan_row.id, review_id=review_id,
        outcome=cmd.outcome, decided_on=cmd.decided_on,
        next_review_due_on=decided.next_review_due_on), cmd.decided_on)
    if decided.outcome is ReviewOutcome.MAINTAIN:
        await emit_appealable(uow, case_row, review_id, "refuse_amend", cmd.decided_on,
                              notified_on)
    return decided.applied_to(found)


async def start_reassessment(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                             plan_id: str, cmd: ReassessmentCreate) -> date:
    """R3.8: the amended or replacement plan within 14 weeks of the notice to re-assess."""
    found, case_row = await load_plan(uow, principal, plan_id)
    plan_rules.check_issued(found, "is re-assessed")
    not_future(cmd.notified_on, uow.clock.today(), "notified_on")
    due_on = rules.reassessment_plan_due_on(cmd.notified_on)
    await open_clock(uow, deadlines, case_row, DeadlineKind.REASSESSMENT_PLAN_DUE, due_on,
                     plan_id)
    await note(uow, case_row, "reassessment.started", cmd.notified_on,
               {"due_on": due_on.isoformat()})
    return due_on
