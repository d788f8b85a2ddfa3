"""Thin routers: mediators and advisers, sessions, outcomes, agreed actions, certificates."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request, Response, status

from common.auth import LaStaff
from common.db.uow import UnitOfWork
from common.problems import not_found
from common.web import Runtime
from mediation import arranging, outcomes, repository
from mediation.access import Act, load_case
from mediation.api import read_case
from mediation.api_support import (
    IdempotencyKey,
    Mediating,
    Reader,
    change_case,
    create_once,
)
from mediation.rendering import CertificateView, render_html, render_pdf
from mediation.repository import Row
from mediation.schemas import MediationCaseRead
from mediation.schemas_steps import (
    CertificateCreate,
    CertificateRead,
    ComplianceStepRead,
    OutcomeCreate,
    PractitionerCreate,
    PractitionerPage,
    PractitionerRead,
    SessionCreate,
    SessionHeld,
    SessionMove,
    SessionRead,
)
from mediation.tables import certificate, compliance_step, mediation_session, practitioner

router = APIRouter(prefix="/v1", tags=["mediation steps"])


def _practitioner_read(row: Row) -> PractitionerRead:
    return PractitionerRead(id=row["id"], role=row["role"], name=row["name"],
                            email=row["email"], phone=row["phone"],
                            organisation={"code": row["organisation_code"],  # type: ignore[arg-type]
                                          "name": row["organisation_name"],
                                          "kind": row["organisation_kind"]})


@router.post("/practitioners", response_model=PractitionerRead,
             status_code=status.HTTP_201_CREATED,
             summary="Register an independent mediator or mediation adviser (R6.8)")
async def register_practitioner(body: PractitionerCreate, runtime: Runtime,
                                principal: LaStaff,
                                idempotency_key: IdempotencyKey = None) -> PractitionerRead:
    async def create(uow: UnitOfWork) -> str:
        return await arranging.register_practitioner(uow, principal, body)

    new_id = await create_once(runtime, principal, idempotency_key, body, "/v1/practitioners",
                               create)
    async with runtime.unit_of_work() as uow:
        row = await repository.get_row(uow.session, practitioner, principal.la_code, new_id)
    assert row is not None
    return _practitioner_read(row)


@router.get("/practitioners", response_model=PractitionerPage)
async def list_practitioners(runtime: Runtime, principal: LaStaff, role: str | None = None,
                             limit: Annotated[int, Query(ge=1, le=500)] = 50,
                             offset: Annotated[int, Query(ge=0)] = 0) -> PractitionerPage:
    filters = [practitioner.c.role == role] if role else []
    async with runtime.unit_of_work() as uow:
        rows, total = await repository.page_rows(uow.session, practitioner, principal.la_code,
                                                 filters, limit, offset,
                                                 (practitioner.c.name, practitioner.c.id))
    return PractitionerPage(items=[_practitioner_read(r) for r in rows], total=total,
                            limit=limit, offset=offset)


async def _session_read(runtime: Runtime, principal: Reader, session_id: str) -> SessionRead:
    async with runtime.unit_of_work() as uow:
        row, _ = await arranging.load_session(uow, principal, session_id)
    return SessionRead.model_validate(dict(row))


@router.post("/mediation-cases/{mediation_case_id}/sessions", response_model=SessionRead,
             status_code=status.HTTP_201_CREATED,
             summary="Book a mediation session (arranges the mediation, R6.6)")
async def book_session(mediation_case_id: str, body: SessionCreate, runtime: Runtime,
                       principal: Mediating,
                       idempotency_key: IdempotencyKey = None) -> SessionRead:
    async def create(uow: UnitOfWork) -> str:
        return await arranging.book_session(uow, runtime.deadlines, principal,
                                            mediation_case_id, body)

    new_id = await create_once(runtime, principal, idempotency_key, body,
                               f"/v1/mediation-cases/{mediation_case_id}/sessions", create)
    return await _session_read(runtime, principal, new_id)


@router.get("/mediation-cases/{mediation_case_id}/sessions", response_model=list[SessionRead])
async def list_sessions(mediation_case_id: str, runtime: Runtime,
                        principal: Reader) -> list[SessionRead]:
    async with runtime.unit_of_work() as uow:
        await load_case(uow, principal, mediation_case_id)
        rows = await repository.rows_of_case(uow.session, mediation_session, mediation_case_id)
    return [SessionRead.model_validate(dict(r)) for r in rows]


@router.patch("/sessions/{session_id}", response_model=SessionRead,
              summary="Move a session to another day")
async def move_session(session_id: str, body: SessionMove, runtime: Runtime,
                       principal: Mediating) -> SessionRead:
    async with runtime.unit_of_work() as uow:
        await arranging.move_session(uow, runtime.deadlines, principal, session_id, body)
        await uow.commit()
    return await _session_read(runtime, principal, session_id)


@router.post("/sessions/{session_id}/held", response_model=SessionRead,
             summary="The session took place; who attended (R6.8)")
async def session_held(session_id: str, body: SessionHeld, runtime: Runtime,
                       principal: Mediating) -> SessionRead:
    async with runtime.unit_of_work() as uow:
        await arranging.session_held(uow, runtime.deadlines, principal, session_id, body)
        await uow.commit()
    return await _session_read(runtime, principal, session_id)


@router.post("/mediation-cases/{mediation_case_id}/outcome", response_model=MediationCaseRead,
             summary="Mediation concluded: outcome and agreed actions (R6.7, R6.10)")
async def record_outcome(mediation_case_id: str, body: OutcomeCreate, runtime: Runtime,
                         principal: Mediating, request: Request,
                         response: Response) -> MediationCaseRead:
    await change_case(runtime, request, principal, mediation_case_id, lambda uow:
                      outcomes.record_outcome(uow, runtime.deadlines, principal,
                                              mediation_case_id, body))
    return await read_case(mediation_case_id, runtime, principal, response)


@router.get("/mediation-cases/{mediation_case_id}/compliance-steps",
            response_model=list[ComplianceStepRead],
            summary="Agreed actions and Tribunal-order steps with their deadlines")
async def list_steps(mediation_case_id: str, runtime: Runtime,
                     principal: Reader) -> list[ComplianceStepRead]:
    async with runtime.unit_of_work() as uow:
        await load_case(uow, principal, mediation_case_id)
        rows = await repository.rows_of_case(uow.session, compliance_step, mediation_case_id)
    return [ComplianceStepRead.model_validate(dict(r)) for r in rows]


def _certificate_read(row: Row) -> CertificateRead:
    return CertificateRead.model_validate({**row, "on_time": outcomes.on_time(row)})


@router.post("/mediation-cases/{mediation_case_id}/certificates",
             response_model=CertificateRead, status_code=status.HTTP_201_CREATED,
             summary="Issue the mediation certificate (R6.5, R6.6, R6.7)")
async def issue_certificate(mediation_case_id: str, body: CertificateCreate,
                            runtime: Runtime, principal: Mediating,
                            idempotency_key: IdempotencyKey = None) -> CertificateRead:
    async def create(uow: UnitOfWork) -> str:
        return await outcomes.issue_certificate(uow, runtime.deadlines, principal,
                                                mediation_case_id, body)

    new_id = await create_once(runtime, principal, idempotency_key, body,
                               f"/v1/mediation-cases/{mediation_case_id}/certificates", create)
    return await read_certificate(new_id, runtime, principal)


@router.get("/mediation-cases/{mediation_case_id}/certificates",
            response_model=list[CertificateRead])
async def list_certificates(mediation_case_id: str, runtime: Runtime,
                            principal: Reader) -> list[CertificateRead]:
    async with runtime.unit_of_work() as uow:
        await load_case(uow, principal, mediation_case_id)
        rows = await repository.rows_of_case(uow.session, certificate, mediation_case_id)
    return [_certificate_read(r) for r in rows]


async def _certificate(runtime: Runtime, principal: Reader,
                       certificate_id: str) -> tuple[Row, Row]:
    async with runtime.unit_of_work() as uow:
        row = await repository.get_row(uow.session, certificate, principal.la_code,
                                       certificate_id)
        if row is None:
            raise not_found(f"Certificate {certificate_id}")
        case = await load_case(uow, principal, row["mediation_case_id"], Act.READ)
    return row, case


@router.get("/certificates/{certificate_id}", response_model=CertificateRead)
async def read_certificate(certificate_id: str, runtime: Runtime,
                           principal: Reader) -> CertificateRead:
    row, _ = await _certificate(runtime, principal, certificate_id)
    return _certificate_read(row)


def _view(row: Row, case: Row) -> CertificateView:
    return CertificateView(
        certificate_no=row["certificate_no"], basis=row["basis"], issued_on=row["issued_on"],
        appeal_by=row["appeal_by"], decision_kind=case["decision_kind"],
        notified_on=case["notified_on"], parties=row["parties"],
        recipients=row["recipients"], la_code=row["la_code"])


@router.get("/certificates/{certificate_id}/html", response_class=Response,
            responses={200: {"content": {"text/html": {}}}},
            summary="The certificate as an accessible HTML page")
async def certificate_html(certificate_id: str, runtime: Runtime,
                           principal: Reader) -> Response:
    row, case = await _certificate(runtime, principal, certificate_id)
    return Response(render_html(_view(row, case)), media_type="text/html; charset=utf-8")


@router.get("/certificates/{certificate_id}/pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {}}}},
            summary="The certificate as a PDF")
async def certificate_pdf(certificate_id: str, runtime: Runtime,
                          principal: Reader) -> Response:
    row, case = await _certificate(runtime, principal, certificate_id)
    return Response(render_pdf(_view(row, case)), media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{row["certificate_no"]}.pdf"'})
