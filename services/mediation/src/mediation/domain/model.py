"""The pure view of a mediation case that the rules of RULES.md section 6 work on."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from .enums import (
    ASSESSMENT_KINDS,
    CONTENT_KINDS,
    CaseStatus,
    CertificateBasis,
    DeadlineKind,
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

__all__ = [
    "ASSESSMENT_KINDS", "CONTENT_KINDS", "CaseStatus", "Certificate", "CertificateBasis",
    "DeadlineKind", "DecisionKind", "DisagreementStatus", "FamilyChoice", "MediationCase",
    "MediationIssue", "OpenedBy", "OrderKind", "OrganisationKind", "Outcome",
    "PractitionerRole", "SessionStatus", "StepSource",
]


@dataclass(frozen=True, slots=True)
class Certificate:
    basis: CertificateBasis
    issued_on: date


@dataclass(frozen=True, slots=True)
class MediationCase:
    """What the rules need to know about one appealable decision and its mediation.

    `notified_on` is the date the written decision notice was *sent* (Regs reg 33,
    Tribunal Rules r.20(1)(c) count from it). `arranged_on` is the booked session date.
    """

    decision_kind: DecisionKind
    decided_on: date
    notified_on: date
    sections_in_dispute: frozenset[str] = frozenset()
    issues: frozenset[MediationIssue] = frozenset()
    choice: FamilyChoice | None = None
    told_adviser_on: date | None = None
    requested_on: date | None = None
    commissioning_body_told_on: date | None = None
    not_arranged_reported_on: date | None = None
    arranged_on: date | None = None
    concluded_on: date | None = None
    outcome: Outcome | None = None
    certificates: tuple[Certificate, ...] = ()
    health_issues: bool = False
    ccg_joined: bool = False

    @property
    def includes_health(self) -> bool:
        return self.health_issues or MediationIssue.HEALTH in self.issues

    @property
    def health_only(self) -> bool:
        return self.issues == frozenset({MediationIssue.HEALTH})

    @property
    def la_is_party(self) -> bool:
        """Health-only mediation is between the family and the commissioning body (R6.6)."""
        return not self.health_only

    def certificate(self, basis: CertificateBasis) -> Certificate | None:
        return next((c for c in self.certificates if c.basis is basis), None)

    @property
    def latest_certificate_on(self) -> date | None:
        return max((c.issued_on for c in self.certificates), default=None)
