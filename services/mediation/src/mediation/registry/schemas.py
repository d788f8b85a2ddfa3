"""Request and response models of the registry of mediators and advisers (R6.8)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field

from common.http import Page
from mediation.cases.schemas import examples
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
    id: str
    role: str
    name: str
    organisation: Organisation
    email: str | None = None
    phone: str | None = None

PractitionerPage = Page[PractitionerRead]
