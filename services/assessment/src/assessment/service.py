"""Use cases of the assessment service: load, decide (pure domain rules), save, emit.
Nothing here commits; the caller's unit of work does."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from assessment import contracts, repository
from assessment.domain import rules
from assessment.domain.model import DeadlineKind, RequesterType
from assessment.schemas import CaseCreate, ContactsUpdate, DecisionCreate, RequestCreate
from common import calendar
from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook, DeadlineOwner
from common.messaging.envelope import subject_for_case
from common.problems import Problem, not_found


def new_id() -> str:
    return str(uuid.uuid4())


async def load_case(uow: UnitOfWork, principal: Principal, case_id: str,
                    *, for_update: bool = False) -> Mapping[str, Any]:
    """The case if the caller may see it; otherwise 404, never revealing it exists."""
    row = await repository.get_case(uow.session, principal.la_code, case_id,
                                    for_update=for_update)
    if row is None or not principal.may_see_case(row["la_code"], row["id"]):
        raise not_found(f"Case {case_id}")
    return row


def _contact_events(contacts: list[Mapping[str, Any]]) -> list[contracts.ContactV1]:
    return [contracts.ContactV1(role=c["role"], name=c["name"], email=c.get("email"),
                                phone=c.get("phone"), preferred_channel=c["preferred_channel"])
            for c in contacts]


async def open_case(uow: UnitOfWork, principal: Principal, cmd: CaseCreate) -> str:
    case_id = new_id()
    now = uow.clock.now()
    fields = cmd.model_dump(exclude={"contacts"})
    await repository.insert_case(uow.session, {
        "id": case_id, "la_code": principal.la_code, "home_la_code": principal.la_code,
        "version": 1, "created_at": now, "updated_at": now, **fields})
    contacts = [c.model_dump(mode="json") for c in cmd.contacts]
    await repository.replace_contacts(uow.session, case_id, contacts, new_id)
    uow.emit(contracts.CASE_OPENED, contracts.CaseOpenedV1(
        case_id=case_id, la_code=principal.la_code,
        person=contracts.PersonV1(given_name=cmd.given_name, family_name=cmd.family_name,
                                  date_of_birth=cmd.date_of_birth),
        contacts=_contact_events(contacts), caseworker_id=cmd.caseworker_id, team=cmd.team),
        subject=subject_for_case(case_id), la_code=principal.la_code)
    return case_id


async def change_contacts(uow: UnitOfWork, principal: Principal, case_id: str,
                          cmd: ContactsUpdate) -> None:
    row = await load_case(uow, principal, case_id, for_update=True)
    contacts = [c.model_dump(mode="json") for c in cmd.contacts]
    await repository.replace_contacts(uow.session, case_id, contacts, new_id)
    await repository.bump_case_version(uow.session, case_id, {"updated_at": uow.clock.now()})
    uow.emit(contracts.CONTACTS_CHANGED, contracts.ContactsChangedV1(
        case_id=case_id, contacts=_contact_events(contacts)),
        subject=subject_for_case(case_id), la_code=row["la_code"])


def _owner(case_row: Mapping[str, Any]) -> DeadlineOwner:
    return DeadlineOwner(team=case_row["team"], caseworker_id=case_row["caseworker_id"])


async def record_request(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         case_id: str, cmd: RequestCreate) -> str:
    """A request for an EHC needs assessment: the 6-, 16- and 20-week clocks start on the
    day it is received (R0.1, R1.4, R1.11, R1.14)."""
    case_row = await load_case(uow, principal, case_id, for_update=True)
    if cmd.received_on > uow.clock.today():
        raise Problem(422, "received_on may not be in the future", kind="future-date")
    rules.check_may_request(cmd.requester_type, case_row["date_of_birth"], cmd.received_on)
    last = await repository.last_assessed_on(uow.session, case_id)
    clocks = rules.request_deadlines(cmd.received_on)
    request_id = new_id()
    await repository.insert_request(uow.session, {
        "id": request_id, "case_id": case_id, "la_code": case_row["la_code"],
        "requester_type": cmd.requester_type.value, "requester_name": cmd.requester_name,
        "received_on": cmd.received_on, "decision_due_on": clocks.decision_due_on,
        "no_plan_notice_due_on": clocks.no_plan_notice_due_on,
        "final_plan_due_on": clocks.final_plan_due_on,
        "repeat_within_six_months": rules.repeat_request_within_six_months(last, cmd.received_on),
        "status": "awaiting_decision", "created_at": uow.clock.now()})
    await deadlines.open(uow, la_code=case_row["la_code"], case_id=case_id,
                         kind=DeadlineKind.DECIDE_WHETHER_TO_ASSESS, due_on=clocks.decision_due_on,
                         opened_on=uow.clock.today(), ref_id=request_id, owner=_owner(case_row))
    uow.emit(contracts.REQUEST_RECEIVED, contracts.RequestReceivedV1(
        case_id=case_id, request_id=request_id, requester_type=cmd.requester_type.value,
        received_on=cmd.received_on, decision_due_on=clocks.decision_due_on,
        final_plan_due_on=clocks.final_plan_due_on),
        subject=subject_for_case(case_id), la_code=case_row["la_code"])
    return request_id


async def decide_whether_to_assess(uow: UnitOfWork, deadlines: DeadlineBook,
                                   principal: Principal, request_id: str,
                                   cmd: DecisionCreate) -> Mapping[str, Any]:
    """The LA's decision (R1.4); a refusal is appealable (R1.5, R6.1)."""
    request = await repository.get_request(uow.session, principal.la_code, request_id)
    if request is None:
        raise not_found(f"Request {request_id}")
    case_row = await load_case(uow, principal, request["case_id"], for_update=True)
    if request["decision"] is not None:
        raise Problem(409, "This request has already been decided", kind="already-decided")
    notified_on = cmd.notified_on or cmd.decided_on
    _check_decision_dates(request["received_on"], cmd.decided_on, notified_on,
                          uow.clock.today())
    await repository.update_request(uow.session, request_id, {
        "decision": cmd.decision, "decided_on": cmd.decided_on, "notified_on": notified_on,
        "decision_reasons": cmd.reasons,
        "status": "assessing" if cmd.decision == "assess" else "refused"})
    await deadlines.close(uow, case_id=case_row["id"],
                          kind=DeadlineKind.DECIDE_WHETHER_TO_ASSESS, closed_on=cmd.decided_on,
                          ref_id=request_id)
    subject = subject_for_case(case_row["id"])
    uow.emit(contracts.DECISION_MADE, contracts.DecisionMadeV1(
        case_id=case_row["id"], request_id=request_id, decision=cmd.decision,
        decided_on=cmd.decided_on), subject=subject, la_code=case_row["la_code"])
    if cmd.decision == "refuse":
        await _emit_appealable(uow, case_row, request_id, "refuse_assessment",
                               cmd.decided_on, notified_on)
    return {**request, "decision": cmd.decision, "decided_on": cmd.decided_on,
            "status": "assessing" if cmd.decision == "assess" else "refused"}


def _check_decision_dates(received_on: date, decided_on: date, notified_on: date,
                          today: date) -> None:
    if decided_on < received_on:
        raise Problem(422, "decided_on is before the request was received",
                      kind="dates-out-of-order", errors=[{"field": "decided_on",
                                                         "message": "before received_on"}])
    if notified_on < decided_on:
        raise Problem(422, "notified_on is before decided_on", kind="dates-out-of-order",
                      errors=[{"field": "notified_on", "message": "before decided_on"}])
    if notified_on > today:
        raise Problem(422, "the decision cannot be recorded as notified in the future",
                      kind="future-date", errors=[{"field": "notified_on",
                                                   "message": "in the future"}])


async def _emit_appealable(uow: UnitOfWork, case_row: Mapping[str, Any], decision_id: str,
                           kind: str, decided_on: date, notified_on: date,
                           sections: list[str] | None = None) -> None:
    contacts = await repository.contacts_of(uow.session, case_row["id"])
    family = [c for c in contacts if c["role"] in ("parent", "young_person", "carer")]
    appellants = [contracts.AppellantV1(name=c["name"], email=c["email"], phone=c["phone"])
                  for c in family] or [contracts.AppellantV1(
                      name=f"{case_row['given_name']} {case_row['family_name']}")]
    uow.emit(contracts.DECISION_APPEALABLE, contracts.DecisionAppealableV1(
        case_id=case_row["id"], decision_id=decision_id, decision_kind=kind,  # type: ignore[arg-type]
        decided_on=decided_on, notified_on=notified_on, appellants=appellants,
        sections_in_dispute=sections), subject=subject_for_case(case_row["id"]),
        la_code=case_row["la_code"])


def year_group_and_status(born_on: date, today: date) -> tuple[int, bool]:
    return calendar.year_group(born_on, today), calendar.is_young_person(born_on, today)


__all__ = ["RequesterType", "open_case", "record_request", "decide_whether_to_assess",
           "change_contacts", "load_case"]
