"""Importing an existing directory as published entries of the LA, matched by ids: each
record is checked whole before anything is written (a rejected record writes nothing, its
organisation included), a record equal to the entry's latest version is left alone (no new
version, no event), so running the same file again changes nothing. The accepted records
are written together, in batches."""

from __future__ import annotations

from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.principal import Principal
from localoffer.domain.errors import RuleViolation
from localoffer.entries import content as contents
from localoffer.entries import repository as entries
from localoffer.entries import review
from localoffer.entries.service import Publication, store_published
from localoffer.imports.feed import FeedRecord, records
from localoffer.imports.schemas import ImportReport, ImportRow, RowOutcome
from localoffer.organisations import repository as organisations
from localoffer.organisations.schemas import OrganisationCreate
from localoffer.taxonomy import repository as taxonomy

_ORGANISATION_FIELDS = ("name", "description", "email", "website", "urn", "ukprn",
                        "ods_code", "charity_number", "company_number")
BATCH = 500


class _Import:
    def __init__(self, uow: UnitOfWork, principal: Principal, feed: list[FeedRecord]) -> None:
        self.uow, self.principal, self.feed = uow, principal, feed
        self.rows: list[ImportRow] = []
        self.accepted: list[tuple[Publication, OrganisationCreate]] = []
        self.seen: set[str] = set()

    async def check_all(self) -> None:
        conn = self.uow.connection
        ids = [r.service_id for r in self.feed if r.service_id]
        self.heads = await entries.get_heads(conn, ids)
        self.latest = await entries.latest_versions(conn, list(self.heads))
        self.terms = await taxonomy.terms_by_ids(conn, {
            t for r in self.feed if r.content for t in r.content.taxonomy_term_ids})
        for record in self.feed:
            self.rows.append(await self.check(record))

    async def check(self, record: FeedRecord) -> ImportRow:
        row = ImportRow(row=record.row, service_id=record.service_id, name=record.name,
                        outcome=RowOutcome.REJECTED, errors=record.errors)
        if record.errors or record.content is None or record.organisation is None:
            return row
        entry_id = str(record.service_id)
        head = self.heads.get(entry_id)
        problem = self._clash(entry_id, record.organisation, head)
        if problem:
            return row.model_copy(update={"errors": [problem]})
        self.seen.add(entry_id)
        try:
            resolved = await contents.resolve(self.uow.connection, entry_id, record.content,
                                              record.organisation.name, self.terms)
        except RuleViolation as exc:
            return row.model_copy(update={"errors": [
                {"field": exc.field, "rule": exc.rule, "message": exc.message}]})
        latest = self.latest.get(entry_id)
        if latest is not None and latest.content == resolved.content.model_dump_json():
            return row.model_copy(update={"outcome": RowOutcome.UNCHANGED,
                                          "version": latest.version, "errors": []})
        version = (head.version if head else 0) + 1
        self.accepted.append((Publication(
            entry_id, self.principal.la_code, resolved, record.organisation.name, version,
            self.uow.clock.today(), self.principal.subject), record.organisation))
        return row.model_copy(update={"outcome": RowOutcome.UPDATED if head else
                                      RowOutcome.CREATED, "version": version, "errors": []})

    def _clash(self, entry_id: str, org: OrganisationCreate,
               head: entries.EntryHead | None) -> dict[str, str] | None:
        if entry_id in self.seen:
            return {"field": "id", "message": "this service appears twice in the file"}
        if head is not None and head.la_code != self.principal.la_code:
            return {"field": "id", "message": "this id belongs to another LA's entry"}
        if org.id is None:
            return {"field": "organization.id", "message": "the organisation needs its id"}
        return None

    async def write(self, book: DeadlineBook) -> None:
        await self._organisations()
        for start in range(0, len(self.accepted), BATCH):
            await store_published(self.uow, [p for p, _ in self.accepted[start:start + BATCH]])
        for publication, _ in self.accepted:
            await review.schedule_review(
                self.uow, book, la_code=publication.la_code, entry_id=publication.entry_id,
                reviewed_on=publication.reviewed_on, today=publication.reviewed_on,
                new=publication.new)

    async def _organisations(self) -> None:
        """Each accepted record's organisation, created or brought up to date."""
        conn, now = self.uow.connection, self.uow.clock.now()
        given = {str(org.id): org for _, org in self.accepted}
        for org_id, org in given.items():
            values = {name: getattr(org, name) for name in _ORGANISATION_FIELDS}
            found = await organisations.get(conn, self.principal.la_code, org_id)
            if found is None:
                await organisations.add(conn, {
                    **values, "kind": org.kind.value, "id": org_id,
                    "la_code": self.principal.la_code, "created_at": now, "modified_at": now})
            elif any(getattr(found, k) != v for k, v in values.items()):
                # the feed does not say what kind of provider it is: the LA's setting stays
                await organisations.change(conn, org_id, {**values, "modified_at": now})


async def import_directory(uow: UnitOfWork, book: DeadlineBook, principal: Principal,
                           body: bytes, fmt: str) -> ImportReport:
    job = _Import(uow, principal, list(records(body, fmt)))
    await job.check_all()
    await job.write(book)
    count = {o: sum(r.outcome is o for r in job.rows) for o in RowOutcome}
    return ImportReport(format=fmt, rows=job.rows, created=count[RowOutcome.CREATED],
                        updated=count[RowOutcome.UPDATED],
                        unchanged=count[RowOutcome.UNCHANGED],
                        rejected=count[RowOutcome.REJECTED])
