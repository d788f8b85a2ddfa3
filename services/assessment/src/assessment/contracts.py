"""The events the assessment service publishes (EVENTS.md, assessment table)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from common.deadlines import DeadlineApproachingV1, DeadlineMissedV1, approaching_type, missed_type
from common.messaging.registry import EventRegistry

SERVICE = "assessment"
registry = EventRegistry(SERVICE)

CASE_OPENED = "send.assessment.case.opened.v1"
CONTACTS_CHANGED = "send.assessment.contacts.changed.v1"
REQUEST_RECEIVED = "send.assessment.request.received.v1"
DECISION_MADE = "send.assessment.decision.made.v1"
DECISION_APPEALABLE = "send.assessment.decision.appealable.v1"
DEADLINE_APPROACHING = approaching_type(SERVICE)
DEADLINE_MISSED = missed_type(SERVICE)

Channel = Literal["email", "sms", "post", "in_app"]


class PersonV1(BaseModel):
    given_name: str
    family_name: str
    date_of_birth: date


class ContactV1(BaseModel):
    role: str
    name: str
    email: str | None = None
    phone: str | None = None
    preferred_channel: Channel


class CaseOpenedV1(BaseModel):
    case_id: str
    la_code: str
    person: PersonV1
    contacts: list[ContactV1]
    caseworker_id: str | None = None
    team: str | None = None


class ContactsChangedV1(BaseModel):
    case_id: str
    contacts: list[ContactV1]


class RequestReceivedV1(BaseModel):
    case_id: str
    request_id: str
    requester_type: str
    received_on: date
    decision_due_on: date
    final_plan_due_on: date


class DecisionMadeV1(BaseModel):
    case_id: str
    request_id: str
    decision: Literal["assess", "refuse"]
    decided_on: date


class AppellantV1(BaseModel):
    name: str
    email: str | None = None
    phone: str | None = None


DecisionKind = Literal["refuse_assessment", "refuse_plan", "plan_contents",
                       "amended_plan_contents", "refuse_amend", "cease_plan",
                       "refuse_reassessment"]


class DecisionAppealableV1(BaseModel):
    case_id: str
    decision_id: str
    decision_kind: DecisionKind
    decided_on: date
    notified_on: date
    appellants: list[AppellantV1] = Field(min_length=1)
    sections_in_dispute: list[str] | None = None


for _type, _model in [
    (CASE_OPENED, CaseOpenedV1), (CONTACTS_CHANGED, ContactsChangedV1),
    (REQUEST_RECEIVED, RequestReceivedV1), (DECISION_MADE, DecisionMadeV1),
    (DECISION_APPEALABLE, DecisionAppealableV1),
    (DEADLINE_APPROACHING, DeadlineApproachingV1), (DEADLINE_MISSED, DeadlineMissedV1),
]:
    registry.register(_type, _model)
