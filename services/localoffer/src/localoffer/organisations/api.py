"""Thin routers of the organisations feature."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, status

from common.auth import LA_STAFF, LaStaff, Principal, require_roles
from common.idempotency import IdempotencyKey, create_once
from common.web import Transaction
from localoffer.domain.enums import ReportState
from localoffer.entries.api import ENTRY_BODY_LIMIT
from localoffer.organisations import repository, service
from localoffer.organisations.schemas import (
    OrganisationCreate,
    OrganisationPage,
    OrganisationRead,
    ReportRead,
    ReportWrite,
)
from localoffer.reading import body_limit

router = APIRouter(prefix="/v1/local-offer/organisations", tags=["organisations"],
                   max_body_size=4 * ENTRY_BODY_LIMIT,
                   dependencies=[body_limit(ENTRY_BODY_LIMIT)])
Contributor = Annotated[Principal, Depends(require_roles("provider", *LA_STAFF))]
Year = Annotated[str, "school year as 2026-27 (a slash cannot sit in a path)"]


def _year(path_year: str) -> str:
    return path_year.replace("-", "/", 1)


@router.post("", response_model=OrganisationRead, status_code=status.HTTP_201_CREATED)
async def create_organisation(body: OrganisationCreate, principal: LaStaff, uow: Transaction,
                              key: IdempotencyKey = None) -> OrganisationRead:
    """Add an organisation that provides services in the local offer, with its identifiers
    (URN/UKPRN for settings, ODS code for NHS bodies, charity and company numbers). LA staff
    only."""
    async def load(organisation_id: str) -> OrganisationRead:
        return service.organisation_read(await service.visible(uow, principal,
                                                               organisation_id))

    return await create_once(uow, principal, key, body=body, path=router.prefix,
                             create=lambda: service.create(uow, principal, body),
                             id_of=lambda o: o.id, load=load)


@router.get("", response_model=OrganisationPage)
async def list_organisations(principal: Contributor, uow: Transaction,
                             limit: Annotated[int, Query(ge=1, le=200)] = 50,
                             offset: Annotated[int, Query(ge=0)] = 0) -> OrganisationPage:
    """The organisations of the caller's LA, by name."""
    actor = service.actor_of(principal)
    records, total = await repository.page(
        uow.connection, principal.la_code, offset, limit,
        provider_code=None if actor.is_la_staff else actor.provider_code or "")
    return OrganisationPage(items=[service.organisation_read(r) for r in records],
                            total=total, limit=limit, offset=offset)


@router.get("/{organisation_id}", response_model=OrganisationRead)
async def get_organisation(organisation_id: str, principal: Contributor,
                           uow: Transaction) -> OrganisationRead:
    """One organisation."""
    return service.organisation_read(await service.visible(uow, principal, organisation_id))


@router.put("/{organisation_id}", response_model=OrganisationRead)
async def change_organisation(organisation_id: str, body: OrganisationCreate,
                              principal: LaStaff, uow: Transaction) -> OrganisationRead:
    """Replace an organisation's details (LA staff, or the provider for its own organisation)."""
    return await service.change(uow, principal, organisation_id, body)


@router.put("/{organisation_id}/sen-information-reports", response_model=ReportRead,
            summary="Draft the yearly SEN information report of a school or college (R8.6)")
async def write_report(organisation_id: str, body: ReportWrite, principal: Contributor,
                       uow: Transaction) -> ReportRead:
    """Draft the yearly SEN information report of a school or college for an academic year
    (R8.6): the provider for its own setting, or LA staff."""
    return await service.write_report(uow, principal, organisation_id, body)


@router.get("/{organisation_id}/sen-information-reports", response_model=list[ReportRead])
async def list_reports(organisation_id: str, principal: Contributor,
                       uow: Transaction) -> list[ReportRead]:
    """The organisation's SEN information reports, one per academic year, with their state
    (R8.6)."""
    return await service.reports(uow, principal, organisation_id)


@router.post("/{organisation_id}/sen-information-reports/{year}/submit",
             response_model=ReportRead)
async def submit_report(organisation_id: str, year: Year, principal: Contributor,
                        uow: Transaction) -> ReportRead:
    """Send the year's SEN information report to the LA for review (R8.6)."""
    return await service.move_report(uow, principal, organisation_id, _year(year),
                                     ReportState.SUBMITTED)


@router.post("/{organisation_id}/sen-information-reports/{year}/publish",
             response_model=ReportRead)
async def publish_report(organisation_id: str, year: Year, principal: LaStaff,
                         uow: Transaction) -> ReportRead:
    """LA staff publish the year's SEN information report in the local offer (R8.6)."""
    return await service.move_report(uow, principal, organisation_id, _year(year),
                                     ReportState.PUBLISHED)
