"""Importing an existing directory as published entries of the LA: each record in a
savepoint of its own (a rejected record writes nothing), matched by its ids, so running
the same file again changes nothing (no new version, no event)."""

from __future__ import annotations

from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from localoffer.domain.errors import RuleViolation
from localoffer.entries import content as contents
from localoffer.entries import repository as entries
from localoffer.entries import review
from localoffer.entries.service import store_published
from localoffer.imports.feed import FeedRecord, records
from localoffer.imports.schemas import ImportReport, ImportRow, RowOutcome
from localoffer.organisations import repository as organisations
from localoffer.organisations.repository import OrganisationRecord
from localoffer.organisations.schemas import OrganisationCreate

_ORGANISATION_FIELDS = ("name", "description", "kind", "email", "website", "urn", "ukprn",
                        "ods_code", "charity_number", "company_number")


class _Rejected(Exception):
    def __init__(self, errors: list[dict[str, object]]) -> None:
        super().__init__("rejected")
        self.errors = errors


async def import_directory(uow: UnitOfWork, book: DeadlineBook, principal: Principal,
                           body: bytes, fmt: str) -> ImportReport:
    rows = []
    for record in records(body, fmt):
        rows.append(await _import_one(uow, book, principal, record))
    count = {o: sum(r.outcome is o for r in rows) for o in RowOutcome}
    return ImportReport(format=fmt, rows=rows, created=count[RowOutcome.CREATED],
                        updated=count[RowOutcome.UPDATED],
                        unchanged=count[RowOutcome.UNCHANGED],
                        rejected=count[RowOutcome.REJECTED])


async def _import_one(uow: UnitOfWork, book: DeadlineBook, principal: Principal,
                      record: FeedRecord) -> ImportRow:
    report = ImportRow(row=record.row, service_id=record.service_id, name=record.name,
                       outcome=RowOutcome.REJECTED, errors=record.errors)
    if record.errors or record.content is None or record.organisation is None:
        return report
    savepoint = await uow.session.begin_nested()
    try:
        outcome, version = await _apply(uow, book, principal, record)
    except RuleViolation as exc:
        await savepoint.rollback()
        report.errors = [{"field": exc.field, "rule": exc.rule, "message": exc.message}]
        return report
    except _Rejected as exc:
        await savepoint.rollback()
        report.errors = exc.errors
        return report
    await savepoint.commit()
    return report.model_copy(update={"outcome": outcome, "version": version})


async def _apply(uow: UnitOfWork, book: DeadlineBook, principal: Principal,
                 record: FeedRecord) -> tuple[RowOutcome, int | None]:
    assert record.content is not None and record.organisation is not None
    entry_id = str(record.service_id)
    org = await _organisation(uow, principal, record.organisation)
    head = await entries.get_head(uow.session, entry_id)
    if head is not None and head.la_code != principal.la_code:
        raise _Rejected([{"field": "id", "message": "this id belongs to another LA's entry"}])
    resolved = await contents.resolve(uow.session, entry_id, record.content, org.name)
    if head is not None:
        latest = (await entries.versions(uow.session, entry_id))[-1]
        if latest.content == resolved.content.model_dump_json():
            return RowOutcome.UNCHANGED, head.version
    version = (head.version if head else 0) + 1
    today = uow.clock.today()
    await store_published(uow, entry_id, principal.la_code, record.content, org.name,
                          version=version, new=head is None, reviewed_on=today,
                          published_by=principal.subject, resolved=resolved)
    await review.schedule_review(uow, book, la_code=principal.la_code, entry_id=entry_id,
                                 reviewed_on=today, today=today)
    return (RowOutcome.CREATED if head is None else RowOutcome.UPDATED), version


async def _organisation(uow: UnitOfWork, principal: Principal,
                        given: OrganisationCreate) -> OrganisationRecord:
    """The feed's organisation, created or brought up to date (matched by id)."""
    if given.id is None:
        raise _Rejected([{"field": "organization.id", "message": "the organisation needs its id"}])
    values = {name: getattr(given, name) for name in _ORGANISATION_FIELDS}
    values["kind"] = given.kind.value
    found = await organisations.get(uow.session, principal.la_code, given.id)
    now = uow.clock.now()
    if found is None:
        return await organisations.add(uow.session, {
            **values, "id": given.id, "la_code": principal.la_code, "created_at": now,
            "modified_at": now})
    if all(getattr(found, k) == v for k, v in values.items()):
        return found
    # the feed does not say what kind of provider it is: keep what the LA set
    values["kind"] = found.kind
    return await organisations.change(uow.session, given.id, {**values, "modified_at": now})
