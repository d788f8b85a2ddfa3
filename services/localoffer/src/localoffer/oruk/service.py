"""The Open Referral UK reads: filters checked against the rules, the shared search run,
and the documents built for a page (one query per part for the whole page)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from localoffer.domain import rules, schedules
from localoffer.domain.errors import RuleViolation
from localoffer.entries import repository as entries
from localoffer.entries.repository import PublishedEntry
from localoffer.errors import NotFound
from localoffer.organisations import repository as organisations
from localoffer.oruk import render
from localoffer.search import postcodes
from localoffer.search.repository import Near, SearchQuery, search_entries, search_locations
from localoffer.search.service import minute_of, weekday_of
from localoffer.taxonomy import repository as taxonomy

DEFAULT_PROXIMITY_M = 50_000.0
NDJSON_BATCH = 200


@dataclass(frozen=True)
class OrukFilters:
    search: str | None = None
    taxonomy_term_id: str | None = None
    taxonomy_id: str | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    start_time: str | None = None
    end_time: str | None = None
    day: str | None = None
    modified_after: datetime | None = None
    postcode: str | None = None
    proximity: float | None = None
    on_date: date | None = None   # open that date (by any daily, weekly or monthly rule)


async def to_query(conn: Any, la_code: str, f: OrukFilters) -> SearchQuery:
    rules.check_age_range(f.minimum_age, f.maximum_age)
    if f.taxonomy_term_id and not await taxonomy.terms_by_ids(conn, [f.taxonomy_term_id]):
        raise RuleViolation("LO-TAXONOMY", f"taxonomy term {f.taxonomy_term_id} is not known",
                            "taxonomy_term_id")
    if f.taxonomy_id and not await taxonomy.taxonomy_exists(conn, f.taxonomy_id):
        raise RuleViolation("LO-TAXONOMY", f"taxonomy {f.taxonomy_id} is not known",
                            "taxonomy_id")
    if f.proximity is not None and not f.postcode:
        raise RuleViolation("LO-SEARCH", "proximity needs a postcode to measure from",
                            "postcode")
    near = None
    if f.postcode:
        _, centre = await postcodes.locate(conn, f.postcode)
        near = Near(centre.latitude, centre.longitude, f.proximity or DEFAULT_PROXIMITY_M)
    return SearchQuery(
        la_code=la_code, text=f.search,
        term_ids=(f.taxonomy_term_id,) if f.taxonomy_term_id else (),
        taxonomy_id=f.taxonomy_id, minimum_age_at_least=f.minimum_age,
        maximum_age_at_most=f.maximum_age, modified_after=f.modified_after, near=near,
        day=weekday_of(f.day, "day").day_number if f.day else None,
        open_on=schedules.occasion_of(f.on_date) if f.on_date else None,
        starts_at_minute=minute_of(f.start_time, "start_time") if f.start_time else None,
        ends_by_minute=minute_of(f.end_time, "end_time") if f.end_time else None)


@dataclass
class Documents:
    """What a page of services needs besides the entries: organisations and terms."""

    entries: list[PublishedEntry]
    organisations: dict[str, organisations.OrganisationRecord]
    terms: dict[str, taxonomy.TermRecord]


async def documents(conn: Any, ids: list[str], *, with_terms: bool) -> Documents:
    loaded = await entries.load_published(conn, ids)
    orgs = await organisations.get_many(conn, [e.organisation_id for e in loaded])
    terms = await taxonomy.terms_by_ids(conn, {t for e in loaded for t in e.term_ids}) \
        if with_terms else {}
    return Documents(loaded, orgs, terms)


def public_url(base_url: str, record: PublishedEntry) -> str:
    return f"{base_url.rstrip('/')}/local-offers/{record.la_code}/entries/{record.id}"


async def services_page(conn: Any, la_code: str, f: OrukFilters, page: int, per_page: int,
                        base_url: str, *, minimal: bool = False) -> dict[str, Any]:
    query = await to_query(conn, la_code, f)
    results = await search_entries(conn, query, (page - 1) * per_page, per_page)
    found = [h.record for h in results.hits if h.record is not None]
    if minimal:
        contents = [{"id": e.id, "last_modified": render.instant(e.modified_at)}
                    for e in found]
    else:
        contents = [render.service_summary(e, render.OrganisationBrief.of(e),
                                           public_url(base_url, e)) for e in found]
    return render.page(contents, results.total, page, per_page)


async def services_stream(conn: Any, la_code: str, f: OrukFilters,
                          base_url: str) -> AsyncIterator[dict[str, Any]]:
    """Every matching service, fully nested, for bulk sync (`format=ndjson`)."""
    query = await to_query(conn, la_code, f)
    offset = 0
    while True:
        results = await search_entries(conn, query, offset, NDJSON_BATCH)
        docs = await documents(conn, [h.entry_id for h in results.hits], with_terms=True)
        for e in docs.entries:
            yield render.service_full(e, docs.organisations[e.organisation_id],
                                      public_url(base_url, e), docs.terms)
        offset += NDJSON_BATCH
        if offset >= results.total:
            return


async def service(conn: Any, la_code: str, entry_id: str, base_url: str) -> dict[str, Any]:
    docs = await documents(conn, [entry_id], with_terms=True)
    if not docs.entries or docs.entries[0].la_code != la_code:
        raise NotFound(f"Service {entry_id}")
    e = docs.entries[0]
    return render.service_full(e, docs.organisations[e.organisation_id],
                               public_url(base_url, e), docs.terms)


async def service_at_locations_page(conn: Any, la_code: str, f: OrukFilters, page: int,
                                    per_page: int, base_url: str) -> dict[str, Any]:
    query = await to_query(conn, la_code, f)
    results = await search_locations(conn, query, (page - 1) * per_page, per_page)
    docs = await documents(conn, [h.entry_id for h in results.hits], with_terms=False)
    by_id = {e.id: e for e in docs.entries}
    contents = []
    for hit in results.hits:
        e = by_id[hit.entry_id]
        loc = next(x for x in e.locations
                   if x["service_at_location_id"] == hit.service_at_location_id)
        summary = render.service_summary(e, docs.organisations[e.organisation_id],
                                         public_url(base_url, e))
        contents.append(render.service_at_location_doc(e, loc, summary, full=False))
    return render.page(contents, results.total, page, per_page)


async def service_at_location(conn: Any, la_code: str, service_at_location_id: str,
                              base_url: str) -> dict[str, Any]:
    entry_id = await entries.entry_of_service_at_location(conn, service_at_location_id)
    if entry_id is None:
        raise NotFound(f"Service at location {service_at_location_id}")
    full = await service(conn, la_code, entry_id, base_url)
    docs = await documents(conn, [entry_id], with_terms=False)
    e = docs.entries[0]
    loc = next(x for x in e.locations if x["service_at_location_id"] == service_at_location_id)
    return render.service_at_location_doc(e, loc, full, full=True)


async def taxonomies_page(conn: Any, page: int, per_page: int) -> dict[str, Any]:
    records, total = await taxonomy.list_taxonomies(conn, (page - 1) * per_page, per_page)
    return render.page([render.taxonomy_doc(r) for r in records], total, page, per_page)


async def terms_page(conn: Any, page: int, per_page: int,
                     taxonomy_id: str | None) -> dict[str, Any]:
    records, total = await taxonomy.list_terms(conn, (page - 1) * per_page, per_page,
                                               taxonomy_id)
    return render.page([render.term_doc(r) for r in records], total, page, per_page)


async def organizations_page(conn: Any, la_code: str, page: int,
                             per_page: int) -> dict[str, Any]:
    records, total = await organisations.page(conn, la_code, (page - 1) * per_page, per_page)
    return render.page([render.organization(r) for r in records], total, page, per_page)
