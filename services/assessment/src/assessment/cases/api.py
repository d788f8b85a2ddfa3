"""Routers of cases: open one, read it, replace its contacts."""

from __future__ import annotations

from dataclasses import asdict

from fastapi import APIRouter, Request, Response, status

from assessment.cases import repository, rules, service
from assessment.cases.schemas import CaseCreate, CaseRead, ContactRead, ContactsUpdate
from assessment.domain.records import CaseRecord
from common.auth import CurrentPrincipal, LaStaff, Principal
from common.db.uow import UnitOfWork
from common.http import check_if_match, set_etag
from common.idempotency import IdempotencyKey, create_once
from common.web import Transaction

router = APIRouter(prefix="/v1", tags=["cases"])


async def case_read(uow: UnitOfWork, found: CaseRecord) -> CaseRead:
    contacts = await repository.contacts_of(uow.session, found.id)
    has_plan = await repository.has_active_plan(uow.session, found.id)
    standing = rules.standing(found.date_of_birth, uow.clock.today(), has_plan)
    fields = asdict(found)
    return CaseRead(**{k: fields[k] for k in CaseRead.model_fields if k in fields},
                    year_group=standing.year_group, is_young_person=standing.is_young_person,
                    has_plan=has_plan, early_education_from=standing.early_education_from,
                    contacts=[ContactRead.model_validate(c, from_attributes=True)
                              for c in contacts])


async def _read(uow: UnitOfWork, principal: Principal, case_id: str) -> CaseRead:
    return await case_read(uow, await service.load_case(uow, principal, case_id))


@router.post("/cases", response_model=CaseRead, status_code=status.HTTP_201_CREATED,
             summary="Open a case for a child or young person")
async def open_case(body: CaseCreate, uow: Transaction, principal: LaStaff,
                    idempotency_key: IdempotencyKey = None) -> CaseRead:
    async def create() -> CaseRead:
        return await _read(uow, principal, await service.open_case(uow, principal, body))

    return await create_once(uow, principal, idempotency_key, body=body, path="/v1/cases",
                             create=create, id_of=lambda read: read.id,
                             load=lambda case_id: _read(uow, principal, case_id))


@router.get("/cases/{case_id}", response_model=CaseRead)
async def read_case(case_id: str, uow: Transaction, principal: CurrentPrincipal,
                    response: Response) -> CaseRead:
    read = await _read(uow, principal, case_id)
    set_etag(response, read.version)
    return read


@router.put("/cases/{case_id}/contacts", response_model=CaseRead,
            summary="Replace the contacts (If-Match the case's ETag; 412 when stale)")
async def change_contacts(case_id: str, body: ContactsUpdate, uow: Transaction,
                          principal: LaStaff, request: Request, response: Response) -> CaseRead:
    found = await service.load_case(uow, principal, case_id, for_update=True)
    check_if_match(request, found.version)
    await service.change_contacts(uow, found, body)
    read = await _read(uow, principal, case_id)
    set_etag(response, read.version)
    return read
