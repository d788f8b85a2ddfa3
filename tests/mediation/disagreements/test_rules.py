"""Disagreement resolution as pure rules, without a database (R6.12)."""

from __future__ import annotations

import pytest

from mediation.disagreements.rules import decide_close
from mediation.domain.enums import DisagreementStatus
from mediation.domain.errors import Conflict, RuleViolation
from mediation.domain.records import DisagreementRecord
from tests.mediation.records import AT, D

OPEN = DisagreementRecord(
    id="dr-1", la_code="201", case_id="c-1", mediation_case_id=None,
    requested_on=D("2026-03-05"), requested_by="Parent", subject="transport",
    parties=["parent", "la"], status=DisagreementStatus.OPEN, closed_on=None, summary=None,
    created_at=AT)


def test_R6_12_an_open_request_closes_once_and_not_before_it_was_made() -> None:
    closed = decide_close(OPEN, DisagreementStatus.RESOLVED, D("2026-03-20"), "agreed")
    assert (closed.status, closed.closed_on) == (DisagreementStatus.RESOLVED, D("2026-03-20"))
    with pytest.raises(Conflict):
        decide_close(closed, DisagreementStatus.WITHDRAWN, D("2026-03-21"), None)
    with pytest.raises(RuleViolation, match="R6.12"):
        decide_close(OPEN, DisagreementStatus.RESOLVED, D("2026-03-04"), None)
