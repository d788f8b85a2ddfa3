"""The stored records of the mediation service as typed values (what the repositories
return and save). Pure: no database types, only dates, strings and enums.

JSON columns hold plain lists and dicts (appellants, moves, attendees, parties,
recipients); statuses and kinds are their enums."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from .enums import (
    CaseStatus,
    CertificateBasis,
    DecisionKind,
    DisagreementStatus,
    FamilyChoice,
    MediationIssue,
    OpenedBy,
    OrderKind,
    OrganisationKind,
    Outcome,
    PractitionerRole,
    SessionStatus,
    StepSource,
)
from .model import Certificate, MediationCase

Json = dict[str, Any]


@dataclass(frozen=True, slots=True)
class CaseRecord:
    """One appealable decision and its mediation (table `mediation_case`)."""

    id: str
    la_code: str
    case_id: str
    decision_id: str
    decision_kind: DecisionKind
    decided_on: date
    notified_on: date
    sections_in_dispute: list[str] | None
    appellants: list[Json]
    contact_adviser_by: date
    status: CaseStatus
    opened_by: OpenedBy
    opened_at: datetime
    version: int = 1
    information_sent_on: date | None = None
    information_channel: str | None = None
    told_adviser_on: date | None = None
    choice: FamilyChoice | None = None
    issues: list[MediationIssue] | None = None
    section_i_only: bool = False
    health_provision_sought: str | None = None
    requested_on: date | None = None
    commissioning_body_org_code: str | None = None
    commissioning_body_name: str | None = None
    commissioning_body_told_on: date | None = None
    commissioning_body_joined: bool = False
    not_arranged_reported_on: date | None = None
    mediator_id: str | None = None
    adviser_id: str | None = None
    mediator_org_code: str | None = None
    adviser_org_code: str | None = None
    arranged_on: date | None = None
    concluded_on: date | None = None
    outcome: Outcome | None = None
    agreement_summary: str | None = None
    appeal_by: date | None = None

    @property
    def includes_health(self) -> bool:
        return self.commissioning_body_org_code is not None

    def model(self, certificates: tuple[Certificate, ...] = ()) -> MediationCase:
        """The pure view the statutory clocks work on (section I only narrows the dispute)."""
        sections = {"I"} if self.section_i_only else set(self.sections_in_dispute or ())
        return MediationCase(
            decision_kind=self.decision_kind, decided_on=self.decided_on,
            notified_on=self.notified_on, sections_in_dispute=frozenset(sections),
            issues=frozenset(self.issues or ()), choice=self.choice,
            told_adviser_on=self.told_adviser_on, requested_on=self.requested_on,
            commissioning_body_told_on=self.commissioning_body_told_on,
            not_arranged_reported_on=self.not_arranged_reported_on,
            arranged_on=self.arranged_on, concluded_on=self.concluded_on,
            outcome=self.outcome, certificates=certificates,
            ccg_joined=self.commissioning_body_joined)


@dataclass(frozen=True, slots=True)
class PractitionerRecord:
    """A registered independent mediator or mediation adviser (R6.8)."""

    id: str
    la_code: str
    role: PractitionerRole
    name: str
    organisation_code: str
    organisation_name: str
    organisation_kind: OrganisationKind
    email: str | None
    phone: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class SessionRecord:
    id: str
    la_code: str
    mediation_case_id: str
    mediator_id: str
    session_on: date
    status: SessionStatus
    location: str | None
    moves: list[dict[str, str]]
    held_on: date | None
    attendees: list[Json]
    booked_at: datetime


@dataclass(frozen=True, slots=True)
class CertificateRecord:
    id: str
    la_code: str
    mediation_case_id: str
    case_id: str
    certificate_no: str
    basis: CertificateBasis
    told_on: date
    due_on: date
    issued_on: date
    appeal_by: date
    parties: list[str]
    recipients: list[Json]
    issued_by: str
    created_at: datetime

    @property
    def on_time(self) -> bool:
        """Issued within 3 working days of what grounds it (R6.5-R6.7)."""
        return self.issued_on <= self.due_on

    @property
    def value(self) -> Certificate:
        return Certificate(self.basis, self.issued_on)


@dataclass(frozen=True, slots=True)
class AppealRecord:
    id: str
    la_code: str
    mediation_case_id: str
    case_id: str
    registered_on: date
    tribunal_reference: str | None
    appeal_by: date
    in_time: bool
    after_mediation: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class OrderRecord:
    id: str
    la_code: str
    appeal_id: str
    kind: OrderKind
    from_on: date
    section_i_only: bool
    amend_too: bool
    created_at: datetime


@dataclass(frozen=True, slots=True)
class StepRecord:
    """An agreed action (R6.10) or a Tribunal-order step (R6.11) with its own deadline."""

    id: str
    la_code: str
    mediation_case_id: str
    case_id: str
    source: StepSource
    source_id: str
    kind: str
    description: str
    responsible: str
    due_on: date
    done_on: date | None = None
    in_time: bool | None = None
    done_by_event_id: str | None = None
    done_by_event_type: str | None = None


@dataclass(frozen=True, slots=True)
class DisagreementRecord:
    """A request for disagreement resolution, tracked apart from mediation (R6.12)."""

    id: str
    la_code: str
    case_id: str
    mediation_case_id: str | None
    requested_on: date
    requested_by: str
    subject: str
    parties: list[str]
    status: DisagreementStatus
    closed_on: date | None
    summary: str | None
    created_at: datetime


@dataclass(frozen=True, slots=True)
class DeadlineRecord:
    """A row of the platform's deadline table that belongs to a case or a step."""

    id: str
    kind: str
    ref_id: str | None
    due_on: date
    status: str
    closed_on: date | None
