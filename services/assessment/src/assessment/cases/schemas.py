"""API models of a case: the child or young person and their contacts."""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any, Literal

from pydantic import (
    BaseModel,
    ConfigDict,
    EmailStr,
    Field,
    StringConstraints,
    field_validator,
    model_validator,
)

from assessment.domain import identifiers
from common.bounds import StatutoryDate

# A name is never blank: surrounding spaces are dropped, then at least one character is left.
PersonName = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1,
                                              max_length=200)]

Channel = Literal["email", "sms", "post", "in_app"]
SettingType = Literal[
    "early_years", "mainstream_school", "academy", "free_school", "special_school",
    "special_academy", "non_maintained_special_school", "independent_special_school",
    "independent_school", "pupil_referral_unit", "alternative_provision", "fe_college",
    "sixth_form_college", "specialist_post16", "section_41_institution",
    "young_offender_institution", "other"]


class PostalAddress(BaseModel):
    """Where a letter reaches the contact: the lines above the postcode, then the postcode
    (a UK one when given; an address abroad has none)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "lines": ["12 Acacia Road", "Leeds"], "postcode": "LS1 4AB"}]})

    lines: list[str] = Field(min_length=1, max_length=6)
    postcode: str | None = Field(default=None, max_length=10,
                                 pattern=r"^[A-Za-z]{1,2}[0-9][A-Za-z0-9]? ?[0-9][A-Za-z]{2}$")

    @field_validator("lines")
    @classmethod
    def _lines_are_short_and_filled(cls, lines: list[str]) -> list[str]:
        cleaned = [line.strip() for line in lines]
        if any(not line or len(line) > 100 for line in cleaned):
            raise ValueError("each address line needs 1 to 100 characters")
        return cleaned


class ContactIn(BaseModel):
    role: Literal["parent", "young_person", "carer", "advocate", "social_worker", "other"]
    name: str = Field(min_length=1, max_length=200)
    email: EmailStr | None = None
    phone: str | None = Field(default=None, pattern=r"^\+?[0-9 ]{7,20}$")
    preferred_channel: Channel = "email"
    postal_address: PostalAddress | None = None

    @model_validator(mode="after")
    def _channel_is_reachable(self) -> ContactIn:
        if self.preferred_channel == "email" and not self.email:
            raise ValueError("preferred_channel is email but no email address was given")
        if self.preferred_channel == "sms" and not self.phone:
            raise ValueError("preferred_channel is sms but no phone number was given")
        if self.preferred_channel == "post" and self.postal_address is None:
            raise ValueError("preferred_channel is post but no postal_address was given")
        return self


class ContactRead(ContactIn):
    model_config = ConfigDict(from_attributes=True)


class IdentifierChecks(BaseModel):
    """The NHS number, UPN and ULN a model carries are checked (format and check character)
    and normalised, wherever a child's identifiers come in."""

    _upn = field_validator("upn", check_fields=False)(
        lambda v: identifiers.validate_upn(v) if v else v)
    _uln = field_validator("uln", check_fields=False)(
        lambda v: identifiers.validate_uln(v) if v else v)
    _nhs = field_validator("nhs_number", check_fields=False)(
        lambda v: identifiers.validate_nhs_number(v) if v else v)


class CaseCreate(IdentifierChecks):
    """A child or young person newly known to the service. A case that looks like one the LA
    already keeps (the same NHS number, UPN or ULN; or the same name and date of birth) is
    refused with 409 naming that case; `different_child` says a caseworker has checked and
    this is another child (an identifier still names one child only)."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14",
        "nhs_number": "943 476 5919", "upn": "A123456789012",
        "contacts": [{"role": "parent", "name": "Ngozi Okafor",
                      "email": "ngozi@example.org", "preferred_channel": "email"}],
        "caseworker_id": "cw-17", "team": "north"}]})

    given_name: PersonName
    family_name: PersonName
    date_of_birth: StatutoryDate = Field(description="not in the future")
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
    legacy_ref: str | None = Field(
        default=None, min_length=1, max_length=100,
        description="the LA's own reference for this child in its case-management system "
        "(staff emails show it beside the child's name)")
    contacts: list[ContactIn] = Field(default_factory=list, max_length=20)
    different_child: bool = Field(
        default=False, description="a caseworker has checked the case(s) a 409 named and "
        "this is another child with the same name and date of birth")
    request_received_on: StatutoryDate | None = Field(
        default=None, description="R1.2: opening a case on or after the 25th birthday needs "
        "a request received before it (or `plan_maintained`)")
    plan_maintained: bool = Field(
        default=False, description="R4.4: opening a case on or after the 25th birthday for a "
        "plan still maintained (to the end of the academic year in which they turned 25)")


CASE_READ_EXAMPLE: dict[str, Any] = {
    "id": "3f1d2c4e-8a7b-4c1d-9e2f-0a1b2c3d4e5f", "la_code": "201", "given_name": "Amara",
    "family_name": "Okafor", "date_of_birth": "2019-03-14", "upn": "A123456789012",
    "uln": None, "nhs_number": "9434765919", "setting_name": "Oak Primary",
    "setting_type": "mainstream_school", "icb_org_code": "QKK",
    "icb_name": "NHS South East London ICB", "caseworker_id": "cw-17", "team": "north",
    "year_group": 1, "is_young_person": False, "has_plan": False,
    "early_education_from": None, "detained_since": None, "establishment_name": None,
    "needs_reconciliation": False, "reconcile_with_case_id": None, "reconcile_reason": None,
    "merged_into_case_id": None, "merged_on": None,
    "contacts": [{"role": "parent", "name": "Ngozi Okafor", "email": "ngozi@example.org",
                  "phone": None, "preferred_channel": "email"}],
    "version": 1}


class CaseRead(BaseModel):
    """A case: the child or young person, their standing today and their contacts."""

    model_config = ConfigDict(json_schema_extra={"examples": [CASE_READ_EXAMPLE]})

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
    legacy_ref: str | None = Field(default=None, description="the LA's own case reference")
    year_group: int
    is_young_person: bool
    has_plan: bool = False
    early_education_from: date | None = Field(
        default=None, description="R9.1: with a plan, 570 hours of free early education a "
        "year from this day (the term after the second birthday)")
    detained_since: date | None = None
    establishment_name: str | None = None
    needs_reconciliation: bool = Field(
        default=False, description="opened from a health notification or import whose "
        "identifier is held by another case with a different date of birth (or that looks "
        "like another case): a caseworker checks which child it is")
    reconcile_with_case_id: str | None = None
    reconcile_reason: str | None = None
    merged_into_case_id: str | None = Field(
        default=None, description="a caseworker found this the same child as that case: "
        "every record moved there and this case is closed (read that case instead)")
    merged_on: date | None = None
    contacts: list[ContactRead]
    version: int


class ContactsUpdate(BaseModel):
    """Every contact of the case, replacing those kept."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "contacts": [{"role": "parent", "name": "Ngozi Okafor", "email": "ngozi@example.org",
                      "preferred_channel": "email"},
                     {"role": "carer", "name": "Chidi Okafor", "phone": "+44 7700 900123",
                      "preferred_channel": "sms"}]}]})

    contacts: list[ContactIn] = Field(max_length=20)


class CaseSummaryRead(BaseModel):
    """A case as a search lists it."""

    id: str
    given_name: str
    family_name: str
    date_of_birth: date
    upn: str | None
    uln: str | None
    nhs_number: str | None
    caseworker_id: str | None
    team: str | None
    needs_reconciliation: bool


class CasePage(BaseModel):
    """One page of the cases a search found, in family name, given name order."""

    model_config = ConfigDict(json_schema_extra={"examples": [{
        "items": [{"id": "3f1d2c4e-8a7b-4c1d-9e2f-0a1b2c3d4e5f", "given_name": "Amara",
                   "family_name": "Okafor", "date_of_birth": "2019-03-14",
                   "upn": "A123456789012", "uln": None, "nhs_number": "9434765919",
                   "caseworker_id": "cw-17", "team": "north",
                   "needs_reconciliation": False}],
        "total": 1, "total_is_exact": True, "total_cap": 10000, "limit": 50, "offset": 0}]})

    items: list[CaseSummaryRead]
    total: int = Field(description="matching cases, counted up to total_cap + 1")
    total_is_exact: bool = Field(description="false when more than total_cap match")
    total_cap: int
    limit: int
    offset: int


class Identifiers(IdentifierChecks):
    """A child's identifiers, checked as when a case is opened."""

    upn: str | None = None
    uln: str | None = None
    nhs_number: str | None = None


class ReconciliationCreate(BaseModel):
    """A caseworker's answer to a case marked `needs_reconciliation`: another child
    (`different_child`, optionally with the identifiers checked with the family or the
    health body), or the child of the kept case (`same_child`: this case is merged into
    `reconcile_with_case_id`)."""

    model_config = ConfigDict(json_schema_extra={"examples": [
        {"outcome": "different_child", "identifiers": {"nhs_number": "485 777 3456"},
         "note": "Checked with the health visitor: a different child, NHS number corrected"},
        {"outcome": "same_child",
         "note": "Same child: the health body had the date of birth wrong"}]})

    outcome: Literal["different_child", "same_child"]
    identifiers: Identifiers | None = Field(
        default=None, description="different_child only: the child's corrected NHS number, "
        "UPN or ULN to record on this case (refused with 409 when another case of the LA "
        "holds one)")
    note: str = Field(min_length=1, max_length=2000,
                      description="why the caseworker decided so (kept on the timeline)")

    @model_validator(mode="after")
    def _identifiers_for_another_child_only(self) -> ReconciliationCreate:
        if self.outcome == "same_child" and self.identifiers is not None:
            raise ValueError("identifiers are recorded only for a different_child; the "
                             "same child keeps the identifiers of the case it is merged into")
        return self
