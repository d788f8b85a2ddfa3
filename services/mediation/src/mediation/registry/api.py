"""Thin routers: the registry of independent mediators and advisers (R6.8)."""

from __future__ import annotations

from fastapi import APIRouter, status

from common.auth import LaStaff
from mediation.domain.records import PractitionerRecord
from mediation.web import IdempotencyKey, Limit, Offset, Transaction, create_once

from . import repository, service
from .schemas import Organisation, PractitionerCreate, PractitionerPage, PractitionerRead

router = APIRouter(prefix="/v1", tags=["mediation steps"])


def practitioner_read(row: PractitionerRecord) -> PractitionerRead:
    return PractitionerRead(id=row.id, role=row.role, name=row.name, email=row.email,
                            phone=row.phone, organisation=Organisation(
                                code=row.organisation_code, name=row.organisation_name,
                                kind=row.organisation_kind))


@router.post("/practitioners", response_model=PractitionerRead,
             status_code=status.HTTP_201_CREATED,
             summary="Register an independent mediator or mediation adviser (R6.8)")
async def register_practitioner(body: PractitionerCreate, uow: Transaction,
                                principal: LaStaff,
                                idempotency_key: IdempotencyKey = None) -> PractitionerRead:
    """Register a mediator or mediation adviser. Refused (422) when they are not independent of
    the LA and the commissioning body (R6.8). LA staff only."""
    async def load(practitioner_id: str) -> PractitionerRecord:
        found = await repository.get(uow.connection, principal.la_code, practitioner_id)
        assert found is not None
        return found

    record = await create_once(
        uow, principal, idempotency_key, body=body, path="/v1/practitioners",
        create=lambda: service.register_practitioner(uow, principal, body),
        id_of=lambda r: r.id, load=load)
    return practitioner_read(record)


@router.get("/practitioners", response_model=PractitionerPage)
async def list_practitioners(uow: Transaction, principal: LaStaff, role: str | None = None,
                             limit: Limit = 50, offset: Offset = 0) -> PractitionerPage:
    """The mediators and mediation advisers registered for the caller's LA, optionally of one
    `role`."""
    rows, total = await repository.page(uow.connection, principal.la_code, role, limit, offset)
    return PractitionerPage(items=[practitioner_read(r) for r in rows], total=total,
                            limit=limit, offset=offset)
