"""Every lifecycle and closed vocabulary of the budgets service (RULES.md §7)."""

from __future__ import annotations

from enum import StrEnum


class FundingStream(StrEnum):
    """Where the money of a budget component comes from (R7.4)."""

    EDUCATION = "education"  # high-needs funding
    HEALTH = "health"  # personal health budgets
    SOCIAL_CARE = "social_care"


class Mechanism(StrEnum):
    """How a component is delivered (R7.2)."""

    DIRECT_PAYMENT = "direct_payment"
    NOTIONAL = "notional"  # the LA spends at the family's direction
    THIRD_PARTY = "third_party"


class PolicyStatus(StrEnum):
    DRAFT = "draft"
    PUBLISHED = "published"
    SUPERSEDED = "superseded"


class PlanStage(StrEnum):
    """Where the case stands with its EHC plan, as assessment's events tell it (R7.1)."""

    ASSESSING = "assessing"
    NO_PLAN = "no_plan"
    PLAN_IN_PREPARATION = "plan_in_preparation"  # decided to make a plan; draft under way
    PLAN_MAINTAINED = "plan_maintained"
    REVIEW_OR_REASSESSMENT = "review_or_reassessment"
    CEASED = "ceased"


class RequestContext(StrEnum):
    """When a personal budget was asked for (R7.1)."""

    PLAN_IN_PREPARATION = "plan_in_preparation"
    REVIEW_OR_REASSESSMENT = "review_or_reassessment"


class BudgetStatus(StrEnum):
    """A personal budget from the request to its decision, refusal review and re-opening."""

    RECEIVED = "received"
    INFORMED = "informed"  # R7.3 information given
    PREPARED = "prepared"  # components set out (R7.2, R7.5)
    AGREED = "agreed"
    REFUSED = "refused"
    REVIEW_REQUESTED = "review_requested"  # R7.8
    REOPENED = "reopened"  # at an annual review or re-assessment (R7.9)


class Decision(StrEnum):
    AGREED = "agreed"
    REFUSED = "refused"


class DirectPaymentStatus(StrEnum):
    PENDING = "pending"  # conditions, setting agreement and consent to come
    ACTIVE = "active"
    STOPPED = "stopped"  # consent withdrawn (R7.9) or conditions no longer met


class SettingAgreement(StrEnum):
    """The school's or college's answer for provision on its premises (R7.7)."""

    NOT_NEEDED = "not_needed"
    REQUESTED = "requested"
    AGREED = "agreed"
    DECLINED = "declined"


class LedgerEntryKind(StrEnum):
    PAYMENT = "payment"  # the LA pays the recipient (credit)
    SPEND = "spend"  # the recipient spends on the agreed provision (debit)
    RECOVERY = "recovery"  # unspent money the LA takes back (debit)


class PaymentFrequency(StrEnum):
    MONTHLY = "monthly"
    FOUR_WEEKLY = "four_weekly"
    QUARTERLY = "quarterly"


class DirectPaymentReviewKind(StrEnum):
    FIRST = "first"  # within 3 months of the first payment arrangements (R7.9)
    ANNUAL = "annual"  # at each annual review of the plan (R7.9)
    REASSESSMENT = "reassessment"


class DeadlineKind(StrEnum):
    """The clocks budgets keeps in its deadline table (swept by the platform)."""

    DIRECT_PAYMENT_FIRST_REVIEW = "direct_payment_first_review"  # R7.9, 3 months
    DIRECT_PAYMENT_ANNUAL_REVIEW = "direct_payment_annual_review"  # R7.9, with the plan's
    SETTING_AGREEMENT_AWAITED = "setting_agreement_awaited"  # R7.7, the LA's standard
    BUDGET_REVIEW_REQUEST = "budget_review_request"  # R7.8, the LA's standard


class Sen2BudgetType(StrEnum):
    """The personal budget type of a plan in the SEN2 return (R13.1): organised arrangements
    only (notional or third party), direct payments only, or both."""

    ORGANISED_ARRANGEMENTS = "OA"
    DIRECT_PAYMENTS = "DP"
    BOTH = "OA+DP"
