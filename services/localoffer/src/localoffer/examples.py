"""OpenAPI examples of the local offer's request and response models: one entry, one
organisation, one comment, shared by the features' schemas so every example tells the
same story (a Leeds autism swimming session run by a charity)."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import ConfigDict

ORGANISATION_ID = "2b9c4d6e-1111-4a00-8000-00000000a001"
ENTRY_ID = "5b2f0c3e-7d41-4c8a-9e15-3f6a2b8d9c01"
ASD_TERM_ID = "8f7e6d5c-2222-5b00-8000-00000000b001"
AT = "2026-03-02T09:00:00Z"


def examples(*items: dict[str, Any], extra: Literal["forbid"] | None = None) -> ConfigDict:
    """A model's config carrying OpenAPI examples (refusing unknown fields when `extra`
    says so)."""
    config = ConfigDict(json_schema_extra={"examples": list(items)})
    if extra is not None:
        config["extra"] = extra
    return config


def page_of(*items: dict[str, Any]) -> ConfigDict:
    """Examples for a limit/offset page holding `items`."""
    return examples({"items": list(items), "total": len(items), "limit": 50, "offset": 0})


ENTRY_CONTENT: dict[str, Any] = {
    "organisation_id": ORGANISATION_ID, "name": "Autism friendly swimming",
    "description": "Quiet pool sessions with staff trained in autism awareness.",
    "status": "active", "url": "https://swim.example.org/quiet-sessions",
    "email": "hello@swim.example.org", "minimum_age": 4, "maximum_age": 25,
    "taxonomy_term_ids": [ASD_TERM_ID],
    "eligibility_description": "Children and young people with autism and their families",
    "requires_referral": False, "how_to_access": "Book online or call the centre",
    "free_of_charge": False, "fees_description": "£3.50 a session; carers free",
    "cost_options": [{"option": "per session", "amount": "3.50"}],
    "schedules": [{"freq": "MONTHLY", "byday": "2SA,4SA", "opens_at": "10:00",
                   "closes_at": "11:30", "interval": 1,
                   "description": "Second and fourth Saturday of the month"}],
    "locations": [{"address_1": "Leeds International Pool, Westgate", "city": "Leeds",
                   "postcode": "LS1 4AP", "latitude": 53.7997, "longitude": -1.5492,
                   "accessibility": "Hoist, changing places toilet"}],
    "contacts": [{"name": "Pool reception", "phone": "0113 000 0000"}],
    "accessibility": "Step-free access; quiet changing area",
    "service_area": "Leeds", "in_area": True}
TERM: dict[str, Any] = {
    "id": ASD_TERM_ID, "code": "ASD", "name": "Autistic spectrum disorder",
    "taxonomy_id": "4c3b2a19-3333-5c00-8000-00000000c001",
    "taxonomy": "SEND Code of Practice areas of need",
    "term_uri": "https://sendsys.example/taxonomies/send-areas-of-need/ASD"}
ENTRY: dict[str, Any] = {
    "id": ENTRY_ID, "la_code": "201", "version": 3, "organisation_id": ORGANISATION_ID,
    "organisation_name": "Leeds Swimming Trust", "content": ENTRY_CONTENT,
    "taxonomy_terms": [TERM], "last_reviewed_on": "2026-03-02",
    "review_due_on": "2027-03-02", "published_at": AT, "modified_at": AT}
DRAFT: dict[str, Any] = {
    "entry_id": ENTRY_ID, "state": "changes_requested", "content": ENTRY_CONTENT,
    "review_comment": "Please add how to book for a group", "updated_at": AT}
ORGANISATION: dict[str, Any] = {
    "id": ORGANISATION_ID, "name": "Leeds Swimming Trust",
    "description": "A charity running swimming sessions across Leeds.",
    "kind": "voluntary", "email": "hello@swim.example.org",
    "website": "https://swim.example.org", "charity_number": "1123456",
    "provider_code": "LST"}
ORGANISATION_READ: dict[str, Any] = {**ORGANISATION, "la_code": "201", "created_at": AT,
                                     "modified_at": AT}
SEN_REPORT: dict[str, Any] = {
    "academic_year": "2025/26",
    "url": "https://oak-primary.example.sch.uk/send/information-report",
    "summary": "How Oak Primary identifies and supports pupils with SEN"}
RESPONSE: dict[str, Any] = {
    "response": "Thank you: we have asked every provider to add its opening times.",
    "actions": "Opening times checked at each yearly review", "responded_on": "2026-03-20"}
COMMENT: dict[str, Any] = {
    "topic": "gaps", "comment": "Several clubs do not say when they are open.",
    "commenter_kind": "parent", "entry_id": ENTRY_ID}
SUMMARY: dict[str, Any] = {
    "entry_id": ENTRY_ID, "name": "Autism friendly swimming",
    "organisation_id": ORGANISATION_ID, "published_version": 3,
    "draft_state": "submitted", "updated_at": AT}
