"""The lifecycle of every record the service keeps: one enum per lifecycle, its values as
stored. Transitions between them are decided in each feature's `rules.py`."""

from __future__ import annotations

from enum import StrEnum


class RequestStatus(StrEnum):
    """A request for an EHC needs assessment (R1.4, R1.11, R1.12, R1.14)."""

    AWAITING_DECISION = "awaiting_decision"
    ASSESSING = "assessing"
    REFUSED = "refused"
    PLAN_DRAFTED = "plan_drafted"
    NO_PLAN = "no_plan"
    PLAN_ISSUED = "plan_issued"


class AssessDecision(StrEnum):
    """The answer to a request (R1.4)."""

    ASSESS = "assess"
    REFUSE = "refuse"


class PlanOutcome(StrEnum):
    """How an assessment ended (R1.11, R1.14)."""

    ISSUED = "issued"
    REFUSED = "refused"


class AdviceStatus(StrEnum):
    """Advice sought for an assessment (R1.7, R1.8)."""

    REQUESTED = "requested"
    RECEIVED = "received"


class PlanStatus(StrEnum):
    """An EHC plan (R1.12, R1.14, R3.9, R4)."""

    DRAFT = "draft"
    ISSUED = "issued"
    CEASING = "ceasing"
    CEASED = "ceased"
    TRANSFERRED_OUT = "transferred_out"


MAINTAINED = frozenset({PlanStatus.ISSUED, PlanStatus.CEASING})
ACTIVE = frozenset({PlanStatus.DRAFT, PlanStatus.ISSUED, PlanStatus.CEASING})


class PlanOrigin(StrEnum):
    """Where a plan came from."""

    NEW = "new"
    TRANSFER = "transfer"
    MOVED_IN = "moved_in"
    LEGACY = "legacy"


class VersionStage(StrEnum):
    DRAFT = "draft"
    FINAL = "final"


class VersionReason(StrEnum):
    """Why a plan version was made (the `reason` of plan.issued)."""

    NEW = "new"
    AMENDED = "amended"
    TRANSFER = "transfer"
    MOVED_IN = "moved_in"
    LEGACY = "legacy"


class SchoolRequestStatus(StrEnum):
    """A school or college the family asked for (R1.12, R1.13)."""

    REQUESTED = "requested"
    CONSULTED = "consulted"
    REPLIED = "replied"


class ReviewStatus(StrEnum):
    """A review of a plan (R3.3, R3.4)."""

    MEETING_SET = "meeting_set"
    REPORTED = "reported"
    DECIDED = "decided"


class CeaseStatus(StrEnum):
    """A proposal to cease a plan (R4.5, R6.1)."""

    CONSULTING = "consulting"
    DECIDED = "decided"
    APPEALED = "appealed"
    WITHDRAWN = "withdrawn"
    CEASED = "ceased"


class TransferStatus(StrEnum):
    """A move out to another LA or a transfer review (R3.9, R5)."""

    OPEN = "open"
    SENT = "sent"


class TransferKind(StrEnum):
    MOVED_OUT = "moved_out"
    STATEMENT = "statement"
    LDA = "lda"
