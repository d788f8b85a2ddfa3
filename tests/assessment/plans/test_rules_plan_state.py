"""Which steps a plan's state allows (pure, no database): only an issued plan is amended,
re-assessed or ceased; a plan the LA maintains (issued, or with a cease under way) is
reviewed (R3.1) and exported to a new LA (R3.9)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from assessment.domain.errors import Conflict
from assessment.domain.records import PlanRecord
from assessment.domain.status import PlanOrigin, PlanStatus
from assessment.plans.rules import check_issued, check_maintained, is_maintained

NOW = datetime(2026, 3, 2, 9, tzinfo=UTC)


def plan(status: PlanStatus, issued: date | None = date(2025, 6, 2)) -> PlanRecord:
    return PlanRecord(id="p1", case_id="c1", la_code="201", status=status, current_version=1,
                      origin=PlanOrigin.NEW, version=1, created_at=NOW, updated_at=NOW,
                      first_issued_on=issued, last_issued_on=issued)


@pytest.mark.parametrize("status, issued_ok, maintained_ok", [
    (PlanStatus.DRAFT, False, False),
    (PlanStatus.ISSUED, True, True),
    (PlanStatus.CEASING, False, True),
    (PlanStatus.CEASED, False, False),
])
def test_which_states_allow_which_steps(status: PlanStatus, issued_ok: bool,
                                        maintained_ok: bool) -> None:
    record = plan(status, issued=None if status is PlanStatus.DRAFT else date(2025, 6, 2))
    if issued_ok:
        check_issued(record, "can be amended")
    else:
        with pytest.raises(Conflict) as refused:
            check_issued(record, "can be amended")
        assert refused.value.kind == "wrong-state"
        assert str(refused.value) == "Only an issued plan can be amended"
    if maintained_ok:
        assert check_maintained(record, "is reviewed") == date(2025, 6, 2)
    else:
        with pytest.raises(Conflict):
            check_maintained(record, "is reviewed")
    assert is_maintained(record) is maintained_ok


def test_a_plan_never_issued_is_neither_reviewed_nor_exported() -> None:
    with pytest.raises(Conflict):
        check_maintained(plan(PlanStatus.ISSUED, issued=None), "can be exported")
    assert is_maintained(None) is False
