"""Request and response models of the mediation API (cases and the family's choice)."""

from __future__ import annotations

from datetime import date
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field

from common.bounds import StatutoryDate
from common.http import Page
from mediation.domain.enums import DecisionKind, FamilyChoice, MediationIssue


def examples(*items: dict[str, Any]) -> ConfigDict:
    """OpenAPI examples for a request or response model."""
    return ConfigDict(json_schema_extra={"examples": list(items)})


def page_examples(item: type[BaseModel]) -> ConfigDict:
    """OpenAPI examples for a page of `item`: a page holding the item's first example."""
    extra = item.model_config.get("json_schema_extra")
    first = extra["examples"][0] if isinstance(extra, dict) else {}  # type: ignore[index]
    return examples({"items": [first], "total": 1, "limit": 50, "offset": 0})


class Appellant(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    email: str | None = Field(default=None, max_length=320)
    phone: str | None = Field(default=None, max_length=40)


AppellantRead = Appellant


class CommissioningBody(BaseModel):
    org_code: str = Field(min_length=1, max_length=20, description="ODS code of the ICB")
    name: str = Field(min_length=1, max_length=200)


class MediationCaseCreate(BaseModel):
    """A decision recorded outside sendsys (R6.1): open its mediation case by hand."""

    model_config = examples({
        "case_id": "3f1d2a7e-0000-4000-8000-000000000001", "decision_id": "LA-REF-2026-117",
        "decision_kind": "plan_contents", "decided_on": "2026-03-02",
        "notified_on": "2026-03-03", "sections_in_dispute": ["B", "F"],
        "appellants": [{"name": "Ngozi Okafor", "email": "ngozi@example.org"}]})

    case_id: str = Field(min_length=1, max_length=36)
    decision_id: str | None = Field(default=None, max_length=36,
                                    description="the LA's reference; generated when absent")
    decision_kind: DecisionKind
    decided_on: StatutoryDate
    notified_on: StatutoryDate
    sections_in_dispute: list[str] | None = None
    appellants: list[Appellant] = Field(min_length=1)


class InformationCreate(BaseModel):
    """The mediation information (R6.2) was sent with the decision notice."""

    model_config = examples({"sent_on": "2026-03-02", "channel": "email",
                             "items": ["right_to_mediation", "certificate_required",
                                       "adviser_contact", "time_limits",
                                       "tell_la_mediation_issues",
                                       "tell_la_health_provision_sought", "la_contact",
                                       "disagreement_resolution"]})

    sent_on: StatutoryDate
    channel: Literal["email", "post", "in_person", "portal", "other"] = "email"
    items: list[str] | None = Field(default=None, description="when given, checked against "
                                    "Regs reg 32 (R6.2) and disagreement resolution (R6.12)")


class ChoiceCreate(BaseModel):
    """What the family told the mediation adviser (R6.3, R6.4)."""

    model_config = examples(
        {"told_adviser_on": "2026-04-02", "choice": "declined", "issues": ["education"]},
        {"told_adviser_on": "2026-03-10", "choice": "mediation",
         "issues": ["education", "health"], "health_provision_sought": "speech and language",
         "commissioning_body": {"org_code": "QWE", "name": "NHS South West London ICB"}})

    told_adviser_on: StatutoryDate
    choice: FamilyChoice
    issues: list[MediationIssue] = Field(default_factory=list)
    section_i_only: bool = Field(default=False, description="the appeal is only about "
                                 "section I: no certificate needed (R6.4)")
    health_provision_sought: str | None = Field(default=None, max_length=2000)
    commissioning_body: CommissioningBody | None = None


class CommissioningBodyTold(BaseModel):
    model_config = examples({"told_on": "2026-03-11", "joined": True})

    told_on: StatutoryDate
    joined: bool = Field(default=True, description="joined to the LA's mediation (R6.6)")


class NotArrangedReport(BaseModel):
    """The adviser is told mediation was not arranged within 30 days (R6.6)."""

    model_config = examples({"reported_on": "2026-04-14"})

    reported_on: date


class MediationCaseRead(BaseModel):
    model_config = examples({
        "id": "b7e2c9a4-6f1d-4e8b-9c3a-2d5f7a1b8e60",
        "case_id": "3f1d2a7e-0000-4000-8000-000000000001", "decision_id": "LA-REF-2026-117",
        "decision_kind": "plan_contents", "decided_on": "2026-03-02",
        "notified_on": "2026-03-03", "sections_in_dispute": ["B", "F"],
        "appellants": [{"name": "Ngozi Okafor", "email": "ngozi@example.org"}],
        "contact_adviser_by": "2026-05-04", "status": "mediation_requested", "version": 4,
        "opened_by": "assessment", "information_sent_on": "2026-03-03",
        "information_missing": False, "told_adviser_on": "2026-03-10",
        "choice": "mediation", "issues": ["education", "health"], "section_i_only": False,
        "certificate_needed": True, "health_provision_sought": "speech and language therapy",
        "requested_on": "2026-03-10",
        "commissioning_body": {"org_code": "QWE", "name": "NHS South West London ICB"},
        "commissioning_body_told_on": "2026-03-11", "commissioning_body_joined": True})

    id: str
    case_id: str
    decision_id: str
    decision_kind: str
    decided_on: date
    notified_on: date
    sections_in_dispute: list[str] | None
    appellants: list[AppellantRead]
    contact_adviser_by: date
    status: str
    version: int
    opened_by: str
    information_sent_on: date | None = None
    information_missing: bool = Field(description="no record that the R6.2 information "
                                      "was sent")
    told_adviser_on: date | None = None
    choice: str | None = None
    issues: list[str] | None = None
    section_i_only: bool = False
    certificate_needed: bool
    health_provision_sought: str | None = None
    requested_on: date | None = None
    commissioning_body: CommissioningBody | None = None
    commissioning_body_told_on: date | None = None
    commissioning_body_joined: bool = False
    not_arranged_reported_on: date | None = None
    mediator_id: str | None = None
    adviser_id: str | None = None
    mediator_org_code: str | None = None
    adviser_org_code: str | None = None
    arranged_on: date | None = None
    concluded_on: date | None = None
    outcome: str | None = None
    agreement_summary: str | None = None
    appeal_by: date | None = None


class MediationCasePage(Page[MediationCaseRead]):
    model_config = page_examples(MediationCaseRead)


class DeadlineRead(BaseModel):
    model_config = examples({"id": "5e0c1a2b-8d7f-4c6e-9b1a-3f2e4d5c6b7a",
                             "kind": "mediation_certificate",
                             "ref_id": "c3e5a7b9-0000-4000-8000-00000000c001",
                             "due_on": "2026-04-09", "status": "closed",
                             "closed_on": "2026-04-09"})

    id: str
    kind: str
    ref_id: str | None
    due_on: date
    status: str
    closed_on: date | None
