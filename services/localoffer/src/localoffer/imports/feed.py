"""Reading an existing directory: an Open Referral UK feed (a JSON page or list of fully
nested services, or ndjson, one service a line) or a CSV with one service a row. Each
record becomes the entry content and organisation it describes, or the reasons it cannot.

CSV columns: id, organization_id, organization_name, organization_description, name,
description, status, url, email, minimum_age, maximum_age, taxonomy_term_ids (separated by
spaces or semicolons), free_of_charge, requires_referral, eligibility_description,
how_to_access, in_area, service_area, location_name, address_1, city, postcode, latitude,
longitude, byday, opens_at, closes_at, contact_name, contact_phone. Ids of the parts of a
CSV row are derived from the service id, so a second import of the same file matches."""

from __future__ import annotations

import csv
import io
import json
import uuid
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from pydantic import ValidationError

from localoffer.entries.schemas import EntryContent
from localoffer.organisations.schemas import OrganisationCreate

FORMATS = ("json", "ndjson", "csv")
_TRUE = {"true", "yes", "y", "1"}
_IDENTIFIER_COLUMNS = {"GB-EDU": "urn", "GB-UKPRN": "ukprn", "GB-NHS": "ods_code",
                       "GB-CHC": "charity_number", "GB-COH": "company_number"}


@dataclass
class FeedRecord:
    row: int
    service_id: str | None
    name: str | None
    organisation: OrganisationCreate | None = None
    content: EntryContent | None = None
    errors: list[dict[str, Any]] = field(default_factory=list)


def records(body: bytes, fmt: str) -> Iterator[FeedRecord]:
    text = body.decode("utf-8-sig")
    if fmt == "csv":
        for n, row in enumerate(csv.DictReader(io.StringIO(text, newline="")), start=2):
            yield _record(n, _from_csv(row))
        return
    for n, raw in _json_services(text, fmt):
        yield _record(n, raw)


def _json_services(text: str, fmt: str) -> Iterator[tuple[int, Any]]:
    if fmt == "ndjson":
        for n, line in enumerate(text.splitlines(), start=1):
            if line.strip():
                yield n, _loads(line)
        return
    document = _loads(text)
    services = document.get("contents") if isinstance(document, dict) else document
    if not isinstance(services, list):
        services = [document]
    yield from enumerate(services, start=1)


def _loads(text: str) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        return {"__error__": f"not JSON: {exc.msg} at column {exc.colno}"}


def _record(row: int, raw: Any) -> FeedRecord:
    if not isinstance(raw, dict) or "__error__" in raw:
        message = raw.get("__error__") if isinstance(raw, dict) else "not a service object"
        return FeedRecord(row, None, None, errors=[{"field": "row", "message": message}])
    record = FeedRecord(row, _str(raw.get("id")), _str(raw.get("name")))
    if not record.service_id:
        record.errors.append({"field": "id", "message": "a service needs its id"})
        return record
    try:
        record.organisation = _organisation(raw)
        record.content = EntryContent.model_validate(_content(raw))
    except ValidationError as exc:
        record.errors = [{"field": ".".join(str(p) for p in e["loc"]), "message": e["msg"]}
                         for e in exc.errors()]
    except (TypeError, ValueError, AttributeError, KeyError) as exc:
        record.errors = [{"field": "row", "message": f"not understood: {exc}"}]
    return record


def _str(value: Any) -> str | None:
    return None if value is None or value == "" else str(value)


def _organisation(raw: dict[str, Any]) -> OrganisationCreate:
    org = raw.get("organization") or {}
    identifiers = {_IDENTIFIER_COLUMNS[i["identifier_scheme"]]: i["identifier"]
                   for i in org.get("organization_identifiers") or []
                   if i.get("identifier_scheme") in _IDENTIFIER_COLUMNS}
    return OrganisationCreate.model_validate({
        "id": org.get("id") or raw.get("organization_id"), "name": org.get("name"),
        "description": org.get("description") or org.get("name"),
        "kind": org.get("kind") or "commissioned_provider", "email": org.get("email"),
        "website": org.get("website"), **identifiers})


def _content(raw: dict[str, Any]) -> dict[str, Any]:
    costs = raw.get("cost_options") or []
    amounts = [c.get("amount") for c in costs if c.get("amount") is not None]
    areas = raw.get("service_areas") or []
    return {
        "organisation_id": (raw.get("organization") or {}).get("id") or raw.get(
            "organization_id"),
        "name": raw.get("name"), "description": raw.get("description"),
        "status": raw.get("status") or "active", "url": raw.get("url"),
        "email": raw.get("email"), "minimum_age": raw.get("minimum_age"),
        "maximum_age": raw.get("maximum_age"), "fees_description": raw.get("fees"),
        "alert": raw.get("alert"), "eligibility_description": raw.get("eligibility_description"),
        "requires_referral": raw.get("requires_referral", False),
        "in_area": raw.get("in_area", True), "how_to_access": raw.get("how_to_access"),
        "taxonomy_term_ids": [a.get("taxonomy_term_id") or (a.get("taxonomy_term") or {})
                              .get("id") for a in raw.get("attributes") or []],
        "free_of_charge": bool(amounts) and not any(float(a) > 0 for a in amounts),
        "service_area": (areas[0].get("service_area") or areas[0].get("name")) if areas else None,
        "cost_options": [_pick(c, "id", "option", "amount", "amount_description", "valid_from",
                               "valid_to") for c in costs],
        "schedules": [_pick(s, "id", "freq", "interval", "byday", "bymonthday", "opens_at",
                            "closes_at", "dtstart", "valid_from", "valid_to", "description")
                      for s in raw.get("schedules") or []],
        "locations": [_location(sal) for sal in raw.get("service_at_locations") or []],
        "contacts": [{**_pick(c, "id", "name", "title", "email"),
                      "phone": ((c.get("phones") or [{}])[0]).get("number")}
                     for c in raw.get("contacts") or []],
    }


def _pick(source: dict[str, Any], *names: str) -> dict[str, Any]:
    return {n: source[n] for n in names if source.get(n) is not None}


def _location(sal: dict[str, Any]) -> dict[str, Any]:
    loc = sal.get("location") or {}
    address = (loc.get("addresses") or [{}])[0]
    access = (loc.get("accessibility") or [{}])[0].get("description")
    return {"id": loc.get("id") or sal.get("location_id"), "service_at_location_id": sal.get(
        "id"), "name": loc.get("name"), "description": loc.get("description"),
            "address_1": address.get("address_1"), "city": address.get("city"),
            "postcode": address.get("postal_code"), "latitude": loc.get("latitude"),
            "longitude": loc.get("longitude"), "accessibility": access}


def _from_csv(row: dict[str, str]) -> dict[str, Any]:
    """A CSV row in the shape of an ORUK service (ids of its parts derived)."""
    sid = row.get("id") or ""

    def part(kind: str) -> str:
        return str(uuid.uuid5(uuid.NAMESPACE_URL, f"urn:sendsys:csv:{sid}:{kind}"))

    def cell(name: str) -> str | None:
        return _str((row.get(name) or "").strip())

    raw: dict[str, Any] = {k: cell(k) for k in (
        "id", "name", "description", "status", "url", "email", "eligibility_description")}
    raw["organization"] = {"id": cell("organization_id"), "name": cell("organization_name"),
                           "description": cell("organization_description")}
    for age in ("minimum_age", "maximum_age"):
        raw[age] = int(row[age]) if cell(age) else None
    terms = (row.get("taxonomy_term_ids") or "").replace(";", " ").split()
    raw["attributes"] = [{"taxonomy_term_id": t} for t in terms]
    if cell("postcode"):
        raw["service_at_locations"] = [{"id": part("service_at_location"), "location": {
            "id": part("location"), "name": cell("location_name"),
            "latitude": float(row["latitude"]) if cell("latitude") else None,
            "longitude": float(row["longitude"]) if cell("longitude") else None,
            "addresses": [{"address_1": cell("address_1"), "city": cell("city"),
                           "postal_code": cell("postcode")}]}}]
    if cell("byday"):
        raw["schedules"] = [{"id": part("schedule"), "freq": "WEEKLY", "byday": cell("byday"),
                             "opens_at": cell("opens_at"), "closes_at": cell("closes_at")}]
    if cell("contact_name") or cell("contact_phone"):
        raw["contacts"] = [{"id": part("contact"), "name": cell("contact_name"),
                            "phones": [{"number": cell("contact_phone")}]}]
    if cell("free_of_charge") and (row["free_of_charge"].strip().lower() in _TRUE):
        raw["cost_options"] = [{"id": part("cost"), "amount": 0, "option": "Free"}]
    if cell("service_area"):
        raw["service_areas"] = [{"service_area": cell("service_area")}]
    for flag in ("requires_referral", "in_area"):
        if cell(flag):
            raw[flag] = (row.get(flag) or "").strip().lower() in _TRUE
    raw["how_to_access"] = cell("how_to_access")
    return raw
