"""The directory search, on Postgres (full-text `tsvector` with a GIN index) and SQLite
(FTS5): every filter is a condition on the entry, ANDed; distance is a bounding box on the
indexed coordinates, then the chord between the locations' precomputed points on the unit
sphere and the centre's (sums of squares in SQL, the exact great-circle distance from it in
Python). A page of results is one statement: the page's ids and sort keys chosen on
narrow rows, joined back to the entries and their organisations, with the total."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    func,
    literal_column,
    or_,
    select,
)

from localoffer.domain.geo import (
    bounding_box,
    chord_squared_within,
    metres_from_chord_squared,
    unit_vector,
)
from localoffer.domain.schedules import Occasion
from localoffer.entries.repository import PublishedEntry
from localoffer.entries.tables import entry, entry_term, location, opening
from localoffer.organisations.tables import organisation
from localoffer.search.indexing import LANGUAGE, entry_fts, is_postgres
from localoffer.taxonomy.repository import TERM_COLUMNS, TermRecord
from localoffer.taxonomy.tables import taxonomy, taxonomy_term


@dataclass(frozen=True)
class Near:
    latitude: float
    longitude: float
    radius_m: float


@dataclass(frozen=True)
class SearchQuery:
    """Every filter the public search and the ORUK API offer; all given ones must hold."""

    la_code: str
    text: str | None = None
    term_ids: tuple[str, ...] = ()
    taxonomy_id: str | None = None
    age: int | None = None
    minimum_age_at_least: int | None = None   # ORUK minimum_age
    maximum_age_at_most: int | None = None    # ORUK maximum_age
    free_only: bool = False
    open_on: Occasion | None = None            # open that date (any time, or open_minute)
    open_minute: int | None = None
    day: int | None = None                     # ORUK day / start_time / end_time
    starts_at_minute: int | None = None
    ends_by_minute: int | None = None
    near: Near | None = None
    modified_after: datetime | None = None
    statuses: tuple[str, ...] = ()


@dataclass
class Hit:
    entry_id: str
    rank: float | None = None
    distance_m: float | None = None
    record: PublishedEntry | None = None  # the entry's own fields and its organisation's


@dataclass
class LocationHit:
    service_at_location_id: str
    entry_id: str
    distance_m: float | None = None


@dataclass
class Results:
    hits: list[Any] = field(default_factory=list)
    total: int = 0


def fts_query(text: str) -> str | None:
    """The words of `text` as an FTS5 query of quoted terms (every word must match)."""
    words = re.findall(r"\w+", text)
    return " ".join(f'"{w}"' for w in words) if words else None


def _conditions(query: SearchQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = [entry.c.la_code == query.la_code]
    if query.statuses:
        where.append(entry.c.status.in_(query.statuses))
    # filters on other tables as uncorrelated IN (...): the planner can read the filter
    # table once and hash it, instead of probing it for every entry in name order
    for term_id in query.term_ids:
        where.append(entry.c.id.in_(select(entry_term.c.entry_id).where(
            entry_term.c.term_id == term_id)))
    if query.taxonomy_id is not None:
        where.append(entry.c.id.in_(select(entry_term.c.entry_id).join(
            taxonomy_term, taxonomy_term.c.id == entry_term.c.term_id).where(
            taxonomy_term.c.taxonomy_id == query.taxonomy_id)))
    if query.age is not None:
        where += [or_(entry.c.minimum_age.is_(None), entry.c.minimum_age <= query.age),
                  or_(entry.c.maximum_age.is_(None), entry.c.maximum_age >= query.age)]
    if query.minimum_age_at_least is not None:
        where.append(entry.c.minimum_age >= query.minimum_age_at_least)
    if query.maximum_age_at_most is not None:
        where.append(entry.c.maximum_age <= query.maximum_age_at_most)
    if query.free_only:
        where.append(entry.c.free_of_charge.is_(True))
    if query.modified_after is not None:
        where.append(entry.c.modified_at >= query.modified_after)
    where += _opening_conditions(query)
    return where


def _opening_conditions(query: SearchQuery) -> list[ColumnElement[bool]]:
    """Every opening filter holds on one and the same row of the index (one way one of the
    entry's schedules recurs), so the search's SQL decides exactly, pages and totals
    included."""
    row: list[ColumnElement[bool]] = []
    if query.open_on is not None:
        row += _recurs_on(query.open_on)
    if query.open_minute is not None:
        row += [opening.c.opens_minute <= query.open_minute,
                opening.c.closes_minute > query.open_minute]
    if query.day is not None:  # any such weekday (weekly, daily, monthly by weekday)
        row.append(opening.c.weekday == query.day)
    if query.starts_at_minute is not None:
        row.append(opening.c.opens_minute >= query.starts_at_minute)
    if query.ends_by_minute is not None:
        row.append(opening.c.closes_minute <= query.ends_by_minute)
    if not row:
        return []
    return [entry.c.id.in_(select(opening.c.entry_id).where(*row))]


def _recurs_on(on: Occasion) -> list[ColumnElement[bool]]:
    """`domain.schedules.pattern_occurs` as SQL over the opening index."""
    day = on.day
    return [
        or_(opening.c.valid_from.is_(None), opening.c.valid_from <= day),
        or_(opening.c.valid_to.is_(None), opening.c.valid_to >= day),
        or_(opening.c.dtstart.is_(None), opening.c.dtstart <= day),
        or_(opening.c.week_anchor.is_(None),
            (on.week_number - opening.c.week_anchor) % opening.c.interval == 0),
        or_(opening.c.month_anchor.is_(None),
            (on.month_number - opening.c.month_anchor) % opening.c.interval == 0),
        or_(opening.c.day_anchor.is_(None),
            (on.day_number - opening.c.day_anchor) % opening.c.interval == 0),
        or_(and_(opening.c.weekday == on.weekday,
                 or_(opening.c.nth.is_(None),
                     opening.c.nth.in_([on.nth_from_start, on.nth_from_end]))),
            opening.c.monthday.in_([on.monthday, on.monthday_from_end])),
    ]


@dataclass(frozen=True)
class _Centre:
    near: Near

    def chord_squared(self) -> ColumnElement[float]:
        """The squared chord from the centre to a location, on the unit sphere."""
        point = unit_vector(self.near.latitude, self.near.longitude)
        return ((location.c.unit_x - point.x) * (location.c.unit_x - point.x)
                + (location.c.unit_y - point.y) * (location.c.unit_y - point.y)
                + (location.c.unit_z - point.z) * (location.c.unit_z - point.z))

    def within(self) -> list[ColumnElement[bool]]:
        box = bounding_box(self.near.latitude, self.near.longitude, self.near.radius_m)
        return [location.c.latitude.between(box.south, box.north),
                location.c.longitude.between(box.west, box.east),
                self.chord_squared() <= chord_squared_within(self.near.radius_m)]


def _text_rank(conn: Any, text: str) -> tuple[ColumnElement[bool], ColumnElement[float]] | None:
    if is_postgres(conn):
        tsquery = func.plainto_tsquery(LANGUAGE, text)
        return (entry.c.search_vector.op("@@")(tsquery),
                func.ts_rank_cd(entry.c.search_vector, tsquery))
    match = fts_query(text)
    if match is None:
        return None
    fts: Any = literal_column("entry_fts")
    matching = select(entry_fts.c.entry_id, (-func.bm25(fts)).label("rank")).where(
        fts.op("MATCH")(match)).subquery("fts_match")
    return (entry.c.id.in_(select(matching.c.entry_id)),
            select(matching.c.rank).where(matching.c.entry_id == entry.c.id)
            .scalar_subquery())


# the entry's own columns (not its search index) and the organisation's, for a page of
# results in the same statement as the search
_ENTRY_COLUMNS = [c for c in entry.c if c.name not in ("search_document", "search_vector")]
_ORGANISATION_COLUMNS = [organisation.c.name.label("organisation_name"),
                         organisation.c.description.label("organisation_description"),
                         organisation.c.email.label("organisation_email"),
                         organisation.c.website.label("organisation_website")]


async def search_entries(conn: Any, query: SearchQuery, offset: int,
                         limit: int) -> Results:
    """Entries matching every filter, best first: text rank, then distance, then name.
    One statement: the page is chosen on narrow rows (id and sort keys) with the total —
    counted in the same pass when every match is scored anyway (text rank, distance), by
    a subquery otherwise —, then joined to the entries and their organisations."""
    where = _conditions(query)
    columns: list[Any] = [entry.c.id.label("hit_id"), entry.c.name.label("hit_name")]
    order: list[Any] = []
    text = _text_rank(conn, query.text) if query.text and query.text.strip() else None
    if text is not None:
        where.append(text[0])
        columns.append(text[1].label("rank"))
        order.append(literal_column("rank").desc())
    source: Any = entry
    if query.near is not None:
        centre = _Centre(query.near)
        nearest = (select(location.c.entry_id,
                          func.min(centre.chord_squared()).label("chord_squared"))
                   .where(*centre.within()).group_by(location.c.entry_id)
                   .subquery("nearest"))
        source = entry.join(nearest, nearest.c.entry_id == entry.c.id)
        columns.append(nearest.c.chord_squared)
        order.append(nearest.c.chord_squared)
    matching = select(*columns).select_from(source).where(*where)
    if text is not None or query.near is not None:
        total: Any = func.count().over()
    else:
        total = select(func.count()).select_from(entry).where(*where).scalar_subquery()
    page = (matching.add_columns(total.label("total_count"))
            .order_by(*order, entry.c.name, entry.c.id).offset(offset).limit(limit)
            .subquery("page"))
    keys = [c for c in page.c if c.name not in ("hit_id", "hit_name")]
    rows = (await conn.execute(
        select(*keys, *_ENTRY_COLUMNS, *_ORGANISATION_COLUMNS)
        .select_from(page.join(entry, entry.c.id == page.c.hit_id)
                     .join(organisation, organisation.c.id == entry.c.organisation_id))
        .order_by(*(page.c[k.name].desc() if k.name == "rank" else page.c[k.name]
                    for k in keys if k.name in ("rank", "chord_squared")),
                  page.c.hit_name, page.c.hit_id))).all()
    if rows or offset == 0:
        count = rows[0].total_count if rows else 0
    else:  # past the last page: the total still
        count = await conn.scalar(select(func.count()).select_from(
            matching.with_only_columns(entry.c.id).subquery()))
    return Results([Hit(r.id, getattr(r, "rank", None), _metres(r), _record(r._mapping))
                    for r in rows], int(count or 0))


def _metres(row: Any) -> float | None:
    chord_squared = getattr(row, "chord_squared", None)
    return None if chord_squared is None else metres_from_chord_squared(chord_squared)


def _record(row: Any) -> PublishedEntry:
    names = PublishedEntry.__dataclass_fields__
    return PublishedEntry(**{k: v for k, v in row.items() if k in names and k not in (
        "term_ids", "cost_options", "schedules", "locations", "contacts")})


async def search_locations(conn: Any, query: SearchQuery, offset: int,
                           limit: int) -> Results:
    """Service-at-location rows whose entry matches and (with `near`) which lie within
    the distance, nearest first; the total with the page."""
    where = [*_conditions(query), location.c.entry_id == entry.c.id]
    text = _text_rank(conn, query.text) if query.text and query.text.strip() else None
    if text is not None:
        where.append(text[0])
    columns: list[Any] = [location.c.service_at_location_id, location.c.entry_id,
                          func.count().over().label("total_count")]
    order: list[Any] = []
    if query.near is not None:
        centre = _Centre(query.near)
        columns.append(centre.chord_squared().label("chord_squared"))
        where += centre.within()
        order.append(literal_column("chord_squared"))
    statement = select(*columns).where(*where)
    rows = (await conn.execute(statement.order_by(
        *order, entry.c.name, location.c.service_at_location_id)
        .offset(offset).limit(limit))).all()
    if rows or offset == 0:
        total = rows[0].total_count if rows else 0
    else:
        total = await conn.scalar(select(func.count()).select_from(statement.subquery()))
    return Results([LocationHit(r.service_at_location_id, r.entry_id, _metres(r))
                    for r in rows], int(total or 0))


async def terms_of(conn: Any, entry_ids: list[str]) -> dict[str, list[TermRecord]]:
    """Each entry's taxonomy terms (in term id order), for a page of results at once."""
    found: dict[str, list[TermRecord]] = {}
    if entry_ids:
        rows = (await conn.execute(
            select(entry_term.c.entry_id.label("linked_entry_id"), *TERM_COLUMNS)
            .join_from(entry_term, taxonomy_term, taxonomy_term.c.id == entry_term.c.term_id)
            .join(taxonomy, taxonomy.c.id == taxonomy_term.c.taxonomy_id)
            .where(entry_term.c.entry_id.in_(entry_ids))
            .order_by(entry_term.c.entry_id, entry_term.c.term_id))).all()
        for row in rows:
            fields = dict(row._mapping)
            found.setdefault(fields.pop("linked_entry_id"), []).append(TermRecord(**fields))
    return found
