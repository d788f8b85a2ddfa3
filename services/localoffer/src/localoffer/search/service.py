"""Public search of the local offer (no account): criteria checked against the rules,
run by the search repository, the page of entries loaded whole."""

from __future__ import annotations

import math
import re
from datetime import date
from typing import Any

from common import calendar
from localoffer.domain import rules, schedules
from localoffer.domain.enums import EntryStatus, Weekday
from localoffer.domain.errors import RuleViolation
from localoffer.domain.geo import haversine_m
from localoffer.entries import repository as entries
from localoffer.search import postcodes
from localoffer.search.repository import Near, SearchQuery, search_entries, terms_of
from localoffer.search.schemas import SearchCriteria, SearchPage, SearchResult, SearchTerm
from localoffer.taxonomy import repository as taxonomy

PUBLIC_STATUSES = (EntryStatus.ACTIVE.value, EntryStatus.TEMPORARILY_CLOSED.value)
_DAY_NAMES = {d.value: d for d in Weekday} | {
    name: Weekday(name[:2].upper()) for name in
    ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")}


def weekday_of(text: str, field: str) -> Weekday:
    found = _DAY_NAMES.get(text.strip()) or _DAY_NAMES.get(text.strip().lower()) or \
        _DAY_NAMES.get(text.strip().upper())
    if found is None:
        raise RuleViolation("LO-SEARCH", f"{text!r} is not a day of the week (MO..SU) or "
                            "a date (YYYY-MM-DD)", field)
    return found


def day_asked(text: str, today: date, field: str) -> date:
    """The day a family asks about: a date (YYYY-MM-DD), or a day of the week meaning the
    next such day from today (today included) — so a rule that recurs monthly or every
    other week is judged on a real date."""
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text.strip()):
        try:
            return date.fromisoformat(text.strip())
        except ValueError as exc:
            raise RuleViolation("LO-SEARCH", f"{text!r} is not a date (YYYY-MM-DD)",
                                field) from exc
    weekday = weekday_of(text, field).day_number
    return calendar.weekday_on_or_after(today, weekday)


def minute_of(text: str, field: str) -> int:
    at = schedules.parse_time(text, field)
    return at.hour * 60 + at.minute


async def term_id(conn: Any, id_or_code: str, field: str) -> str:
    term = await taxonomy.resolve_term(conn, id_or_code)
    if term is None:
        raise RuleViolation("LO-TAXONOMY", f"{id_or_code!r} is not a known taxonomy term",
                            field)
    return term.id


async def to_query(conn: Any, la_code: str, criteria: SearchCriteria,
                   today: date) -> SearchQuery:
    rules.check_age(criteria.age, "age")
    terms = [await term_id(conn, value, name) for name, value in
             (("category", criteria.category), ("need", criteria.need)) if value]
    near = None
    if criteria.postcode:
        _, centre = await postcodes.locate(conn, criteria.postcode)
        near = Near(centre.latitude, centre.longitude, criteria.radius_km * 1000)
    return SearchQuery(
        la_code=la_code, text=criteria.q, term_ids=tuple(terms), age=criteria.age,
        free_only=criteria.free, statuses=PUBLIC_STATUSES, near=near,
        open_on=_open_on(criteria, today),
        open_minute=minute_of(criteria.time, "time") if criteria.time else None)


def _open_on(criteria: SearchCriteria, today: date) -> schedules.Occasion | None:
    """The day asked about: `date` (with or without a time), or `day` (with a time)."""
    if criteria.day is not None and criteria.date is not None:
        raise RuleViolation("LO-SEARCH", "give a date or a day of the week, not both", "date")
    if criteria.date is not None:
        return schedules.occasion_of(criteria.date)
    if (criteria.day is None) != (criteria.time is None):
        raise RuleViolation("LO-SEARCH", "give both day and time (or a date, with or "
                            "without a time) to find what is open then",
                            "time" if criteria.day else "day")
    return schedules.occasion_of(day_asked(criteria.day, today, "day")) \
        if criteria.day else None


async def search(conn: Any, la_code: str, criteria: SearchCriteria, today: date) -> SearchPage:
    query = await to_query(conn, la_code, criteria, today)
    offset = (criteria.page - 1) * criteria.per_page
    results = await search_entries(conn, query, offset, criteria.per_page)
    ids = [h.entry_id for h in results.hits]
    terms = await terms_of(conn, ids)
    places = await entries.places_of(conn, ids) if query.near else {}
    items = [_result(h.record, h.distance_m, _nearest(places.get(h.entry_id), query.near),
                     terms.get(h.entry_id, []))
             for h in results.hits if h.record is not None]
    return SearchPage(items=items, total=results.total, page=criteria.page,
                      per_page=criteria.per_page,
                      total_pages=math.ceil(results.total / criteria.per_page))


def _nearest(places: list[tuple[str, float, float]] | None, near: Near | None) -> str | None:
    if not places or near is None:
        return None
    return min(places, key=lambda p: haversine_m(near.latitude, near.longitude,
                                                  p[1], p[2]))[0]


def _result(record: entries.PublishedEntry, distance_m: float | None,
            nearest_postcode: str | None, terms: list[taxonomy.TermRecord]) -> SearchResult:
    return SearchResult(
        entry_id=record.id, name=record.name, description=record.description,
        organisation_name=record.organisation_name, status=EntryStatus(record.status),
        minimum_age=record.minimum_age, maximum_age=record.maximum_age,
        free_of_charge=record.free_of_charge, requires_referral=record.requires_referral,
        in_area=record.in_area,
        distance_km=round(distance_m / 1000, 2) if distance_m is not None else None,
        nearest_postcode=nearest_postcode,
        terms=[SearchTerm(id=t.id, code=t.code, name=t.name, taxonomy=t.taxonomy_name)
               for t in terms])
