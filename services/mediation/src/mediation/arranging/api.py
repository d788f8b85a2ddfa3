"""Thin routers: who mediates and advises on a case, and its sessions (R6.6, R6.8)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from common.auth import LaStaff
from common.web import Runtime
from mediation.cases.api import case_for_change, case_read
from mediation.cases.schemas import MediationCaseRead
from mediation.cases.service import load_case
from mediation.domain.records import SessionRecord
from mediation.web import IdempotencyKey, Mediating, Reader, Transaction, create_once, read_model

from . import repository, service
from .schemas import AssignmentUpdate, SessionCreate, SessionHeld, SessionMove, SessionRead

router = APIRouter(prefix="/v1", tags=["mediation steps"])


@router.put("/mediation-cases/{mediation_case_id}/assignment",
            response_model=MediationCaseRead,
            summary="Assign the independent mediator and mediation adviser (R6.8)")
async def assign(mediation_case_id: str, body: AssignmentUpdate, uow: Transaction,
                 runtime: Runtime, principal: LaStaff, request: Request,
                 response: Response) -> MediationCaseRead:
    """Assign the independent mediator and the mediation adviser to a case (R6.8). Honours `If-
    Match`."""
    case = await case_for_change(uow, request, principal, mediation_case_id)
    return case_read(await service.assign(uow, runtime.deadlines, principal, case, body),
                     response)


@router.post("/mediation-cases/{mediation_case_id}/sessions", response_model=SessionRead,
             status_code=status.HTTP_201_CREATED,
             summary="Book a mediation session (arranges the mediation, R6.6)")
async def book_session(mediation_case_id: str, body: SessionCreate, uow: Transaction,
                       runtime: Runtime, principal: Mediating,
                       idempotency_key: IdempotencyKey = None) -> SessionRead:
    """Book a mediation session: this arranges the mediation, which must take place within 30
    days of the family's request (R6.6)."""
    async def load(session_id: str) -> SessionRecord:
        return (await service.load_session(uow, principal, session_id))[0]

    session = await create_once(
        uow, principal, idempotency_key, body=body,
        path=f"/v1/mediation-cases/{mediation_case_id}/sessions",
        create=lambda: service.book_session(uow, runtime.deadlines, principal,
                                            mediation_case_id, body),
        id_of=lambda s: s.id, load=load)
    return read_model(SessionRead, session)


@router.get("/mediation-cases/{mediation_case_id}/sessions", response_model=list[SessionRead])
async def list_sessions(mediation_case_id: str, uow: Transaction,
                        principal: Reader) -> list[SessionRead]:
    """The case's mediation sessions, booked, moved and held, in date order."""
    case = await load_case(uow, principal, mediation_case_id)
    return [read_model(SessionRead, s) for s in await repository.of_case(uow.connection, case.id)]


@router.patch("/sessions/{session_id}", response_model=SessionRead,
              summary="Move a session to another day")
async def move_session(session_id: str, body: SessionMove, uow: Transaction, runtime: Runtime,
                       principal: Mediating) -> SessionRead:
    """Move a booked session to another day; each move is kept on the session."""
    return read_model(SessionRead, await service.move_session(
        uow, runtime.deadlines, principal, session_id, body))


@router.post("/sessions/{session_id}/held", response_model=SessionRead,
             summary="The session took place; who attended (R6.8)")
async def session_held(session_id: str, body: SessionHeld, uow: Transaction, runtime: Runtime,
                       principal: Mediating) -> SessionRead:
    """Record that a session took place and who attended; a child attends only with consent,
    and their views are kept however given (R6.8)."""
    return read_model(SessionRead, await service.session_held(
        uow, runtime.deadlines, principal, session_id, body))
