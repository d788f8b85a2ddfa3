"""Open Referral UK (HSDS 3.0 UK profile) documents from published entries. Optional
fields without a value are left out, never sent as null."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from localoffer.domain import schedules
from localoffer.entries.repository import PublishedEntry
from localoffer.organisations.repository import OrganisationRecord
from localoffer.taxonomy.repository import TaxonomyRecord, TermRecord

HSDS_VERSION = "3.0"
PROFILE = "https://openreferraluk.org/profile"  # the UK profile's home
# org-id.guide schemes of the identifiers an organisation may carry
IDENTIFIER_SCHEMES = (("urn", "GB-EDU", "URN"), ("ukprn", "GB-UKPRN", "UKPRN"),
                      ("ods_code", "GB-NHS", "ODS code"),
                      ("charity_number", "GB-CHC", "Charity number"),
                      ("company_number", "GB-COH", "Company number"))


def present(**fields: Any) -> dict[str, Any]:
    """The fields that have a value (ORUK: optional fields are omitted, not null)."""
    return {k: v for k, v in fields.items() if v is not None and v != []}


def instant(at: datetime) -> str:
    return at.astimezone(UTC).isoformat(timespec="milliseconds").replace("+00:00", "Z")


def derived_id(*parts: str) -> str:
    """A stable id for a part we hold as a field rather than a row (e.g. service area)."""
    return str(uuid.uuid5(uuid.NAMESPACE_URL, "urn:sendsys:" + ":".join(parts)))


def _day(value: date | None) -> str | None:
    return value.isoformat() if value else None


@dataclass(frozen=True)
class OrganisationBrief:
    """The organisation's one-to-one fields, as a search row carries them."""

    id: str
    name: str
    description: str
    email: str | None
    website: str | None

    @classmethod
    def of(cls, record: PublishedEntry) -> OrganisationBrief:
        return cls(record.organisation_id, record.organisation_name,
                   record.organisation_description or record.organisation_name,
                   record.organisation_email, record.organisation_website)


def organization(org: OrganisationRecord | OrganisationBrief, *,
                 full: bool = True) -> dict[str, Any]:
    doc = present(id=org.id, name=org.name, description=org.description, email=org.email,
                  website=org.website)
    if full:
        doc.update(present(organization_identifiers=[
            {"id": derived_id(org.id, column), "organization_id": org.id,
             "identifier_scheme": scheme, "identifier_type": label,
             "identifier": getattr(org, column)}
            for column, scheme, label in IDENTIFIER_SCHEMES if getattr(org, column)]))
    return doc


def taxonomy_doc(record: TaxonomyRecord) -> dict[str, Any]:
    return present(id=record.id, name=record.name, description=record.description,
                   uri=record.uri, version=record.version)


def term_doc(term: TermRecord) -> dict[str, Any]:
    return present(id=term.id, code=term.code, name=term.name, term=term.name,
                   description=term.description, parent_id=term.parent_id,
                   taxonomy=term.taxonomy_name, taxonomy_id=term.taxonomy_id,
                   term_uri=term.term_uri)


def service_summary(record: PublishedEntry, org: OrganisationRecord | OrganisationBrief,
                    public_url: str) -> dict[str, Any]:
    """The one-to-one fields of a service (the `/services` page item)."""
    return present(
        id=record.id, organization_id=record.organisation_id, name=record.name,
        description=record.description, url=record.url or public_url, email=record.email,
        status=record.status, fees=record.fees_description,
        minimum_age=record.minimum_age, maximum_age=record.maximum_age,
        assured_date=_day(record.last_reviewed_on), alert=record.alert,
        last_modified=instant(record.modified_at), organization=organization(org, full=False))


def location_doc(record: PublishedEntry, loc: dict[str, Any], *, full: bool) -> dict[str, Any]:
    doc = present(id=loc["id"], name=loc["name"], description=loc["description"],
                  latitude=loc["latitude"], longitude=loc["longitude"])
    if full:
        doc["addresses"] = [{
            "id": derived_id(loc["id"], "address"), "location_id": loc["id"],
            "address_1": loc["address_1"], "city": loc["city"],
            "state_province": "England", "postal_code": loc["postcode"], "country": "GB",
            "address_type": "physical"}]
        access = loc["accessibility"] or record.accessibility
        if access:
            doc["accessibility"] = [{"id": derived_id(loc["id"], "accessibility"),
                                     "location_id": loc["id"], "description": access}]
    return doc


def service_at_location_doc(record: PublishedEntry, loc: dict[str, Any],
                            service: dict[str, Any], *, full: bool) -> dict[str, Any]:
    return {"id": loc["service_at_location_id"], "service_id": record.id,
            "location_id": loc["id"], "location": location_doc(record, loc, full=full),
            "service": service}


def service_full(record: PublishedEntry, org: OrganisationRecord, public_url: str,
                 terms: dict[str, TermRecord]) -> dict[str, Any]:
    """The fully nested service (`/services/{id}`)."""
    doc = service_summary(record, org, public_url)
    doc["organization"] = organization(org)
    doc.update(present(
        schedules=[_schedule(record.id, s) for s in record.schedules],
        service_areas=[present(id=derived_id(record.id, "service_area"),
                               service_id=record.id, name=record.service_area,
                               service_area=record.service_area, extent_type="text")]
        if record.service_area else [],
        service_at_locations=[
            {"id": loc["service_at_location_id"], "service_id": record.id,
             "location_id": loc["id"], "location": location_doc(record, loc, full=True)}
            for loc in record.locations],
        cost_options=[present(id=c["id"], service_id=record.id, option=c["option"],
                              amount=c["amount"], amount_description=c["amount_description"],
                              valid_from=_day(c["valid_from"]), valid_to=_day(c["valid_to"]))
                      for c in record.cost_options],
        contacts=[present(id=c["id"], service_id=record.id, name=c["name"], title=c["title"],
                          email=c["email"], phones=[{"id": derived_id(c["id"], "phone"),
                                                     "number": c["phone"]}]
                          if c["phone"] else [])
                  for c in record.contacts],
        attributes=[{"id": derived_id(record.id, term_id), "link_id": record.id,
                     "link_type": "service", "link_entity": "service",
                     "taxonomy_term_id": term_id, "taxonomy_term": term_doc(terms[term_id])}
                    for term_id in record.term_ids if term_id in terms],
    ))
    return doc


def _schedule(service_id: str, s: dict[str, Any]) -> dict[str, Any]:
    """A schedule in HSDS 3 terms: a DAILY rule as the WEEKLY one it equals; one HSDS
    cannot say (every n days) without a frequency, in words in its description."""
    byday = tuple(p for p in (s["byday"] or "").split(",") if p)
    anchor = s["dtstart"] or s["valid_from"]
    rule = schedules.hsds_recurrence(s["freq"], s["interval"], byday, anchor)
    description = s["description"]
    if rule is None:
        words = f"Every {s['interval']} days from {_day(anchor)}"
        description = f"{description} ({words})" if description else words
    freq, interval, days = rule or (None, None, ())
    return present(id=s["id"], service_id=service_id, freq=freq, interval=interval,
                   byday=",".join(days) or None, bymonthday=s["bymonthday"],
                   opens_at=s["opens_at"], closes_at=s["closes_at"],
                   dtstart=_day(s["dtstart"]), valid_from=_day(s["valid_from"]),
                   valid_to=_day(s["valid_to"]), description=description)


def page(contents: list[dict[str, Any]], total: int, page_number: int,
         per_page: int) -> dict[str, Any]:
    total_pages = max(1, -(-total // per_page))
    return {"total_items": total, "total_pages": total_pages, "page_number": page_number,
            "size": len(contents), "first_page": page_number == 1,
            "last_page": page_number >= total_pages, "empty": not contents,
            "contents": contents}
