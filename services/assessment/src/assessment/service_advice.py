"""Use cases of the assessment itself: advice requests and answers (R1.7, R1.8, R1.10),
exceptions (R0.5, R1.9, R1.10) and the decision not to issue a plan (R1.11)."""

from __future__ import annotations

from collections.abc import Mapping
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
from assessment.domain.errors import RuleViolation
from assessment.domain.model import (
    ADVICE_EXCEPTIONS,
    AdviceType,
    DeadlineKind,
    ExceptionKind,
    TimelineException,
)
from assessment.schemas_advice import (
    AdviceCreate,
    AdviceRequestCreate,
    ExceptionCreate,
    NoPlanDecisionCreate,
)
from assessment.tables_lifecycle import advice_request, timeline_exception
from common import calendar
from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.problems import not_found

Row = Mapping[str, Any]
RECIPIENT_KIND = {AdviceType.HEALTH: "icb", AdviceType.EDUCATION: "school",
                  AdviceType.PSYCHOLOGY: "educational_psychology",
                  AdviceType.SOCIAL_CARE: "social_care",
                  AdviceType.PARENT_OR_YOUNG_PERSON: "family"}


async def load_request(uow: UnitOfWork, principal: Principal, request_id: str) -> tuple[Row, Row]:
    request = await repository.get_request(uow.session, principal.la_code, request_id)
    if request is None:
        raise not_found(f"Request {request_id}")
    return request, await load_case(uow, principal, request["case_id"], for_update=True)


def _recipient(cmd: AdviceRequestCreate, case_row: Row) -> contracts.RecipientV1:
    if cmd.advice_type is AdviceType.HEALTH:
        # R1.7: medical advice comes from the professional the commissioning body names.
        org = cmd.recipient.org_code if cmd.recipient else case_row["icb_org_code"]
        name = cmd.recipient.name if cmd.recipient else case_row["icb_name"]
        if not org or not name:
            raise RuleViolation("R1.7", "health advice is sought through the commissioning "
                                "body: give the ICB's org_code and name", "recipient")
        return contracts.RecipientV1(kind="icb", org_code=org, name=name)
    if cmd.recipient is not None:
        return contracts.RecipientV1(**cmd.recipient.model_dump())
    if cmd.advice_type is AdviceType.EDUCATION and case_row["setting_name"]:
        return contracts.RecipientV1(kind="school", org_code=case_row["setting_urn"],
                                     name=case_row["setting_name"])
    raise RuleViolation("R1.7", "say whom the advice is asked of", "recipient")


async def request_advice(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         request_id: str, cmd: AdviceRequestCreate) -> str:
    """R1.7, R1.8: advice of one type, due 6 weeks after it is asked for."""
    request, case_row = await load_request(uow, principal, request_id)
    if request["status"] != "assessing":
        raise conflict("Advice is sought once the LA has decided to assess")
    not_before(cmd.requested_on, request["decided_on"], "requested_on", "the decision to assess")
    not_future(cmd.requested_on, uow.clock.today(), "requested_on")
    if (cmd.advice_type is AdviceType.PREPARATION_FOR_ADULTHOOD
            and calendar.year_group(case_row["date_of_birth"], cmd.requested_on) < 9):
        raise RuleViolation("R1.7", "preparation for adulthood advice is from year 9",
                            "advice_type")
    recipient = _recipient(cmd, case_row)
    advice_id, due_on = new_id(), rules.advice_due_on(cmd.requested_on)
    await repo.add(uow.session, advice_request, {
        "id": advice_id, "case_id": case_row["id"], "request_id": request_id,
        "la_code": case_row["la_code"], "advice_type": cmd.advice_type.value,
        "recipient_kind": recipient.kind, "recipient_org_code": recipient.org_code,
        "recipient_name": recipient.name, "requested_on": cmd.requested_on, "due_on": due_on,
        "status": "requested", "created_at": uow.clock.now()})
    await deadlines.open(uow, la_code=case_row["la_code"], case_id=case_row["id"],
                         kind=DeadlineKind.ADVICE_DUE, due_on=due_on,
                         opened_on=uow.clock.today(), ref_id=advice_id, owner=owner(case_row))
    await publish(uow, case_row, contracts.ADVICE_REQUESTED, contracts.AdviceRequestedV1(
        case_id=case_row["id"], advice_request_id=advice_id, advice_type=cmd.advice_type.value,
        recipient=recipient, due_on=due_on, requested_on=cmd.requested_on), cmd.requested_on)
    return advice_id


async def load_advice(uow: UnitOfWork, principal: Principal, advice_id: str) -> Row:
    """Staff of the LA see its advice requests; a health body only those sent to it."""
    row = await repo.get_in_la(uow.session, advice_request, principal.la_code, advice_id)
    if row is None:
        raise not_found(f"Advice request {advice_id}")
    if principal.has_any(("la_caseworker", "la_manager")):
        return row
    if not principal.org_code or row["recipient_org_code"] != principal.org_code:
        raise not_found(f"Advice request {advice_id}")
    return row


async def submit_advice(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                        advice_id: str, cmd: AdviceCreate) -> None:
    """R1.8: advice arrives; the clock closes; on time or not is recorded."""
    row = await load_advice(uow, principal, advice_id)
    if row["status"] == "received":
        raise conflict("This advice has already been received", "already-received")
    not_before(cmd.received_on, row["requested_on"], "received_on", "the request for advice",
               "R1.8")
    not_future(cmd.received_on, uow.clock.today(), "received_on")
    case_row = await repo.case_of(uow.session, row["case_id"])
    assert case_row is not None
    await repo.change(uow.session, advice_request, advice_id, {
        "status": "received", "received_on": cmd.received_on, "author": cmd.author,
        "summary": cmd.summary})
    await deadlines.close(uow, case_id=row["case_id"], kind=DeadlineKind.ADVICE_DUE,
                          closed_on=cmd.received_on, ref_id=advice_id)
    await publish(uow, case_row, contracts.ADVICE_RECEIVED, contracts.AdviceReceivedV1(
        case_id=row["case_id"], advice_request_id=advice_id, received_on=cmd.received_on,
        advice_type=row["advice_type"], within_statutory_time=cmd.received_on <= row["due_on"]),
        cmd.received_on)


def _exception(cmd: ExceptionCreate, for_advice: bool) -> TimelineException:
    rule = "R1.10" if for_advice else "R1.9"
    try:
        kind = ExceptionKind(cmd.kind)
    except ValueError:
        raise RuleViolation(rule, f"{cmd.kind} is not an exception (a waiting list never is)",
                            "kind") from None
    exception = TimelineException(kind=kind, evidence=cmd.evidence, starts_on=cmd.starts_on,
                                  ends_on=cmd.ends_on,
                                  advice_requested_on=cmd.advice_requested_on)
    if for_advice:
        rules.check_advice_exception(exception)
    elif kind in ADVICE_EXCEPTIONS:
        raise RuleViolation("R1.9", f"{kind} excuses late advice only", "kind")
    else:
        rules.check_exception(exception)
    return exception


async def record_exception(uow: UnitOfWork, principal: Principal, cmd: ExceptionCreate, *,
                           request_id: str | None = None, advice_id: str | None = None) -> str:
    """R0.5: an exception is recorded with kind, dates and evidence; it never moves a
    deadline (none is changed here), it only excuses missing it."""
    if advice_id is not None:
        advice = await load_advice(uow, principal, advice_id)
        request_id = advice["request_id"]
    assert request_id is not None
    request, case_row = await load_request(uow, principal, request_id)
    _exception(cmd, advice_id is not None)
    for field in ("starts_on", "advice_requested_on"):
        value = getattr(cmd, field)
        if value is not None:
            not_future(value, uow.clock.today(), field)
    exception_id = new_id()
    await repo.add(uow.session, timeline_exception, {
        "id": exception_id, "case_id": case_row["id"], "la_code": case_row["la_code"],
        "request_id": request_id, "advice_request_id": advice_id, "kind": cmd.kind,
        "starts_on": cmd.starts_on, "ends_on": cmd.ends_on,
        "advice_requested_on": cmd.advice_requested_on, "evidence": cmd.evidence,
        "recorded_on": uow.clock.today(), "created_at": uow.clock.now()})
    await note(uow, case_row, "exception.recorded", uow.clock.today(),
               {"exception_id": exception_id, "kind": cmd.kind, "request_id": request_id,
                "advice_request_id": advice_id})
    return exception_id


async def decide_no_plan(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         request_id: str, cmd: NoPlanDecisionCreate) -> None:
    """R1.11: after assessing, the LA decides not to issue a plan (16 weeks); appealable
    (R6.1) with R1.5's information."""
    request, case_row = await load_request(uow, principal, request_id)
    if request["status"] != "assessing":
        raise conflict("Only an assessment under way can end without a plan")
    notified_on = cmd.notified_on or cmd.decided_on
    not_before(cmd.decided_on, request["decided_on"], "decided_on", "the decision to assess",
               "R1.11")
    not_before(notified_on, cmd.decided_on, "notified_on", "decided_on", "R1.11")
    not_future(notified_on, uow.clock.today(), "notified_on")
    await repository.update_request(uow.session, request_id, {
        "status": "no_plan", "plan_outcome": "refused", "plan_outcome_on": cmd.decided_on})
    for kind in (DeadlineKind.NOTIFY_NO_PLAN, DeadlineKind.ISSUE_FINAL_PLAN):
        await deadlines.close(uow, case_id=case_row["id"], kind=kind, closed_on=notified_on,
                              ref_id=request_id)
    await publish(uow, case_row, contracts.PLAN_REFUSED, contracts.PlanRefusedV1(
        case_id=case_row["id"], request_id=request_id, decided_on=cmd.decided_on,
        within_statutory_time=notified_on <= request["no_plan_notice_due_on"]), cmd.decided_on)
    await emit_appealable(uow, case_row, request_id, "refuse_plan", cmd.decided_on, notified_on)
