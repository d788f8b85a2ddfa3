"""The directory search, on Postgres (full-text `tsvector` with a GIN index) and SQLite
(FTS5): every filter is a condition on the entry, ANDed; distance is a bounding box on the
indexed coordinates followed by the exact haversine distance, both in SQL."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from sqlalchemy import (
    ColumnElement,
    and_,
    func,
    literal_column,
    or_,
    select,
)

from localoffer.domain.geo import EARTH_RADIUS_M, bounding_box
from localoffer.entries.repository import PublishedEntry
from localoffer.entries.tables import entry, entry_term, location, opening
from localoffer.organisations.tables import organisation
from localoffer.search.indexing import LANGUAGE, entry_fts, is_postgres
from localoffer.taxonomy.tables import taxonomy_term


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
    open_weekday: int | None = None            # with open_minute: open at that moment
    open_minute: int | None = None
    today: date | None = None                  # schedules valid on this day
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
    where: list[ColumnElement[bool]] = []
    if query.open_weekday is not None and query.open_minute is not None:
        valid = [] if query.today is None else [
            or_(opening.c.valid_from.is_(None), opening.c.valid_from <= query.today),
            or_(opening.c.valid_to.is_(None), opening.c.valid_to >= query.today)]
        where.append(entry.c.id.in_(select(opening.c.entry_id).where(
            opening.c.weekday == query.open_weekday,
            opening.c.opens_minute <= query.open_minute,
            opening.c.closes_minute > query.open_minute, *valid)))
    oruk = []
    if query.day is not None:
        oruk.append(opening.c.weekday == query.day)
    if query.starts_at_minute is not None:
        oruk.append(opening.c.opens_minute >= query.starts_at_minute)
    if query.ends_by_minute is not None:
        oruk.append(opening.c.closes_minute <= query.ends_by_minute)
    if oruk:
        where.append(entry.c.id.in_(select(opening.c.entry_id).where(*oruk)))
    return where


def _distance(near: Near) -> ColumnElement[float]:
    """The haversine distance in metres from the centre to a location (SQL on both)."""
    lat1, lat2 = func.radians(near.latitude), func.radians(location.c.latitude)
    dlat = func.radians(location.c.latitude - near.latitude)
    dlon = func.radians(location.c.longitude - near.longitude)
    a = func.power(func.sin(dlat / 2), 2) + func.cos(lat1) * func.cos(lat2) * \
        func.power(func.sin(dlon / 2), 2)
    return 2 * EARTH_RADIUS_M * func.asin(func.sqrt(a))


def _in_box(near: Near) -> ColumnElement[bool]:
    box = bounding_box(near.latitude, near.longitude, near.radius_m)
    return and_(location.c.latitude.between(box.south, box.north),
                location.c.longitude.between(box.west, box.east))


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
    The page is chosen on narrow rows (id and sort keys); the total comes with it when
    every match is scored anyway (text rank, distance), is counted apart otherwise (not at
    all when the first page is not full); then the page's entries are read with their
    organisation's fields in one more statement."""
    where = _conditions(query)
    columns: list[Any] = [entry.c.id, entry.c.name]
    ranked = query.near is not None or bool(query.text and query.text.strip())
    if ranked:  # every match is scored to order them: count them in the same pass
        columns.append(func.count().over().label("total_count"))
    order: list[Any] = []
    text = _text_rank(conn, query.text) if query.text and query.text.strip() else None
    if text is not None:
        where.append(text[0])
        columns.append(text[1].label("rank"))
        order.append(literal_column("rank").desc())
    source: Any = entry
    if query.near is not None:
        nearest = (select(location.c.entry_id, func.min(_distance(query.near)).label("distance"))
                   .where(_in_box(query.near)).group_by(location.c.entry_id)
                   .subquery("nearest"))
        source = entry.join(nearest, nearest.c.entry_id == entry.c.id)
        columns.append(nearest.c.distance)
        where.append(nearest.c.distance <= query.near.radius_m)
        order.append(nearest.c.distance)
    statement = select(*columns).select_from(source).where(*where)
    rows = (await conn.execute(statement.order_by(*order, entry.c.name, entry.c.id)
                               .offset(offset).limit(limit))).all()
    if ranked and rows:
        total = rows[0].total_count
    elif offset == 0 and len(rows) < limit:
        total = len(rows)
    else:
        total = await conn.scalar(select(func.count()).select_from(
            statement.with_only_columns(entry.c.id).subquery()))
    records = await _records(conn, [r.id for r in rows])
    return Results([Hit(r.id, getattr(r, "rank", None), getattr(r, "distance", None),
                        records.get(r.id)) for r in rows], int(total or 0))


async def _records(conn: Any, ids: list[str]) -> dict[str, PublishedEntry]:
    if not ids:
        return {}
    rows = (await conn.execute(select(*_ENTRY_COLUMNS, *_ORGANISATION_COLUMNS)
                               .join_from(entry, organisation,
                                          organisation.c.id == entry.c.organisation_id)
                               .where(entry.c.id.in_(ids)))).all()
    return {r.id: _record(r._mapping) for r in rows}


def _record(row: Any) -> PublishedEntry:
    names = PublishedEntry.__dataclass_fields__
    return PublishedEntry(**{k: v for k, v in row.items() if k in names and k not in (
        "term_ids", "cost_options", "schedules", "locations", "contacts")})


async def search_locations(conn: Any, query: SearchQuery, offset: int,
                           limit: int) -> Results:
    """Service-at-location rows whose entry matches and (with `near`) which lie within
    the distance, nearest first."""
    where = [*_conditions(query), location.c.entry_id == entry.c.id]
    text = _text_rank(conn, query.text) if query.text and query.text.strip() else None
    if text is not None:
        where.append(text[0])
    columns: list[Any] = [location.c.service_at_location_id, location.c.entry_id]
    order: list[Any] = []
    if query.near is not None:
        distance = _distance(query.near)
        columns.append(distance.label("distance"))
        where += [_in_box(query.near), distance <= query.near.radius_m]
        order.append(literal_column("distance"))
    statement = select(*columns).where(*where)
    total = await conn.scalar(select(func.count()).select_from(statement.subquery()))
    rows = (await conn.execute(statement.order_by(
        *order, entry.c.name, location.c.service_at_location_id)
        .offset(offset).limit(limit))).all()
    return Results([LocationHit(r.service_at_location_id, r.entry_id,
                                getattr(r, "distance", None)) for r in rows], int(total or 0))
