"""The pure rules of the budgets service (RULES.md §7), with no database."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from budgets.budgets import rules as budget_rules
from budgets.direct_payments import rules as dp_rules
from budgets.domain.enums import (
    BudgetStatus,
    DirectPaymentStatus,
    FundingStream,
    LedgerEntryKind,
    Mechanism,
    PaymentFrequency,
    PlanStage,
    PolicyStatus,
    RequestContext,
    Sen2BudgetType,
    SettingAgreement,
)
from budgets.domain.errors import RuleViolation
from budgets.domain.model import (
    BudgetState,
    Component,
    DirectPaymentState,
    PolicyContent,
    ServiceInScope,
)
from budgets.domain.money import pence
from budgets.eligibility.rules import PlanSignal, decide_request, next_stage
from budgets.policy import rules as policy_rules
from budgets.reporting.rules import sen2_type
from budgets.section_j.rules import compose
from common import calendar

TODAY = date(2026, 3, 2)
E, H, SC = FundingStream.EDUCATION, FundingStream.HEALTH, FundingStream.SOCIAL_CARE


def _policy(*streams: FundingStream) -> PolicyContent:
    return PolicyContent(tuple(ServiceInScope(f"service {s.value}", s) for s in streams),
                         "high-needs top-up, personal health budgets, social care",
                         (Mechanism.DIRECT_PAYMENT, Mechanism.NOTIONAL),
                         ("an EHC plan is being prepared or maintained",),
                         "a panel decides within 4 weeks")


def test_r7_4_a_policy_names_services_in_every_stream_before_it_is_published() -> None:
    policy_rules.decide_publish(PolicyStatus.DRAFT, _policy(E, H, SC), TODAY, TODAY)
    with pytest.raises(RuleViolation) as refused:
        policy_rules.decide_publish(PolicyStatus.DRAFT, _policy(E, SC), TODAY, TODAY)
    assert (refused.value.rule, refused.value.field) == ("R7.4", "services")
    assert "health" in refused.value.message


def test_r7_4_funding_mechanisms_criteria_and_process_are_all_set_out() -> None:
    bare = PolicyContent(_policy(E, H, SC).services, " ", (), ("",), "")
    assert {p.field for p in policy_rules.policy_problems(bare)} == {
        "funding_arrangements", "decision_process", "mechanisms", "eligibility_criteria"}
    with pytest.raises(RuleViolation):
        policy_rules.decide_publish(PolicyStatus.PUBLISHED, _policy(E, H, SC), TODAY, TODAY)


def test_r7_11_scope_grows_version_on_version_and_budgets_add_up_by_year() -> None:
    v1 = _policy(E, H)
    v2 = PolicyContent(v1.services + (ServiceInScope("short breaks", SC),
                                      ServiceInScope("equipment", SC)),
                       v1.funding_arrangements, v1.mechanisms, v1.eligibility_criteria,
                       v1.decision_process)
    scopes = policy_rules.scope_by_version([(2, TODAY, v2), (1, date(2025, 3, 1), v1)])
    assert [(s.version, s.streams_in_scope, s.services_added) for s in scopes] == [
        (1, ("education", "health"), 2), (2, ("education", "health", "social_care"), 2)]
    years = policy_rules.budgets_by_year([(date(2025, 5, 1), 100), (TODAY, 250),
                                          (date(2026, 9, 1), 50)])
    assert [(y.year, y.agreed, y.total_pence) for y in years] == [(2025, 1, 100),
                                                                  (2026, 2, 300)]


@pytest.mark.parametrize(("signals", "context"), [
    ((PlanSignal.DRAFTED,), RequestContext.PLAN_IN_PREPARATION),
    ((PlanSignal.DRAFTED, PlanSignal.ISSUED, PlanSignal.REVIEW_DUE_SOON),
     RequestContext.REVIEW_OR_REASSESSMENT),
    ((PlanSignal.DRAFTED, PlanSignal.ISSUED, PlanSignal.ASSESS),
     RequestContext.REVIEW_OR_REASSESSMENT),  # a re-assessment
    ((PlanSignal.DRAFTED, PlanSignal.ISSUED, PlanSignal.REVIEW_AMEND,
      PlanSignal.AMENDMENT_DRAFTED), RequestContext.REVIEW_OR_REASSESSMENT),
])
def test_r7_1_when_a_request_is_taken(signals: tuple[PlanSignal, ...],
                                      context: RequestContext) -> None:
    stage: PlanStage | None = None
    for signal in signals:
        stage = next_stage(stage, signal) or stage
    assert decide_request(stage) is context


@pytest.mark.parametrize("signals", [(), (PlanSignal.ASSESS,), (PlanSignal.PLAN_REFUSED,),
                                     (PlanSignal.DRAFTED, PlanSignal.ISSUED),
                                     (PlanSignal.DRAFTED, PlanSignal.ISSUED,
                                      PlanSignal.REVIEW_MAINTAIN),
                                     (PlanSignal.DRAFTED, PlanSignal.CEASED)])
def test_r7_1_no_request_without_a_plan_decision_or_between_reviews(
        signals: tuple[PlanSignal, ...]) -> None:
    stage: PlanStage | None = None
    for signal in signals:
        stage = next_stage(stage, signal) or stage
    with pytest.raises(RuleViolation) as refused:
        decide_request(stage)
    assert refused.value.rule == "R7.1"


def test_r7_3_all_three_things_are_told() -> None:
    state = BudgetState(BudgetStatus.RECEIVED, TODAY)
    budget_rules.decide_information(state, TODAY, {"provision_covered": True,
                                                   "advice_sources": True,
                                                   "direct_payment_conditions": True}, TODAY)
    with pytest.raises(RuleViolation) as refused:
        budget_rules.decide_information(state, TODAY, {"advice_sources": False}, TODAY)
    assert (refused.value.rule, refused.value.field) == ("R7.3", "advice_sources")


def _dp(**changes: object) -> Component:
    base = {"funding_stream": E, "provision": "therapy", "annual_pence": 1000,
            "mechanism": Mechanism.DIRECT_PAYMENT, "needs_met": ("SLCN",),
            "outcomes_met": ("talks at play",)}
    return Component(**(base | changes))


def test_r7_2_r7_5_r7_6_r7_7_component_rules() -> None:
    assert budget_rules.component_problems([_dp(), _dp(mechanism=Mechanism.NOTIONAL),
                                            _dp(mechanism=None, block_commissioned=True,
                                                annual_pence=0)]) == []
    rules = [p.rule for p in budget_rules.component_problems([
        _dp(mechanism=None), _dp(mechanism=None, block_commissioned=True),
        _dp(school_or_college_place=True), _dp(on_setting_premises=True),
        _dp(needs_met=())])]
    assert rules == ["R7.2", "R7.5", "R7.6", "R7.7", "R7.10"]
    # R7.5: block provision is listed but is not part of the total
    assert budget_rules.total_pence([_dp(), _dp(mechanism=None, block_commissioned=True,
                                                annual_pence=0)]) == 1000


def test_r7_8_refusal_needs_reasons_and_a_review_is_due_in_the_las_standard() -> None:
    prepared = BudgetState(BudgetStatus.PREPARED, TODAY)
    with pytest.raises(RuleViolation) as refused:
        budget_rules.decide_decision(prepared, budget_rules.Decision.REFUSED, TODAY, " ", [],
                                     TODAY)
    assert refused.value.rule == "R7.8"
    review = budget_rules.decide_review_request(
        BudgetState(BudgetStatus.REFUSED, TODAY, TODAY, TODAY), TODAY, "please", TODAY)
    assert review.due_on == date(2026, 3, 30)


def _state(**changes: object) -> DirectPaymentState:
    base = {"status": DirectPaymentStatus.PENDING,
            "setting_agreement": SettingAgreement.AGREED, "conditions_met": True,
            "consent_given_on": TODAY}
    return DirectPaymentState(**(base | changes))


@pytest.mark.parametrize(("changes", "rule"), [
    ({"conditions_met": False}, "R7.6"), ({"conditions_met": None}, "R7.6"),
    ({"setting_agreement": SettingAgreement.REQUESTED}, "R7.7"),
    ({"setting_agreement": SettingAgreement.DECLINED}, "R7.7"),
    ({"consent_given_on": None}, "R7.9"), ({"consent_withdrawn_on": TODAY}, "R7.9")])
def test_r7_6_r7_7_r7_9_what_activation_needs(changes: dict[str, object], rule: str) -> None:
    with pytest.raises(RuleViolation) as refused:
        dp_rules.decide_activation(_state(**changes), TODAY, TODAY)
    assert refused.value.rule == rule


def test_r7_9_first_review_within_3_calendar_months() -> None:
    assert dp_rules.decide_activation(_state(), date(2025, 11, 30), TODAY
                                      ).first_review_due_on == date(2026, 2, 28)  # R0.4
    assert dp_rules.decide_activation(_state(setting_agreement=SettingAgreement.NOT_NEEDED),
                                      TODAY, TODAY).first_review_due_on == date(2026, 6, 2)


def test_r7_9_reduction_lowers_with_notice_and_reasons() -> None:
    active = _state(status=DirectPaymentStatus.ACTIVE, annual_pence=1000)
    dp_rules.decide_reduction(active, 900, TODAY, date(2026, 4, 1), "fewer sessions", TODAY)
    for args in ((1000, TODAY, date(2026, 4, 1), "x"), (900, TODAY, TODAY, "x"),
                 (900, TODAY, date(2026, 4, 1), " ")):
        with pytest.raises(RuleViolation) as refused:
            dp_rules.decide_reduction(active, *args, TODAY)
        assert refused.value.rule == "R7.9"


def test_r7_10_section_j_names_outcomes_provision_flexibility_and_dp_needs() -> None:
    content = compose(["talks at play"], "family picks the therapist",
                      [_dp(on_setting_premises=True, setting_name="Oak", setting_urn="1"),
                       _dp(mechanism=None, block_commissioned=True, annual_pence=0,
                           funding_stream=H, provision="nursing")],
                      [("active", SettingAgreement.AGREED, 800)])
    assert content.total_pence == 1000
    assert content.direct_payments[0].needs_met == ("SLCN",)
    assert content.direct_payments[0].annual_pence == 800
    assert "block-commissioned" in content.text and "meets SLCN" in content.text
    with pytest.raises(RuleViolation) as refused:
        compose([], "", [], [])
    assert refused.value.rule == "R7.10"


def test_r13_1_sen2_budget_type() -> None:
    assert sen2_type([Mechanism.NOTIONAL, Mechanism.THIRD_PARTY]) is \
        Sen2BudgetType.ORGANISED_ARRANGEMENTS
    assert sen2_type([Mechanism.DIRECT_PAYMENT, None]) is Sen2BudgetType.DIRECT_PAYMENTS
    assert sen2_type([Mechanism.DIRECT_PAYMENT, Mechanism.NOTIONAL]) is Sen2BudgetType.BOTH
    assert sen2_type([None]) is None


@pytest.mark.parametrize("value", [0.5, -1, "100", True, None, 10.25])
def test_money_is_whole_non_negative_pence(value: object) -> None:
    with pytest.raises(RuleViolation) as refused:
        pence(value, "amount_pence")
    assert refused.value.rule == "integer-pence"
    assert pence(1200.0, "x") == 1200 and pence(0, "x") == 0


entries = st.lists(st.tuples(st.sampled_from(list(LedgerEntryKind)),
                             st.integers(min_value=-50, max_value=100_000)), max_size=60)


@given(entries, st.booleans())
def test_r7_9_ledger_never_below_zero_and_sums_to_the_payments_made(
        commands: list[tuple[LedgerEntryKind, int]], withdrawn_midway: bool) -> None:
    """Whatever entries are tried, the accepted ones leave a balance that is never negative
    and always equals the payments made less what was spent or recovered; payments stop
    once consent is withdrawn (R7.9)."""
    state = _state(status=DirectPaymentStatus.ACTIVE)
    paid = taken = 0
    for n, (kind, amount) in enumerate(commands):
        if withdrawn_midway and n == len(commands) // 2:
            state = _state(status=DirectPaymentStatus.STOPPED, balance_pence=state.balance_pence)
        try:
            balance = dp_rules.decide_ledger_entry(state, kind, amount)
        except RuleViolation:
            continue
        assert amount > 0
        if kind is LedgerEntryKind.PAYMENT:
            assert state.status is DirectPaymentStatus.ACTIVE
            paid += amount
        else:
            taken += amount
        state = _state(status=state.status, balance_pence=balance)
        assert balance >= 0
        assert balance == paid - taken


def test_r7_9_payment_schedule_adds_up_to_the_year() -> None:
    four_weekly = dp_rules.payment_schedule(TODAY, PaymentFrequency.FOUR_WEEKLY, 10_000,
                                            140_000)
    assert len(four_weekly) == 14 and four_weekly[1][0] == date(2026, 3, 30)
    assert {a for _, a in four_weekly} == {10_000}
    quarterly = dp_rules.payment_schedule(TODAY, PaymentFrequency.QUARTERLY, 30_000, 100_000)
    assert [a for _, a in quarterly] == [30_000, 30_000, 30_000, 10_000]


@given(st.sampled_from(list(PaymentFrequency)), st.integers(min_value=1, max_value=10**6),
       st.integers(min_value=0, max_value=10**7), st.dates(date(2024, 1, 1), date(2030, 12, 31)))
def test_r7_9_schedule_sums_to_the_year_in_whole_pence(
        frequency: PaymentFrequency, instalment: int, annual: int, first_on: date) -> None:
    schedule = dp_rules.payment_schedule(first_on, frequency, instalment, annual)
    assert sum(a for _, a in schedule) == annual
    assert all(a > 0 and isinstance(a, int) for _, a in schedule)
    year_end = calendar.add_months(first_on, 12)
    assert all(first_on <= d < year_end for d, _ in schedule)
