"""Thin routers: the outcome of mediation and the mediation certificate (R6.5-R6.7,
R6.10), with the certificate as accessible HTML and as a PDF."""

from __future__ import annotations

import dataclasses

from fastapi import APIRouter, Request, Response, status

from common.web import Runtime
from mediation.cases import repository as cases
from mediation.cases.api import case_for_change, case_read
from mediation.cases.schemas import MediationCaseRead
from mediation.cases.service import load_case
from mediation.domain.records import CaseRecord, CertificateRecord
from mediation.web import IdempotencyKey, Mediating, Reader, Transaction, create_once

from . import service
from .rendering import CertificateView, render_html, render_pdf
from .schemas import CertificateCreate, CertificateRead, OutcomeCreate

router = APIRouter(prefix="/v1", tags=["mediation steps"])


@router.post("/mediation-cases/{mediation_case_id}/outcome", response_model=MediationCaseRead,
             summary="Mediation concluded: outcome and agreed actions (R6.7, R6.10)")
async def record_outcome(mediation_case_id: str, body: OutcomeCreate, uow: Transaction,
                         runtime: Runtime, principal: Mediating, request: Request,
                         response: Response) -> MediationCaseRead:
    """Record how mediation concluded, with any agreement and the actions agreed; actions on
    appealable matters get Tribunal-order deadlines (R6.7, R6.10). Honours `If-Match`."""
    case = await case_for_change(uow, request, principal, mediation_case_id)
    return case_read(await service.record_outcome(uow, runtime.deadlines, principal, case,
                                                  body), response)


def certificate_read(row: CertificateRecord) -> CertificateRead:
    return CertificateRead.model_validate({**dataclasses.asdict(row), "on_time": row.on_time})


@router.post("/mediation-cases/{mediation_case_id}/certificates",
             response_model=CertificateRead, status_code=status.HTTP_201_CREATED,
             summary="Issue the mediation certificate (R6.5, R6.6, R6.7)")
async def issue_certificate(mediation_case_id: str, body: CertificateCreate,
                            uow: Transaction, runtime: Runtime, principal: Mediating,
                            idempotency_key: IdempotencyKey = None) -> CertificateRead:
    """Issue the mediation certificate to the appellants (R6.5-R6.7): the basis says why
    (declined, concluded, not arranged in time…). The appeal deadline follows from its date."""
    async def load(certificate_id: str) -> CertificateRecord:
        return (await service.load_certificate(uow, principal, certificate_id))[0]

    issued = await create_once(
        uow, principal, idempotency_key, body=body,
        path=f"/v1/mediation-cases/{mediation_case_id}/certificates",
        create=lambda: service.issue_certificate(uow, runtime.deadlines, principal,
                                                 mediation_case_id, body),
        id_of=lambda c: c.id, load=load)
    return certificate_read(issued)


@router.get("/mediation-cases/{mediation_case_id}/certificates",
            response_model=list[CertificateRead])
async def list_certificates(mediation_case_id: str, uow: Transaction,
                            principal: Reader) -> list[CertificateRead]:
    """Every certificate issued for the case, with whether each went out on time."""
    case = await load_case(uow, principal, mediation_case_id)
    return [certificate_read(r) for r in await cases.certificates_of(uow.connection, case.id)]


@router.get("/certificates/{certificate_id}", response_model=CertificateRead)
async def read_certificate(certificate_id: str, uow: Transaction,
                           principal: Reader) -> CertificateRead:
    """One mediation certificate."""
    found, _ = await service.load_certificate(uow, principal, certificate_id)
    return certificate_read(found)


def _view(row: CertificateRecord, case: CaseRecord) -> CertificateView:
    return CertificateView(
        certificate_no=row.certificate_no, basis=row.basis, issued_on=row.issued_on,
        appeal_by=row.appeal_by, decision_kind=case.decision_kind,
        notified_on=case.notified_on, parties=row.parties, recipients=row.recipients,
        la_code=row.la_code)


@router.get("/certificates/{certificate_id}/html", response_class=Response,
            responses={200: {"content": {"text/html": {"example": (
                '<!DOCTYPE html><html lang="en"><head><title>Mediation certificate '
                'MC-201-2026-0042</title></head><body><h1>Mediation certificate</h1>'
                '...</body></html>')}}}},
            summary="The certificate as an accessible HTML page")
async def certificate_html(certificate_id: str, uow: Transaction,
                           principal: Reader) -> Response:
    """The certificate as an accessible HTML page, ready to print or send."""
    row, case = await service.load_certificate(uow, principal, certificate_id)
    return Response(render_html(_view(row, case)), media_type="text/html; charset=utf-8")


@router.get("/certificates/{certificate_id}/pdf", response_class=Response,
            responses={200: {"content": {"application/pdf": {
                "schema": {"type": "string", "format": "binary"},
                "example": "%PDF-1.7 ... (the certificate, binary)"}}}},
            summary="The certificate as a PDF")
async def certificate_pdf(certificate_id: str, uow: Transaction,
                          principal: Reader) -> Response:
    """The certificate as a PDF document."""
    row, case = await service.load_certificate(uow, principal, certificate_id)
    return Response(render_pdf(_view(row, case)), media_type="application/pdf", headers={
        "Content-Disposition": f'inline; filename="{row.certificate_no}.pdf"'})
