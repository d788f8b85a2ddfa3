"""Request and response models of the personal budget policy (R7.4, R7.11)."""

from __future__ import annotations

from datetime import date
from typing import Any

from pydantic import BaseModel, Field

from budgets.budgets.schemas import examples, page_of
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


POLICY_CONTENT_EXAMPLE: dict[str, Any] = {
    "services": [{"name": "Speech and language therapy", "funding_stream": "education",
                  "description": "in school or at home"},
                 {"name": "Short breaks", "funding_stream": "social_care"}],
    "funding_arrangements": "High-needs funding for education, personal health budgets "
                            "through the ICB, social care budgets from the children's "
                            "disability team",
    "mechanisms": ["direct_payment", "notional", "third_party"],
    "eligibility_criteria": ["an EHC plan is being prepared or reviewed"],
    "decision_process": "The SEN team decides within 4 weeks of the request"}
POLICY_EXAMPLE: dict[str, Any] = {
    "title": "Personal budgets policy 2026",
    "summary": "What a personal budget can pay for in our area",
    "url": "https://la201.test/local-offer/personal-budgets",
    "content": POLICY_CONTENT_EXAMPLE}
POLICY_READ_EXAMPLE: dict[str, Any] = {
    "id": "0b7a4c1e-2222-4000-8000-000000000001", "la_code": "201", "version": 2,
    "status": "published", **POLICY_EXAMPLE, "published_on": "2026-03-02"}


class PolicyCreate(BaseModel):
    model_config = examples(POLICY_EXAMPLE)

    title: str = Field(min_length=1, max_length=200)
    summary: str = Field(min_length=1, max_length=2000)
    url: str | None = Field(default=None, max_length=500)
    content: PolicyContentIn


class PublishCreate(BaseModel):
    model_config = examples({"published_on": "2026-03-02"})

    published_on: date | None = Field(default=None, description="default: today")


class PolicyRead(BaseModel):
    model_config = examples(POLICY_READ_EXAMPLE)

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
    model_config = page_of(POLICY_READ_EXAMPLE)

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
    model_config = examples({
        "la_code": "201",
        "versions": [{"version": 1, "published_on": "2025-03-03",
                      "services_by_stream": {"education": 1, "social_care": 1},
                      "streams_in_scope": ["education", "social_care"], "services_added": 2},
                     {"version": 2, "published_on": "2026-03-02",
                      "services_by_stream": {"education": 2, "health": 1, "social_care": 1},
                      "streams_in_scope": ["education", "health", "social_care"],
                      "services_added": 2}],
        "budgets_by_year": [{"year": 2025, "agreed": 31, "total_pence": 15400000},
                            {"year": 2026, "agreed": 12, "total_pence": 6100050}]})

    """R7.11: the scope of personal budgets year on year."""

    la_code: str
    versions: list[VersionScopeRead]
    budgets_by_year: list[YearBudgetsRead]
