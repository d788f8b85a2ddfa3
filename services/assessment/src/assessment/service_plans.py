"""Use cases of EHC plans: drafts (R1.12), comments, school requests and consultation
(R1.13), final and amended plans (R1.14, R3.5) with versions kept (R2.1, R2.2)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from assessment import contracts, repository
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
from assessment.domain.errors import PlanInvalid, RuleViolation
from assessment.domain.model import (
    AdviceType,
    DeadlineKind,
    ExceptionKind,
    PlanContent,
    PlanSection,
    TimelineException,
)
from assessment.schemas_plans import (
    CommentCreate,
    ConsultationCreate,
    ConsultationReply,
    DraftCreate,
    FinalCreate,
    PlanContentIn,
    SchoolRequestCreate,
)
from assessment.service_advice import load_request
from assessment.tables_lifecycle import (
    plan,
    plan_comment,
    plan_version,
    school_request,
    timeline_exception,
    transfer,
)
from common import calendar
from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.problems import not_found

Row = Mapping[str, Any]
CLOSED_BY_AN_ISSUED_PLAN = (DeadlineKind.AMENDED_PLAN_DUE, DeadlineKind.REASSESSMENT_PLAN_DUE,
                            DeadlineKind.TRANSFER_REVIEW_DUE, DeadlineKind.PHASE_TRANSFER_NAMED_BY,
                            DeadlineKind.POST16_TRANSFER_AMEND_BY)


def domain_content(cmd: PlanContentIn, section_i: str | None = None) -> PlanContent:
    sections = {PlanSection(k): v for k, v in cmd.sections.items()}
    if section_i:
        sections[PlanSection.I] = section_i
    return PlanContent(sections=sections,
                       preparation_for_adulthood_in=frozenset(cmd.preparation_for_adulthood_in),
                       advice_listed=frozenset(cmd.advice_listed),
                       personal_budget_requested=cmd.personal_budget_requested,
                       direct_payment=cmd.direct_payment)


def _version_values(cmd: PlanContentIn, content: PlanContent) -> dict[str, Any]:
    return {"sections": {k.value: v for k, v in content.sections.items()},
            "preparation_for_adulthood_in": sorted(s.value for s in
                                                   cmd.preparation_for_adulthood_in),
            "advice_listed": sorted(a.value for a in cmd.advice_listed),
            "personal_budget_requested": cmd.personal_budget_requested,
            "direct_payment": cmd.direct_payment}


async def load_plan(uow: UnitOfWork, principal: Principal, plan_id: str) -> tuple[Row, Row]:
    """The plan (locked) and its case, if the caller may see the case."""
    row = await repo.plan_for_update(uow.session, principal.la_code, plan_id)
    if row is None:
        raise not_found(f"Plan {plan_id}")
    return row, await load_case(uow, principal, row["case_id"])


async def _advice_received(uow: UnitOfWork, request_id: str | None) -> frozenset[AdviceType]:
    if request_id is None:
        return frozenset()
    return frozenset(AdviceType(a) for a in
                     await repo.advice_received_types(uow.session, request_id))


async def draft_plan(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                     request_id: str, cmd: DraftCreate) -> str:
    """R1.12: the draft, section I blank, served with 15 days to comment (R0.3); drafting
    settles the 16-week question (R1.11) in favour of a plan."""
    request, case_row = await load_request(uow, principal, request_id)
    if request["status"] != "assessing":
        raise conflict("A draft plan follows an assessment under way")
    not_before(cmd.sent_on, request["decided_on"], "sent_on", "the decision to assess", "R1.12")
    not_future(cmd.sent_on, uow.clock.today(), "sent_on")
    content = domain_content(cmd)
    rules.check_plan(content, case_row["date_of_birth"], cmd.sent_on, final=False,
                     advice_received=await _advice_received(uow, request_id))
    plan_id = new_id()
    now = uow.clock.now()
    await repo.add(uow.session, plan, {
        "id": plan_id, "case_id": case_row["id"], "la_code": case_row["la_code"],
        "request_id": request_id, "status": "draft", "current_version": 0, "origin": "new",
        "version": 1, "created_at": now, "updated_at": now})
    await repository.update_request(uow.session, request_id, {"status": "plan_drafted"})
    await deadlines.close(uow, case_id=case_row["id"], kind=DeadlineKind.NOTIFY_NO_PLAN,
                          closed_on=cmd.sent_on, ref_id=request_id)
    await _serve_draft(uow, case_row, plan_id, 1, "new", cmd, content)
    return plan_id


async def _serve_draft(uow: UnitOfWork, case_row: Row, plan_id: str, number: int, reason: str,
                       cmd: DraftCreate, content: PlanContent,
                       previous_sent_on: date | None = None) -> None:
    window = (rules.draft_window(cmd.sent_on) if previous_sent_on is None
              else rules.revised_draft_window(previous_sent_on, cmd.sent_on))
    await repo.add(uow.session, plan_version, {
        "id": new_id(), "plan_id": plan_id, "number": number, "stage": "draft",
        "reason": reason, **_version_values(cmd, content), "sent_on": cmd.sent_on,
        "comments_due_on": window.comments_close_on,
        "earliest_final_on": window.earliest_final_on, "created_at": uow.clock.now()})
    await repo.bump_plan(uow.session, plan_id, {"current_version": number,
                                                "updated_at": uow.clock.now()})
    await publish(uow, case_row, contracts.PLAN_DRAFTED, contracts.PlanDraftedV1(
        case_id=case_row["id"], plan_id=plan_id, version=number, sent_on=cmd.sent_on,
        comments_due_on=window.comments_close_on,
        personal_budget_requested=cmd.personal_budget_requested,
        amendment=reason == "amended" or None), cmd.sent_on)


async def draft_amendment(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                          plan_id: str, cmd: DraftCreate) -> None:
    """R3.5: proposed amendments with at least 15 days to comment; the final amended plan is
    due within 8 weeks of them (12 from the review meeting)."""
    row, case_row = await load_plan(uow, principal, plan_id)
    if row["status"] != "issued":
        raise conflict("Only an issued plan can be amended")
    current = await repo.version(uow.session, plan_id, row["current_version"])
    assert current is not None
    if current["stage"] == "draft":
        raise conflict("Proposed amendments are already out for comment")
    not_before(cmd.sent_on, row["last_issued_on"], "sent_on", "the plan's last issue", "R3.5")
    not_future(cmd.sent_on, uow.clock.today(), "sent_on")
    content = domain_content(cmd, current["sections"].get("I"))
    problems = [p for p in rules.plan_problems(content, case_row["date_of_birth"], cmd.sent_on,
                                               final=True) if p.field != PlanSection.I]
    if problems:
        raise PlanInvalid(problems)
    # A review that decided to amend already opened the clock (R3.5: the proposals belong in
    # its 4-week decision, so the 8 weeks run from it); a second would alert twice.
    if not await repo.has_open_deadline(uow.session, row["case_id"],
                                        DeadlineKind.AMENDED_PLAN_DUE, plan_id):
        meeting_on = await _last_meeting(uow, plan_id)
        await deadlines.open(uow, la_code=row["la_code"], case_id=row["case_id"],
                             kind=DeadlineKind.AMENDED_PLAN_DUE,
                             due_on=rules.amended_plan_due_on(cmd.sent_on, meeting_on),
                             opened_on=uow.clock.today(), ref_id=plan_id,
                             owner=owner(case_row))
    await _serve_draft(uow, case_row, plan_id, row["current_version"] + 1, "amended", cmd,
                       content)


async def _last_meeting(uow: UnitOfWork, plan_id: str) -> date | None:
    from assessment.tables_lifecycle import review
    reviews = await repo.rows(uow.session, review, "created_at", plan_id=plan_id)
    meetings = [r["meeting_on"] for r in reviews if r["meeting_on"] and r["outcome"] == "amend"]
    return meetings[-1] if meetings else None


async def add_comment(uow: UnitOfWork, principal: Principal, plan_id: str,
                      cmd: CommentCreate) -> str:
    """R1.12: the family comments on the draft (and may ask for a meeting)."""
    row, _ = await load_plan(uow, principal, plan_id)
    current = await repo.version(uow.session, plan_id, row["current_version"])
    if current is None or current["stage"] != "draft":
        raise conflict("Comments are taken on a draft plan")
    comment_id = new_id()
    role = next(iter(sorted(principal.roles)))
    await repo.add(uow.session, plan_comment, {
        "id": comment_id, "plan_id": plan_id, "version_number": row["current_version"],
        "author_role": role, "author": cmd.author, "section": cmd.section,
        "body": cmd.body, "received_on": uow.clock.today(), "wants_meeting": cmd.wants_meeting})
    return comment_id


async def request_school(uow: UnitOfWork, principal: Principal, plan_id: str,
                         cmd: SchoolRequestCreate) -> str:
    """R1.12, R1.13: the family asks for a particular school or college to be named."""
    row, _ = await load_plan(uow, principal, plan_id)
    current = await repo.version(uow.session, plan_id, row["current_version"])
    if current is None or current["stage"] != "draft":
        raise conflict("A school is requested while a draft plan is out")
    not_before(cmd.requested_on, current["sent_on"], "requested_on", "the draft", "R1.12")
    not_future(cmd.requested_on, uow.clock.today(), "requested_on")
    request_id = new_id()
    await repo.add(uow.session, school_request, {
        "id": request_id, "plan_id": plan_id, "case_id": row["case_id"],
        **cmd.model_dump(), "status": "requested"})
    return request_id


async def _load_school_request(uow: UnitOfWork, principal: Principal,
                               school_request_id: str) -> tuple[Row, Row]:
    row = await repo.get_via_plan(uow.session, school_request, principal.la_code,
                                  school_request_id)
    if row is None:
        raise not_found(f"School request {school_request_id}")
    return row, await load_case(uow, principal, row["case_id"])


async def consult_school(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         school_request_id: str, cmd: ConsultationCreate) -> None:
    """R1.13: the LA consults the school, which should reply within 15 days."""
    row, case_row = await _load_school_request(uow, principal, school_request_id)
    if row["status"] != "requested":
        raise conflict("This school has already been consulted")
    not_before(cmd.consulted_on, row["requested_on"], "consulted_on", "the request", "R1.13")
    not_future(cmd.consulted_on, uow.clock.today(), "consulted_on")
    due_on = rules.school_consultation_reply_due_on(cmd.consulted_on)
    await repo.change(uow.session, school_request, school_request_id, {
        "consulted_on": cmd.consulted_on, "reply_due_on": due_on, "status": "consulted"})
    await deadlines.open(uow, la_code=case_row["la_code"], case_id=case_row["id"],
                         kind=DeadlineKind.SCHOOL_CONSULTATION_REPLY, due_on=due_on,
                         opened_on=uow.clock.today(), ref_id=school_request_id,
                         owner=owner(case_row))
    await note(uow, case_row, "school.consulted", cmd.consulted_on,
               {"school_request_id": school_request_id, "reply_due_on": due_on.isoformat()})


async def record_school_reply(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                              school_request_id: str, cmd: ConsultationReply) -> None:
    row, case_row = await _load_school_request(uow, principal, school_request_id)
    if row["status"] != "consulted":
        raise conflict("The school has not been consulted, or has replied")
    not_before(cmd.replied_on, row["consulted_on"], "replied_on", "the consultation", "R1.13")
    not_future(cmd.replied_on, uow.clock.today(), "replied_on")
    await repo.change(uow.session, school_request, school_request_id, {
        "replied_on": cmd.replied_on, "response": cmd.response, "status": "replied"})
    await deadlines.close(uow, case_id=case_row["id"],
                          kind=DeadlineKind.SCHOOL_CONSULTATION_REPLY,
                          closed_on=cmd.replied_on, ref_id=school_request_id)


async def issue_final(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                      plan_id: str, cmd: FinalCreate) -> None:
    """R1.14 (or R3.5 after amendment): finalise after the comment window (R0.3, R1.12),
    validate the whole plan (R2.1, R2.2), issue with appeal rights on B, F and I (R6.1)."""
    row, case_row = await load_plan(uow, principal, plan_id)
    draft = await repo.version(uow.session, plan_id, row["current_version"])
    if draft is None or draft["stage"] != "draft":
        raise conflict("A final plan follows a draft")
    reason = "amended" if row["first_issued_on"] else _first_reason(row)
    rules.check_may_finalise(draft["sent_on"], cmd.issued_on,
                             rule="R3.5" if reason == "amended" else "R1.12")
    not_future(cmd.issued_on, uow.clock.today(), "issued_on")
    label = (f"{cmd.section_i.setting_name} ({cmd.section_i.setting_type})"
             if cmd.section_i.setting_name else cmd.section_i.setting_type)
    content = domain_content(cmd, cmd.sections.get(PlanSection.I) or label)
    rules.check_plan(content, case_row["date_of_birth"], cmd.issued_on,
                     advice_received=await _advice_received(uow, row["request_id"]))
    within, weeks, excused = await _timeliness(uow, row, reason, cmd.issued_on)
    number, version_id = row["current_version"] + 1, new_id()
    await repo.add(uow.session, plan_version, {
        "id": version_id, "plan_id": plan_id, "number": number, "stage": "final",
        "reason": reason, **_version_values(cmd, content),
        "setting_name": cmd.section_i.setting_name, "setting_type": cmd.section_i.setting_type,
        "issued_on": cmd.issued_on, "created_at": uow.clock.now()})
    await _settle_deadlines(uow, deadlines, row, case_row, reason, cmd.issued_on)
    await publish(uow, case_row, contracts.PLAN_ISSUED, contracts.PlanIssuedV1(
        case_id=case_row["id"], plan_id=plan_id, version=number, issued_on=cmd.issued_on,
        reason=reason, within_statutory_time=within, weeks_taken=weeks,  # type: ignore[arg-type]
        section_i=contracts.SectionIV1(**cmd.section_i.model_dump()),
        exception_applies=excused), cmd.issued_on)
    kind = "amended_plan_contents" if reason == "amended" else "plan_contents"
    # the decision is the issued version (a UUID, as consumers store decision ids)
    await emit_appealable(uow, case_row, version_id, kind, cmd.issued_on,
                          cmd.issued_on, ["B", "F", "I"])


def _first_reason(row: Row) -> str:
    return {"transfer": "transfer", "moved_in": "moved_in"}.get(row["origin"], "new")


async def _timeliness(uow: UnitOfWork, row: Row, reason: str,
                      issued_on: date) -> tuple[bool, float, bool]:
    """(within statutory time, weeks taken, an exception applies) for the plan's clock."""
    if reason == "new" and row["request_id"]:
        request = await repository.get_request(uow.session, row["la_code"], row["request_id"])
        assert request is not None
        timeliness = rules.final_plan_timeliness(request["received_on"], issued_on,
                                                 await exceptions_of(uow, row["request_id"]))
        return (timeliness.within_statutory_time, timeliness.weeks_taken,
                timeliness.exception_applies)
    if reason == "transfer":
        moves = await repo.rows(uow.session, transfer, plan_id=row["id"])
        if moves:
            started, due = moves[0]["started_on"], moves[0]["due_on"]
            return issued_on <= due, round((issued_on - started).days / 7, 1), False
    first = await repo.version(uow.session, row["id"], row["current_version"])
    start = first["sent_on"] if first else issued_on
    due = rules.amended_plan_due_on(start) if start else issued_on
    return issued_on <= due, round((issued_on - start).days / 7, 1), False


async def exceptions_of(uow: UnitOfWork, request_id: str) -> list[TimelineException]:
    rows = await repo.rows(uow.session, timeline_exception, request_id=request_id)
    return [TimelineException(kind=ExceptionKind(r["kind"]), evidence=r["evidence"],
                              starts_on=r["starts_on"], ends_on=r["ends_on"],
                              advice_requested_on=r["advice_requested_on"])
            for r in rows if r["advice_request_id"] is None]


async def _settle_deadlines(uow: UnitOfWork, deadlines: DeadlineBook, row: Row, case_row: Row,
                            reason: str, issued_on: date) -> None:
    """Close the clocks an issued plan stops; a first issue starts the review clock (R3.1)."""
    if row["request_id"]:
        await deadlines.close(uow, case_id=row["case_id"], kind=DeadlineKind.ISSUE_FINAL_PLAN,
                              closed_on=issued_on, ref_id=row["request_id"])
        await repository.update_request(uow.session, row["request_id"], {
            "status": "plan_issued", "plan_outcome": "issued", "plan_outcome_on": issued_on})
    for kind in CLOSED_BY_AN_ISSUED_PLAN:
        await deadlines.close(uow, case_id=row["case_id"], kind=kind, closed_on=issued_on,
                              ref_id=row["id"])
    values: dict[str, Any] = {"status": "issued", "last_issued_on": issued_on,
                              "current_version": row["current_version"] + 1,
                              "updated_at": uow.clock.now()}
    if reason != "amended":
        values |= {"first_issued_on": issued_on,
                   "next_review_due_on": await schedule_review(uow, deadlines, row, case_row,
                                                               issued_on)}
    await repo.bump_plan(uow.session, row["id"], values)


async def schedule_review(uow: UnitOfWork, deadlines: DeadlineBook, row: Row, case_row: Row,
                          since_on: date, due_on: date | None = None) -> date:
    """R3.1: the next annual review; R3.2: an under-5 prompt at 3-6 months."""
    due_on = due_on or rules.annual_review_due_on(since_on)
    await deadlines.close(uow, case_id=row["case_id"], kind=DeadlineKind.ANNUAL_REVIEW_DUE,
                          closed_on=since_on, ref_id=row["id"])
    await deadlines.close(uow, case_id=row["case_id"], kind=DeadlineKind.UNDER5_REVIEW_PROMPT,
                          closed_on=since_on, ref_id=row["id"])
    common = {"la_code": row["la_code"], "case_id": row["case_id"],
              "opened_on": uow.clock.today(), "ref_id": row["id"], "owner": owner(case_row)}
    await deadlines.open(uow, kind=DeadlineKind.ANNUAL_REVIEW_DUE, due_on=due_on, **common)
    prompts = rules.under5_review_prompts(since_on, case_row["date_of_birth"])
    if prompts is not None:
        await deadlines.open(uow, kind=DeadlineKind.UNDER5_REVIEW_PROMPT, due_on=prompts[1],
                             **common)
    return due_on


def check_section(section: str) -> PlanSection:
    try:
        return PlanSection(section)
    except ValueError:
        raise RuleViolation("R2.1", f"{section} is not a section of an EHC plan",
                            "section") from None


__all__ = ["calendar", "draft_plan", "issue_final", "load_plan"]


async def draft_transfer_plan(uow: UnitOfWork, principal: Principal, plan_id: str,
                              cmd: DraftCreate) -> None:
    """R5.1, R1.12: the transfer review's draft EHC plan, served like any other draft."""
    row, case_row = await load_plan(uow, principal, plan_id)
    if row["origin"] != "transfer" or row["current_version"] != 0:
        raise conflict("Only a transfer review's first draft is served this way")
    not_future(cmd.sent_on, uow.clock.today(), "sent_on")
    content = domain_content(cmd)
    rules.check_plan(content, case_row["date_of_birth"], cmd.sent_on, final=False)
    await _serve_draft(uow, case_row, plan_id, 1, "transfer", cmd, content)


async def serve_draft(uow: UnitOfWork, principal: Principal, plan_id: str,
                      cmd: DraftCreate) -> None:
    """A transfer review's first draft (R5.1), or a revision of a draft not yet finalised
    (R1.12)."""
    row, _ = await load_plan(uow, principal, plan_id)
    if row["origin"] == "transfer" and row["current_version"] == 0:
        await draft_transfer_plan(uow, principal, plan_id, cmd)
    else:
        await revise_draft(uow, principal, plan_id, cmd)


async def revise_draft(uow: UnitOfWork, principal: Principal, plan_id: str,
                       cmd: DraftCreate) -> None:
    """R1.12, R0.3: a draft revised before it is finalised is served as a new version (every
    version kept), section I still blank, with 15 days to comment from its service; emits
    plan.drafted again."""
    row, case_row = await load_plan(uow, principal, plan_id)
    current = await repo.version(uow.session, plan_id, row["current_version"])
    if row["status"] != "draft" or current is None or current["stage"] != "draft":
        raise conflict("Only a draft plan not yet finalised can be revised")
    not_future(cmd.sent_on, uow.clock.today(), "sent_on")
    content = domain_content(cmd)
    rules.check_plan(content, case_row["date_of_birth"], cmd.sent_on, final=False,
                     advice_received=await _advice_received(uow, row["request_id"]))
    await _serve_draft(uow, case_row, plan_id, row["current_version"] + 1, current["reason"],
                       cmd, content, previous_sent_on=current["sent_on"])
