"""Request and response models of the personal budget policy (R7.4, R7.11)."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from budgets.domain.enums import FundingStream, Mechanism, PolicyStatus


class ServiceInScopeIn(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    funding_stream: FundingStream
    description: str = Field(default="", max_length=2000)


class PolicyContentIn(BaseModel):
    """What R7.4 says the policy sets out."""

    services: list[ServiceInScopeIn] = Field(max_length=200)
    funding_arrangements: str = Field(max_length=8000, description="how funding is made "
                                      "available (high-needs, personal health budgets, "
                                      "social care)")
    mechanisms: list[Mechanism] = Field(max_length=3)
    eligibility_criteria: list[str] = Field(max_length=50)
    decision_process: str = Field(max_length=8000)


class PolicyCreate(BaseModel):
    title: str = Field(min_length=1, max_length=200)
    summary: str = Field(min_length=1, max_length=2000)
    url: str | None = Field(default=None, max_length=500)
    content: PolicyContentIn


class PublishCreate(BaseModel):
    published_on: date | None = Field(default=None, description="default: today")


class PolicyRead(BaseModel):
    id: str
    la_code: str
    version: int
    status: PolicyStatus
    title: str
    summary: str
    url: str | None
    content: PolicyContentIn
    published_on: date | None


class PolicyPage(BaseModel):
    items: list[PolicyRead]
    total: int
    limit: int
    offset: int


class VersionScopeRead(BaseModel):
    version: int
    published_on: date | None
    services_by_stream: dict[str, int]
    streams_in_scope: list[str]
    services_added: int


class YearBudgetsRead(BaseModel):
    year: int
    agreed: int
    total_pence: int


class ScopeReport(BaseModel):
    """R7.11: the scope of personal budgets year on year."""

    la_code: str
    versions: list[VersionScopeRead]
    budgets_by_year: list[YearBudgetsRead]
