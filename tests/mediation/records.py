"""Typed records for the pure rule tests (no database)."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from mediation.domain.enums import (
    CaseStatus,
    DecisionKind,
    OpenedBy,
    OrganisationKind,
    PractitionerRole,
    SessionStatus,
    StepSource,
)
from mediation.domain.records import CaseRecord, PractitionerRecord, SessionRecord, StepRecord

D = date.fromisoformat
AT = datetime(2026, 3, 2, 9, tzinfo=UTC)

CASE = CaseRecord(
    id="mc-1", la_code="201", case_id="c-1", decision_id="d-1",
    decision_kind=DecisionKind.REFUSE_ASSESSMENT, decided_on=D("2026-03-02"),
    notified_on=D("2026-03-02"), sections_in_dispute=None,
    appellants=[{"name": "Ngozi Okafor"}], contact_adviser_by=D("2026-05-02"),
    status=CaseStatus.AWAITING_FAMILY_CHOICE, opened_by=OpenedBy.HAND, opened_at=AT)

MEDIATOR = PractitionerRecord(
    id="p-1", la_code="201", role=PractitionerRole.MEDIATOR, name="Sam Patel",
    organisation_code="CALM", organisation_name="Calm Mediation Ltd",
    organisation_kind=OrganisationKind.INDEPENDENT_PROVIDER, email=None, phone=None,
    created_at=AT)

SESSION = SessionRecord(
    id="s-1", la_code="201", mediation_case_id="mc-1", mediator_id="p-1",
    session_on=D("2026-03-30"), status=SessionStatus.BOOKED, location=None, moves=[],
    held_on=None, attendees=[], booked_at=AT)

STEP = StepRecord(
    id="st-1", la_code="201", mediation_case_id="mc-1", case_id="c-1",
    source=StepSource.TRIBUNAL_ORDER, source_id="o-1", kind="final_plan_due",
    description="issue the final EHC plan", responsible="la", due_on=D("2026-06-08"))


def case(**changes: Any) -> CaseRecord:
    return replace(CASE, **changes)
