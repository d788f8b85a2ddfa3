"""Every enum of the mediation service: decision kinds, choices, bases, outcomes and the
lifecycle of each record (RULES.md section 6). Pure values."""

from __future__ import annotations

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


class CaseStatus(StrEnum):
    """Where a mediation case stands; worked out from its steps (`cases.rules.status_of`)."""

    AWAITING_FAMILY_CHOICE = "awaiting_family_choice"
    MEDIATION_DECLINED = "mediation_declined"
    MEDIATION_REQUESTED = "mediation_requested"
    MEDIATION_ARRANGED = "mediation_arranged"
    MEDIATION_CONCLUDED = "mediation_concluded"
    CERTIFICATE_ISSUED = "certificate_issued"
    APPEALED = "appealed"


class OpenedBy(StrEnum):
    EVENT = "event"  # assessment's appealable-decision event
    HAND = "hand"  # a decision recorded outside sendsys


class PractitionerRole(StrEnum):
    MEDIATOR = "mediator"
    ADVISER = "adviser"


class SessionStatus(StrEnum):
    """A mediation session: booked, moved (still to take place), held or cancelled."""

    BOOKED = "booked"
    MOVED = "moved"
    HELD = "held"
    CANCELLED = "cancelled"

    @property
    def is_open(self) -> bool:
        return self in (SessionStatus.BOOKED, SessionStatus.MOVED)


class StepSource(StrEnum):
    """What set a compliance step: a mediation agreement (R6.10) or a Tribunal order (R6.11)."""

    AGREEMENT = "agreement"
    TRIBUNAL_ORDER = "tribunal_order"


class OrderKind(StrEnum):
    UNOPPOSED = "unopposed"
    ORDER = "order"


class DisagreementStatus(StrEnum):
    """Disagreement resolution (R6.12): open until resolved, not resolved or withdrawn."""

    OPEN = "open"
    RESOLVED = "resolved"
    NOT_RESOLVED = "not_resolved"
    WITHDRAWN = "withdrawn"

