"""Use cases of a case (open it, change its contacts) and the steps every other feature's use
cases share: load a case the caller may see, publish an event with its timeline entry, note
a step, emit an appealable decision, check dates. Nothing here commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import date
from typing import Any, TypeVar

from pydantic import BaseModel

from assessment import contracts
from assessment.cases import repository, rules
from assessment.cases.repository import CaseRow
from assessment.cases.schemas import CaseCreate, ContactsUpdate
from assessment.domain.errors import NotFound, RuleViolation
from assessment.domain.model import CaseSearch
from assessment.domain.records import CaseKey, CaseRecord, CaseSummary
from common.db.uow import UnitOfWork
from common.deadline_alerts import DeadlineOwner
from common.errors import Conflict
from common.messaging.envelope import subject_for_case
from common.principal import Principal

FAMILY_ROLES = ("parent", "young_person", "carer")


def new_id() -> str:
    return str(uuid.uuid4())


async def load_case(uow: UnitOfWork, principal: Principal, case_id: str,
                    *, for_update: bool = False) -> CaseRow:
    """The case if the caller may see it; otherwise 404, never revealing it exists. Only LA
    staff and the family see cases; health bodies see only their own advice requests and
    notifications (through their own endpoints). A case merged into another is read, but
    loading it to change it is refused (409 `case-merged`, naming the case to change)."""
    found = visible_case(principal, await repository.get_case(
        uow.connection, principal.la_code, case_id, for_update=for_update), case_id)
    if for_update:
        check_not_merged(found)
    return found


def check_not_merged(case_row: CaseRow) -> None:
    """A case merged into another changes no more (409 `case-merged`, naming that case)."""
    refuse_if_merged(case_row.id, case_row.merged_into_case_id)


def refuse_if_merged(case_id: str, merged_into_case_id: str | None) -> None:
    if merged_into_case_id is not None:
        raise conflict(f"Case {case_id} was merged into case {merged_into_case_id}, which "
                       "holds the child's records now: change that case", "case-merged",
                       merged_into_case_id=merged_into_case_id)


C = TypeVar("C", bound=CaseRecord)


def visible_case(principal: Principal, found: C | None, case_id: str) -> C:
    if found is None or not principal.may_see_case(found.la_code, found.id):
        raise NotFound(f"Case {case_id}")
    return found


def owner(case_row: CaseRecord) -> DeadlineOwner:
    return DeadlineOwner(team=case_row.team, caseworker_id=case_row.caseworker_id)


async def publish(uow: UnitOfWork, case_row: CaseRecord | CaseKey, event_type: str,
                  data: BaseModel, occurred_on: date) -> None:
    """Emit an integration event about the case and keep it on the case timeline."""
    event = uow.emit(event_type, data, subject=subject_for_case(case_row.id),
                     la_code=case_row.la_code)
    await repository.add_timeline_entry(uow.connection, case_row.id, case_row.la_code, event_type,
                                        occurred_on, event.data, uow.clock.now())


async def note(uow: UnitOfWork, case_row: CaseRecord | CaseKey, step: str,
               occurred_on: date, data: dict[str, Any]) -> None:
    """A timeline entry for a step that publishes no integration event."""
    await repository.add_timeline_entry(uow.connection, case_row.id, case_row.la_code, step,
                                        occurred_on, data, uow.clock.now())


async def emit_appealable(uow: UnitOfWork, case_row: CaseRecord, decision_id: str, kind: str,
                          decided_on: date, notified_on: date,
                          sections: list[str] | None = None) -> None:
    """R6.1, R6.2: an appealable decision, addressed to the family (the appellants)."""
    contacts = await repository.contacts_of(uow.connection, case_row.id)
    appellants = [contracts.AppellantV1(name=c.name, email=c.email, phone=c.phone)
                  for c in contacts if c.role in FAMILY_ROLES] or [contracts.AppellantV1(
                      name=f"{case_row.given_name} {case_row.family_name}")]
    await publish(uow, case_row, contracts.DECISION_APPEALABLE, contracts.DecisionAppealableV1(
        case_id=case_row.id, decision_id=decision_id, decision_kind=kind,  # type: ignore[arg-type]
        decided_on=decided_on, notified_on=notified_on, appellants=appellants,
        sections_in_dispute=sections), decided_on)


def not_future(day: date, today: date, field: str) -> None:
    """A step dated after today is refused (InvalidField, 422 naming `field`)."""
    rules.not_future(day, today, field)


def not_before(day: date, earlier: date | None, field: str, what: str,
               rule: str = "R0.1") -> None:
    if earlier is not None and day < earlier:
        raise RuleViolation(rule, f"{field} is before {what} ({earlier})", field)


def conflict(detail: str, kind: str = "wrong-state", **extensions: Any) -> Conflict:
    """The record is not in a state that allows the step (409, problem type `kind`)."""
    return Conflict(detail, kind=kind, **extensions)


def contact_events(contacts: Sequence[dict[str, Any]]) -> list[contracts.ContactV1]:
    return [contracts.ContactV1(role=c["role"], name=c["name"], email=c.get("email"),
                                phone=c.get("phone"), preferred_channel=c["preferred_channel"],
                                postal_address=c.get("postal_address"))
            for c in contacts]


# What a CaseCreate carries that is no column of the case.
NOT_STORED = frozenset({"contacts", "different_child", "request_received_on", "plan_maintained"})


def newcomer(cmd: CaseCreate) -> rules.Newcomer:
    return rules.Newcomer(given_name=cmd.given_name, family_name=cmd.family_name,
                          date_of_birth=cmd.date_of_birth, nhs_number=cmd.nhs_number,
                          upn=cmd.upn, uln=cmd.uln)


async def lookalikes(uow: UnitOfWork, la_code: str, child: rules.Newcomer) -> list[CaseRecord]:
    return await repository.lookalikes(uow.connection, la_code, date_of_birth=child.date_of_birth,
                                       identifiers={f: getattr(child, f)
                                                    for f in rules.IDENTIFIERS})


async def open_case(uow: UnitOfWork, principal: Principal, cmd: CaseCreate) -> str:
    """A new case (R1.2: who may be opened), refused with 409 when the LA keeps this child
    already (an identifier, or the name and date of birth unless `different_child`)."""
    rules.check_may_open(rules.Opening(cmd.date_of_birth, cmd.request_received_on,
                                       cmd.plan_maintained), uow.clock.today())
    child = newcomer(cmd)
    rules.check_not_duplicate(child, await lookalikes(uow, principal.la_code, child),
                              cmd.different_child)
    return await insert_case(uow, principal, cmd)


async def find_or_open(uow: UnitOfWork, principal: Principal, cmd: CaseCreate) -> str:
    """The case of a child a health body notifies (R1.15): the kept case whose identifier
    and date of birth both agree, else a new case, marked for a caseworker to reconcile when
    it may be a kept child (rules.match_child)."""
    rules.check_may_open(rules.Opening(cmd.date_of_birth, cmd.request_received_on,
                                       cmd.plan_maintained), uow.clock.today())
    child = newcomer(cmd)
    match = rules.match_child(child, await lookalikes(uow, principal.la_code, child))
    if match.case_id is not None:
        return match.case_id
    if match.reconcile_with is None:
        return await insert_case(uow, principal, cmd)
    return await insert_case(uow, principal, cmd.model_copy(
        update=dict.fromkeys(match.withheld)), {
            "needs_reconciliation": True, "reconcile_with_case_id": match.reconcile_with,
            "reconcile_reason": match.reason})


async def insert_case(uow: UnitOfWork, principal: Principal, cmd: CaseCreate,
                      extra: dict[str, Any] | None = None) -> str:
    case_id, now, la = new_id(), uow.clock.now(), principal.la_code
    await repository.insert_case(uow.connection, {
        "id": case_id, "la_code": la, "home_la_code": la, "version": 1, "created_at": now,
        "updated_at": now, **cmd.model_dump(exclude=set(NOT_STORED)), **(extra or {})})
    contacts = [c.model_dump(mode="json") for c in cmd.contacts]
    await repository.replace_contacts(uow.connection, case_id, contacts, new_id)
    await publish(uow, CaseKey(id=case_id, la_code=la), contracts.CASE_OPENED,
                  contracts.CaseOpenedV1(
                      case_id=case_id, la_code=la,
                      person=contracts.PersonV1(given_name=cmd.given_name,
                                                family_name=cmd.family_name,
                                                date_of_birth=cmd.date_of_birth),
                      contacts=contact_events(contacts), caseworker_id=cmd.caseworker_id,
                      team=cmd.team, case_ref=cmd.legacy_ref), uow.clock.today())
    if extra and extra.get("needs_reconciliation"):
        await note(uow, CaseKey(id=case_id, la_code=la), "case.to_reconcile",
                   uow.clock.today(), {"reconcile_with_case_id": extra["reconcile_with_case_id"],
                                       "reason": extra["reconcile_reason"]})
    return case_id


async def change_contacts(uow: UnitOfWork, case_row: CaseRecord, cmd: ContactsUpdate) -> None:
    """Replace the contacts of a case loaded for update (its ETag already checked)."""
    contacts = [c.model_dump(mode="json") for c in cmd.contacts]
    await repository.replace_contacts(uow.connection, case_row.id, contacts, new_id)
    await repository.bump_case_version(uow.connection, case_row.id, {"updated_at": uow.clock.now()})
    await publish(uow, case_row, contracts.CONTACTS_CHANGED, contracts.ContactsChangedV1(
        case_id=case_row.id, contacts=contact_events(contacts)), uow.clock.today())


async def search_cases(uow: UnitOfWork, principal: Principal, query: CaseSearch, *,
                       limit: int, offset: int) -> tuple[list[CaseSummary], int]:
    """The caller's LA's cases matching `query`; a family finds only its own cases."""
    own = principal.case_ids if principal.is_family else None
    return await repository.search(uow.connection, principal.la_code, query, case_ids=own,
                                   today=uow.clock.today(), limit=limit, offset=offset)
