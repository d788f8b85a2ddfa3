"""State of a mediation case (RULES.md section 6). Pure values: no I/O, no clock."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class DecisionKind(StrEnum):
    """The appealable decisions of CFA s.51(2) (R6.1), as named in EVENTS.md."""

    REFUSE_ASSESSMENT = "refuse_assessment"  # s.51(2)(a)
    REFUSE_PLAN = "refuse_plan"  # s.51(2)(b)
    PLAN_CONTENTS = "plan_contents"  # s.51(2)(c)
    AMENDED_PLAN_CONTENTS = "amended_plan_contents"  # s.51(2)(c), after amendment/replacement
    REFUSE_AMEND = "refuse_amend"  # s.51(2)(e)
    CEASE_PLAN = "cease_plan"  # s.51(2)(f)
    REFUSE_REASSESSMENT = "refuse_reassessment"  # s.51(2)(d)


CONTENT_KINDS = frozenset(
    {DecisionKind.PLAN_CONTENTS, DecisionKind.AMENDED_PLAN_CONTENTS, DecisionKind.REFUSE_AMEND}
)
ASSESSMENT_KINDS = frozenset({DecisionKind.REFUSE_ASSESSMENT, DecisionKind.REFUSE_REASSESSMENT})


class MediationIssue(StrEnum):
    EDUCATION = "education"
    HEALTH = "health"
    SOCIAL_CARE = "social_care"


class FamilyChoice(StrEnum):
    """What the parent/young person tells the mediation adviser (R6.3)."""

    MEDIATION = "mediation"
    DECLINED = "declined"


class CertificateBasis(StrEnum):
    """Why a mediation certificate is issued (R6.5, R6.6, R6.7).

    EVENTS.md `send.mediation.certificate.issued.v1` knows only `declined` and `concluded`.
    A certificate issued because the LA could not arrange mediation within 30 days (R6.6) is
    the "deemed mediation" certificate: it stands where a mediation would have concluded, so
    it is published as `concluded` (`wire_value`) until a v2 event or an optional
    `basis_detail` field carries `not_arranged_in_time`. Reporting inside this service keeps
    the three bases apart.
    """

    DECLINED = "declined"
    NOT_ARRANGED_IN_TIME = "not_arranged_in_time"
    CONCLUDED = "concluded"

    @property
    def wire_value(self) -> str:
        """The `basis` value allowed by the v1 event (EVENTS.md)."""
        return "declined" if self is CertificateBasis.DECLINED else "concluded"


class Outcome(StrEnum):
    AGREEMENT = "agreement"
    PARTIAL = "partial"
    NO_AGREEMENT = "no_agreement"


class OrganisationKind(StrEnum):
    """Who employs a mediator or mediation adviser (R6.8)."""

    ENGLISH_LOCAL_AUTHORITY = "english_local_authority"
    WELSH_LOCAL_AUTHORITY = "welsh_local_authority"
    ICB = "icb"
    CCG = "ccg"  # abolished 1 July 2022, replaced by ICBs; kept for old records
    NHS_ENGLAND = "nhs_england"
    INDEPENDENT_PROVIDER = "independent_provider"
    OTHER = "other"


class DeadlineKind(StrEnum):
    """`deadline_kind` values of the mediation service's deadline events."""

    CONTACT_ADVISER_BY = "contact_adviser_by"  # R6.3
    CERTIFICATE_DUE = "certificate_due"  # R6.5-R6.7
    ARRANGE_MEDIATION_BY = "arrange_mediation_by"  # R6.6
    TELL_COMMISSIONING_BODY_BY = "tell_commissioning_body_by"  # R6.6
    AGREED_ACTION_DUE = "agreed_action_due"  # R6.10
    COMMISSIONING_BODY_NOTICE_DUE = "commissioning_body_notice_due"  # R6.10
    APPEAL_BY = "appeal_by"  # R6.9, R6.9a
    TRIBUNAL_ORDER_COMPLIANCE = "tribunal_order_compliance"  # R6.11, generic
    ASSESSMENT_NOTICE_DUE = "assessment_notice_due"  # R6.11: tell the family it goes ahead
    NO_PLAN_NOTICE_DUE = "no_plan_notice_due"  # R6.11
    FINAL_PLAN_DUE = "final_plan_due"  # R6.11
    DRAFT_PLAN_DUE = "draft_plan_due"  # R6.11 (refuse_plan, reg 44(2)(c))
    AMENDED_PLAN_DUE = "amended_plan_due"  # R6.11
    PLAN_CONTINUES = "plan_continues"  # R6.11 (cease_plan: maintain the plan, at once)


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
