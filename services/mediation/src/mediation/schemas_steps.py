"""Request and response models of the mediation API: mediators, sessions, outcomes,
certificates, appeals, Tribunal orders, disagreement resolution and reporting."""

from __future__ import annotations

from datetime import date, datetime
from typing import Literal

from pydantic import BaseModel, Field

from common.http import Page
from mediation.domain.model import CertificateBasis, OrganisationKind, Outcome
from mediation.schemas import Appellant, examples


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


class SessionCreate(BaseModel):
    model_config = examples({"session_on": "2026-03-30", "arranged_on": "2026-03-12",
                             "location": "Civic Centre, room 4"})

    session_on: date
    arranged_on: date | None = Field(default=None, description="the day it was booked; "
                                     "default today. Must be within 30 days (R6.6)")
    mediator_id: str | None = Field(default=None, description="default: the case's mediator")
    location: str | None = Field(default=None, max_length=200)


class SessionMove(BaseModel):
    model_config = examples({"session_on": "2026-04-08"})

    session_on: date


class Attendee(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    role: Literal["parent", "young_person", "child", "supporter", "la", "commissioning_body",
                  "mediator", "other"]
    consent: bool | None = Field(default=None, description="the child attends with consent")
    views: str | None = Field(default=None, max_length=4000,
                              description="the child's views, however given")


class SessionHeld(BaseModel):
    model_config = examples({"held_on": "2026-03-30", "attendees": [
        {"name": "Ngozi Okafor", "role": "parent"},
        {"name": "Ade Okafor", "role": "supporter"},
        {"name": "Jo Smith", "role": "la"}]})

    held_on: date
    attendees: list[Attendee] = Field(min_length=1)


class SessionRead(BaseModel):
    id: str
    mediation_case_id: str
    mediator_id: str
    session_on: date
    status: str
    location: str | None
    moves: list[dict[str, str]]
    held_on: date | None
    attendees: list[Attendee]


class ActionCreate(BaseModel):
    description: str = Field(min_length=1, max_length=2000)
    responsible: Literal["la", "commissioning_body"] = "la"
    appealable: bool = Field(default=False, description="about a matter the family could "
                             "appeal: Tribunal-order periods apply (R6.10, R6.11)")
    due_on: date | None = Field(default=None, description="only with a different timescale "
                                "agreed in writing (reg 42(5))")


class OutcomeCreate(BaseModel):
    model_config = examples({
        "concluded_on": "2026-03-30", "outcome": "agreement",
        "agreement_summary": "Speech and language therapy assessment to be arranged",
        "actions": [{"description": "Arrange SALT assessment",
                     "responsible": "commissioning_body"}]})

    concluded_on: date
    outcome: Outcome
    agreement_summary: str | None = Field(default=None, max_length=4000)
    actions: list[ActionCreate] = Field(default_factory=list)
    different_timescale_agreed: bool = Field(default=False, description="reg 42(5)")


class ComplianceStepRead(BaseModel):
    id: str
    mediation_case_id: str
    source: str
    source_id: str
    kind: str
    description: str
    responsible: str
    due_on: date
    done_on: date | None
    in_time: bool | None = Field(default=None, description="done on or before due_on")
    done_by_event_id: str | None = Field(
        default=None, description="the assessment event that reported it done (R6.11)")
    done_by_event_type: str | None = None


class StepDone(BaseModel):
    model_config = examples({"done_on": "2026-04-10"})

    done_on: date


class CertificateCreate(BaseModel):
    model_config = examples({"basis": "declined", "issued_on": "2026-04-09"})

    basis: CertificateBasis
    issued_on: date | None = Field(default=None, description="default today")
    recipients: list[Appellant] | None = Field(default=None,
                                               description="default: the appellants")


class CertificateRead(BaseModel):
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


class AppealCreate(BaseModel):
    model_config = examples({"registered_on": "2026-05-01", "tribunal_reference": "EH201/26"})

    registered_on: date
    tribunal_reference: str | None = Field(default=None, max_length=60)


class AppealRead(BaseModel):
    id: str
    mediation_case_id: str
    case_id: str
    registered_on: date
    tribunal_reference: str | None
    appeal_by: date
    in_time: bool
    after_mediation: bool


class OrderCreate(BaseModel):
    model_config = examples({"kind": "unopposed", "from_on": "2026-05-20"})

    kind: Literal["unopposed", "order"]
    from_on: date = Field(description="the order's date, or the day the LA told the "
                          "Tribunal it would not oppose (R6.11)")
    section_i_only: bool = False
    amend_too: bool = False


class OrderRead(BaseModel):
    id: str
    appeal_id: str
    kind: str
    from_on: date
    steps: list[ComplianceStepRead]


class DisagreementCreate(BaseModel):
    model_config = examples({"case_id": "3f1d...", "requested_on": "2026-03-05",
                             "requested_by": "Ngozi Okafor",
                             "subject": "transport to school",
                             "parties": ["parent", "la", "school"]})

    case_id: str = Field(min_length=1, max_length=36)
    mediation_case_id: str | None = None
    requested_on: date
    requested_by: str = Field(min_length=1, max_length=200)
    subject: str = Field(min_length=1, max_length=4000)
    parties: list[str] = Field(min_length=1)


class DisagreementClose(BaseModel):
    closed_on: date
    status: Literal["resolved", "not_resolved", "withdrawn"]
    summary: str | None = Field(default=None, max_length=4000)


class DisagreementRead(BaseModel):
    id: str
    case_id: str
    mediation_case_id: str | None
    requested_on: date
    requested_by: str
    subject: str
    parties: list[str]
    status: str
    closed_on: date | None
    summary: str | None
    created_at: datetime


DisagreementPage = Page[DisagreementRead]


class MediationReport(BaseModel):
    cases: int
    cases_by_decision_kind: dict[str, int]
    mediation_requested: int
    mediation_held: int
    share_to_mediation: float | None
    outcomes: dict[str, int]
    certificates_issued: int
    certificates_by_basis: dict[str, int]
    certificates_on_time: int
    certificates_on_time_share: float | None
    appeals_registered: int
    appeals_after_mediation: int
    information_missing: int
