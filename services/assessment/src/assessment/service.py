"""Use cases of cases and requests: load, decide (pure domain rules), save, emit.
Nothing here commits; the caller's unit of work does. Later steps live in service_*.py."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from assessment import contracts, repository
from assessment.casework import (
    emit_appealable,
    load_case,
    new_id,
    not_future,
    owner,
    publish,
)
from assessment.domain import rules
from assessment.domain.errors import RuleViolation
from assessment.domain.model import DeadlineKind, RequesterType
from assessment.schemas import (
    CaseCreate,
    ContactsUpdate,
    DecisionCreate,
    HealthNotificationCreate,
    ReferralCreate,
    RequestCreate,
)
from common import calendar
from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.problems import Problem, not_found

Row = Mapping[str, Any]
RequestLike = RequestCreate | ReferralCreate | HealthNotificationCreate


def _contact_events(contacts: Sequence[Mapping[str, Any]]) -> list[contracts.ContactV1]:
    return [contracts.ContactV1(role=c["role"], name=c["name"], email=c.get("email"),
                                phone=c.get("phone"), preferred_channel=c["preferred_channel"])
            for c in contacts]


async def open_case(uow: UnitOfWork, principal: Principal, cmd: CaseCreate, *,
                    la_code: str | None = None, extra: dict[str, Any] | None = None) -> str:
    case_id = new_id()
    now = uow.clock.now()
    la = la_code or principal.la_code
    fields = cmd.model_dump(exclude={"contacts"})
    await repository.insert_case(uow.session, {
        "id": case_id, "la_code": la, "home_la_code": la,
        "version": 1, "created_at": now, "updated_at": now, **fields, **(extra or {})})
    contacts = [c.model_dump(mode="json") for c in cmd.contacts]
    await repository.replace_contacts(uow.session, case_id, contacts, new_id)
    row = {"id": case_id, "la_code": la}
    await publish(uow, row, contracts.CASE_OPENED, contracts.CaseOpenedV1(
        case_id=case_id, la_code=la,
        person=contracts.PersonV1(given_name=cmd.given_name, family_name=cmd.family_name,
                                  date_of_birth=cmd.date_of_birth),
        contacts=_contact_events(contacts), caseworker_id=cmd.caseworker_id, team=cmd.team),
        uow.clock.today())
    return case_id


async def change_contacts(uow: UnitOfWork, principal: Principal, case_id: str,
                          cmd: ContactsUpdate) -> None:
    row = await load_case(uow, principal, case_id, for_update=True)
    contacts = [c.model_dump(mode="json") for c in cmd.contacts]
    await repository.replace_contacts(uow.session, case_id, contacts, new_id)
    await repository.bump_case_version(uow.session, case_id, {"updated_at": uow.clock.now()})
    await publish(uow, row, contracts.CONTACTS_CHANGED, contracts.ContactsChangedV1(
        case_id=case_id, contacts=_contact_events(contacts)), uow.clock.today())


def parties_to_notify(case_row: Row) -> list[contracts.PartyV1]:
    """R1.3: the commissioning body, the LA's social care team and the setting."""
    parties = [contracts.PartyV1(kind="social_care", name=f"Social care, LA {case_row['la_code']}",
                                 org_code=case_row["la_code"])]
    if case_row.get("icb_org_code") or case_row.get("icb_name"):
        parties.insert(0, contracts.PartyV1(kind="icb", org_code=case_row["icb_org_code"],
                                            name=case_row["icb_name"] or case_row["icb_org_code"]))
    if case_row.get("setting_name"):
        parties.append(contracts.PartyV1(kind="setting", name=case_row["setting_name"],
                                         org_code=case_row.get("setting_urn")))
    return parties


async def record_request(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                         case_id: str, cmd: RequestLike, *,
                         requester: RequesterType | None = None,
                         extra: dict[str, Any] | None = None) -> Row:
    """A request for an EHC needs assessment, or a referral or health notification that the LA
    treats the same way (R1.1, R1.15): the 6-, 16- and 20-week clocks start on the day it is
    received (R0.1, R1.4, R1.11, R1.14); R1.3's parties are told through the event. Returns
    the request as stored."""
    case_row = await load_case(uow, principal, case_id, for_request=True)
    requester = requester or cmd.requester_type  # type: ignore[union-attr]
    not_future(cmd.received_on, uow.clock.today(), "received_on")
    if principal.is_family and requester.value not in principal.roles:
        raise RuleViolation("R1.1", "a family member requests as themselves", "requester_type")
    rules.check_may_request(requester, case_row["date_of_birth"], cmd.received_on)
    repeat = rules.repeat_request_within_six_months(case_row["last_assessed_on"],
                                                    cmd.received_on)
    clocks = rules.request_deadlines(cmd.received_on)
    request = await repository.insert_request(uow.session, {
        "id": new_id(), "case_id": case_id, "la_code": case_row["la_code"],
        "requester_type": requester.value, "requester_name": cmd.requester_name,
        "received_on": cmd.received_on, "decision_due_on": clocks.decision_due_on,
        "no_plan_notice_due_on": clocks.no_plan_notice_due_on,
        "final_plan_due_on": clocks.final_plan_due_on, "repeat_within_six_months": repeat,
        "status": "awaiting_decision", "created_at": uow.clock.now(), **(extra or {})})
    await deadlines.open(uow, la_code=case_row["la_code"], case_id=case_id,
                         kind=DeadlineKind.DECIDE_WHETHER_TO_ASSESS, due_on=clocks.decision_due_on,
                         opened_on=uow.clock.today(), ref_id=request["id"],
                         owner=owner(case_row))
    await publish(uow, case_row, contracts.REQUEST_RECEIVED, contracts.RequestReceivedV1(
        case_id=case_id, request_id=request["id"], requester_type=requester.value,
        received_on=cmd.received_on, decision_due_on=clocks.decision_due_on,
        final_plan_due_on=clocks.final_plan_due_on, notify=parties_to_notify(case_row),
        repeat_within_six_months=repeat,
        notifier_org_code=(extra or {}).get("notifier_org_code")), cmd.received_on)
    return request


async def record_health_notification(uow: UnitOfWork, deadlines: DeadlineBook,
                                     principal: Principal,
                                     cmd: HealthNotificationCreate) -> tuple[str, str]:
    """R1.15: a health body brings an under-5 to the LA's attention, having told the parent;
    the LA treats it as a request (R1.1). The case is found by NHS number or opened."""
    if not principal.org_code:
        raise Problem(403, "A health token must carry its organisation (org)", kind="no-org")
    child = cmd.child
    if cmd.received_on >= calendar.compulsory_school_age_starts_on(child.date_of_birth):
        raise RuleViolation("R1.15", "health notifications are for children under compulsory "
                            "school age; refer older children as a referral", "date_of_birth")
    if cmd.parent_informed_on > cmd.received_on:
        raise RuleViolation("R1.15", "the health body tells the parent before bringing the "
                            "child to the LA's attention", "parent_informed_on")
    not_future(cmd.received_on, uow.clock.today(), "received_on")
    case_id = await repository.case_by_nhs_number(uow.session, principal.la_code,
                                                  child.nhs_number) if child.nhs_number else None
    if case_id is None:
        case_id = await open_case(uow, principal, child)
    staff = Principal(subject=principal.subject, la_code=principal.la_code,
                      roles=frozenset({"la_caseworker"}))
    request = await record_request(
        uow, deadlines, staff, case_id, cmd, requester=RequesterType.HEALTH_NOTIFICATION,
        extra={"notifier_org_code": principal.org_code,
               "parent_informed_on": cmd.parent_informed_on, "referral_source": "health"})
    return case_id, request["id"]


async def decide_whether_to_assess(uow: UnitOfWork, deadlines: DeadlineBook,
                                   principal: Principal, request_id: str,
                                   cmd: DecisionCreate) -> None:
    """The LA's decision (R1.4); a refusal is appealable (R1.5, R6.1), also for a repeat
    request within 6 months (R1.6: a refusal to re-assess when a plan is kept)."""
    request = await repository.get_request(uow.session, principal.la_code, request_id)
    if request is None:
        raise not_found(f"Request {request_id}")
    case_row = await load_case(uow, principal, request["case_id"], for_update=True)
    if request["decision"] is not None:
        raise Problem(409, "This request has already been decided", kind="already-decided")
    notified_on = cmd.notified_on or cmd.decided_on
    _check_decision_dates(request["received_on"], cmd.decided_on, notified_on,
                          uow.clock.today())
    status = "assessing" if cmd.decision == "assess" else "refused"
    await repository.update_request(uow.session, request_id, {
        "decision": cmd.decision, "decided_on": cmd.decided_on, "notified_on": notified_on,
        "decision_reasons": cmd.reasons, "status": status})
    await deadlines.close(uow, case_id=case_row["id"],
                          kind=DeadlineKind.DECIDE_WHETHER_TO_ASSESS, closed_on=cmd.decided_on,
                          ref_id=request_id)
    await publish(uow, case_row, contracts.DECISION_MADE, contracts.DecisionMadeV1(
        case_id=case_row["id"], request_id=request_id, decision=cmd.decision,
        decided_on=cmd.decided_on), cmd.decided_on)
    if cmd.decision == "assess":
        await _open_assessment_clocks(uow, deadlines, case_row, request)
        return
    has_plan = await repository.has_active_plan(uow.session, case_row["id"])
    await emit_appealable(uow, case_row, request_id,
                          "refuse_reassessment" if has_plan else "refuse_assessment",
                          cmd.decided_on, notified_on)


async def _open_assessment_clocks(uow: UnitOfWork, deadlines: DeadlineBook, case_row: Row,
                                  request: Row) -> None:
    """R1.11, R1.14: once assessing, the 16-week no-plan notice and 20-week final plan."""
    for kind, due_on in ((DeadlineKind.NOTIFY_NO_PLAN, request["no_plan_notice_due_on"]),
                         (DeadlineKind.ISSUE_FINAL_PLAN, request["final_plan_due_on"])):
        await deadlines.open(uow, la_code=case_row["la_code"], case_id=case_row["id"],
                             kind=kind, due_on=due_on, opened_on=uow.clock.today(),
                             ref_id=request["id"], owner=owner(case_row))


def _check_decision_dates(received_on: date, decided_on: date, notified_on: date,
                          today: date) -> None:
    if decided_on < received_on:
        raise RuleViolation("R1.4", "decided_on is before the request was received",
                            "decided_on")
    if notified_on < decided_on:
        raise RuleViolation("R1.4", "notified_on is before decided_on", "notified_on")
    not_future(notified_on, today, "notified_on")


def year_group_and_status(born_on: date, today: date) -> tuple[int, bool]:
    return calendar.year_group(born_on, today), calendar.is_young_person(born_on, today)


__all__ = ["RequesterType", "open_case", "record_request", "decide_whether_to_assess",
           "change_contacts", "load_case", "record_health_notification"]
