"""Request and response models of the public search."""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from pydantic import BaseModel, Field

from localoffer import examples as ex
from localoffer.domain.enums import EntryStatus
from localoffer.examples import examples


class SearchCriteria(BaseModel):
    """What a family asks; every given filter must hold. `date` (YYYY-MM-DD) finds what is
    open that day, at `time` when given; `day` is a day of the week (the next such date)
    or a date, and needs `time`."""

    q: Annotated[str, Field(max_length=200)] | None = None
    category: Annotated[str, Field(max_length=120)] | None = None
    need: Annotated[str, Field(max_length=120)] | None = None
    age: int | None = None
    free: bool = False
    day: Annotated[str, Field(max_length=10)] | None = None
    date: dt.date | None = None
    time: Annotated[str, Field(max_length=8)] | None = None
    postcode: Annotated[str, Field(max_length=10)] | None = None
    radius_km: Annotated[float, Field(gt=0, le=200)] = 10.0
    page: Annotated[int, Field(ge=1, le=10_000)] = 1
    per_page: Annotated[int, Field(ge=1, le=100)] = 20


class SearchTerm(BaseModel):
    id: str
    code: str
    name: str
    taxonomy: str


_RESULT = {
        "entry_id": ex.ENTRY_ID, "name": "Autism friendly swimming",
        "description": "Quiet pool sessions with staff trained in autism awareness.",
        "organisation_name": "Leeds Swimming Trust", "status": "active", "minimum_age": 4,
        "maximum_age": 25, "free_of_charge": False, "requires_referral": False,
        "in_area": True, "distance_km": 1.2, "nearest_postcode": "LS1 4AP",
        "terms": [{"id": ex.ASD_TERM_ID, "code": "ASD", "name": "Autistic spectrum disorder",
                   "taxonomy": "SEND Code of Practice areas of need"}]}


class SearchResult(BaseModel):
    model_config = examples(_RESULT)

    entry_id: str
    name: str
    description: str
    organisation_name: str
    status: EntryStatus
    minimum_age: int | None = None
    maximum_age: int | None = None
    free_of_charge: bool
    requires_referral: bool
    in_area: bool
    distance_km: float | None = None
    nearest_postcode: str | None = None
    terms: list[SearchTerm]


class SearchPage(BaseModel):
    model_config = examples({"items": [_RESULT], "total": 1, "page": 1, "per_page": 20,
                             "total_pages": 1})

    items: list[SearchResult]
    total: int
    page: int
    per_page: int
    total_pages: int


class PostcodeLoadRead(BaseModel):
    model_config = examples({"loaded": 48211, "terminated": 3920, "without_coordinates": 12,
                             "invalid": 1, "invalid_lines": [10233]})

    loaded: int
    terminated: int
    without_coordinates: int
    invalid: int
    invalid_lines: list[int]
