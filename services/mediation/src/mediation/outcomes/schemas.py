"""Request and response models of outcomes, agreed actions and certificates."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from common.bounds import StatutoryDate
from mediation.cases.schemas import Appellant, examples
from mediation.domain.enums import CertificateBasis, Outcome


class ActionCreate(BaseModel):
    description: str = Field(min_length=1, max_length=2000)
    responsible: Literal["la", "commissioning_body"] = "la"
    appealable: bool = Field(default=False, description="about a matter the family could "
                             "appeal: Tribunal-order periods apply (R6.10, R6.11)")
    due_on: StatutoryDate | None = Field(
        default=None, description="only with a different timescale agreed in writing "
        "(reg 42(5))")

class OutcomeCreate(BaseModel):
    model_config = examples({
        "concluded_on": "2026-03-30", "outcome": "agreement",
        "agreement_summary": "Speech and language therapy assessment to be arranged",
        "actions": [{"description": "Arrange SALT assessment",
                     "responsible": "commissioning_body"}]})

    concluded_on: StatutoryDate
    outcome: Outcome
    agreement_summary: str | None = Field(default=None, max_length=4000)
    actions: list[ActionCreate] = Field(default_factory=list)
    different_timescale_agreed: bool = Field(default=False, description="reg 42(5)")

class CertificateCreate(BaseModel):
    model_config = examples({"basis": "declined", "issued_on": "2026-04-09"})

    basis: CertificateBasis
    issued_on: StatutoryDate | None = Field(default=None, description="default today")
    recipients: list[Appellant] | None = Field(default=None,
                                               description="default: the appellants")

class CertificateRead(BaseModel):
    model_config = examples({
        "id": "c3e5a7b9-0000-4000-8000-00000000c001",
        "mediation_case_id": "b7e2c9a4-6f1d-4e8b-9c3a-2d5f7a1b8e60",
        "case_id": "3f1d2a7e-0000-4000-8000-000000000001", "certificate_no": "MC-201-2026-0042",
        "basis": "declined", "told_on": "2026-04-06", "due_on": "2026-04-09",
        "issued_on": "2026-04-09", "on_time": True, "appeal_by": "2026-05-09",
        "parties": ["parent", "la"],
        "recipients": [{"name": "Ngozi Okafor", "email": "ngozi@example.org"}],
        "issued_by": "adviser-8e21"})

    id: str
    mediation_case_id: str
    case_id: str
    certificate_no: str
    basis: str
    told_on: date
    due_on: date
    issued_on: date
    on_time: bool
    appeal_by: date
    parties: list[str]
    recipients: list[Appellant]
    issued_by: str
