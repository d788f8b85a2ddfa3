"""Request and response models of the registry of mediators and advisers (R6.8)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from common.http import Page
from mediation.cases.schemas import examples, page_examples
from mediation.domain.enums import OrganisationKind


class Organisation(BaseModel):
    code: str = Field(min_length=1, max_length=20)
    name: str = Field(min_length=1, max_length=200)
    kind: OrganisationKind

class PractitionerCreate(BaseModel):
    """A mediator or mediation adviser; refused if not independent (R6.8)."""

    model_config = examples({
        "role": "mediator", "name": "Sam Patel", "email": "sam@calm-mediation.example",
        "organisation": {"code": "CALM", "name": "Calm Mediation Ltd",
                         "kind": "independent_provider"}})

    role: Literal["mediator", "adviser"]
    name: str = Field(min_length=1, max_length=200)
    organisation: Organisation
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)

class PractitionerRead(BaseModel):
    model_config = examples({
        "id": "6c0b4e2a-1d3f-4a5b-8c7d-9e0f1a2b3c4d", "role": "mediator", "name": "Sam Patel",
        "organisation": {"code": "CALM", "name": "Calm Mediation Ltd",
                         "kind": "independent_provider"},
        "email": "sam@calm-mediation.example", "phone": None})

    id: str
    role: str
    name: str
    organisation: Organisation
    email: str | None = None
    phone: str | None = None

class PractitionerPage(Page[PractitionerRead]):
    model_config = page_examples(PractitionerRead)
