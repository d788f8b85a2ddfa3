"""Which steps a record's state allows (pure, no database): only an issued plan is
amended, re-assessed, ceased or transferred; a plan the LA maintains (issued, or with a
cease under way) is reviewed (R3.1) and exported (R3.9); a draft is revised before the
final (R1.12); advice and the draft need the decision to assess (R1.7, R1.12); a plan
ceases on a decided proposal, never while its appeal is pending (R4.5)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from assessment.ceasing.rules import check_decided
from assessment.domain.errors import Conflict, RuleViolation
from assessment.domain.model import PhaseTransfer, PhaseTransferKind
from assessment.domain.records import (
    CeaseProposalRecord,
    PlanRecord,
    RequestRecord,
    TransferRecord,
    VersionRecord,
)
from assessment.domain.status import (
    CeaseStatus,
    PlanOrigin,
    PlanStatus,
    RequestStatus,
    TransferKind,
    TransferStatus,
    VersionStage,
)
from assessment.plans.rules import (
    check_draft_revisable,
    check_issued,
    check_maintained,
    check_transferable,
    is_maintained,
)
from assessment.requests.rules import check_assessing
from assessment.transfers.rules import check_phase_transfer_ahead, decide_sent

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


def version(stage: VersionStage) -> VersionRecord:
    return VersionRecord(id="v1", plan_id="p1", number=1, stage=stage, reason="new",
                         sections={}, preparation_for_adulthood_in=None, advice_listed=[],
                         personal_budget_requested=False, direct_payment=False,
                         created_at=NOW, sent_on=date(2026, 2, 2))


def test_r1_12_only_a_draft_not_yet_final_is_revised() -> None:
    draft = version(VersionStage.DRAFT)
    assert check_draft_revisable(plan(PlanStatus.DRAFT, issued=None), draft) is draft
    for found, current in [(plan(PlanStatus.DRAFT, issued=None), None),
                           (plan(PlanStatus.DRAFT, issued=None), version(VersionStage.FINAL)),
                           (plan(PlanStatus.ISSUED), draft)]:
        with pytest.raises(Conflict) as refused:
            check_draft_revisable(found, current)
        assert refused.value.kind == "wrong-state"


def test_r3_9_only_an_issued_plan_goes_to_another_la() -> None:
    issued = plan(PlanStatus.ISSUED)
    assert check_transferable(issued) is issued
    for found in (None, plan(PlanStatus.CEASING), plan(PlanStatus.DRAFT, issued=None)):
        with pytest.raises(Conflict):
            check_transferable(found)


def request(status: RequestStatus, decided_on: date | None) -> RequestRecord:
    return RequestRecord(id="r1", case_id="c1", la_code="201", requester_type="parent",
                         received_on=date(2026, 1, 5), decision_due_on=date(2026, 2, 16),
                         no_plan_notice_due_on=date(2026, 4, 27),
                         final_plan_due_on=date(2026, 5, 25), repeat_within_six_months=False,
                         status=status, created_at=NOW, decided_on=decided_on)


def test_r1_7_r1_12_advice_and_the_draft_need_the_decision_to_assess() -> None:
    decided = date(2026, 2, 9)
    assert check_assessing(request(RequestStatus.ASSESSING, decided), "no") == decided
    for status, on in [(RequestStatus.AWAITING_DECISION, None), (RequestStatus.REFUSED, decided),
                       (RequestStatus.PLAN_ISSUED, decided), (RequestStatus.ASSESSING, None)]:
        with pytest.raises(Conflict) as refused:
            check_assessing(request(status, on), "Advice is sought once the LA has decided")
        assert str(refused.value) == "Advice is sought once the LA has decided"


def proposal(status: CeaseStatus) -> CeaseProposalRecord:
    return CeaseProposalRecord(id="x1", case_id="c1", plan_id="p1", ground="no_longer_necessary",
                               detail="needs met", consulted_on=date(2026, 1, 5), status=status,
                               decided_on=date(2026, 2, 2), ceases_on=date(2026, 4, 1))


def test_r4_5_a_plan_ceases_on_a_decided_proposal_and_not_while_appealed() -> None:
    check_decided(proposal(CeaseStatus.DECIDED), date(2026, 4, 1))
    with pytest.raises(RuleViolation) as pending:
        check_decided(proposal(CeaseStatus.APPEALED), date(2026, 4, 1))
    assert pending.value.rule == "R4.5"
    for status in (CeaseStatus.CONSULTING, CeaseStatus.WITHDRAWN, CeaseStatus.CEASED):
        with pytest.raises(Conflict):
            check_decided(proposal(status), date(2026, 4, 1))


def move(kind: TransferKind, status: TransferStatus, plan_id: str | None) -> TransferRecord:
    return TransferRecord(id="t1", case_id="c1", la_code="201", kind=kind.value,
                          due_on=date(2026, 4, 1), status=status, created_at=NOW,
                          plan_id=plan_id)


def test_r3_9_only_an_open_move_out_with_its_plan_is_sent() -> None:
    sent = decide_sent(move(TransferKind.MOVED_OUT, TransferStatus.OPEN, "p1"), date(2026, 3, 2))
    assert sent.status is TransferStatus.SENT and sent.completed_on == date(2026, 3, 2)
    for refused in (move(TransferKind.MOVED_OUT, TransferStatus.SENT, "p1"),
                    move(TransferKind.MOVED_OUT, TransferStatus.OPEN, None),
                    move(TransferKind.LDA, TransferStatus.OPEN, "p1")):
        with pytest.raises(Conflict):
            decide_sent(refused, date(2026, 3, 2))


def test_r3_6_a_phase_transfer_is_planned_for_an_issued_plan_with_one_ahead() -> None:
    ahead = PhaseTransfer(kind=PhaseTransferKind.PRIMARY_TO_SECONDARY,
                          transfer_on=date(2026, 9, 1), named_by=date(2026, 2, 14))
    assert check_phase_transfer_ahead(ahead, plan(PlanStatus.ISSUED)) is ahead
    for upcoming, found in [(None, plan(PlanStatus.ISSUED)), (ahead, plan(PlanStatus.CEASING))]:
        with pytest.raises(Conflict):
            check_phase_transfer_ahead(upcoming, found)
