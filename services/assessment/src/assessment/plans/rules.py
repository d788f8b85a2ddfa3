"""Pure rules of an EHC plan's lifecycle: its content as the rules see it (R2.1, R2.2),
why a version is made and what issuing it changes (R1.14, R3.1, R3.5)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from assessment.domain import rules
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.model import AdviceType, PlanContent, PlanSection
from assessment.domain.records import Change, PlanRecord, SchoolRequestRecord, VersionRecord
from assessment.domain.status import (
    MAINTAINED,
    PlanOrigin,
    PlanStatus,
    SchoolRequestStatus,
    VersionReason,
    VersionStage,
)


def check_issued(plan: PlanRecord, step: str) -> None:
    """Only an issued plan is amended, re-assessed or ceased (409 `wrong-state`)."""
    if plan.status is not PlanStatus.ISSUED:
        raise Conflict(f"Only an issued plan {step}", kind="wrong-state")


def check_maintained(plan: PlanRecord, step: str) -> date:
    """A plan the LA maintains (issued, or issued with a cease under way) is reviewed or
    exported (409 `wrong-state`); returns the day it was first issued."""
    if plan.status not in MAINTAINED or plan.first_issued_on is None \
            or plan.last_issued_on is None:
        raise Conflict(f"Only an issued plan {step}", kind="wrong-state")
    return plan.first_issued_on


def check_draft_revisable(plan: PlanRecord, current: VersionRecord | None) -> VersionRecord:
    """R1.12: a draft is revised (and served again) only before the final plan; returns the
    draft version."""
    if plan.status is not PlanStatus.DRAFT or current is None \
            or current.stage is not VersionStage.DRAFT:
        raise Conflict("Only a draft plan not yet finalised can be revised", kind="wrong-state")
    return current


def check_transferable(plan: PlanRecord | None) -> PlanRecord:
    """R3.9: only an issued plan goes with a family to another LA."""
    if plan is None or plan.status is not PlanStatus.ISSUED:
        raise Conflict("The case has no issued plan to transfer", kind="wrong-state")
    return plan


def is_maintained(plan: PlanRecord | None) -> bool:
    return plan is not None and plan.status in MAINTAINED


FIRST_REASON = {PlanOrigin.TRANSFER: VersionReason.TRANSFER,
                PlanOrigin.MOVED_IN: VersionReason.MOVED_IN}


@dataclass(frozen=True, slots=True)
class PlanIssued(Change):
    status: PlanStatus
    last_issued_on: date
    current_version: int
    updated_at: datetime


@dataclass(frozen=True, slots=True)
class FirstIssued(Change):
    first_issued_on: date
    next_review_due_on: date


def plan_content(sections: Mapping[PlanSection, str],
                 preparation_for_adulthood_in: Iterable[PlanSection] = (),
                 advice_listed: Iterable[AdviceType] = (), *,
                 personal_budget_requested: bool = False, direct_payment: bool = False,
                 section_i: str | None = None) -> PlanContent:
    """The plan's content, with section I's text when a placement is named."""
    by_section = {PlanSection(k): v for k, v in sections.items()}
    if section_i:
        by_section[PlanSection.I] = section_i
    return PlanContent(sections=by_section,
                       preparation_for_adulthood_in=frozenset(preparation_for_adulthood_in),
                       advice_listed=frozenset(advice_listed),
                       personal_budget_requested=personal_budget_requested,
                       direct_payment=direct_payment)


def stored_content(content: PlanContent) -> dict[str, Any]:
    """The version's columns for this content (sections by letter, lists sorted)."""
    return {"sections": {k.value: v for k, v in content.sections.items()},
            "preparation_for_adulthood_in": sorted(s.value for s in
                                                   content.preparation_for_adulthood_in),
            "advice_listed": sorted(a.value for a in content.advice_listed),
            "personal_budget_requested": content.personal_budget_requested,
            "direct_payment": content.direct_payment}


def final_content(draft: VersionRecord, changes: Mapping[str, Any],
                  section_i: str) -> PlanContent:
    """R1.14: the final plan is the latest draft with the changes the final request sends
    (a section's text replaced, an empty text clearing it; a list or flag replaced) and
    section I naming the placement (its own text when the request sends `sections.I`)."""
    sections = {PlanSection(k): v for k, v in (draft.sections or {}).items()}
    sections.update({PlanSection(k): v for k, v in (changes.get("sections") or {}).items()})
    named = sections.pop(PlanSection.I, "")
    return plan_content(
        sections,
        [PlanSection(x) for x in changes.get("preparation_for_adulthood_in",
                                             draft.preparation_for_adulthood_in or ())],
        [AdviceType(x) for x in changes.get("advice_listed", draft.advice_listed or ())],
        personal_budget_requested=changes.get("personal_budget_requested",
                                              draft.personal_budget_requested),
        direct_payment=changes.get("direct_payment", draft.direct_payment),
        section_i=named.strip() or section_i)


def section_i_label(setting_name: str | None, setting_type: str) -> str:
    """R2.1: section I names the school or other institution, or its type."""
    return f"{setting_name} ({setting_type})" if setting_name else setting_type


def issue_reason(found: PlanRecord) -> VersionReason:
    """A plan issued before is amended (R3.5); otherwise it is new, from a transfer review
    (R5) or moved in from another LA (R3.9)."""
    if found.first_issued_on:
        return VersionReason.AMENDED
    return FIRST_REASON.get(PlanOrigin(found.origin), VersionReason.NEW)


def decide_issue(found: PlanRecord, reason: VersionReason, issued_on: date,
                 now: datetime) -> PlanIssued:
    """R1.14, R3.5: the final (or final amended) plan becomes the plan's next version."""
    return PlanIssued(status=PlanStatus.ISSUED, last_issued_on=issued_on,
                      current_version=found.current_version + 1, updated_at=now)


def first_issue(issued_on: date, review_due_on: date | None = None) -> FirstIssued:
    """R3.1: a first issue starts the 12-month review clock."""
    return FirstIssued(first_issued_on=issued_on,
                       next_review_due_on=review_due_on or rules.annual_review_due_on(issued_on))



@dataclass(frozen=True, slots=True)
class SchoolConsulted(Change):
    status: SchoolRequestStatus
    consulted_on: date
    reply_due_on: date


@dataclass(frozen=True, slots=True)
class SchoolReplied(Change):
    status: SchoolRequestStatus
    replied_on: date
    response: str


def decide_consultation(school: SchoolRequestRecord, consulted_on: date) -> SchoolConsulted:
    """R1.13: the school is consulted (once) after it was asked for and should reply in 15
    days."""
    if school.status is not SchoolRequestStatus.REQUESTED:
        raise Conflict("This school has already been consulted")
    _not_before(consulted_on, school.requested_on, "consulted_on", "the request", "R1.13")
    return SchoolConsulted(status=SchoolRequestStatus.CONSULTED, consulted_on=consulted_on,
                           reply_due_on=rules.school_consultation_reply_due_on(consulted_on))


def decide_reply(school: SchoolRequestRecord, replied_on: date, response: str) -> SchoolReplied:
    """R1.13: the school replies (once) after it was consulted."""
    if school.status is not SchoolRequestStatus.CONSULTED:
        raise Conflict("The school has not been consulted, or has replied")
    _not_before(replied_on, school.consulted_on, "replied_on", "the consultation", "R1.13")
    return SchoolReplied(status=SchoolRequestStatus.REPLIED, replied_on=replied_on,
                         response=response)


def _not_before(day: date, earlier: date | None, field: str, what: str, rule: str) -> None:
    if earlier is not None and day < earlier:
        raise RuleViolation(rule, f"{field} is before {what} ({earlier})", field)


def decide_section_j(found: PlanRecord | None, current: VersionRecord | None,
                     section_j_text: str, has_direct_payment: bool) -> dict[str, Any] | None:
    """R2.1, R7.10: Section J from the personal budget goes into the plan's current version
    while it is a draft (a new or amended plan being prepared); the new values of that
    version, or None when there is no draft to write into (a final plan is changed only by
    its next amendment, which takes the section again)."""
    if found is None or found.status not in (PlanStatus.DRAFT, PlanStatus.ISSUED) \
            or current is None or current.stage is not VersionStage.DRAFT:
        return None
    return {"sections": {**current.sections, PlanSection.J.value: section_j_text},
            "personal_budget_requested": True, "direct_payment": has_direct_payment}
