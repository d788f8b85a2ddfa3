"""Request and response models of the entries feature. The draft document
(`EntryContent`) is what providers write, the LA reviews and a published version keeps."""

from __future__ import annotations

from datetime import date, datetime
from decimal import Decimal
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from localoffer import examples as ex
from localoffer.domain.enums import DraftState, EntryStatus
from localoffer.examples import examples

Text = Annotated[str, Field(max_length=20_000)]
Short = Annotated[str, Field(min_length=1, max_length=300)]
Id = Annotated[str, Field(pattern=r"^[0-9a-fA-F-]{36}$")]


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid")


class LocationIn(Strict):
    id: Id | None = None
    service_at_location_id: Id | None = None
    name: Short | None = None
    description: Text | None = None
    address_1: Short
    city: Annotated[str, Field(min_length=1, max_length=100)]
    postcode: Annotated[str, Field(min_length=1, max_length=10)]
    latitude: Annotated[float, Field(ge=-90, le=90)] | None = None
    longitude: Annotated[float, Field(ge=-180, le=180)] | None = None
    accessibility: Text | None = None


class ScheduleIn(Strict):
    id: Id | None = None
    freq: str = "WEEKLY"
    interval: Annotated[int, Field(ge=1, le=52)] = 1
    byday: Annotated[str, Field(max_length=100)] | None = None
    bymonthday: Annotated[str, Field(max_length=100)] | None = None
    opens_at: Annotated[str, Field(max_length=14)]
    closes_at: Annotated[str, Field(max_length=14)]
    dtstart: date | None = None
    valid_from: date | None = None
    valid_to: date | None = None
    description: Text | None = None


class CostOptionIn(Strict):
    id: Id | None = None
    option: Text | None = None
    amount: Annotated[Decimal, Field(ge=0, max_digits=10, decimal_places=2)] | None = None
    amount_description: Text | None = None
    valid_from: date | None = None
    valid_to: date | None = None


class ContactIn(Strict):
    id: Id | None = None
    name: Short | None = None
    title: Short | None = None
    email: Annotated[str, Field(max_length=320)] | None = None
    phone: Annotated[str, Field(max_length=40)] | None = None


class EntryContent(Strict):
    """One service or piece of provision, as its provider or the LA describes it. Free
    text is kept exactly as given (escaping is for whoever shows it)."""

    model_config = examples(ex.ENTRY_CONTENT, extra="forbid")

    organisation_id: Id
    name: Short
    description: Annotated[str, Field(min_length=1, max_length=20_000)]
    status: EntryStatus = EntryStatus.ACTIVE
    url: Annotated[str, Field(max_length=500)] | None = None
    email: Annotated[str, Field(max_length=320)] | None = None
    minimum_age: int | None = None
    maximum_age: int | None = None
    taxonomy_term_ids: Annotated[list[Id], Field(max_length=100)] = []
    eligibility_description: Text | None = None
    requires_referral: bool = False
    how_to_access: Text | None = None
    free_of_charge: bool = False
    fees_description: Text | None = None
    cost_options: Annotated[list[CostOptionIn], Field(max_length=50)] = []
    schedules: Annotated[list[ScheduleIn], Field(max_length=50)] = []
    locations: Annotated[list[LocationIn], Field(max_length=50)] = []
    contacts: Annotated[list[ContactIn], Field(max_length=50)] = []
    accessibility: Text | None = None
    service_area: Text | None = None
    in_area: bool = True
    alert: Text | None = None


class EntryCreate(EntryContent):
    """A new entry: an optional id (an existing directory's, kept on import)."""

    model_config = examples(ex.ENTRY_CONTENT, extra="forbid")

    id: Id | None = None


class ChangeRequest(Strict):
    model_config = examples({"comment": "Please add how to book for a group"},
                            extra="forbid")

    comment: Annotated[str, Field(min_length=1, max_length=5_000)]


class TermRead(BaseModel):
    model_config = examples(ex.TERM)

    id: str
    code: str
    name: str
    taxonomy_id: str
    taxonomy: str
    term_uri: str | None = None


class DraftRead(BaseModel):
    model_config = examples(ex.DRAFT)

    entry_id: str
    state: DraftState
    content: EntryContent
    review_comment: str | None
    updated_at: datetime


class EntryRead(BaseModel):
    """The published entry, every field resolved (coordinates, terms)."""

    model_config = examples(ex.ENTRY)

    id: str
    la_code: str
    version: int
    organisation_id: str
    organisation_name: str
    content: EntryContent
    taxonomy_terms: list[TermRead]
    last_reviewed_on: date
    review_due_on: date
    published_at: datetime
    modified_at: datetime


class EntryWorkingRead(BaseModel):
    """What staff and the provider see: the published entry (if any) and the draft."""

    model_config = examples({"entry_id": ex.ENTRY_ID, "published": ex.ENTRY,
                             "draft": ex.DRAFT})

    entry_id: str
    published: EntryRead | None
    draft: DraftRead | None


class EntrySummary(BaseModel):
    model_config = examples(ex.SUMMARY)

    entry_id: str
    name: str
    organisation_id: str
    published_version: int | None
    draft_state: DraftState | None
    updated_at: datetime


class VersionRead(BaseModel):
    model_config = examples({"entry_id": ex.ENTRY_ID, "version": 3, "published_at": ex.AT,
                             "published_by": "la-officer-17",
                             "content": ex.ENTRY_CONTENT})

    entry_id: str
    version: int
    published_at: datetime
    published_by: str
    content: EntryContent
