"""Use cases of EHC plans: the draft (R1.12) and its revisions, proposed amendments (R3.5)
and the final plan (R1.14, R3.5), every version kept (R2.1, R2.2); the review clock a plan
starts (R3.1, R3.2). Load, decide, save, emit; nothing here commits."""

from __future__ import annotations

from datetime import date
from typing import Any

from assessment import contracts
from assessment.advice import repository as advice
from assessment.advice.rules import timeline_exception
from assessment.cases import repository as cases
from assessment.cases.service import (
    conflict,
    emit_appealable,
    load_case,
    new_id,
    not_before,
    not_future,
    owner,
    publish,
)
from assessment.domain import rules
from assessment.domain.errors import NotFound, PlanInvalid
from assessment.domain.model import AdviceType, DeadlineKind, PlanContent
from assessment.domain.plans import FINAL_SECTION_I_FIELD
from assessment.domain.records import CaseRecord, PlanRecord, VersionRecord
from assessment.domain.status import (
    PlanOrigin,
    PlanOutcome,
    PlanStatus,
    RequestStatus,
    VersionReason,
    VersionStage,
)
from assessment.plans import repository
from assessment.plans import rules as plan_rules
from assessment.plans.schemas import DraftCreate, FinalCreate, PlanContentIn
from assessment.requests import repository as requests
from assessment.requests import rules as request_rules
from assessment.requests.service import load_request
from assessment.reviews import repository as reviews
from assessment.transfers import repository as transfers
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.principal import Principal

CLOSED_BY_AN_ISSUED_PLAN = (DeadlineKind.AMENDED_PLAN_DUE, DeadlineKind.REASSESSMENT_PLAN_DUE,
                            DeadlineKind.TRANSFER_REVIEW_DUE, DeadlineKind.PHASE_TRANSFER_NAMED_BY,
                            DeadlineKind.POST16_TRANSFER_AMEND_BY,
                            DeadlineKind.DRAFT_COMMENTS_CLOSE)


def content_of(cmd: PlanContentIn, section_i: str | None = None) -> PlanContent:
    return plan_rules.plan_content(
        cmd.sections, cmd.preparation_for_adulthood_in, cmd.advice_listed,
        personal_budget_requested=cmd.personal_budget_requested,
        direct_payment=cmd.direct_payment, section_i=section_i)


async def load_plan(uow: UnitOfWork, principal: Principal, plan_id: str, *,
                    for_update: bool = True) -> tuple[PlanRecord, CaseRecord]:
    """The plan (locked unless only read) and its case, if the caller may see the case."""
    found = await repository.get_plan(uow.connection, principal.la_code, plan_id,
                                      for_update=for_update)
    if found is None:
        raise NotFound(f"Plan {plan_id}")
    return found, await load_case(uow, principal, found.case_id)


async def current_version(uow: UnitOfWork, found: PlanRecord) -> VersionRecord | None:
    return await repository.version(uow.connection, found.id, found.current_version)


async def _advice_received(uow: UnitOfWork, request_id: str | None) -> frozenset[AdviceType]:
    if request_id is None:
        return frozenset()
    return frozenset(AdviceType(a) for a in
                     await advice.advice_received_types(uow.connection, request_id))


async def draft_plan(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                     request_id: str, cmd: DraftCreate) -> str:
    """R1.12: the draft, section I blank, served with 15 days to comment (R0.3); drafting
    settles the 16-week question (R1.11) in favour of a plan."""
    request, case_row = await load_request(uow, principal, request_id)
    request_rules.check_assessing(request, "A draft plan follows an assessment under way")
    not_before(cmd.sent_on, request.decided_on, "sent_on", "the decision to assess", "R1.12")
    not_future(cmd.sent_on, uow.clock.today(), "sent_on")
    content = content_of(cmd)
    rules.check_plan(content, case_row.date_of_birth, cmd.sent_on, final=False,
                     advice_received=await _advice_received(uow, request_id))
    plan_id, now = new_id(), uow.clock.now()
    await repository.add_plan(uow.connection, {
        "id": plan_id, "case_id": case_row.id, "la_code": case_row.la_code,
        "request_id": request_id, "status": PlanStatus.DRAFT.value, "current_version": 0,
        "origin": PlanOrigin.NEW.value, "version": 1, "created_at": now, "updated_at": now})
    await requests.update_request(uow.connection, request_id,
                                  {"status": RequestStatus.PLAN_DRAFTED.value})
    await deadlines.close(uow, case_id=case_row.id, kind=DeadlineKind.NOTIFY_NO_PLAN,
                          closed_on=cmd.sent_on, ref_id=request_id)
    await serve_version(uow, deadlines, case_row, plan_id, 1, VersionReason.NEW, cmd, content)
    return plan_id


async def serve_version(uow: UnitOfWork, deadlines: DeadlineBook, case_row: CaseRecord,
                        plan_id: str, number: int, reason: str, cmd: DraftCreate,
                        content: PlanContent, previous_sent_on: date | None = None) -> None:
    """A draft version served with its comment window (R0.3, R1.12), kept as the plan's
    `draft_comments_close` deadline (a revised draft's window replaces the one before): shown
    in the work tray, the timeline and the plan, never alerting (the LA cannot miss the
    family's time; it is met when the final is issued or the window ends); emits
    plan.drafted."""
    window = (rules.draft_window(cmd.sent_on) if previous_sent_on is None
              else rules.revised_draft_window(previous_sent_on, cmd.sent_on))
    await deadlines.close(uow, case_id=case_row.id, kind=DeadlineKind.DRAFT_COMMENTS_CLOSE,
                          closed_on=cmd.sent_on, ref_id=plan_id)
    window_id = await deadlines.open(uow, la_code=case_row.la_code, case_id=case_row.id,
                                     kind=DeadlineKind.DRAFT_COMMENTS_CLOSE,
                                     due_on=window.comments_close_on,
                                     opened_on=uow.clock.today(), ref_id=plan_id,
                                     owner=owner(case_row))
    await repository.never_alert(uow.connection, window_id)
    await repository.add_version(uow.connection, {
        "id": new_id(), "plan_id": plan_id, "number": number,
        "stage": VersionStage.DRAFT.value, "reason": reason,
        **plan_rules.stored_content(content), "sent_on": cmd.sent_on,
        "comments_due_on": window.comments_close_on,
        "earliest_final_on": window.earliest_final_on, "created_at": uow.clock.now()})
    await repository.bump_plan(uow.connection, plan_id, {"current_version": number,
                                                      "updated_at": uow.clock.now()})
    await publish(uow, case_row, contracts.PLAN_DRAFTED, contracts.PlanDraftedV1(
        case_id=case_row.id, plan_id=plan_id, version=number, sent_on=cmd.sent_on,
        comments_due_on=window.comments_close_on,
        personal_budget_requested=cmd.personal_budget_requested,
        amendment=reason == VersionReason.AMENDED or None), cmd.sent_on)


async def draft_amendment(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                          plan_id: str, cmd: DraftCreate) -> None:
    """R3.5: proposed amendments with at least 15 days to comment; the final amended plan is
    due within 8 weeks of them (12 from the review meeting)."""
    found, case_row = await load_plan(uow, principal, plan_id)
    plan_rules.check_issued(found, "can be amended")
    current = await current_version(uow, found)
    assert current is not None
    if current.stage is VersionStage.DRAFT:
        raise conflict("Proposed amendments are already out for comment")
    not_before(cmd.sent_on, found.last_issued_on, "sent_on", "the plan's last issue", "R3.5")
    not_future(cmd.sent_on, uow.clock.today(), "sent_on")
    content = content_of(cmd, current.sections.get("I"))
    problems = [p for p in rules.plan_problems(content, case_row.date_of_birth, cmd.sent_on,
                                               final=True) if p.field != FINAL_SECTION_I_FIELD]
    if problems:
        raise PlanInvalid(problems)
    # A review that decided to amend already opened the clock (R3.5: the proposals belong in
    # its 4-week decision, so the 8 weeks run from it); a second would alert twice.
    if not await cases.has_open_deadline(uow.connection, found.case_id,
                                         DeadlineKind.AMENDED_PLAN_DUE, plan_id):
        meeting_on = await reviews.last_amend_meeting(uow.connection, plan_id)
        await deadlines.open(uow, la_code=found.la_code, case_id=found.case_id,
                             kind=DeadlineKind.AMENDED_PLAN_DUE,
                             due_on=rules.amended_plan_due_on(cmd.sent_on, meeting_on),
                             opened_on=uow.clock.today(), ref_id=plan_id,
                             owner=owner(case_row))
    await serve_version(uow, deadlines, case_row, plan_id, found.current_version + 1,
                        VersionReason.AMENDED, cmd, content)


async def serve_draft(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                      plan_id: str, cmd: DraftCreate) -> None:
    """A transfer review's first draft (R5.1, R1.12), or a revision of a draft not yet
    finalised (R1.12, R0.3): a new version (every version kept), section I still blank, with
    15 days to comment from its service; emits plan.drafted again."""
    found, case_row = await load_plan(uow, principal, plan_id)
    content = content_of(cmd)
    if found.origin is PlanOrigin.TRANSFER and found.current_version == 0:
        not_future(cmd.sent_on, uow.clock.today(), "sent_on")
        rules.check_plan(content, case_row.date_of_birth, cmd.sent_on, final=False)
        await serve_version(uow, deadlines, case_row, plan_id, 1, VersionReason.TRANSFER, cmd,
                            content)
        return
    current = await current_version(uow, found)
    current = plan_rules.check_draft_revisable(found, current)
    not_future(cmd.sent_on, uow.clock.today(), "sent_on")
    rules.check_plan(content, case_row.date_of_birth, cmd.sent_on, final=False,
                     advice_received=await _advice_received(uow, found.request_id))
    await serve_version(uow, deadlines, case_row, plan_id, found.current_version + 1,
                        current.reason, cmd, content, previous_sent_on=current.sent_on)


async def issue_final(uow: UnitOfWork, deadlines: DeadlineBook, found: PlanRecord,
                      case_row: CaseRecord, cmd: FinalCreate) -> None:
    """R1.14 (or R3.5 after amendment): finalise after the comment window (R0.3, R1.12),
    validate the whole plan (R2.1, R2.2), issue with appeal rights on B, F and I (R6.1). The
    final plan is the latest draft plus what the request changes (section I named)."""
    draft = await current_version(uow, found)
    if draft is None or draft.stage is not VersionStage.DRAFT or draft.sent_on is None:
        raise conflict("A final plan follows a draft")
    reason = plan_rules.issue_reason(found)
    rules.check_may_finalise(draft.sent_on, cmd.issued_on,
                             rule="R3.5" if reason is VersionReason.AMENDED else "R1.12")
    not_future(cmd.issued_on, uow.clock.today(), "issued_on")
    content = plan_rules.final_content(
        draft, cmd.model_dump(exclude_unset=True, exclude={"issued_on", "section_i"}),
        plan_rules.section_i_label(cmd.section_i.setting_name, cmd.section_i.setting_type))
    rules.check_plan(content, case_row.date_of_birth, cmd.issued_on,
                     advice_received=await _advice_received(uow, found.request_id))
    within, weeks, excused = await _timeliness(uow, found, reason, cmd.issued_on)
    number, version_id = found.current_version + 1, new_id()
    await repository.add_version(uow.connection, {
        "id": version_id, "plan_id": found.id, "number": number,
        "stage": VersionStage.FINAL.value, "reason": reason.value,
        **plan_rules.stored_content(content), "setting_name": cmd.section_i.setting_name,
        "setting_type": cmd.section_i.setting_type, "issued_on": cmd.issued_on,
        "created_at": uow.clock.now()})
    await _settle_deadlines(uow, deadlines, found, case_row, reason, cmd.issued_on)
    await publish(uow, case_row, contracts.PLAN_ISSUED, contracts.PlanIssuedV1(
        case_id=case_row.id, plan_id=found.id, version=number, issued_on=cmd.issued_on,
        reason=reason.value, within_statutory_time=within,  # type: ignore[arg-type]
        weeks_taken=weeks, section_i=contracts.SectionIV1(**cmd.section_i.model_dump()),
        exception_applies=excused), cmd.issued_on)
    kind = ("amended_plan_contents" if reason is VersionReason.AMENDED else "plan_contents")
    # the decision is the issued version (a UUID, as consumers store decision ids)
    await emit_appealable(uow, case_row, version_id, kind, cmd.issued_on,
                          cmd.issued_on, ["B", "F", "I"])


async def _timeliness(uow: UnitOfWork, found: PlanRecord, reason: VersionReason,
                      issued_on: date) -> tuple[bool, float, bool]:
    """(within statutory time, weeks taken, an exception applies) for the plan's clock."""
    if reason is VersionReason.NEW and found.request_id:
        request = await requests.get_request(uow.connection, found.la_code, found.request_id)
        assert request is not None
        exceptions = await advice.request_exceptions(uow.connection, [found.request_id])
        timeliness = rules.final_plan_timeliness(request.received_on, issued_on,
                                                 [timeline_exception(e) for e in exceptions])
        return (timeliness.within_statutory_time, timeliness.weeks_taken,
                timeliness.exception_applies)
    if reason is VersionReason.TRANSFER:
        moves = await transfers.transfers_of_plan(uow.connection, found.id)
        if moves and moves[0].started_on is not None:
            started, due = moves[0].started_on, moves[0].due_on
            return issued_on <= due, round((issued_on - started).days / 7, 1), False
    first = await current_version(uow, found)
    start = (first.sent_on if first else None) or issued_on
    due = rules.amended_plan_due_on(start)
    return issued_on <= due, round((issued_on - start).days / 7, 1), False


async def _settle_deadlines(uow: UnitOfWork, deadlines: DeadlineBook, found: PlanRecord,
                            case_row: CaseRecord, reason: VersionReason,
                            issued_on: date) -> None:
    """Close the clocks an issued plan stops; a first issue starts the review clock (R3.1)."""
    if found.request_id:
        await deadlines.close(uow, case_id=found.case_id, kind=DeadlineKind.ISSUE_FINAL_PLAN,
                              closed_on=issued_on, ref_id=found.request_id)
        await requests.update_request(uow.connection, found.request_id, {
            "status": RequestStatus.PLAN_ISSUED.value,
            "plan_outcome": PlanOutcome.ISSUED.value, "plan_outcome_on": issued_on})
    for kind in CLOSED_BY_AN_ISSUED_PLAN:
        await deadlines.close(uow, case_id=found.case_id, kind=kind, closed_on=issued_on,
                              ref_id=found.id)
    values = plan_rules.decide_issue(found, reason, issued_on, uow.clock.now()).values()
    if reason is not VersionReason.AMENDED:
        next_review = await schedule_review(uow, deadlines, found.id, case_row, issued_on)
        values |= plan_rules.first_issue(issued_on, next_review).values()
    await repository.bump_plan(uow.connection, found.id, values)


async def schedule_review(uow: UnitOfWork, deadlines: DeadlineBook, plan_id: str,
                          case_row: CaseRecord, since_on: date,
                          due_on: date | None = None) -> date:
    """R3.1: the next annual review; R3.2: an under-5 prompt at 3-6 months."""
    due_on = due_on or rules.annual_review_due_on(since_on)
    for kind in (DeadlineKind.ANNUAL_REVIEW_DUE, DeadlineKind.UNDER5_REVIEW_PROMPT):
        await deadlines.close(uow, case_id=case_row.id, kind=kind, closed_on=since_on,
                              ref_id=plan_id)
    common: dict[str, Any] = {"la_code": case_row.la_code, "case_id": case_row.id,
              "opened_on": uow.clock.today(), "ref_id": plan_id, "owner": owner(case_row)}
    await deadlines.open(uow, kind=DeadlineKind.ANNUAL_REVIEW_DUE, due_on=due_on, **common)
    prompts = rules.under5_review_prompts(since_on, case_row.date_of_birth)
    if prompts is not None:
        await deadlines.open(uow, kind=DeadlineKind.UNDER5_REVIEW_PROMPT, due_on=prompts[1],
                             **common)
    return due_on
