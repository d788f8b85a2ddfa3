"""Use cases of arranging mediation: assignment, sessions booked, moved and held (R6.6,
R6.8): load → decide → save → emit. Nothing here commits."""

from __future__ import annotations

import uuid
from datetime import date

from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.principal import Principal
from mediation import contracts
from mediation.cases.access import Act, check_access, not_future
from mediation.cases.service import emit, load_case, save_case
from mediation.domain.enums import PractitionerRole
from mediation.domain.errors import Forbidden, NotFound, RuleViolation
from mediation.domain.records import CaseRecord, PractitionerRecord, SessionRecord
from mediation.registry import repository as registry
from mediation.registry.service import practitioner

from . import repository, rules
from .schemas import AssignmentUpdate, SessionCreate, SessionHeld, SessionMove


async def assign(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                 case: CaseRecord, body: AssignmentUpdate) -> CaseRecord:
    """Assign the mediator and/or mediation adviser; their organisations see the case."""
    check_access(principal, case, case.id, Act.MANAGE)
    mediator = await practitioner(uow, case.la_code, body.mediator_id,
                                  PractitionerRole.MEDIATOR) if body.mediator_id else None
    adviser = await practitioner(uow, case.la_code, body.adviser_id,
                                 PractitionerRole.ADVISER) if body.adviser_id else None
    return await save_case(uow, deadlines, rules.decide_assignment(case, mediator, adviser))


async def book_session(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                       mediation_case_id: str, body: SessionCreate) -> SessionRecord:
    """Book a session with an independent mediator (R6.8); the first booking arranges the
    mediation and stops the 30-day clock (R6.6)."""
    case = await load_case(uow, principal, mediation_case_id, Act.MEDIATE)
    rules.check_session_after_request(case.requested_on, body.session_on)
    arranged_on = body.arranged_on or uow.clock.today()
    not_future(arranged_on, uow.clock.today(), "arranged_on")
    mediator_id = body.mediator_id or case.mediator_id
    if mediator_id is None:
        raise RuleViolation("R6.8", "assign or name an independent mediator", "mediator_id")
    mediator = await practitioner(uow, case.la_code, mediator_id, PractitionerRole.MEDIATOR)
    if principal.has_any(("mediator",)) and not principal.has_any(("la_caseworker",
                                                                   "la_manager")) \
            and mediator.organisation_code != principal.org_code:
        raise Forbidden("A mediator books sessions for their own organisation only")
    session, case = rules.decide_booking(
        case, mediator, session_id=str(uuid.uuid4()), session_on=body.session_on,
        arranged_on=arranged_on, location=body.location, booked_at=uow.clock.now())
    await repository.add(uow.connection, session)
    case = await save_case(uow, deadlines, case)
    _emit_arranged(uow, case, body.session_on, mediator)
    return session


def _emit_arranged(uow: UnitOfWork, case: CaseRecord, session_on: date,
                   mediator: PractitionerRecord) -> None:
    emit(uow, case, contracts.ARRANGED, contracts.MediationArrangedV1(
        mediation_case_id=case.id, case_id=case.case_id, session_on=session_on,
        mediator=contracts.MediatorV1(name=mediator.name,
                                      organisation=mediator.organisation_name)))


async def load_session(uow: UnitOfWork, principal: Principal, session_id: str,
                       act: Act = Act.READ) -> tuple[SessionRecord, CaseRecord]:
    session = await repository.get(uow.connection, principal.la_code, session_id)
    if session is None:
        raise NotFound(f"Session {session_id}")
    return session, await load_case(uow, principal, session.mediation_case_id, act)


async def move_session(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                       session_id: str, body: SessionMove) -> SessionRecord:
    session, case = await load_session(uow, principal, session_id, Act.MEDIATE)
    session = rules.decide_move(session, case, body.session_on, uow.clock.now())
    await repository.save(uow.connection, session)
    case = await save_case(uow, deadlines, case)
    mediator = await registry.get(uow.connection, case.la_code, session.mediator_id)
    assert mediator is not None
    _emit_arranged(uow, case, body.session_on, mediator)
    return session


async def session_held(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                       session_id: str, body: SessionHeld) -> SessionRecord:
    session, case = await load_session(uow, principal, session_id, Act.MEDIATE)
    not_future(body.held_on, uow.clock.today(), "held_on")
    session = rules.decide_held(
        session, case, body.held_on, [(a.role, a.consent) for a in body.attendees],
        [a.model_dump(exclude_none=True) for a in body.attendees])
    await repository.save(uow.connection, session)
    await save_case(uow, deadlines, case)
    return session
