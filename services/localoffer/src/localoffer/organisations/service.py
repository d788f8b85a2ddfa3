"""Use cases of the organisations feature: the LA keeps the organisations; a school or
college drafts its yearly SEN information report (R8.6), the LA publishes it."""

from __future__ import annotations

import uuid

from common.db.uow import UnitOfWork
from common.principal import Principal
from localoffer.domain import rules
from localoffer.domain.enums import OrganisationKind, ReportState
from localoffer.domain.errors import WrongState
from localoffer.entries.service import actor_of
from localoffer.errors import Conflict, Forbidden, NotFound
from localoffer.organisations import repository
from localoffer.organisations.repository import OrganisationRecord, ReportRecord
from localoffer.organisations.schemas import (
    OrganisationCreate,
    OrganisationRead,
    ReportRead,
    ReportWrite,
)


def organisation_read(record: OrganisationRecord) -> OrganisationRead:
    return OrganisationRead.model_validate(record.__dict__)


async def create(uow: UnitOfWork, principal: Principal,
                 body: OrganisationCreate) -> OrganisationRead:
    organisation_id = body.id or str(uuid.uuid4())
    if await repository.get(uow.connection, principal.la_code, organisation_id):
        raise Conflict(f"Organisation {organisation_id} already exists")
    now = uow.clock.now()
    record = await repository.add(uow.connection, {
        **body.model_dump(exclude={"id"}), "kind": body.kind.value, "id": organisation_id,
        "la_code": principal.la_code, "created_at": now, "modified_at": now})
    return organisation_read(record)


async def change(uow: UnitOfWork, principal: Principal, organisation_id: str,
                 body: OrganisationCreate) -> OrganisationRead:
    await visible(uow, principal, organisation_id)
    record = await repository.change(uow.connection, organisation_id, {
        **body.model_dump(exclude={"id"}), "kind": body.kind.value,
        "modified_at": uow.clock.now()})
    return organisation_read(record)


async def visible(uow: UnitOfWork, principal: Principal,
                  organisation_id: str) -> OrganisationRecord:
    found = await repository.get(uow.connection, principal.la_code, organisation_id)
    if found is None or not actor_of(principal).may_edit_for(found.provider_code):
        raise NotFound(f"Organisation {organisation_id}")
    return found


def report_read(record: ReportRecord) -> ReportRead:
    return ReportRead.model_validate({k: v for k, v in record.__dict__.items()
                                      if k != "la_code"})


async def write_report(uow: UnitOfWork, principal: Principal, organisation_id: str,
                       body: ReportWrite) -> ReportRead:
    """Draft (or redraft) the report for a school year; a published one goes back to
    draft for its next version."""
    org = await visible(uow, principal, organisation_id)
    rules.check_sen_information_report(OrganisationKind(org.kind), body.academic_year,
                                       uow.clock.today())
    existing = await repository.get_report(uow.connection, organisation_id, body.academic_year)
    if existing is not None and existing.state == ReportState.SUBMITTED and \
            not actor_of(principal).is_la_staff:
        raise WrongState("R8.6", "the report is with the LA for review", "state")
    record = await repository.save_report(uow.connection, {
        "id": existing.id if existing else str(uuid.uuid4()), "la_code": principal.la_code,
        "organisation_id": organisation_id, **body.model_dump(),
        "state": ReportState.DRAFT.value, "version": existing.version if existing else 0,
        "published_on": existing.published_on if existing else None,
        "updated_at": uow.clock.now()}, new=existing is None)
    return report_read(record)


async def move_report(uow: UnitOfWork, principal: Principal, organisation_id: str,
                      academic_year: str, to: ReportState) -> ReportRead:
    await visible(uow, principal, organisation_id)
    report = await repository.get_report(uow.connection, organisation_id, academic_year)
    if report is None:
        raise NotFound(f"SEN information report {academic_year}")
    if to is ReportState.PUBLISHED and not actor_of(principal).is_la_staff:
        raise Forbidden("Only LA staff publish SEN information reports in the local offer")
    allowed = {ReportState.SUBMITTED: ReportState.DRAFT,
               ReportState.PUBLISHED: ReportState.SUBMITTED}
    if report.state != allowed[to]:
        raise WrongState("R8.6", f"a {report.state} report cannot become {to}", "state")
    values = {**report.__dict__, "state": to.value, "updated_at": uow.clock.now()}
    if to is ReportState.PUBLISHED:
        values.update(version=report.version + 1, published_on=uow.clock.today())
    return report_read(await repository.save_report(uow.connection, values, new=False))


async def reports(uow: UnitOfWork, principal: Principal,
                  organisation_id: str) -> list[ReportRead]:
    await visible(uow, principal, organisation_id)
    return [report_read(r) for r in await repository.reports_of(uow.connection, organisation_id)]


async def published_report(uow: UnitOfWork, organisation_id: str) -> ReportRead | None:
    """What the public local offer links to for a school or college (R8.6): its published
    SEN information report of the latest academic year, if any. A report being redrafted
    is not shown until it is published again."""
    record = await repository.latest_published_report(uow.connection, organisation_id)
    return report_read(record) if record else None
