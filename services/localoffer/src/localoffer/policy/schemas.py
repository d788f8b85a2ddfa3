"""Models of the personal budget policy: the event as the local offer reads it, and the API."""

from __future__ import annotations

from datetime import date

from pydantic import BaseModel, Field

from localoffer.examples import examples


class PolicyPublished(BaseModel):
    """`send.budgets.policy.published.v1`, the fields the local offer needs (tolerant reader)."""

    la_code: str = Field(pattern=r"^\d{3}$")
    policy_id: str = Field(min_length=1, max_length=64)
    version: int = Field(ge=1)
    published_on: date
    summary: str = Field(min_length=1)
    url: str | None = Field(default=None, max_length=2000)


class BudgetPolicyRead(BaseModel):
    """The LA's personal budget policy as the local offer shows it (R7.4)."""

    model_config = examples({"la_code": "201",
                             "policy_id": "0b7a4c1e-2222-4000-8000-000000000001",
                             "version": 2, "published_on": "2026-03-02",
                             "summary": "What a personal budget can pay for in our area",
                             "url": "https://la201.test/local-offer/personal-budgets"})

    la_code: str
    policy_id: str
    version: int
    published_on: date
    summary: str
    url: str | None
