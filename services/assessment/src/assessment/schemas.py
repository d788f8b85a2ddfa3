"""Request and response models of the assessment API (never tables or event contracts)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, EmailStr, Field, field_validator, model_validator

from assessment.domain import identifiers
from assessment.domain.model import RequesterType

Channel = Literal["email", "sms", "post", "in_app"]
SettingType = Literal[
    "early_years", "mainstream_school", "academy", "free_school", "special_school",
    "special_academy", "non_maintained_special_school", "independent_special_school",
    "independent_school", "pupil_referral_unit", "alternative_provision", "fe_college",
    "sixth_form_college", "specialist_post16", "section_41_institution",
    "young_offender_institution", "other"]


class ContactIn(BaseModel):
    role: Literal["parent", "young_person", "carer", "advocate", "social_worker", "other"]
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ]{7,20}$")
    preferred_channel: Channel = "email"

    @model_validator(mode="after")
    def _channel_is_reachable(self) -> ContactIn:
        if self.preferred_channel == "email" and not self.email:
            raise ValueError("preferred_channel is email but no email address was given")
        if self.preferred_channel == "sms" and not self.phone:
            raise ValueError("preferred_channel is sms but no phone number was given")
        return self


class ContactRead(ContactIn):
    model_config = ConfigDict(from_attributes=True)


class CaseCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14",
        "contacts": [{"role": "parent", "name": "Ngozi Okafor",
                      "email": "ngozi@example.org", "preferred_channel": "email"}],
        "caseworker_id": "cw-17", "team": "north"}]})

    given_name: str = Field(min_length=1, max_length=200)
    family_name: str = Field(min_length=1, max_length=200)
    date_of_birth: date
    upn: str | None = None
    uln: str | None = None
    nhs_number: str | None = None
    setting_name: str | None = Field(default=None, max_length=200)
    setting_urn: str | None = Field(default=None, pattern=r"^\d{6,7}$")
    setting_ukprn: str | None = Field(default=None, pattern=r"^1\d{7}$")
    caseworker_id: str | None = Field(default=None, max_length=100)
    team: str | None = Field(default=None, max_length=100)
    setting_type: SettingType | None = None
    icb_org_code: str | None = Field(default=None, pattern=r"^[A-Z0-9]{3,10}$",
                                     description="the commissioning body (ICB) for R1.3, R1.7")
    icb_name: str | None = Field(default=None, max_length=200)
    contacts: list[ContactIn] = Field(default_factory=list, max_length=20)

    _upn = field_validator("upn")(lambda v: identifiers.validate_upn(v) if v else v)
    _uln = field_validator("uln")(lambda v: identifiers.validate_uln(v) if v else v)
    _nhs = field_validator("nhs_number")(
        lambda v: identifiers.validate_nhs_number(v) if v else v)


class CaseRead(BaseModel):
    id: str
    la_code: str
    given_name: str
    family_name: str
    date_of_birth: date
    upn: str | None
    uln: str | None
    nhs_number: str | None
    setting_name: str | None
    setting_type: str | None
    icb_org_code: str | None
    icb_name: str | None
    caseworker_id: str | None
    team: str | None
    year_group: int
    is_young_person: bool
    has_plan: bool = False
    early_education_from: date | None = Field(
        default=None, description="R9.1: with a plan, 570 hours of free early education a "
        "year from this day (the term after the second birthday)")
    detained_since: date | None = None
    establishment_name: str | None = None
    contacts: list[ContactRead]
    version: int


class ContactsUpdate(BaseModel):
    contacts: list[ContactIn] = Field(max_length=20)


class RequestCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{
        "requester_type": "parent", "received_on": "2026-03-02",
        "requester_name": "Ngozi Okafor"}]})

    requester_type: RequesterType
    received_on: date
    requester_name: str | None = Field(default=None, max_length=200)


class ReferralCreate(BaseModel):
    """Someone who may not request brings the child to the LA's attention (R1.1)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "source": "social_care", "received_on": "2026-03-02", "requester_name": "J Smith"}]})

    source: Literal["social_care", "early_years", "youth_offending_team", "health", "la",
                    "other"]
    received_on: date
    requester_name: str | None = Field(default=None, max_length=200)


class HealthNotificationCreate(BaseModel):
    """R1.15: a health body tells the LA of a child under compulsory school age."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "child": {"given_name": "Ada", "family_name": "Lee", "date_of_birth": "2023-05-01",
                  "nhs_number": "9434765919",
                  "contacts": [{"role": "parent", "name": "Sam Lee",
                                "email": "sam@example.org"}]},
        "parent_informed_on": "2026-02-20", "received_on": "2026-03-02"}]})

    child: CaseCreate
    parent_informed_on: date
    received_on: date
    requester_name: str | None = Field(default=None, max_length=200)
    summary: str | None = Field(default=None, max_length=5000)


class HealthNotificationRead(BaseModel):
    request_id: str
    case_id: str
    notifier_org_code: str
    received_on: date
    decision_due_on: date
    status: str


class RequestRead(BaseModel):
    id: str
    case_id: str
    requester_type: str
    referral_source: str | None = None
    notifier_org_code: str | None = None
    received_on: date
    decision_due_on: date
    no_plan_notice_due_on: date
    final_plan_due_on: date
    repeat_within_six_months: bool
    status: str
    decision: str | None
    decided_on: date | None
    plan_outcome: str | None = None
    plan_outcome_on: date | None = None


class DecisionCreate(BaseModel):
    decision: Literal["assess", "refuse"]
    decided_on: date
    notified_on: date | None = Field(default=None, description="defaults to decided_on")
    reasons: str | None = Field(default=None, max_length=10000)


class DeadlineRead(BaseModel):
    id: str
    case_id: str
    kind: str
    due_on: date
    status: str
    closed_on: date | None
    owner_team: str | None
    owner_caseworker_id: str | None
    days_left: int


class DeadlinePage(BaseModel):
    items: list[DeadlineRead]
    total: int = Field(description="matching deadlines, counted up to total_cap + 1")
    total_is_exact: bool = Field(description="false when more than total_cap match")
    total_cap: int
    limit: int
    offset: int
