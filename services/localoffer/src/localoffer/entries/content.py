"""Checking a draft's content against the rules and resolving it into the rows of a
published entry: ages (R8.1), schedules (RFC 5545), postcodes to coordinates, known
taxonomy terms, cost options, and the text search indexes."""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass
from typing import Any

from localoffer.domain import geo, rules, schedules
from localoffer.domain.errors import RuleViolation
from localoffer.entries.schemas import EntryContent, LocationIn, ScheduleIn
from localoffer.search import postcodes
from localoffer.search.indexing import document_of
from localoffer.taxonomy import repository as taxonomy_repository
from localoffer.taxonomy.repository import TermRecord


@dataclass(frozen=True)
class ResolvedContent:
    content: EntryContent               # with child ids and coordinates filled in
    terms: list[TermRecord]
    parts: dict[str, list[dict[str, Any]]]


def new_id() -> str:
    return str(uuid.uuid4())


def schedule_of(item: ScheduleIn, field: str) -> schedules.Schedule:
    freq = item.freq.upper()
    parsed = schedules.Schedule(
        freq=freq, opens_at=schedules.parse_time(item.opens_at, f"{field}.opens_at"),
        closes_at=schedules.parse_time(item.closes_at, f"{field}.closes_at"),
        byday=schedules.parse_byday(item.byday, freq, f"{field}.byday"),
        bymonthday=schedules.parse_bymonthday(item.bymonthday, f"{field}.bymonthday"),
        interval=item.interval, dtstart=item.dtstart, valid_from=item.valid_from,
        valid_to=item.valid_to)
    schedules.check_schedule(parsed, field)
    return parsed


def check_static(content: EntryContent) -> None:
    """The rules that need no database: ages, schedules, charges, postcode shapes."""
    rules.check_age_range(content.minimum_age, content.maximum_age)
    for n, item in enumerate(content.schedules):
        schedule_of(item, f"schedules.{n}")
    for n, location in enumerate(content.locations):
        rules.normalise_postcode(location.postcode, f"locations.{n}.postcode")
    for n, cost in enumerate(content.cost_options):
        if content.free_of_charge and cost.amount:
            raise RuleViolation("LO-COST", "an entry free of charge cannot have a cost "
                                "option with an amount", f"cost_options.{n}.amount")
        if cost.valid_from and cost.valid_to and cost.valid_to < cost.valid_from:
            raise RuleViolation("LO-COST", "valid_to is before valid_from",
                                f"cost_options.{n}.valid_to")


async def known_terms(conn: Any, content: EntryContent,
                      known: dict[str, TermRecord] | None = None) -> list[TermRecord]:
    """The content's terms; `known` (terms already loaded) saves the query."""
    found = known if known is not None else await taxonomy_repository.terms_by_ids(
        conn, content.taxonomy_term_ids)
    for n, term_id in enumerate(content.taxonomy_term_ids):
        if term_id not in found:
            raise RuleViolation("LO-TAXONOMY", f"taxonomy term {term_id} is not known",
                                f"taxonomy_term_ids.{n}")
    return [found[t] for t in dict.fromkeys(content.taxonomy_term_ids)]


async def _located(conn: Any, location: LocationIn, n: int) -> LocationIn:
    field = f"locations.{n}.postcode"
    if location.latitude is not None and location.longitude is not None:
        code = rules.normalise_postcode(location.postcode, field)
        latitude, longitude = location.latitude, location.longitude
    else:
        code, found = await postcodes.locate(conn, location.postcode, field)
        latitude, longitude = found.latitude, found.longitude
    return location.model_copy(update={
        "postcode": code, "latitude": latitude, "longitude": longitude,
        "id": location.id or new_id(),
        "service_at_location_id": location.service_at_location_id or new_id()})


async def resolve(conn: Any, entry_id: str, content: EntryContent, organisation_name: str,
                  known_terms_by_id: dict[str, TermRecord] | None = None) -> ResolvedContent:
    """Check everything and build the rows; raises `RuleViolation` naming the field."""
    check_static(content)
    terms = await known_terms(conn, content, known_terms_by_id)
    locations = [await _located(conn, loc, n) for n, loc in enumerate(content.locations)]
    filled = content.model_copy(update={
        "locations": locations,
        "schedules": [s.model_copy(update={"id": s.id or new_id()}) for s in content.schedules],
        "cost_options": [c.model_copy(update={"id": c.id or new_id()})
                         for c in content.cost_options],
        "contacts": [c.model_copy(update={"id": c.id or new_id()}) for c in content.contacts],
    })
    return ResolvedContent(filled, terms, _parts(entry_id, filled, terms, organisation_name))


def _parts(entry_id: str, content: EntryContent, terms: list[TermRecord],
           organisation_name: str) -> dict[str, list[dict[str, Any]]]:
    schedule_rows: list[dict[str, Any]] = []
    opening_rows: list[dict[str, Any]] = []
    for n, item in enumerate(content.schedules):
        parsed = schedule_of(item, f"schedules.{n}")
        schedule_rows.append({
            "id": item.id, "entry_id": entry_id, "freq": parsed.freq,
            "interval": parsed.interval, "byday": ",".join(parsed.byday) or None,
            "bymonthday": ",".join(map(str, parsed.bymonthday)) or None,
            "opens_at": parsed.opens_at.strftime("%H:%M"),
            "closes_at": parsed.closes_at.strftime("%H:%M"), "dtstart": parsed.dtstart,
            "valid_from": parsed.valid_from, "valid_to": parsed.valid_to,
            "description": item.description})
        opening_rows.extend({"schedule_id": item.id, "position": position,
                             "entry_id": entry_id, **asdict(pattern)}
                            for position, pattern in enumerate(
                                schedules.opening_patterns(parsed)))
    return {
        "entry_term": [{"entry_id": entry_id, "term_id": t.id} for t in terms],
        "cost_option": [{"entry_id": entry_id, **c.model_dump()} for c in content.cost_options],
        "schedule": schedule_rows,
        "opening": opening_rows,
        "location": [{"entry_id": entry_id, **loc.model_dump(), **located(loc)}
                     for loc in content.locations],
        "contact": [{"entry_id": entry_id, **c.model_dump()} for c in content.contacts],
    }


def located(location: LocationIn) -> dict[str, float]:
    """The location's point on the unit sphere, which the distance search reads (the
    location's coordinates are filled in by then)."""
    point = geo.unit_vector(location.latitude or 0.0, location.longitude or 0.0)
    return {"unit_x": point.x, "unit_y": point.y, "unit_z": point.z}


def search_document(content: EntryContent, terms: list[TermRecord],
                    organisation_name: str) -> str:
    return document_of(content.name, content.description, organisation_name,
                       " ".join(t.name for t in terms), content.eligibility_description,
                       content.service_area,
                       " ".join(f"{loc.city} {loc.postcode}" for loc in content.locations))


def entry_row(entry_id: str, la_code: str, content: EntryContent) -> dict[str, Any]:
    """The entry's own columns from its content (the caller adds version and dates)."""
    fields = ("organisation_id", "name", "description", "url", "email", "minimum_age",
              "maximum_age", "eligibility_description", "requires_referral", "how_to_access",
              "free_of_charge", "fees_description", "accessibility", "service_area",
              "in_area", "alert")
    row = {name: getattr(content, name) for name in fields}
    return {"id": entry_id, "la_code": la_code, "status": content.status.value, **row}
