"""The assessment service's domain vocabulary: enums and frozen value objects, no behaviour."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date
from enum import StrEnum


class RequesterType(StrEnum):
    """Who asked for, or brought the child or young person to the LA's attention (R1.1, R9.2)."""

    PARENT = "parent"
    YOUNG_PERSON = "young_person"
    SCHOOL = "school"
    POST16_INSTITUTION = "post16_institution"
    HEALTH_NOTIFICATION = "health_notification"
    OTHER_REFERRAL = "other_referral"
    DETENTION_ESTABLISHMENT = "detention_establishment"


class Decision(StrEnum):
    """LA decisions on a case (R1.4, R1.11, R1.14, R1.6, R3.4, R4)."""

    ASSESS = "assess"
    REFUSE_ASSESSMENT = "refuse_assessment"
    ISSUE_PLAN = "issue_plan"
    REFUSE_PLAN = "refuse_plan"
    REASSESS = "reassess"
    REFUSE_REASSESSMENT = "refuse_reassessment"
    ISSUE_AMENDED_PLAN = "issue_amended_plan"
    REFUSE_AMEND = "refuse_amend"
    CEASE_PLAN = "cease_plan"


class AdviceType(StrEnum):
    """Advice sought in an EHC needs assessment (R1.7, Regs reg 6(1))."""

    PARENT_OR_YOUNG_PERSON = "parent_or_young_person"  # reg 6(1)(a)
    EDUCATION = "education"
    HEALTH = "health"
    PSYCHOLOGY = "psychology"
    SOCIAL_CARE = "social_care"
    PREPARATION_FOR_ADULTHOOD = "preparation_for_adulthood"
    HEARING_VISION = "hearing_vision"
    OTHER = "other"
    FAMILY_NOMINATED = "family_nominated"


class ExceptionKind(StrEnum):
    """Exceptions excusing a missed time limit (R1.9 a-d; R1.10 for advice)."""

    SCHOOL_CLOSURE = "school_closure"  # R1.9(a)
    EARLY_YEARS_CLOSURE = "early_years_closure"  # R1.9(b)
    EXCEPTIONAL_PERSONAL_CIRCUMSTANCES = "exceptional_personal_circumstances"  # R1.9(c)
    ABSENT_FROM_AREA = "absent_from_area"  # R1.9(d)
    ADVICE_EXCEPTIONAL_CIRCUMSTANCES = "advice_exceptional_circumstances"  # R1.10
    ADVICE_ABSENT_FROM_AREA = "advice_absent_from_area"  # R1.10
    ADVICE_MISSED_APPOINTMENT = "advice_missed_appointment"  # R1.10


ASSESSMENT_EXCEPTIONS = frozenset({
    ExceptionKind.SCHOOL_CLOSURE, ExceptionKind.EARLY_YEARS_CLOSURE,
    ExceptionKind.EXCEPTIONAL_PERSONAL_CIRCUMSTANCES, ExceptionKind.ABSENT_FROM_AREA,
})
ADVICE_EXCEPTIONS = frozenset({
    ExceptionKind.ADVICE_EXCEPTIONAL_CIRCUMSTANCES, ExceptionKind.ADVICE_ABSENT_FROM_AREA,
    ExceptionKind.ADVICE_MISSED_APPOINTMENT,
})


class PlanSection(StrEnum):
    """EHC plan sections A-K (R2.1, Regs reg 12(1))."""

    A = "A"
    B = "B"
    C = "C"
    D = "D"
    E = "E"
    F = "F"
    G = "G"
    H1 = "H1"
    H2 = "H2"
    I = "I"  # noqa: E741 - the statutory name of the section
    J = "J"
    K = "K"


class ReviewOutcome(StrEnum):
    """The LA's decision after a review (R3.4)."""

    MAINTAIN = "maintain"
    AMEND = "amend"
    CEASE = "cease"


class CeaseGround(StrEnum):
    """The only two grounds for ceasing a plan (R4.1, CFA s.45(1))."""

    NO_LONGER_RESPONSIBLE = "no_longer_responsible"
    NO_LONGER_NECESSARY = "no_longer_necessary"


class PhaseTransferKind(StrEnum):
    """Transfers between phases of education (R3.6, Regs reg 2(1))."""

    EARLY_YEARS_TO_SCHOOL = "early_years_to_school"
    INFANT_TO_JUNIOR = "infant_to_junior"
    PRIMARY_TO_MIDDLE = "primary_to_middle"
    PRIMARY_TO_SECONDARY = "primary_to_secondary"
    MIDDLE_TO_SECONDARY = "middle_to_secondary"
    SECONDARY_TO_POST16 = "secondary_to_post16"


class PostSixteenSetting(StrEnum):
    """What the young person attends, which fixes when their 'academic year' ends (R4.4)."""

    SCHOOL_OR_OTHER = "school_or_other"
    FURTHER_EDUCATION = "further_education"
    APPRENTICESHIP = "apprenticeship"


class DeadlineKind(StrEnum):
    """Statutory clocks the service keeps; each value is stored in the deadline table."""

    DECIDE_WHETHER_TO_ASSESS = "decide_whether_to_assess"  # R1.4
    ADVICE_DUE = "advice_due"  # R1.8
    NOTIFY_NO_PLAN = "notify_no_plan"  # R1.11
    ISSUE_FINAL_PLAN = "issue_final_plan"  # R1.14
    DRAFT_COMMENTS_CLOSE = "draft_comments_close"  # R1.12, R0.3
    SCHOOL_CONSULTATION_REPLY = "school_consultation_reply"  # R1.13
    ANNUAL_REVIEW_DUE = "annual_review_due"  # R3.1
    REVIEW_ADVICE_CIRCULATED_BY = "review_advice_circulated_by"  # R3.3
    REVIEW_REPORT_DUE = "review_report_due"  # R3.4
    REVIEW_DECISION_DUE = "review_decision_due"  # R3.4
    AMENDED_PLAN_DUE = "amended_plan_due"  # R3.5
    PHASE_TRANSFER_NAMED_BY = "phase_transfer_named_by"  # R3.6
    POST16_TRANSFER_AMEND_BY = "post16_transfer_amend_by"  # R3.7
    REASSESSMENT_PLAN_DUE = "reassessment_plan_due"  # R3.8
    TRANSFER_PLAN_OUT = "transfer_plan_out"  # R3.9
    MOVED_IN_DECISION_DUE = "moved_in_decision_due"  # R3.9
    TRANSFER_REVIEW_DUE = "transfer_review_due"  # R5.2 (and the moved-in review, R3.9)
    DETAINED_PLAN_SEND_DUE = "detained_plan_send_due"  # R9.2
    UNDER5_REVIEW_PROMPT = "under5_review_prompt"  # R3.2


@dataclass(frozen=True, slots=True)
class RequestDeadlines:
    """The three clocks a request for an EHC needs assessment starts (R1.4, R1.11, R1.14)."""

    received_on: date
    decision_due_on: date
    no_plan_notice_due_on: date
    final_plan_due_on: date


@dataclass(frozen=True, slots=True)
class DraftWindow:
    """The draft plan's comment period (R0.3, R1.12)."""

    served_on: date
    comments_close_on: date
    earliest_final_on: date


@dataclass(frozen=True, slots=True)
class TimelineException:
    """A recorded exception (R0.5, R1.9, R1.10).

    For closures, `starts_on` is the first closed day and `ends_on` the day the institution
    re-opens; `advice_requested_on` is when its advice was asked for. For absences, `starts_on`
    is the first day away and `ends_on` the day of return. Circumstances need only evidence."""

    kind: ExceptionKind
    evidence: str
    starts_on: date | None = None
    ends_on: date | None = None
    advice_requested_on: date | None = None


@dataclass(frozen=True, slots=True)
class Timeliness:
    """How long a final plan took against its 20-week limit (R1.14, R0.5)."""

    due_on: date
    issued_on: date
    days_taken: int
    weeks_taken: float
    within_statutory_time: bool
    exception_applies: bool

    @property
    def excused_delay(self) -> bool:
        """Late, but excused by an exception (R0.5)."""
        return not self.within_statutory_time and self.exception_applies


@dataclass(frozen=True, slots=True)
class PlanContent:
    """The content of a draft or final EHC plan as far as the rules need it (R2.1, R2.2).

    `sections` maps a section to its text (missing or blank means empty);
    `preparation_for_adulthood_in` names the sections that carry preparation-for-adulthood
    provision; `advice_listed` is the advice listed in section K."""

    sections: Mapping[PlanSection, str]
    preparation_for_adulthood_in: frozenset[PlanSection] = frozenset()
    advice_listed: frozenset[AdviceType] = frozenset()
    personal_budget_requested: bool = False
    direct_payment: bool = False

    def has(self, section: PlanSection) -> bool:
        return bool(self.sections.get(section, "").strip())


@dataclass(frozen=True, slots=True)
class PhaseTransfer:
    """A transfer between phases and the date by which the plan must name the next place (R3.6)."""

    kind: PhaseTransferKind
    transfer_on: date
    named_by: date


@dataclass(frozen=True, slots=True)
class TimelinessFigures:
    """% of new plans issued within 20 weeks, including and excluding exception cases (R13.2)."""

    plans: int
    within: int
    percent_including_exceptions: float | None
    plans_excluding_exceptions: int
    within_excluding_exceptions: int
    percent_excluding_exceptions: float | None


class CaseStage(StrEnum):
    """Where a case stands, as a search finds it: a request in that status, or a plan."""

    AWAITING_DECISION = "awaiting_decision"  # R1.4
    ASSESSING = "assessing"  # R1.11, R1.14
    REFUSED = "refused"  # R1.5
    NO_PLAN = "no_plan"  # R1.11
    PLAN_DRAFTED = "plan_drafted"  # R1.12
    PLAN_MAINTAINED = "plan_maintained"  # an issued plan, or one being ceased
    PLAN_CEASED = "plan_ceased"  # R4


@dataclass(frozen=True, slots=True)
class CaseSearch:
    """What a search for a child asks for; every field given must match.

    `name` is matched word by word, each word a prefix of a word of the given or family
    name, ignoring case and accents; identifiers match exactly once normalised."""

    name: str | None = None
    date_of_birth: date | None = None
    upn: str | None = None
    uln: str | None = None
    nhs_number: str | None = None
    caseworker_id: str | None = None
    team: str | None = None
    stage: CaseStage | None = None
    open_deadline_kind: DeadlineKind | None = None
    has_open_deadlines: bool | None = None
    overdue: bool | None = None
    needs_reconciliation: bool | None = None
