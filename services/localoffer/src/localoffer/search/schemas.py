"""Request and response models of the public search."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from localoffer.domain.enums import EntryStatus


class SearchCriteria(BaseModel):
    """What a family asks; every given filter must hold."""

    q: Annotated[str, Field(max_length=200)] | None = None
    category: Annotated[str, Field(max_length=120)] | None = None
    need: Annotated[str, Field(max_length=120)] | None = None
    age: int | None = None
    free: bool = False
    day: Annotated[str, Field(max_length=10)] | None = None
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


class SearchResult(BaseModel):
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
    items: list[SearchResult]
    total: int
    page: int
    per_page: int
    total_pages: int


class PostcodeLoadRead(BaseModel):
    loaded: int
    terminated: int
    without_coordinates: int
    invalid: int
    invalid_lines: list[int]
