"""Use cases of the entries feature: providers draft, the LA reviews and publishes, every
published version is kept, and each publication or review restarts the 12-month review
clock. Load, decide (domain rules), save, emit; the request's unit of work commits."""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass
from datetime import date

from common.auth import LA_STAFF, Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from localoffer.contracts import ENTRY_PUBLISHED, EntryPublishedV1, subject_for_entry
from localoffer.domain import rules
from localoffer.domain.enums import DraftState
from localoffer.entries import content as contents
from localoffer.entries import repository, review
from localoffer.entries.repository import DraftRecord, EntryHead, VersionRecord
from localoffer.entries.schemas import (
    DraftRead,
    EntryContent,
    EntryCreate,
    EntryRead,
    EntrySummary,
    EntryWorkingRead,
    TermRead,
    VersionRead,
)
from localoffer.errors import Conflict, Forbidden, NotFound
from localoffer.organisations import repository as organisations
from localoffer.organisations.repository import OrganisationRecord
from localoffer.search.indexing import index_entries
from localoffer.taxonomy import repository as taxonomy_repository


def actor_of(principal: Principal) -> rules.Actor:
    return rules.Actor(is_la_staff=principal.has_any(LA_STAFF),
                       provider_code=principal.org_code if "provider" in principal.roles
                       else None)


async def organisation_for(uow: UnitOfWork, principal: Principal,
                           organisation_id: str) -> OrganisationRecord:
    """The organisation an entry is written for: in the caller's LA, and for a provider
    their own (another organisation's is refused, 403)."""
    found = await organisations.get(uow.connection, principal.la_code, organisation_id)
    if found is None:
        raise NotFound(f"Organisation {organisation_id}")
    if not actor_of(principal).may_edit_for(found.provider_code):
        raise Forbidden("A provider may write entries only for its own organisation")
    return found


async def _reachable(uow: UnitOfWork, principal: Principal,
                     entry_id: str) -> tuple[DraftRecord | None, EntryHead | None]:
    """The entry's draft and published head, if the caller may see them; otherwise
    not found (another LA's entry, another organisation's for a provider)."""
    draft = await repository.get_draft(uow.connection, entry_id)
    head = await repository.get_head(uow.connection, entry_id)
    owner = draft or head
    if owner is None or owner.la_code != principal.la_code:
        raise NotFound(f"Entry {entry_id}")
    org = await organisations.get(uow.connection, principal.la_code, owner.organisation_id)
    if not actor_of(principal).may_edit_for(org.provider_code if org else None):
        raise NotFound(f"Entry {entry_id}")
    return draft, head


def _draft_read(record: DraftRecord) -> DraftRead:
    return DraftRead(entry_id=record.entry_id, state=DraftState(record.state),
                     content=EntryContent.model_validate_json(record.content),
                     review_comment=record.review_comment, updated_at=record.updated_at)


async def _write_draft(uow: UnitOfWork, principal: Principal, entry_id: str,
                       content: EntryContent, state: DraftState, *, new: bool,
                       review_comment: str | None = None) -> DraftRead:
    contents.check_static(content)
    await contents.known_terms(uow.connection, content)
    record = DraftRecord(entry_id=entry_id, la_code=principal.la_code,
                         organisation_id=content.organisation_id, state=state.value,
                         content=content.model_dump_json(), drafted_by=principal.subject,
                         review_comment=review_comment, updated_at=uow.clock.now())
    await repository.save_draft(uow.connection, record, new=new)
    return _draft_read(record)


async def create(uow: UnitOfWork, principal: Principal, body: EntryCreate) -> DraftRead:
    entry_id = body.id or contents.new_id()
    if await repository.get_draft(uow.connection, entry_id) or \
            await repository.get_head(uow.connection, entry_id):
        raise Conflict(f"Entry {entry_id} already exists", entry_id=entry_id)
    await organisation_for(uow, principal, body.organisation_id)
    content = EntryContent.model_validate(body.model_dump(exclude={"id"}))
    return await _write_draft(uow, principal, entry_id, content, DraftState.DRAFT, new=True)


async def draft_of(uow: UnitOfWork, principal: Principal, entry_id: str) -> DraftRead:
    draft, _ = await _reachable(uow, principal, entry_id)
    if draft is None:
        raise NotFound(f"Draft of entry {entry_id}")
    return _draft_read(draft)


async def update_draft(uow: UnitOfWork, principal: Principal, entry_id: str,
                       content: EntryContent) -> DraftRead:
    draft, _ = await _reachable(uow, principal, entry_id)
    state = rules.decide_edit(DraftState(draft.state) if draft else None)
    await organisation_for(uow, principal, content.organisation_id)
    return await _write_draft(uow, principal, entry_id, content, state, new=draft is None)


async def submit(uow: UnitOfWork, principal: Principal, entry_id: str) -> DraftRead:
    draft, _ = await _reachable(uow, principal, entry_id)
    state = rules.decide_submit(DraftState(draft.state) if draft else None)
    assert draft is not None  # decide_submit refuses a missing draft
    record = DraftRecord(**{**draft.__dict__, "state": state.value,
                            "updated_at": uow.clock.now()})
    await repository.save_draft(uow.connection, record, new=False)
    return _draft_read(record)


async def request_changes(uow: UnitOfWork, principal: Principal, entry_id: str,
                          comment: str) -> DraftRead:
    draft, _ = await _reachable(uow, principal, entry_id)
    state = rules.decide_request_changes(DraftState(draft.state) if draft else None,
                                         actor_of(principal), comment)
    assert draft is not None
    record = DraftRecord(**{**draft.__dict__, "state": state.value, "review_comment": comment,
                            "updated_at": uow.clock.now()})
    await repository.save_draft(uow.connection, record, new=False)
    return _draft_read(record)


async def publish(uow: UnitOfWork, book: DeadlineBook, principal: Principal,
                  entry_id: str) -> EntryRead:
    draft, head = await _reachable(uow, principal, entry_id)
    rules.decide_publish(DraftState(draft.state) if draft else None, actor_of(principal))
    assert draft is not None
    content = EntryContent.model_validate_json(draft.content)
    org = await organisations.get(uow.connection, principal.la_code, content.organisation_id)
    if org is None:
        raise NotFound(f"Organisation {content.organisation_id}")
    today = uow.clock.today()
    version = (head.version if head else 0) + 1
    resolved = await contents.resolve(uow.connection, entry_id, content, org.name)
    await store_published(uow, [Publication(entry_id, principal.la_code, resolved, org.name,
                                             version, today, principal.subject)])
    await repository.delete_draft(uow.connection, entry_id)
    await review.schedule_review(uow, book, la_code=principal.la_code, entry_id=entry_id,
                                 reviewed_on=today, today=today)
    return await read_published(uow, entry_id)


@dataclass(frozen=True)
class Publication:
    """One entry to publish: its checked content, and the version it becomes."""

    entry_id: str
    la_code: str
    resolved: contents.ResolvedContent
    organisation_name: str
    version: int
    reviewed_on: date
    published_by: str

    @property
    def new(self) -> bool:
        return self.version == 1


async def store_published(uow: UnitOfWork, publications: list[Publication]) -> None:
    """Write the entries' rows, parts and versions (the content as resolved: ids and
    coordinates filled in), index them for search and emit an event each."""
    now = uow.clock.now()
    rows, parts, documents = [], defaultdict(list), []
    for p in publications:
        document = contents.search_document(p.resolved.content, p.resolved.terms,
                                            p.organisation_name)
        rows.append({**contents.entry_row(p.entry_id, p.la_code, p.resolved.content),
                     "version": p.version, "last_reviewed_on": p.reviewed_on,
                     "published_at": now, "modified_at": now, "search_document": document})
        for table, part_rows in p.resolved.parts.items():
            parts[table].extend(part_rows)
        documents.append((p.entry_id, p.resolved.content.name, document))
    await repository.write_published(uow.connection, rows, parts,
                                     [p.entry_id for p in publications if not p.new])
    await index_entries(uow.connection, documents)
    await repository.add_versions(uow.connection, [VersionRecord(
        entry_id=p.entry_id, version=p.version, la_code=p.la_code,
        content=p.resolved.content.model_dump_json(), published_at=now,
        published_by=p.published_by) for p in publications])
    for p in publications:
        uow.emit(ENTRY_PUBLISHED, EntryPublishedV1(
            entry_id=p.entry_id, la_code=p.la_code, title=p.resolved.content.name,
            categories=[t.code for t in p.resolved.terms], version=p.version),
            subject=subject_for_entry(p.entry_id), la_code=p.la_code)


async def mark_reviewed(uow: UnitOfWork, book: DeadlineBook, principal: Principal,
                        entry_id: str) -> EntryRead:
    """The LA checked the published entry and it still holds: the review clock restarts."""
    _, head = await _reachable(uow, principal, entry_id)
    if not actor_of(principal).is_la_staff:
        raise Forbidden("Only LA staff review entries")
    if head is None:
        raise NotFound(f"Published entry {entry_id}")
    today = uow.clock.today()
    await repository.mark_reviewed(uow.connection, entry_id, today, uow.clock.now())
    await review.schedule_review(uow, book, la_code=head.la_code, entry_id=entry_id,
                                 reviewed_on=today, today=today)
    return await read_published(uow, entry_id)


async def read_published(uow: UnitOfWork, entry_id: str) -> EntryRead:
    loaded = await repository.load_published(uow.connection, [entry_id])
    if not loaded:
        raise NotFound(f"Published entry {entry_id}")
    record = loaded[0]
    terms = await taxonomy_repository.terms_by_ids(uow.connection, record.term_ids)
    content = EntryContent.model_validate({
        **{k: v for k, v in record.__dict__.items() if k in EntryContent.model_fields},
        "taxonomy_term_ids": record.term_ids,
        "locations": [_drop(loc, "entry_id") for loc in record.locations],
        "schedules": [_drop(s, "entry_id") for s in record.schedules],
        "cost_options": [_drop(c, "entry_id") for c in record.cost_options],
        "contacts": [_drop(c, "entry_id") for c in record.contacts]})
    return EntryRead(
        id=record.id, la_code=record.la_code, version=record.version,
        organisation_id=record.organisation_id, organisation_name=record.organisation_name,
        content=content, taxonomy_terms=[term_read(terms[t]) for t in record.term_ids
                                         if t in terms],
        last_reviewed_on=record.last_reviewed_on,
        review_due_on=rules.review_due_on(record.last_reviewed_on),
        published_at=record.published_at, modified_at=record.modified_at)


def _drop(row: dict, *names: str) -> dict:
    return {k: v for k, v in row.items() if k not in names}


def term_read(term: taxonomy_repository.TermRecord) -> TermRead:
    return TermRead(id=term.id, code=term.code, name=term.name, taxonomy_id=term.taxonomy_id,
                    taxonomy=term.taxonomy_name, term_uri=term.term_uri)


async def working(uow: UnitOfWork, principal: Principal, entry_id: str) -> EntryWorkingRead:
    draft, head = await _reachable(uow, principal, entry_id)
    return EntryWorkingRead(
        entry_id=entry_id, published=await read_published(uow, entry_id) if head else None,
        draft=_draft_read(draft) if draft else None)


async def version_history(uow: UnitOfWork, principal: Principal,
                          entry_id: str) -> list[VersionRead]:
    await _reachable(uow, principal, entry_id)
    return [VersionRead(entry_id=v.entry_id, version=v.version, published_at=v.published_at,
                        published_by=v.published_by,
                        content=EntryContent.model_validate(json.loads(v.content)))
            for v in await repository.versions(uow.connection, entry_id)]


async def summaries(uow: UnitOfWork, principal: Principal, draft_state: DraftState | None,
                    offset: int, limit: int) -> tuple[list[EntrySummary], int]:
    org_ids = None
    actor = actor_of(principal)
    if not actor.is_la_staff:
        own, _ = await organisations.page(uow.connection, principal.la_code, 0, 1000,
                                          provider_code=actor.provider_code or "")
        org_ids = [o.id for o in own]
    records, total = await repository.summaries(
        uow.connection, principal.la_code, org_ids,
        draft_state.value if draft_state else None, offset, limit)
    return [EntrySummary(**r.__dict__) for r in records], total
