"""Request and response models of the organisations feature."""

from __future__ import annotations

from datetime import date, datetime
from typing import Annotated

from pydantic import BaseModel, Field

from localoffer import examples as ex
from localoffer.domain.enums import OrganisationKind, ReportState
from localoffer.examples import examples, page_of


class OrganisationIdentifiers(BaseModel):
    """Public identifiers: URN / UKPRN for schools and colleges, ODS code for NHS bodies,
    charity and company numbers."""

    model_config = examples({"urn": "107324"}, {"charity_number": "1123456"},
                            extra="forbid")

    urn: Annotated[str, Field(pattern=r"^\d{6,7}$")] | None = None
    ukprn: Annotated[str, Field(pattern=r"^1\d{7}$")] | None = None
    ods_code: Annotated[str, Field(pattern=r"^[A-Z0-9]{3,10}$")] | None = None
    charity_number: Annotated[str, Field(pattern=r"^(SC0\d{5}|\d{6,8}(-\d{1,2})?)$")] | None \
        = None
    company_number: Annotated[str, Field(pattern=r"^([A-Z]{2}\d{6}|\d{8})$")] | None = None


class OrganisationCreate(OrganisationIdentifiers):
    model_config = examples(ex.ORGANISATION, extra="forbid")

    id: Annotated[str, Field(pattern=r"^[0-9a-fA-F-]{36}$")] | None = None
    name: Annotated[str, Field(min_length=1, max_length=300)]
    description: Annotated[str, Field(min_length=1, max_length=20_000)]
    kind: OrganisationKind
    email: Annotated[str, Field(max_length=320)] | None = None
    website: Annotated[str, Field(max_length=500)] | None = None
    provider_code: Annotated[str, Field(min_length=1, max_length=50)] | None = None


class OrganisationRead(OrganisationCreate):
    model_config = examples(ex.ORGANISATION_READ, extra="forbid")

    id: str
    la_code: str
    created_at: datetime
    modified_at: datetime


class OrganisationPage(BaseModel):
    model_config = page_of(ex.ORGANISATION_READ)

    items: list[OrganisationRead]
    total: int
    limit: int
    offset: int


class ReportWrite(BaseModel):
    model_config = examples(ex.SEN_REPORT, extra="forbid")

    academic_year: Annotated[str, Field(pattern=r"^\d{4}/\d{2}$")]
    url: Annotated[str, Field(min_length=1, max_length=500)]
    summary: Annotated[str, Field(min_length=1, max_length=20_000)]


class ReportRead(ReportWrite):
    model_config = examples({**ex.SEN_REPORT, "id": "3d4e5f60-4444-4000-8000-00000000d001",
                             "organisation_id": "6a7b8c9d-5555-4000-8000-00000000e001",
                             "state": "published", "version": 2,
                             "published_on": "2026-03-02", "updated_at": ex.AT},
                            extra="forbid")

    id: str
    organisation_id: str
    state: ReportState
    version: int
    published_on: date | None
    updated_at: datetime
