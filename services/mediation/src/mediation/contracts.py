"""The events the mediation service publishes (EVENTS.md, mediation table)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel

from common.deadline_alerts import (
    DeadlineApproachingV1,
    DeadlineMissedV1,
    approaching_type,
    missed_type,
)
from common.messaging.registry import EventRegistry

SERVICE = "mediation"
registry = EventRegistry(SERVICE)

CASE_OPENED = "send.mediation.case.opened.v1"
INFORMATION_SENT = "send.mediation.information.sent.v1"
REQUESTED = "send.mediation.requested.v1"
ARRANGED = "send.mediation.arranged.v1"
CONCLUDED = "send.mediation.concluded.v1"
CERTIFICATE_ISSUED = "send.mediation.certificate.issued.v1"
APPEAL_REGISTERED = "send.mediation.appeal.registered.v1"


class MediationCaseOpenedV1(BaseModel):
    mediation_case_id: str
    case_id: str
    decision_id: str
    decision_kind: str
    decided_on: date
    contact_adviser_by: date


class MediationInformationSentV1(BaseModel):
    mediation_case_id: str
    case_id: str
    sent_on: date


class CommissioningBodyV1(BaseModel):
    org_code: str
    name: str


class MediationRequestedV1(BaseModel):
    """`parties`: who mediates with the family (R6.6). `commissioning_body` is an optional
    addition to the EVENTS.md minimum, present when health issues are included, so that
    notifications can tell the ICB (signed webhook) within 3 working days."""

    mediation_case_id: str
    case_id: str
    requested_on: date
    must_take_place_by: date
    parties: list[Literal["la", "ccg"]]
    commissioning_body: CommissioningBodyV1 | None = None


class MediatorV1(BaseModel):
    name: str
    organisation: str


class MediationArrangedV1(BaseModel):
    mediation_case_id: str
    case_id: str
    session_on: date
    mediator: MediatorV1


class MediationConcludedV1(BaseModel):
    mediation_case_id: str
    case_id: str
    concluded_on: date
    outcome: Literal["agreement", "partial", "no_agreement"]
    agreement_summary: str | None = None


class RecipientV1(BaseModel):
    name: str
    email: str | None = None
    phone: str | None = None


class CertificateIssuedV1(BaseModel):
    mediation_case_id: str
    case_id: str
    certificate_no: str
    issued_on: date
    basis: Literal["declined", "concluded"]
    appeal_by: date
    recipients: list[RecipientV1]


class AppealRegisteredV1(BaseModel):
    mediation_case_id: str
    case_id: str
    registered_on: date


_MODELS: list[tuple[str, type[BaseModel]]] = [
    (CASE_OPENED, MediationCaseOpenedV1), (INFORMATION_SENT, MediationInformationSentV1),
    (REQUESTED, MediationRequestedV1), (ARRANGED, MediationArrangedV1),
    (CONCLUDED, MediationConcludedV1), (CERTIFICATE_ISSUED, CertificateIssuedV1),
    (APPEAL_REGISTERED, AppealRegisteredV1),
    (approaching_type(SERVICE), DeadlineApproachingV1), (missed_type(SERVICE), DeadlineMissedV1),
]
for _type, _model in _MODELS:
    registry.register(_type, _model)
