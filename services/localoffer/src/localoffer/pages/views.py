"""What each public page shows, built from the features' services: the search form and
its errors in plain English, an entry's facts, the feedback form, Schedule 2 coverage."""

from __future__ import annotations

import re
from datetime import date
from typing import Any
from urllib.parse import urlencode

from pydantic import BaseModel, ValidationError

from common.errors import RuleViolation
from localoffer.entries.schemas import EntryRead
from localoffer.feedback.rules import CommenterKind, FeedbackTopic
from localoffer.search.schemas import SearchCriteria
from localoffer.taxonomy import repository as taxonomy_repository
from localoffer.taxonomy.seed import AREAS_OF_NEED

DATE_PARTS = ("date-day", "date-month", "date-year")  # the GOV.UK date input's fields
SEARCH_FIELDS = ("q", "need", "age", "postcode", "radius_km", "free", *DATE_PARTS, "time",
                 "page")
RADIUS_OPTIONS = [(1.0, "Within 1 km"), (2.0, "Within 2 km"), (5.0, "Within 5 km"),
                  (10.0, "Within 10 km"), (25.0, "Within 25 km"), (50.0, "Within 50 km")]
TOPIC_LABELS = {
    FeedbackTopic.CONTENT.value: "What the local offer says",
    FeedbackTopic.QUALITY.value: "The quality of services",
    FeedbackTopic.GAPS.value: "Something missing from the local offer",
    FeedbackTopic.ACCESSIBILITY.value: "How easy the local offer is to find and use",
}
COMMENTER_LABELS = {
    CommenterKind.PARENT.value: "A parent or carer", CommenterKind.YOUNG_PERSON.value:
    "A young person", CommenterKind.PROFESSIONAL.value: "Someone who works with children "
    "or young people", CommenterKind.OTHER.value: "Someone else"}

# Plain-English error messages by field, for the error summary pattern.
FIELD_MESSAGES = {
    "q": "Search words must be 200 characters or fewer",
    "need": "Choose a need from the list",
    "age": "Enter an age from 0 to 25, as a whole number",
    "postcode": "Enter a full postcode in this area, like SW1A 1AA",
    "radius_km": "Choose a distance from the list",
    "page": "Choose a page of results",
    "time": "Enter a time like 14:30, or leave the time empty",
    "topic": "Select what your comment is about",
    "comment": "Enter your comment",
    "commenter_kind": "Select who you are, or leave it blank",
}
COMMENT_TOO_LONG = "Your comment must be 2,000 characters or fewer"


def safe_link(url: str | None) -> str | None:
    """Only web addresses become links: never a `javascript:` or other scheme."""
    if url and url.lower().startswith(("https://", "http://")):
        return url
    return None


def field_errors(exc: ValidationError) -> dict[str, str]:
    errors: dict[str, str] = {}
    for error in exc.errors():
        name = str(error["loc"][0]) if error["loc"] else "form"
        message = FIELD_MESSAGES.get(name, str(error["msg"]))
        if name == "comment" and error["type"] == "string_too_long":
            message = COMMENT_TOO_LONG
        errors.setdefault(name, message)
    return errors


def search_form(query: dict[str, str]) -> dict[str, Any]:
    """The search form's values as typed (shown back to the family)."""
    form: dict[str, Any] = {name: query.get(name, "").strip() for name in SEARCH_FIELDS}
    form["free"] = query.get("free") == "true"
    form["radius_km"] = _float_or(form["radius_km"], 10.0)
    return form


def _float_or(text: str, default: float) -> float | str:
    try:
        return float(text) if text else default
    except ValueError:
        return text


def searched(query: dict[str, str]) -> bool:
    return any(query.get(name) for name in ("q", "need", "age", "postcode", "free",
                                            *DATE_PARTS, "time"))


def date_asked(form: dict[str, Any]) -> date | None:
    """The date typed in the date input (day, month, year), or None when it is empty;
    a `RuleViolation` on `date` says in plain English what is wrong."""
    parts = {name.removeprefix("date-"): str(form.get(name) or "").strip()
             for name in DATE_PARTS}
    if not any(parts.values()):
        if form.get("time"):
            raise RuleViolation("LO-SEARCH", "Enter the date you want the service to be open "
                                "on, or leave the time empty", "date")
        return None
    missing = [name for name, value in parts.items() if not value]
    if missing:
        raise RuleViolation("LO-SEARCH", f"The date must include a {' and a '.join(missing)}",
                            "date")
    if not all(re.fullmatch(r"\d{1,4}", value) for value in parts.values()):
        raise RuleViolation("LO-SEARCH", "The date must be a real date, like 7 3 2026",
                            "date")
    if len(parts["year"]) != 4:
        raise RuleViolation("LO-SEARCH", "The year must include 4 numbers", "date")
    try:
        return date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
    except ValueError as exc:
        raise RuleViolation("LO-SEARCH", "The date must be a real date, like 7 3 2026",
                            "date") from exc


def criteria_from(form: dict[str, Any]) -> SearchCriteria:
    asked = date_asked(form)
    given = {k: v for k, v in form.items() if v not in ("", None) and k not in DATE_PARTS}
    return SearchCriteria.model_validate(given | ({"date": asked} if asked else {}))


def rule_errors(exc: RuleViolation) -> dict[str, str]:
    """A refused search as the form's errors: the date's own message, else the field's."""
    if exc.field == "date":
        return {"date": exc.message}
    field = exc.field if exc.field in FIELD_MESSAGES else "q"
    return {field: FIELD_MESSAGES.get(field, exc.message)}


def day_text(day: date) -> str:
    """'Saturday 7 March 2026'."""
    return f"{day:%A} {day.day} {day:%B %Y}"


def page_query(form: dict[str, Any]) -> Any:
    def query_for(page: int) -> str:
        kept = {k: v for k, v in form.items() if v not in ("", None, False) and k != "page"}
        return urlencode({**kept, "page": page})
    return query_for


async def need_options(conn: Any) -> list[tuple[str, str]]:
    terms, _ = await taxonomy_repository.list_terms(conn, 0, 200, AREAS_OF_NEED.id)
    return [("", "Any need")] + [(t.code, t.name) for t in terms]


def entry_facts(entry: EntryRead) -> list[tuple[str, str]]:
    c = entry.content
    low = c.minimum_age if c.minimum_age is not None else 0
    high = c.maximum_age if c.maximum_age is not None else 25
    facts = [("Ages", f"{low} to {high}"),
             ("Cost", "Free" if c.free_of_charge else (c.fees_description or "There is a cost")),
             ("How to get it", ("You need a referral. " if c.requires_referral else
                                "You do not need a referral. ") + (c.how_to_access or ""))]
    optional = [("Who it is for", c.eligibility_description), ("Area", c.service_area),
                ("Accessibility", c.accessibility)]
    facts += [(label, value) for label, value in optional if value]
    if not c.in_area:
        facts.append(("Where", "Outside the local authority's area"))
    return facts


_DAYS = {"MO": "Monday", "TU": "Tuesday", "WE": "Wednesday", "TH": "Thursday",
         "FR": "Friday", "SA": "Saturday", "SU": "Sunday"}


def _and(words: list[str]) -> str:
    return " and ".join([", ".join(words[:-1]), words[-1]] if len(words) > 1 else words)


def _ordinal(n: int) -> str:
    """1 -> '1st', -1 -> 'last', -2 -> '2nd to last'."""
    if n == -1:
        return "last"
    if n < 0:
        return f"{_ordinal(-n)} to last"
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"


def _monthly_days(byday: list[str], bymonthday: list[str]) -> list[str]:
    """'2TU,4TU' -> ['the 2nd and 4th Tuesday']; 'WE' -> ['every Wednesday']; '-1' ->
    ['the last day']; weekdays kept in the order first given."""
    by_weekday: dict[str, list[str]] = {}
    for part in byday:
        nth, code = part[:-2], part[-2:]
        by_weekday.setdefault(code, []).append(_ordinal(int(nth)) if nth else "")
    words = [f"every {_DAYS.get(code, code)}" if "" in nths else
             f"the {_and(nths)} {_DAYS.get(code, code)}" for code, nths in by_weekday.items()]
    for day in bymonthday:
        n = int(day)
        words.append("the last day" if n == -1 else f"the {_ordinal(n)}" +
                     (" day" if n < 0 else ""))
    return words


def _when(schedule: Any) -> str:
    byday = [p.strip().upper() for p in (schedule.byday or "").split(",") if p.strip()]
    bymonthday = [p.strip() for p in (schedule.bymonthday or "").split(",") if p.strip()]
    interval = schedule.interval or 1
    days = _and([_DAYS.get(code[-2:], code) for code in byday])
    freq = (schedule.freq or "WEEKLY").upper()
    if freq == "MONTHLY":
        every = "the month" if interval == 1 else f"every {interval} months"
        return f"{_and(_monthly_days(byday, bymonthday))} of {every}"
    if freq == "DAILY":
        if interval > 1:
            start = schedule.dtstart or schedule.valid_from
            counted = f"every {interval} days" + (f" from {day_text(start)}" if start else "")
            return f"{counted}, on {days} only" if days else counted
        return days or "every day"
    if interval > 1:
        return f"every other week on {days}" if interval == 2 else \
            f"every {interval} weeks on {days}"
    return days


def schedule_text(schedule: Any) -> str:
    """When a service opens, in words: 'Monday and Wednesday, 09:00 to 17:00', 'The 2nd
    and 4th Tuesday of the month, 18:00 to 20:00', 'Every day, 09:00 to 17:00 (from 27 July
    2026 to 7 August 2026)', from its RFC 5545 rule."""
    when = _when(schedule)
    text = f"{when[:1].upper()}{when[1:]}, " if when else ""
    text += f"{schedule.opens_at} to {schedule.closes_at}"
    if schedule.valid_from and schedule.valid_to:
        text += f" (from {day_text(schedule.valid_from)} to {day_text(schedule.valid_to)})"
    elif schedule.valid_from:
        text += f" (from {day_text(schedule.valid_from)})"
    elif schedule.valid_to:
        text += f" (until {day_text(schedule.valid_to)})"
    return f"{schedule.description}: {text}" if schedule.description else text


def comment_form(fields: dict[str, str]) -> dict[str, str]:
    return {name: fields.get(name, "") for name in ("topic", "comment", "commenter_kind",
                                                   "entry_id")}


def validated_comment(model: type[BaseModel], form: dict[str, str]) -> BaseModel:
    given = {k: v for k, v in form.items() if v != ""}
    return model.model_validate(given)
