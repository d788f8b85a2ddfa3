"""Arranging mediation as pure rules, without a database (R6.6, R6.8)."""

from __future__ import annotations

import pytest

from mediation.arranging.rules import decide_assignment, decide_booking, decide_held, decide_move
from mediation.domain.enums import SessionStatus
from mediation.domain.errors import Conflict, RuleViolation
from tests.mediation.records import AT, MEDIATOR, SESSION, D, case

REQUESTED = case(requested_on=D("2026-03-10"))


def test_R6_8_decide_assignment_lets_the_mediators_organisation_see_the_case() -> None:
    assigned = decide_assignment(case(), MEDIATOR, None)
    assert (assigned.mediator_id, assigned.mediator_org_code, assigned.adviser_id) == (
        "p-1", "CALM", None)


def test_R6_6_the_first_booking_arranges_the_mediation() -> None:
    session, arranged = decide_booking(REQUESTED, MEDIATOR, session_id="s-9",
                                       session_on=D("2026-03-30"), arranged_on=D("2026-03-12"),
                                       location=None, booked_at=AT)
    assert (session.status, arranged.arranged_on, arranged.mediator_org_code) == (
        SessionStatus.BOOKED, D("2026-03-12"), "CALM")
    _, again = decide_booking(arranged, MEDIATOR, session_id="s-10",
                              session_on=D("2026-04-01"), arranged_on=D("2026-03-20"),
                              location=None, booked_at=AT)
    assert again.arranged_on == D("2026-03-12")


@pytest.mark.parametrize("requested_on", [None, D("2026-03-31")])
def test_R6_6_no_session_before_the_request(requested_on: object) -> None:
    with pytest.raises(RuleViolation, match="R6.6"):
        decide_booking(case(requested_on=requested_on), MEDIATOR, session_id="s",
                       session_on=D("2026-03-30"), arranged_on=D("2026-03-12"),
                       location=None, booked_at=AT)


def test_R6_6_a_moved_session_records_the_move_and_a_held_one_cannot_move() -> None:
    moved = decide_move(SESSION, REQUESTED, D("2026-04-08"), AT)
    assert (moved.status, moved.moves[0]["from"], moved.moves[0]["to"]) == (
        SessionStatus.MOVED, "2026-03-30", "2026-04-08")
    held = decide_held(moved, REQUESTED, D("2026-04-08"), [("parent", None)],
                       [{"name": "A", "role": "parent"}])
    assert held.status is SessionStatus.HELD
    with pytest.raises(Conflict):
        decide_move(held, REQUESTED, D("2026-04-09"), AT)


@pytest.mark.parametrize("attendees", [
    [("parent", None), ("supporter", None), ("supporter", None)],
    [("parent", None), ("child", False)],
])
def test_R6_8_who_may_attend(attendees: list[tuple[str, bool | None]]) -> None:
    with pytest.raises(RuleViolation, match="R6.8"):
        decide_held(SESSION, REQUESTED, D("2026-03-30"), attendees, [])
