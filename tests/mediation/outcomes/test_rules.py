"""The end of mediation as pure rules, without a database (R6.5, R6.7, R6.9, R6.10)."""

from __future__ import annotations

import pytest

from mediation.domain.enums import CertificateBasis, DeadlineKind, FamilyChoice, Outcome
from mediation.domain.errors import RuleViolation, WrongState
from mediation.outcomes.rules import Action, decide_certificate, decide_outcome
from tests.mediation.records import AT, D, case

ARRANGED = case(choice=FamilyChoice.MEDIATION, told_adviser_on=D("2026-03-10"),
                requested_on=D("2026-03-10"), arranged_on=D("2026-03-12"))


def _conclude(target: object = ARRANGED, outcome: Outcome = Outcome.AGREEMENT,
              actions: tuple[Action, ...] = (), timescale: bool = False) -> tuple:
    return decide_outcome(target, (), concluded_on=D("2026-03-30"),
                          outcome=outcome, agreement_summary=None, actions=actions,
                          different_timescale_agreed=timescale)


def test_R6_10_an_agreed_action_is_due_in_two_weeks() -> None:
    concluded, steps = _conclude(actions=(Action("Arrange SALT"),))
    assert concluded.outcome is Outcome.AGREEMENT
    assert [(s.kind, s.due_on) for s in steps] == [
        (DeadlineKind.AGREED_ACTION_DUE, D("2026-04-13"))]


def test_R6_10_with_another_timescale_each_action_needs_its_due_date() -> None:
    with pytest.raises(RuleViolation, match="R6.10"):
        _conclude(actions=(Action("Arrange SALT"),), timescale=True)
    with pytest.raises(RuleViolation, match="R6.10"):
        _conclude(outcome=Outcome.NO_AGREEMENT, actions=(Action("x"),))


def test_R6_7_only_an_arranged_mediation_concludes_and_only_once() -> None:
    with pytest.raises(WrongState, match="R6.7"):
        _conclude(case())
    with pytest.raises(WrongState, match="R6.7"):
        _conclude(_conclude()[0])


def test_R6_5_R6_9_a_declined_certificate_is_numbered_and_moves_the_appeal_deadline() -> None:
    declined = case(choice=FamilyChoice.DECLINED, told_adviser_on=D("2026-04-02"))
    issued = decide_certificate(declined, [], certificate_id="x", basis=CertificateBasis.DECLINED,
                                issued_on=D("2026-04-09"), seq=7, recipients=[],
                                issued_by="adviser", created_at=AT)
    assert (issued.certificate_no, issued.due_on, issued.on_time, issued.appeal_by) == (
        "201-2026-000007", D("2026-04-09"), True, D("2026-05-11"))
    with pytest.raises(RuleViolation, match="R6.5"):
        decide_certificate(declined, [issued], certificate_id="y",
                           basis=CertificateBasis.DECLINED, issued_on=D("2026-04-10"), seq=8,
                           recipients=[], issued_by="adviser", created_at=AT)
