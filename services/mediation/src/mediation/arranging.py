"""Arranging mediation: the registry of independent mediators and advisers (R6.8), who is
assigned to a case, and sessions booked, moved and held (R6.6). Nothing here commits."""

from __future__ import annotations

import uuid
from collections import Counter
from typing import Any

from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.problems import Problem, not_found
from mediation import contracts, repository
from mediation.access import Act, load_case, not_future
from mediation.domain import rules
from mediation.domain.errors import RuleViolation
from mediation.repository import Row
from mediation.schemas import AssignmentUpdate
from mediation.schemas_steps import (
    Attendee,
    PractitionerCreate,
    SessionCreate,
    SessionHeld,
    SessionMove,
)
from mediation.service import apply_values, emit
from mediation.tables import mediation_session, practitioner


async def register_practitioner(uow: UnitOfWork, principal: Principal,
                                body: PractitionerCreate) -> str:
    """Refuse anyone employed by an English LA, an ICB (formerly CCG) or NHS England (R6.8)."""
    rules.check_independent(body.organisation.kind)
    practitioner_id = str(uuid.uuid4())
    await repository.insert_row(uow.session, practitioner, {
        "id": practitioner_id, "la_code": principal.la_code, "role": body.role,
        "name": body.name, "organisation_code": body.organisation.code,
        "organisation_name": body.organisation.name,
        "organisation_kind": body.organisation.kind.value, "email": body.email,
        "phone": body.phone, "created_at": uow.clock.now()})
    return practitioner_id


async def _practitioner(uow: UnitOfWork, la_code: str, practitioner_id: str,
                        role: str) -> Row:
    row = await repository.get_row(uow.session, practitioner, la_code, practitioner_id)
    if row is None or row["role"] != role:
        raise Problem(422, f"No registered {role} {practitioner_id}", kind="unknown-" + role,
                      errors=[{"field": f"{role}_id", "message": "not registered"}])
    rules.check_independent(row["organisation_kind"])  # R6.8, in case the rules changed
    return row


async def assign(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                 mediation_case_id: str, body: AssignmentUpdate) -> Row:
    """Assign the mediator and/or mediation adviser; their organisations see the case."""
    row = await load_case(uow, principal, mediation_case_id, Act.MANAGE)
    values: dict[str, Any] = {}
    if body.mediator_id:
        mediator = await _practitioner(uow, row["la_code"], body.mediator_id, "mediator")
        values |= {"mediator_id": mediator["id"],
                   "mediator_org_code": mediator["organisation_code"]}
    if body.adviser_id:
        adviser = await _practitioner(uow, row["la_code"], body.adviser_id, "adviser")
        values |= {"adviser_id": adviser["id"], "adviser_org_code": adviser["organisation_code"]}
    return await apply_values(uow, deadlines, row, values)


async def book_session(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                       mediation_case_id: str, body: SessionCreate) -> str:
    """Book a session: not before the request (R6.6), with an independent mediator (R6.8).
    The first booking arranges the mediation and stops the 30-day clock (R6.6)."""
    row = await load_case(uow, principal, mediation_case_id, Act.MEDIATE)
    rules.check_session_after_request(row["requested_on"], body.session_on)
    arranged_on = body.arranged_on or uow.clock.today()
    not_future(arranged_on, uow.clock.today(), "arranged_on")
    mediator_id = body.mediator_id or row["mediator_id"]
    if mediator_id is None:
        raise RuleViolation("R6.8", "assign or name an independent mediator", "mediator_id")
    mediator = await _practitioner(uow, row["la_code"], mediator_id, "mediator")
    if principal.has_any(("mediator",)) and not principal.has_any(("la_caseworker",
                                                                   "la_manager")) \
            and mediator["organisation_code"] != principal.org_code:
        raise Problem(403, "A mediator books sessions for their own organisation only",
                      kind="forbidden-role")
    session_id = str(uuid.uuid4())
    await repository.insert_row(uow.session, mediation_session, {
        "id": session_id, "la_code": row["la_code"], "mediation_case_id": row["id"],
        "mediator_id": mediator["id"], "session_on": body.session_on, "status": "booked",
        "location": body.location, "moves": [], "attendees": [],
        "booked_at": uow.clock.now()})
    values: dict[str, Any] = {"mediator_id": row["mediator_id"] or mediator["id"],
                              "mediator_org_code": row["mediator_org_code"]
                              or mediator["organisation_code"]}
    if row["arranged_on"] is None:
        values["arranged_on"] = arranged_on
    row = await apply_values(uow, deadlines, row, values)
    _emit_arranged(uow, row, body.session_on, mediator)
    return session_id


def _emit_arranged(uow: UnitOfWork, row: Row, session_on: Any, mediator: Row) -> None:
    emit(uow, row, contracts.ARRANGED, contracts.MediationArrangedV1(
        mediation_case_id=row["id"], case_id=row["case_id"], session_on=session_on,
        mediator=contracts.MediatorV1(name=mediator["name"],
                                      organisation=mediator["organisation_name"])))


async def load_session(uow: UnitOfWork, principal: Principal, session_id: str,
                       act: Act = Act.READ) -> tuple[Row, Row]:
    session = await repository.get_row(uow.session, mediation_session, principal.la_code,
                                       session_id)
    if session is None:
        raise not_found(f"Session {session_id}")
    case = await load_case(uow, principal, session["mediation_case_id"], act)
    return session, case


def _check_open(session: Row) -> None:
    if session["status"] not in ("booked", "moved"):
        raise Problem(409, f"The session is {session['status']}", kind="session-closed")


async def move_session(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                       session_id: str, body: SessionMove) -> None:
    session, case = await load_session(uow, principal, session_id, Act.MEDIATE)
    _check_open(session)
    rules.check_session_after_request(case["requested_on"], body.session_on)
    moves = [*session["moves"], {"from": session["session_on"].isoformat(),
                                 "to": body.session_on.isoformat(),
                                 "moved_at": uow.clock.now().isoformat()}]
    await repository.update_row(uow.session, mediation_session, session_id, {
        "session_on": body.session_on, "status": "moved", "moves": moves})
    await apply_values(uow, deadlines, case, {})
    mediator = await repository.get_row(uow.session, practitioner, case["la_code"],
                                        session["mediator_id"])
    assert mediator is not None
    _emit_arranged(uow, case, body.session_on, mediator)


def check_attendees(attendees: list[Attendee]) -> None:
    """The parties, one supporter of the family's choice, the child with consent (R6.8)."""
    counts = Counter(a.role for a in attendees)
    if counts["supporter"] > 1:
        raise RuleViolation("R6.8", "the family may bring one supporter", "attendees")
    if any(a.role == "child" and not a.consent for a in attendees):
        raise RuleViolation("R6.8", "the child attends only with consent", "attendees")


async def session_held(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                       session_id: str, body: SessionHeld) -> None:
    session, case = await load_session(uow, principal, session_id, Act.MEDIATE)
    _check_open(session)
    not_future(body.held_on, uow.clock.today(), "held_on")
    check_attendees(body.attendees)
    if body.held_on < case["requested_on"]:
        raise RuleViolation("R6.6", f"held on {body.held_on}, before the request", "held_on")
    await repository.update_row(uow.session, mediation_session, session_id, {
        "status": "held", "held_on": body.held_on,
        "attendees": [a.model_dump(exclude_none=True) for a in body.attendees]})
    await apply_values(uow, deadlines, case, {})
