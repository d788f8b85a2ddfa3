"""The events the assessment service publishes (EVENTS.md, assessment table)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field

from common.deadline_alerts import (
    DeadlineApproachingV1,
    DeadlineMissedV1,
    approaching_type,
    missed_type,
)
from common.messaging.registry import EventRegistry

SERVICE = "assessment"
registry = EventRegistry(SERVICE)

CASE_OPENED = "send.assessment.case.opened.v1"
CONTACTS_CHANGED = "send.assessment.contacts.changed.v1"
REQUEST_RECEIVED = "send.assessment.request.received.v1"
DECISION_MADE = "send.assessment.decision.made.v1"
DECISION_APPEALABLE = "send.assessment.decision.appealable.v1"
ADVICE_REQUESTED = "send.assessment.advice.requested.v1"
ADVICE_RECEIVED = "send.assessment.advice.received.v1"
PLAN_REFUSED = "send.assessment.plan.refused.v1"
PLAN_DRAFTED = "send.assessment.plan.drafted.v1"
PLAN_ISSUED = "send.assessment.plan.issued.v1"
PLAN_CEASED = "send.assessment.plan.ceased.v1"
REVIEW_COMPLETED = "send.assessment.review.completed.v1"
TRANSFER_STARTED = "send.assessment.transfer.started.v1"
PARENT_CARER_ASSESSMENT_RECORDED = "send.assessment.parent_carer_assessment.recorded.v1"
DEADLINE_APPROACHING = approaching_type(SERVICE)
DEADLINE_MISSED = missed_type(SERVICE)

Channel = Literal["email", "sms", "post", "in_app"]


class PersonV1(BaseModel):
    given_name: str
    family_name: str
    date_of_birth: date


class PostalAddressV1(BaseModel):
    lines: list[str]
    postcode: str | None = None


class ContactV1(BaseModel):
    role: str
    name: str
    email: str | None = None
    phone: str | None = None
    preferred_channel: Channel
    #: optional (added later): where letters reach the contact
    postal_address: PostalAddressV1 | None = None


class CaseOpenedV1(BaseModel):
    case_id: str
    la_code: str
    person: PersonV1
    contacts: list[ContactV1]
    caseworker_id: str | None = None
    team: str | None = None
    case_ref: str | None = None  # optional extra: the LA's own case reference


class ContactsChangedV1(BaseModel):
    case_id: str
    contacts: list[ContactV1]


class PartyV1(BaseModel):
    """Someone the LA tells about the request (R1.3): the ICB, social care, the setting."""

    kind: Literal["icb", "social_care", "setting"]
    name: str
    org_code: str | None = None


class RequestReceivedV1(BaseModel):
    case_id: str
    request_id: str
    requester_type: str
    received_on: date
    decision_due_on: date
    final_plan_due_on: date
    notify: list[PartyV1] | None = None  # optional extra: R1.3's parties
    repeat_within_six_months: bool | None = None  # optional extra: R1.6
    last_assessment_ended_on: date | None = None  # optional extra: R1.6, what it counts from
    notifier_org_code: str | None = None  # optional extra: R1.15's health body


class RecipientV1(BaseModel):
    kind: Literal["icb", "school", "educational_psychology", "social_care", "professional",
                  "family", "other"]
    org_code: str | None = None
    name: str


class AdviceRequestedV1(BaseModel):
    case_id: str
    advice_request_id: str
    advice_type: str
    recipient: RecipientV1
    due_on: date
    requested_on: date | None = None


class AdviceReceivedV1(BaseModel):
    case_id: str
    advice_request_id: str
    received_on: date
    advice_type: str | None = None
    within_statutory_time: bool | None = None


class PlanRefusedV1(BaseModel):
    case_id: str
    request_id: str
    decided_on: date
    within_statutory_time: bool | None = None
    notify: list[PartyV1] | None = None  # optional extra: Regs reg 10(2), ICB and setting


class PlanDraftedV1(BaseModel):
    case_id: str
    plan_id: str
    version: int
    sent_on: date
    comments_due_on: date
    personal_budget_requested: bool
    amendment: bool | None = None


class SectionIV1(BaseModel):
    setting_name: str | None = None
    setting_type: str


class PlanIssuedV1(BaseModel):
    case_id: str
    plan_id: str
    version: int
    issued_on: date
    reason: Literal["new", "amended", "transfer", "moved_in"]
    within_statutory_time: bool
    weeks_taken: float
    section_i: SectionIV1 | None = None
    exception_applies: bool | None = None


class PlanCeasedV1(BaseModel):
    case_id: str
    plan_id: str
    ceased_on: date
    ground: str


class ReviewCompletedV1(BaseModel):
    case_id: str
    plan_id: str
    review_id: str
    outcome: Literal["maintain", "amend", "cease"]
    decided_on: date
    next_review_due_on: date


class TransferStartedV1(BaseModel):
    case_id: str
    transfer_id: str
    from_: Literal["statement", "lda"] = Field(alias="from")
    started_on: date
    due_on: date

    model_config = {"populate_by_name": True, "serialize_by_alias": True}


class DecisionMadeV1(BaseModel):
    case_id: str
    request_id: str
    decision: Literal["assess", "refuse"]
    decided_on: date
    notify: list[PartyV1] | None = None  # optional extra: R1.3's parties (Regs reg 5(2))


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


class ParentCarerAssessmentRecordedV1(BaseModel):
    """R9.3: a parent carer's needs assessment is due (on request or on the appearance of
    need); the notice to the LA's social care team."""

    case_id: str
    parent_carer_assessment_id: str
    basis: Literal["request", "appearance_of_need"]
    identified_on: date
    carer_name: str


_MODELS: list[tuple[str, type[BaseModel]]] = [
    (CASE_OPENED, CaseOpenedV1), (CONTACTS_CHANGED, ContactsChangedV1),
    (REQUEST_RECEIVED, RequestReceivedV1), (DECISION_MADE, DecisionMadeV1),
    (DECISION_APPEALABLE, DecisionAppealableV1),
    (ADVICE_REQUESTED, AdviceRequestedV1), (ADVICE_RECEIVED, AdviceReceivedV1),
    (PLAN_REFUSED, PlanRefusedV1), (PLAN_DRAFTED, PlanDraftedV1), (PLAN_ISSUED, PlanIssuedV1),
    (PLAN_CEASED, PlanCeasedV1), (REVIEW_COMPLETED, ReviewCompletedV1),
    (TRANSFER_STARTED, TransferStartedV1),
    (DEADLINE_APPROACHING, DeadlineApproachingV1), (DEADLINE_MISSED, DeadlineMissedV1),
    (PARENT_CARER_ASSESSMENT_RECORDED, ParentCarerAssessmentRecordedV1),
]
for _type, _model in _MODELS:
    registry.register(_type, _model)
