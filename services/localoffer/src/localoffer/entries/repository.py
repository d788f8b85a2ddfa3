"""Every query of the entries feature: drafts, published entries with their parts, and
published versions. Returns typed records; never commits."""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import and_, bindparam, delete, func, insert, literal, select, union_all, update

from localoffer.entries.tables import (
    contact,
    cost_option,
    entry,
    entry_draft,
    entry_term,
    entry_version,
    location,
    opening,
    schedule,
)
from localoffer.organisations.tables import organisation
from localoffer.taxonomy.tables import taxonomy_term

_CHILDREN = (opening, schedule, cost_option, location, contact, entry_term)


@dataclass(frozen=True)
class DraftRecord:
    entry_id: str
    la_code: str
    organisation_id: str
    state: str
    content: str
    drafted_by: str
    review_comment: str | None
    updated_at: datetime


@dataclass(frozen=True)
class EntryHead:
    id: str
    la_code: str
    organisation_id: str
    version: int
    last_reviewed_on: date


@dataclass(frozen=True)
class VersionRecord:
    entry_id: str
    version: int
    la_code: str
    content: str
    published_at: datetime
    published_by: str


@dataclass
class PublishedEntry:
    """A published entry with every part, as search, the API and ORUK show it."""

    id: str
    la_code: str
    organisation_id: str
    organisation_name: str
    name: str
    description: str
    status: str
    url: str | None
    email: str | None
    minimum_age: int | None
    maximum_age: int | None
    eligibility_description: str | None
    requires_referral: bool
    how_to_access: str | None
    free_of_charge: bool
    fees_description: str | None
    accessibility: str | None
    service_area: str | None
    in_area: bool
    alert: str | None
    last_reviewed_on: date
    version: int
    published_at: datetime
    modified_at: datetime
    organisation_description: str | None = None
    organisation_email: str | None = None
    organisation_website: str | None = None
    term_ids: list[str] = field(default_factory=list)
    cost_options: list[dict[str, Any]] = field(default_factory=list)
    schedules: list[dict[str, Any]] = field(default_factory=list)
    locations: list[dict[str, Any]] = field(default_factory=list)
    contacts: list[dict[str, Any]] = field(default_factory=list)


# ---- drafts --------------------------------------------------------------------------------

async def get_draft(conn: Any, entry_id: str) -> DraftRecord | None:
    row = (await conn.execute(select(entry_draft).where(
        entry_draft.c.entry_id == entry_id))).first()
    return DraftRecord(**row._mapping) if row else None


async def save_draft(conn: Any, record: DraftRecord, *, new: bool) -> None:
    values = record.__dict__
    if new:
        await conn.execute(insert(entry_draft).values(**values))
    else:
        await conn.execute(update(entry_draft).where(
            entry_draft.c.entry_id == record.entry_id).values(**values))


async def delete_draft(conn: Any, entry_id: str) -> None:
    await conn.execute(delete(entry_draft).where(entry_draft.c.entry_id == entry_id))


# ---- published entries ---------------------------------------------------------------------

_HEAD = select(entry.c.id, entry.c.la_code, entry.c.organisation_id, entry.c.version,
               entry.c.last_reviewed_on)


async def get_head(conn: Any, entry_id: str) -> EntryHead | None:
    row = (await conn.execute(_HEAD.where(entry.c.id == entry_id))).first()
    return EntryHead(**row._mapping) if row else None


async def get_heads(conn: Any, entry_ids: list[str]) -> dict[str, EntryHead]:
    found: dict[str, EntryHead] = {}
    for start in range(0, len(entry_ids), 500):
        rows = (await conn.execute(_HEAD.where(entry.c.id.in_(
            entry_ids[start:start + 500])))).all()
        found.update({r.id: EntryHead(**r._mapping) for r in rows})
    return found


async def write_published(conn: Any, rows: list[dict[str, Any]],
                          parts: dict[str, list[dict[str, Any]]], replacing: list[str]) -> None:
    """Entries' rows and their parts, many at once; the entries in `replacing` are
    updated and their old parts removed first (the versions keep the history)."""
    for start in range(0, len(replacing), 500):
        chunk = replacing[start:start + 500]
        for table in _CHILDREN:
            await conn.execute(delete(table).where(table.c.entry_id.in_(chunk)))
    replaced = set(replacing)
    fresh = [r for r in rows if r["id"] not in replaced]
    changed = [{f"b_{k}": v for k, v in r.items()} for r in rows if r["id"] in replaced]
    if fresh:
        await conn.execute(insert(entry), fresh)
    if changed:
        columns = [k.removeprefix("b_") for k in changed[0] if k != "b_id"]
        await conn.execute(update(entry).where(entry.c.id == bindparam("b_id"))
                           .values({c: bindparam(f"b_{c}") for c in columns}), changed)
    for table in (entry_term, cost_option, schedule, opening, location, contact):
        if parts.get(table.name):
            await conn.execute(insert(table), parts[table.name])


async def mark_reviewed(conn: Any, entry_id: str, reviewed_on: date, now: datetime) -> None:
    await conn.execute(update(entry).where(entry.c.id == entry_id).values(
        last_reviewed_on=reviewed_on, modified_at=now))


async def load_published(conn: Any, ids: Sequence[str]) -> list[PublishedEntry]:
    """The entries of `ids` in that order, each with its parts (one query per part)."""
    if not ids:
        return []
    wanted = list(dict.fromkeys(ids))
    rows = (await conn.execute(select(
        *(c for c in entry.c if c.name not in ("search_document", "search_vector")),
        organisation.c.name.label("organisation_name"))
        .join(organisation, organisation.c.id == entry.c.organisation_id)
        .where(entry.c.id.in_(wanted)))).all()
    by_id = {r.id: PublishedEntry(**r._mapping) for r in rows}
    for table, attribute in ((cost_option, "cost_options"), (schedule, "schedules"),
                             (location, "locations"), (contact, "contacts")):
        # a location's point on the unit sphere is the search's, not the entry's content
        columns = [c for c in table.c if not c.name.startswith("unit_")]
        for part in (await conn.execute(select(*columns).where(
                table.c.entry_id.in_(wanted)).order_by(table.c.entry_id, table.c.id))).all():
            getattr(by_id[part.entry_id], attribute).append(_plain(part._mapping))
    for link in (await conn.execute(select(entry_term).where(
            entry_term.c.entry_id.in_(wanted)).order_by(entry_term.c.term_id))).all():
        by_id[link.entry_id].term_ids.append(link.term_id)
    return [by_id[i] for i in wanted if i in by_id]


def _plain(mapping: Any) -> dict[str, Any]:
    return {k: (float(v) if isinstance(v, Decimal) else v) for k, v in mapping.items()}


async def category_facts(conn: Any, la_code: str) -> list[tuple[str, str, bool, str | None]]:
    """(entry id, name, in area, term code) for every published entry of the LA and each
    of its terms (a row with no code for an entry without terms)."""
    rows = (await conn.execute(
        select(entry.c.id, entry.c.name, entry.c.in_area, taxonomy_term.c.code)
        .select_from(entry.outerjoin(entry_term, entry_term.c.entry_id == entry.c.id)
                     .outerjoin(taxonomy_term, taxonomy_term.c.id == entry_term.c.term_id))
        .where(entry.c.la_code == la_code, entry.c.status != "defunct")
        .order_by(entry.c.name, entry.c.id))).all()
    return [(r[0], r[1], bool(r[2]), r[3]) for r in rows]


async def entries_due_for_review(conn: Any, la_code: str, reviewed_before: date) -> list[str]:
    rows = await conn.execute(select(entry.c.id).where(
        entry.c.la_code == la_code, entry.c.last_reviewed_on < reviewed_before))
    return [r[0] for r in rows]


# ---- versions ------------------------------------------------------------------------------

async def add_versions(conn: Any, records: list[VersionRecord]) -> None:
    await conn.execute(insert(entry_version), [r.__dict__ for r in records])


async def latest_versions(conn: Any, entry_ids: list[str]) -> dict[str, VersionRecord]:
    """The newest published version of each of `entry_ids` that has one."""
    found: dict[str, VersionRecord] = {}
    for start in range(0, len(entry_ids), 500):
        chunk = entry_ids[start:start + 500]
        newest = select(entry_version.c.entry_id, func.max(entry_version.c.version).label(
            "version")).where(entry_version.c.entry_id.in_(chunk)).group_by(
            entry_version.c.entry_id).subquery("newest")
        rows = (await conn.execute(select(entry_version).join(newest, and_(
            newest.c.entry_id == entry_version.c.entry_id,
            newest.c.version == entry_version.c.version)))).all()
        found.update({r.entry_id: VersionRecord(**r._mapping) for r in rows})
    return found


async def versions(conn: Any, entry_id: str) -> list[VersionRecord]:
    rows = (await conn.execute(select(entry_version).where(
        entry_version.c.entry_id == entry_id).order_by(entry_version.c.version))).all()
    return [VersionRecord(**r._mapping) for r in rows]


# ---- staff lists ---------------------------------------------------------------------------

@dataclass(frozen=True)
class SummaryRecord:
    entry_id: str
    name: str
    organisation_id: str
    published_version: int | None
    draft_state: str | None
    updated_at: datetime


async def summaries(conn: Any, la_code: str, organisation_ids: Iterable[str] | None,
                    draft_state: str | None, offset: int,
                    limit: int) -> tuple[list[SummaryRecord], int]:
    """Entries and drafts of the LA (or of the given organisations), newest change first."""
    drafts = select(entry_draft.c.entry_id, entry_draft.c.organisation_id,
                    entry_draft.c.state.label("draft_state"),
                    entry_draft.c.updated_at).where(entry_draft.c.la_code == la_code)
    published = select(entry.c.id.label("entry_id"), entry.c.organisation_id,
                       literal(None).label("draft_state"), entry.c.modified_at.label(
                           "updated_at")).where(entry.c.la_code == la_code, ~entry.c.id.in_(
                               select(entry_draft.c.entry_id)))
    if organisation_ids is not None:
        orgs = sorted(organisation_ids)
        drafts = drafts.where(entry_draft.c.organisation_id.in_(orgs))
        published = published.where(entry.c.organisation_id.in_(orgs))
    if draft_state is not None:
        drafts = drafts.where(entry_draft.c.state == draft_state)
        published = published.where(literal(False))
    both = union_all(drafts, published).subquery("both")
    total = await conn.scalar(select(func.count()).select_from(both))
    rows = (await conn.execute(
        select(both, entry.c.version, entry.c.name.label("published_name"))
        .outerjoin(entry, entry.c.id == both.c.entry_id)
        .order_by(both.c.updated_at.desc(), both.c.entry_id).offset(offset).limit(limit))).all()
    drafts_by_id = {d.entry_id: d for d in [await get_draft(conn, r.entry_id) for r in rows
                                            if r.draft_state is not None] if d}
    return [SummaryRecord(
        entry_id=r.entry_id, organisation_id=r.organisation_id,
        name=r.published_name or _draft_name(drafts_by_id.get(r.entry_id)),
        published_version=r.version, draft_state=r.draft_state, updated_at=r.updated_at)
        for r in rows], int(total or 0)


def _draft_name(draft: DraftRecord | None) -> str:
    return str(json.loads(draft.content).get("name", "")) if draft else ""


async def entry_of_service_at_location(conn: Any, service_at_location_id: str) -> str | None:
    return await conn.scalar(select(location.c.entry_id).where(
        location.c.service_at_location_id == service_at_location_id))


async def term_ids_of(conn: Any, entry_ids: list[str]) -> dict[str, list[str]]:
    found: dict[str, list[str]] = defaultdict(list)
    if entry_ids:
        for link in (await conn.execute(select(entry_term).where(
                entry_term.c.entry_id.in_(entry_ids)).order_by(entry_term.c.term_id))).all():
            found[link.entry_id].append(link.term_id)
    return found


async def places_of(conn: Any, entry_ids: list[str]) -> dict[str, list[tuple[str, float, float]]]:
    """(postcode, latitude, longitude) of each entry's locations."""
    found: dict[str, list[tuple[str, float, float]]] = defaultdict(list)
    if entry_ids:
        for row in (await conn.execute(select(
                location.c.entry_id, location.c.postcode, location.c.latitude,
                location.c.longitude).where(location.c.entry_id.in_(entry_ids)))).all():
            found[row.entry_id].append((row.postcode, row.latitude, row.longitude))
    return found
