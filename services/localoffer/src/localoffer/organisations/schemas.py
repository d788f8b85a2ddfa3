"""Request and response models of the organisations feature."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field

from localoffer.domain.enums import OrganisationKind, ReportState


class OrganisationIdentifiers(BaseModel):
    """Public identifiers: URN / UKPRN for schools and colleges, ODS code for NHS bodies,
    charity and company numbers."""

    model_config = ConfigDict(extra="forbid")

    urn: Annotated[str, Field(pattern=r"^\d{6,7}$")] | None = None
    ukprn: Annotated[str, Field(pattern=r"^1\d{7}$")] | None = None
    ods_code: Annotated[str, Field(pattern=r"^[A-Z0-9]{3,10}$")] | None = None
    charity_number: Annotated[str, Field(pattern=r"^(SC0\d{5}|\d{6,8}(-\d{1,2})?)$")] | None \
        = None
    company_number: Annotated[str, Field(pattern=r"^([A-Z]{2}\d{6}|\d{8})$")] | None = None


class OrganisationCreate(OrganisationIdentifiers):
    id: Annotated[str, Field(pattern=r"^[0-9a-fA-F-]{36}$")] | None = None
    name: Annotated[str, Field(min_length=1, max_length=300)]
    description: Annotated[str, Field(min_length=1, max_length=20_000)]
    kind: OrganisationKind
    email: Annotated[str, Field(max_length=320)] | None = None
    website: Annotated[str, Field(max_length=500)] | None = None
    provider_code: Annotated[str, Field(min_length=1, max_length=50)] | None = None


class OrganisationRead(OrganisationCreate):
    id: str
    la_code: str
    created_at: datetime
    modified_at: datetime


class OrganisationPage(BaseModel):
    items: list[OrganisationRead]
    total: int
    limit: int
    offset: int


class ReportWrite(BaseModel):
    model_config = ConfigDict(extra="forbid")

    academic_year: Annotated[str, Field(pattern=r"^\d{4}/\d{2}$")]
    url: Annotated[str, Field(min_length=1, max_length=500)]
    summary: Annotated[str, Field(min_length=1, max_length=20_000)]


class ReportRead(ReportWrite):
    id: str
    organisation_id: str
    state: ReportState
    version: int
    published_on: date | None
    updated_at: datetime
