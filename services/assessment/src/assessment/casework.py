"""Helpers every use case shares: ids, loading a case the caller may see, publishing an event
(and its timeline entry), appealable decisions and date checks. Nothing here commits."""

from __future__ import annotations

import uuid
from collections.abc import Mapping
from datetime import date
from typing import Any

from pydantic import BaseModel
from sqlalchemy import insert

from assessment import contracts, repository
from assessment.domain.errors import RuleViolation
from assessment.tables_lifecycle import timeline_entry
from common.auth import Principal
from common.db.direct import DirectStatement
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineOwner
from common.messaging.envelope import subject_for_case
from common.problems import Problem, not_found

Row = Mapping[str, Any]
INSERT_TIMELINE_ENTRY = DirectStatement(insert(timeline_entry))


def new_id() -> str:
    return str(uuid.uuid4())


async def load_case(uow: UnitOfWork, principal: Principal, case_id: str,
                    *, for_update: bool = False, for_request: bool = False) -> Row:
    """The case if the caller may see it; otherwise 404, never revealing it exists. Only LA
    staff and the family see cases; health bodies see only their own advice requests and
    notifications (through their own endpoints). `for_request`: locked, with
    `last_assessed_on` (R1.6)."""
    row = (await repository.case_for_request(uow.session, principal.la_code, case_id)
           if for_request else
           await repository.get_case(uow.session, principal.la_code, case_id,
                                     for_update=for_update))
    if row is None or not principal.may_see_case(row["la_code"], row["id"]):
        raise not_found(f"Case {case_id}")
    return row


def owner(case_row: Row) -> DeadlineOwner:
    return DeadlineOwner(team=case_row["team"], caseworker_id=case_row["caseworker_id"])


async def publish(uow: UnitOfWork, case_row: Row, event_type: str, data: BaseModel,
                  occurred_on: date) -> None:
    """Emit an integration event about the case and keep it on the case timeline."""
    event = uow.emit(event_type, data, subject=subject_for_case(case_row["id"]),
                     la_code=case_row["la_code"])
    await INSERT_TIMELINE_ENTRY.execute(uow.session, {
        "case_id": case_row["id"], "la_code": case_row["la_code"], "event_type": event_type,
        "occurred_on": occurred_on, "data": event.data, "created_at": uow.clock.now()})


async def note(uow: UnitOfWork, case_row: Row, step: str, occurred_on: date,
               data: dict[str, Any]) -> None:
    """A timeline entry for a step that publishes no integration event."""
    await uow.session.execute(insert(timeline_entry).values(
        case_id=case_row["id"], la_code=case_row["la_code"], event_type=step,
        occurred_on=occurred_on, data=data, created_at=uow.clock.now()))


async def emit_appealable(uow: UnitOfWork, case_row: Row, decision_id: str, kind: str,
                          decided_on: date, notified_on: date,
                          sections: list[str] | None = None) -> None:
    """R6.1, R6.2: an appealable decision, addressed to the family (the appellants)."""
    contacts = await repository.contacts_of(uow.session, case_row["id"])
    family = [c for c in contacts if c["role"] in ("parent", "young_person", "carer")]
    appellants = [contracts.AppellantV1(name=c["name"], email=c["email"], phone=c["phone"])
                  for c in family] or [contracts.AppellantV1(
                      name=f"{case_row['given_name']} {case_row['family_name']}")]
    await publish(uow, case_row, contracts.DECISION_APPEALABLE, contracts.DecisionAppealableV1(
        case_id=case_row["id"], decision_id=decision_id, decision_kind=kind,  # type: ignore[arg-type]
        decided_on=decided_on, notified_on=notified_on, appellants=appellants,
        sections_in_dispute=sections), decided_on)


def not_future(day: date, today: date, field: str) -> None:
    if day > today:
        raise Problem(422, f"{field} may not be in the future", kind="future-date",
                      errors=[{"field": field, "message": "in the future"}])


def not_before(day: date, earlier: date | None, field: str, what: str,
               rule: str = "R0.1") -> None:
    if earlier is not None and day < earlier:
        raise RuleViolation(rule, f"{field} is before {what} ({earlier})", field)


def conflict(detail: str, kind: str = "wrong-state") -> Problem:
    return Problem(409, detail, kind=kind)
