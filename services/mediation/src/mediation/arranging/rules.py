"""Pure rules of arranging mediation: who is assigned, sessions booked, moved and held
(R6.6, R6.8). Each `decide_*` returns the changed records or raises."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime

from mediation.domain.enums import SessionStatus
from mediation.domain.errors import Conflict, RuleViolation
from mediation.domain.records import CaseRecord, PractitionerRecord, SessionRecord


def check_session_after_request(requested_on: date | None, session_on: date) -> None:
    """A mediation session cannot be booked for a day before mediation was asked for (R6.6)."""
    if requested_on is None:
        raise RuleViolation("R6.6", "mediation has not been requested", "requested_on")
    if session_on < requested_on:
        raise RuleViolation(
            "R6.6", f"session on {session_on} is before the request on {requested_on}", "session_on"
        )


def check_attendees(attendees: Sequence[tuple[str, bool | None]]) -> None:
    """The parties, one supporter of the family's choice, the child with consent (R6.8);
    each attendee as (role, consent)."""
    counts = Counter(role for role, _ in attendees)
    if counts["supporter"] > 1:
        raise RuleViolation("R6.8", "the family may bring one supporter", "attendees")
    if any(role == "child" and not consent for role, consent in attendees):
        raise RuleViolation("R6.8", "the child attends only with consent", "attendees")


def decide_assignment(case: CaseRecord, mediator: PractitionerRecord | None,
                      adviser: PractitionerRecord | None) -> CaseRecord:
    """The mediator and/or adviser assigned; their organisations then see the case."""
    if mediator is not None:
        case = replace(case, mediator_id=mediator.id,
                       mediator_org_code=mediator.organisation_code)
    if adviser is not None:
        case = replace(case, adviser_id=adviser.id, adviser_org_code=adviser.organisation_code)
    return case


def decide_booking(case: CaseRecord, mediator: PractitionerRecord, *, session_id: str,
                   session_on: date, arranged_on: date, location: str | None,
                   booked_at: datetime) -> tuple[SessionRecord, CaseRecord]:
    """A session not before the request (R6.6); the first booking arranges the mediation
    and stops the 30-day clock; the case keeps its first mediator."""
    check_session_after_request(case.requested_on, session_on)
    session = SessionRecord(
        id=session_id, la_code=case.la_code, mediation_case_id=case.id,
        mediator_id=mediator.id, session_on=session_on, status=SessionStatus.BOOKED,
        location=location, moves=[], held_on=None, attendees=[], booked_at=booked_at)
    case = replace(case, mediator_id=case.mediator_id or mediator.id,
                   mediator_org_code=case.mediator_org_code or mediator.organisation_code,
                   arranged_on=case.arranged_on or arranged_on)
    return session, case


def _check_open(session: SessionRecord) -> None:
    if not session.status.is_open:
        raise Conflict(f"The session is {session.status}")


def decide_move(session: SessionRecord, case: CaseRecord, session_on: date,
                moved_at: datetime) -> SessionRecord:
    """A session still to take place moves to another day, not before the request (R6.6)."""
    _check_open(session)
    check_session_after_request(case.requested_on, session_on)
    moves = [*session.moves, {"from": session.session_on.isoformat(),
                              "to": session_on.isoformat(), "moved_at": moved_at.isoformat()}]
    return replace(session, session_on=session_on, status=SessionStatus.MOVED, moves=moves)


def decide_held(session: SessionRecord, case: CaseRecord, held_on: date,
                attendees: Sequence[tuple[str, bool | None]],
                attendee_records: list[dict[str, object]]) -> SessionRecord:
    """The session took place, not before the request (R6.6), with who may attend (R6.8)."""
    _check_open(session)
    check_attendees(attendees)
    if case.requested_on is None or held_on < case.requested_on:
        raise RuleViolation("R6.6", f"held on {held_on}, before the request", "held_on")
    return replace(session, status=SessionStatus.HELD, held_on=held_on,
                   attendees=attendee_records)
