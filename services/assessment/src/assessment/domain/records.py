"""Typed records of what the service keeps, as the repositories read them: one frozen
dataclass per table row, lifecycle fields carried as their enum (domain.status)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields, replace
from datetime import date, datetime
from enum import Enum
from typing import Any, TypeVar

from assessment.domain.status import (
    AdviceStatus,
    CeaseStatus,
    PlanOrigin,
    PlanStatus,
    RequestStatus,
    ReviewStatus,
    SchoolRequestStatus,
    TransferStatus,
    VersionStage,
)

R = TypeVar("R")


def from_row(cls: type[R], row: Mapping[Any, Any]) -> R:
    """The record of `cls` from a row mapping (columns it does not name are left out)."""
    return cls(**{f.name: row[f.name] for f in fields(cls)  # type: ignore[arg-type]
                  if f.name in row})


class Change:
    """A change a rule decided: a frozen dataclass whose fields are the record's columns to
    set. `values()` is what the repository writes; `applied_to` the record as it now is."""

    def values(self) -> dict[str, Any]:
        return {f.name: _stored(getattr(self, f.name))
                for f in fields(self)}  # type: ignore[arg-type]

    def applied_to(self, record: R) -> R:
        return replace(record, **{f.name: getattr(self, f.name)  # type: ignore[type-var]
                                  for f in fields(self)})  # type: ignore[arg-type]


def stored(record: Any) -> dict[str, Any]:
    """A record's fields as the table stores them (enums by value)."""
    return {f.name: _stored(getattr(record, f.name)) for f in fields(record)}


def _stored(value: Any) -> Any:
    return value.value if isinstance(value, Enum) else value


def _coerce(record: Any, name: str, kind: type) -> None:
    value = getattr(record, name)
    if value is not None and not isinstance(value, kind):
        object.__setattr__(record, name, kind(value))



@dataclass(frozen=True, slots=True)
class CaseRecord:
    id: str
    la_code: str
    given_name: str
    family_name: str
    date_of_birth: date
    version: int
    created_at: datetime
    updated_at: datetime
    upn: str | None = None
    uln: str | None = None
    nhs_number: str | None = None
    home_la_code: str | None = None
    setting_name: str | None = None
    setting_urn: str | None = None
    setting_ukprn: str | None = None
    caseworker_id: str | None = None
    team: str | None = None
    setting_type: str | None = None
    icb_org_code: str | None = None
    icb_name: str | None = None
    detained_since: date | None = None
    establishment_name: str | None = None
    yot_name: str | None = None
    legacy_ref: str | None = None
    needs_reconciliation: bool = False
    reconcile_with_case_id: str | None = None
    reconcile_reason: str | None = None


@dataclass(frozen=True, slots=True)
class CaseSummary:
    """A case as a search lists it: who the child is and who holds the case."""

    id: str
    given_name: str
    family_name: str
    date_of_birth: date
    upn: str | None = None
    uln: str | None = None
    nhs_number: str | None = None
    caseworker_id: str | None = None
    team: str | None = None
    needs_reconciliation: bool = False


@dataclass(frozen=True, slots=True)
class RequestRecord:
    id: str
    case_id: str
    la_code: str
    requester_type: str
    received_on: date
    decision_due_on: date
    no_plan_notice_due_on: date
    final_plan_due_on: date
    repeat_within_six_months: bool
    status: RequestStatus
    created_at: datetime
    requester_name: str | None = None
    decision: str | None = None
    decided_on: date | None = None
    notified_on: date | None = None
    decision_reasons: str | None = None
    notifier_org_code: str | None = None
    referral_source: str | None = None
    parent_informed_on: date | None = None
    plan_outcome: str | None = None
    plan_outcome_on: date | None = None
    plan_outcome_notified_on: date | None = None
    last_assessment_ended_on: date | None = None

    def __post_init__(self) -> None:
        _coerce(self, "status", RequestStatus)


@dataclass(frozen=True, slots=True)
class AdviceRecord:
    id: str
    case_id: str
    request_id: str
    la_code: str
    advice_type: str
    recipient_kind: str
    recipient_name: str
    requested_on: date
    due_on: date
    status: AdviceStatus
    created_at: datetime
    recipient_org_code: str | None = None
    received_on: date | None = None
    author: str | None = None
    summary: str | None = None

    def __post_init__(self) -> None:
        _coerce(self, "status", AdviceStatus)


@dataclass(frozen=True, slots=True)
class ExceptionRecord:
    id: str
    case_id: str
    la_code: str
    kind: str
    evidence: str
    recorded_on: date
    created_at: datetime
    request_id: str | None = None
    advice_request_id: str | None = None
    starts_on: date | None = None
    ends_on: date | None = None
    advice_requested_on: date | None = None


@dataclass(frozen=True, slots=True)
class PlanRecord:
    id: str
    case_id: str
    la_code: str
    status: PlanStatus
    current_version: int
    origin: PlanOrigin
    version: int
    created_at: datetime
    updated_at: datetime
    request_id: str | None = None
    first_issued_on: date | None = None
    last_issued_on: date | None = None
    next_review_due_on: date | None = None
    ceased_on: date | None = None
    cease_ground: str | None = None
    legacy_ref: str | None = None

    def __post_init__(self) -> None:
        _coerce(self, "status", PlanStatus)
        _coerce(self, "origin", PlanOrigin)


@dataclass(frozen=True, slots=True)
class VersionRecord:
    id: str
    plan_id: str
    number: int
    stage: VersionStage
    reason: str
    sections: Any
    preparation_for_adulthood_in: Any
    advice_listed: Any
    personal_budget_requested: bool
    direct_payment: bool
    created_at: datetime
    setting_name: str | None = None
    setting_type: str | None = None
    sent_on: date | None = None
    comments_due_on: date | None = None
    earliest_final_on: date | None = None
    issued_on: date | None = None

    def __post_init__(self) -> None:
        _coerce(self, "stage", VersionStage)


@dataclass(frozen=True, slots=True)
class CommentRecord:
    id: str
    plan_id: str
    version_number: int
    author_role: str
    author: str
    body: str
    received_on: date
    wants_meeting: bool
    section: str | None = None


@dataclass(frozen=True, slots=True)
class SchoolRequestRecord:
    id: str
    plan_id: str
    case_id: str
    setting_name: str
    setting_type: str
    requested_on: date
    status: SchoolRequestStatus
    setting_urn: str | None = None
    consulted_on: date | None = None
    reply_due_on: date | None = None
    replied_on: date | None = None
    response: str | None = None

    def __post_init__(self) -> None:
        _coerce(self, "status", SchoolRequestStatus)


@dataclass(frozen=True, slots=True)
class ReviewRecord:
    id: str
    case_id: str
    plan_id: str
    la_code: str
    kind: str
    due_on: date
    status: ReviewStatus
    created_at: datetime
    meeting_on: date | None = None
    invited_on: date | None = None
    advice_circulated_by: date | None = None
    advice_circulated_on: date | None = None
    report_due_on: date | None = None
    report_on: date | None = None
    decision_due_on: date | None = None
    outcome: str | None = None
    decided_on: date | None = None
    amended_plan_due_on: date | None = None
    next_review_due_on: date | None = None

    def __post_init__(self) -> None:
        _coerce(self, "status", ReviewStatus)


@dataclass(frozen=True, slots=True)
class CeaseProposalRecord:
    id: str
    case_id: str
    plan_id: str
    ground: str
    detail: str
    consulted_on: date
    status: CeaseStatus
    decided_on: date | None = None
    notified_on: date | None = None
    ceases_on: date | None = None
    appeal_lodged_on: date | None = None
    appeal_outcome: str | None = None

    def __post_init__(self) -> None:
        _coerce(self, "status", CeaseStatus)


@dataclass(frozen=True, slots=True)
class TransferRecord:
    id: str
    case_id: str
    la_code: str
    kind: str
    due_on: date
    status: TransferStatus
    created_at: datetime
    other_la_code: str | None = None
    plan_id: str | None = None
    moves_on: date | None = None
    learned_on: date | None = None
    notice_on: date | None = None
    started_on: date | None = None
    completed_on: date | None = None


    def __post_init__(self) -> None:
        _coerce(self, "status", TransferStatus)


@dataclass(frozen=True, slots=True)
class ContactRecord:
    id: str
    case_id: str
    role: str
    name: str
    preferred_channel: str
    position: int
    email: str | None = None
    phone: str | None = None
    postal_address: dict[str, Any] | None = None


@dataclass(frozen=True, slots=True)
class RequestingCase:
    """A case as a new request needs it: the day its last EHC needs assessment ended (a final
    plan issued, or the notice that no plan will be made), if ever (R1.6, CFA s.36(6))."""

    case: CaseRecord
    last_assessment_ended_on: date | None
    merged_into_case_id: str | None = None  # a case merged into another takes no request


@dataclass(frozen=True, slots=True)
class CaseKey:
    """A case as an event about it needs it: its id and LA."""

    id: str
    la_code: str


@dataclass(frozen=True, slots=True)
class DeadlineRecord:
    """A statutory clock as the work tray and the timeline show it."""

    id: str
    case_id: str
    kind: str
    due_on: date
    status: str
    closed_on: date | None = None
    ref_id: str | None = None
    owner_team: str | None = None
    owner_caseworker_id: str | None = None
    given_name: str | None = None
    family_name: str | None = None
    date_of_birth: date | None = None


@dataclass(frozen=True, slots=True)
class TimelineEntryRecord:
    event_type: str
    occurred_on: date
    data: Any


@dataclass(frozen=True, slots=True)
class IssuedPlan:
    """A new plan first issued, with the day its request was received (R13.2)."""

    request_id: str
    received_on: date
    first_issued_on: date
