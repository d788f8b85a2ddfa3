"""Use cases of direct payments (R7.6, R7.7, R7.9): arranged when a budget is agreed, then
conditions, the setting's agreement, consent, activation, the ledger, reviews, reductions.
Load → decide (rules) → save → emit; the request's unit of work commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from budgets import contracts
from budgets.direct_payments import repository as repo
from budgets.direct_payments import rules
from budgets.direct_payments.schemas import (
    ActivationCreate,
    ConditionsCreate,
    ConsentCreate,
    LedgerEntryCreate,
    ReductionCreate,
    ReviewCreate,
    SettingAnswerCreate,
    WithdrawalCreate,
)
from budgets.domain.enums import (
    DeadlineKind,
    DirectPaymentReviewKind,
    DirectPaymentStatus,
    LedgerEntryKind,
    SettingAgreement,
)
from budgets.domain.errors import RuleViolation
from budgets.domain.money import pence
from budgets.domain.records import Budget, DirectPayment, LedgerEntry, StoredComponent
from budgets.eligibility import repository as eligibility_repo
from budgets.ids import new_id
from budgets.section_j import service as section_j
from common.db.uow import UnitOfWork
from common.deadline_alerts import DeadlineOwner
from common.deadlines import DeadlineBook
from common.errors import NotFound
from common.messaging.envelope import subject_for_case
from common.principal import Principal

OWNER = DeadlineOwner(team="personal-budgets")
REVIEW_DEADLINES = {DirectPaymentReviewKind.FIRST: DeadlineKind.DIRECT_PAYMENT_FIRST_REVIEW,
                    DirectPaymentReviewKind.ANNUAL: DeadlineKind.DIRECT_PAYMENT_ANNUAL_REVIEW,
                    DirectPaymentReviewKind.REASSESSMENT:
                        DeadlineKind.DIRECT_PAYMENT_ANNUAL_REVIEW}


async def load(uow: UnitOfWork, principal: Principal, dp_id: str) -> DirectPayment:
    dp = await repo.get(uow.connection, principal, dp_id, for_update=True)
    if dp is None:
        raise NotFound(f"Direct payment {dp_id}")
    return dp


async def _reload(uow: UnitOfWork, principal: Principal, dp_id: str) -> DirectPayment:
    found = await repo.get(uow.connection, principal, dp_id)
    assert found is not None
    return found


async def _save(uow: UnitOfWork, principal: Principal, dp: DirectPayment,
                values: dict[str, Any], *, section_j_on: date | None = None) -> DirectPayment:
    await repo.change(uow.connection, dp, {**values, "updated_at": uow.clock.now()})
    if section_j_on is not None:  # the arrangements in Section J changed (R7.10)
        await section_j.refresh(uow, dp.budget_id, section_j_on)
    return await _reload(uow, principal, dp.id)


async def arrange(uow: UnitOfWork, deadlines: DeadlineBook, budget: Budget,
                  lines: Sequence[StoredComponent], on: date) -> None:
    """The direct payments of an agreed budget: the ones already running carry on with the
    matching new component (a lower amount needs a reduction with notice, R7.9); new ones
    start pending; those no longer in the budget stop."""
    running = [dp for dp in await repo.of_budget(uow.connection, budget.id)
               if dp.status is not DirectPaymentStatus.STOPPED]
    kept: set[str] = set()
    for line in lines:
        c = line.component
        if not c.is_direct_payment:
            continue
        match = next((dp for dp in running if dp.id not in kept
                      and (dp.setting_urn or None) == (c.setting_urn or None)), None)
        if match is None:
            await _open(uow, deadlines, budget, line, on)
            continue
        kept.add(match.id)
        if c.annual_pence < match.annual_pence and match.status is DirectPaymentStatus.ACTIVE:
            raise RuleViolation("R7.9", "a direct payment is reduced only with notice and "
                                "reasons (POST …/reductions)", "components")
        await repo.change(uow.connection, match, {"component_id": line.id,
                                               "annual_pence": c.annual_pence,
                                               "updated_at": uow.clock.now()})
    for dp in running:
        if dp.id not in kept:
            await repo.change(uow.connection, dp, {
                "status": DirectPaymentStatus.STOPPED.value, "stopped_on": on,
                "stop_reason": "no longer part of the agreed budget",
                "updated_at": uow.clock.now()})


async def _open(uow: UnitOfWork, deadlines: DeadlineBook, budget: Budget,
                line: StoredComponent, on: date) -> None:
    c = line.component
    dp_id = new_id()
    agreement = SettingAgreement.REQUESTED if c.on_setting_premises \
        else SettingAgreement.NOT_NEEDED
    now = uow.clock.now()
    await repo.add(uow.connection, {
        "id": dp_id, "la_code": budget.la_code, "case_id": budget.case_id,
        "budget_id": budget.id, "component_id": line.id,
        "status": DirectPaymentStatus.PENDING.value, "annual_pence": c.annual_pence,
        "setting_agreement": agreement.value, "setting_name": c.setting_name,
        "setting_urn": c.setting_urn,
        "setting_requested_on": on if c.on_setting_premises else None,
        "created_at": now, "updated_at": now})
    if not c.on_setting_premises:
        return
    # R7.7: ask the school or college (notifications tells it), and wait for its answer
    uow.emit(contracts.SETTING_AGREEMENT_REQUESTED, contracts.SettingAgreementRequestedV1(
        case_id=budget.case_id, setting=contracts.SettingV1(name=c.setting_name or "",
                                                            urn=c.setting_urn),
        requested_on=on, direct_payment_id=dp_id, provision=c.provision),
        subject=subject_for_case(budget.case_id), la_code=budget.la_code)
    await deadlines.open(uow, la_code=budget.la_code, case_id=budget.case_id,
                         kind=DeadlineKind.SETTING_AGREEMENT_AWAITED,
                         due_on=rules.setting_answer_due_on(on), opened_on=on, ref_id=dp_id,
                         owner=OWNER)


async def check_conditions(uow: UnitOfWork, principal: Principal, dp_id: str,
                           cmd: ConditionsCreate) -> DirectPayment:
    """R7.6: record the conditions as checked; only met conditions allow activation."""
    dp = await load(uow, principal, dp_id)
    rules.decide_conditions(dp.state, cmd.checked_on, uow.clock.today())
    return await _save(uow, principal, dp, {
        "conditions": cmd.model_dump(exclude={"checked_on"}),
        "conditions_checked_on": cmd.checked_on})


async def answer_for_setting(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                             dp_id: str, cmd: SettingAnswerCreate) -> DirectPayment:
    """R7.7: the school or college records its answer for its own premises."""
    dp = await load(uow, principal, dp_id)
    rules.decide_setting_answer(dp.state, dp.setting_urn, principal.org_code, cmd.answered_on,
                                uow.clock.today())
    await deadlines.close(uow, case_id=dp.case_id, kind=DeadlineKind.SETTING_AGREEMENT_AWAITED,
                          closed_on=cmd.answered_on, ref_id=dp.id)
    answer = SettingAgreement.AGREED if cmd.agreed else SettingAgreement.DECLINED
    return await _save(uow, principal, dp, {
        "setting_agreement": answer.value, "setting_answered_on": cmd.answered_on,
        "setting_answered_by": cmd.answered_by}, section_j_on=cmd.answered_on)


async def give_consent(uow: UnitOfWork, principal: Principal, dp_id: str,
                       cmd: ConsentCreate) -> DirectPayment:
    dp = await load(uow, principal, dp_id)
    rules.decide_consent(dp.state, cmd.given_on, uow.clock.today())
    return await _save(uow, principal, dp, {"consent_given_on": cmd.given_on,
                                            "consent_withdrawn_on": None,
                                            "recipient_name": cmd.recipient_name})


async def withdraw_consent(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                           dp_id: str, cmd: WithdrawalCreate) -> DirectPayment:
    """R7.9: consent withdrawn, payments stop (the ledger takes no more payments)."""
    dp = await load(uow, principal, dp_id)
    rules.decide_withdrawal(dp.state, cmd.withdrawn_on, uow.clock.today())
    for kind in (DeadlineKind.DIRECT_PAYMENT_FIRST_REVIEW,
                 DeadlineKind.DIRECT_PAYMENT_ANNUAL_REVIEW,
                 DeadlineKind.SETTING_AGREEMENT_AWAITED):
        await deadlines.close(uow, case_id=dp.case_id, kind=kind, closed_on=cmd.withdrawn_on,
                              ref_id=dp.id)
    return await _save(uow, principal, dp, {
        "consent_withdrawn_on": cmd.withdrawn_on, "status": DirectPaymentStatus.STOPPED.value,
        "stopped_on": cmd.withdrawn_on, "stop_reason": "consent withdrawn"},
        section_j_on=cmd.withdrawn_on)


async def activate(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                   dp_id: str, cmd: ActivationCreate) -> DirectPayment:
    """R7.6, R7.7, R7.9: start payments; the first review is due within 3 months and the
    next at the plan's annual review."""
    dp = await load(uow, principal, dp_id)
    instalment = pence(cmd.instalment_pence, "instalment_pence")
    activation = rules.decide_activation(dp.state, cmd.activated_on, uow.clock.today())
    await deadlines.open(uow, la_code=dp.la_code, case_id=dp.case_id,
                         kind=DeadlineKind.DIRECT_PAYMENT_FIRST_REVIEW,
                         due_on=activation.first_review_due_on, opened_on=cmd.activated_on,
                         ref_id=dp.id, owner=OWNER)
    plan = await eligibility_repo.get(uow.connection, dp.case_id)
    if plan is not None and plan.next_review_due_on and \
            plan.next_review_due_on > cmd.activated_on:
        await open_annual_review(uow, deadlines, dp, plan.next_review_due_on, cmd.activated_on)
    return await _save(uow, principal, dp, {
        "status": DirectPaymentStatus.ACTIVE.value, "activated_on": cmd.activated_on,
        "frequency": cmd.frequency.value, "instalment_pence": instalment,
        "first_payment_on": cmd.first_payment_on}, section_j_on=cmd.activated_on)


async def open_annual_review(uow: UnitOfWork, deadlines: DeadlineBook, dp: DirectPayment,
                             due_on: date, on: date) -> None:
    """R7.9: the direct payment is reviewed at the plan's annual review."""
    await deadlines.open(uow, la_code=dp.la_code, case_id=dp.case_id,
                         kind=DeadlineKind.DIRECT_PAYMENT_ANNUAL_REVIEW, due_on=due_on,
                         opened_on=on, ref_id=dp.id, owner=OWNER)


async def record_entry(uow: UnitOfWork, principal: Principal, dp_id: str,
                       cmd: LedgerEntryCreate) -> DirectPayment:
    """A payment in, or spending or a recovery out; the balance never goes below zero."""
    dp = await load(uow, principal, dp_id)
    amount = pence(cmd.amount_pence, "amount_pence")
    balance = rules.decide_ledger_entry(dp.state, cmd.kind, amount)
    if cmd.entry_on > uow.clock.today():
        raise RuleViolation("R7.9", "entry_on has not come yet", "entry_on")
    await repo.add_ledger_entry(uow.connection, dp, {
        "id": new_id(), "kind": cmd.kind.value, "entry_on": cmd.entry_on,
        "amount_pence": amount, "balance_after_pence": balance, "note": cmd.note,
        "created_at": uow.clock.now()})
    paid = dp.paid_pence + (amount if cmd.kind is LedgerEntryKind.PAYMENT else 0)
    return await _save(uow, principal, dp, {"balance_pence": balance, "paid_pence": paid})


async def record_review(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                        dp_id: str, cmd: ReviewCreate) -> DirectPayment:
    """R7.9: a review done; its clock closes, and whether it was on time is kept."""
    dp = await load(uow, principal, dp_id)
    if dp.activated_on is None:
        raise RuleViolation("R7.9", "a direct payment is reviewed once it has started",
                            "status")
    if not dp.activated_on <= cmd.reviewed_on <= uow.clock.today():
        raise RuleViolation("R7.9", "reviewed_on falls between activation and today",
                            "reviewed_on")
    kind = REVIEW_DEADLINES[cmd.kind]
    due_on = await repo.open_deadline_due_on(uow.connection, deadlines.tables.deadline, dp.id,
                                             kind.value)
    await deadlines.close(uow, case_id=dp.case_id, kind=kind, closed_on=cmd.reviewed_on,
                          ref_id=dp.id)
    await repo.add_review(uow.connection, {
        "id": new_id(), "direct_payment_id": dp.id, "kind": cmd.kind.value, "due_on": due_on,
        "reviewed_on": cmd.reviewed_on, "on_time": rules.review_on_time(cmd.reviewed_on, due_on),
        "summary": cmd.summary, "created_at": uow.clock.now()})
    return await _save(uow, principal, dp, {})


async def reduce(uow: UnitOfWork, principal: Principal, dp_id: str,
                 cmd: ReductionCreate) -> DirectPayment:
    """R7.9: a lower amount, with notice and reasons."""
    dp = await load(uow, principal, dp_id)
    to_annual = pence(cmd.to_annual_pence, "to_annual_pence")
    rules.decide_reduction(dp.state, to_annual, cmd.notice_given_on, cmd.effective_on,
                           cmd.reasons, uow.clock.today())
    await repo.add_reduction(uow.connection, {
        "id": new_id(), "direct_payment_id": dp.id, "notice_given_on": cmd.notice_given_on,
        "effective_on": cmd.effective_on, "from_annual_pence": dp.annual_pence,
        "to_annual_pence": to_annual, "reasons": cmd.reasons, "created_at": uow.clock.now()})
    return await _save(uow, principal, dp, {"annual_pence": to_annual},
                       section_j_on=cmd.notice_given_on)


async def read(uow: UnitOfWork, principal: Principal, dp_id: str) -> DirectPayment:
    dp = await repo.get(uow.connection, principal, dp_id)
    if dp is None:
        raise NotFound(f"Direct payment {dp_id}")
    return dp


async def ledger(uow: UnitOfWork, principal: Principal,
                 dp_id: str) -> tuple[DirectPayment, list[LedgerEntry]]:
    dp = await read(uow, principal, dp_id)
    return dp, await repo.ledger(uow.connection, dp.id)


async def page(uow: UnitOfWork, principal: Principal, case_id: str | None,
               budget_id: str | None, limit: int,
               offset: int) -> tuple[list[DirectPayment], int]:
    return await repo.page(uow.connection, principal, repo.filters(case_id, budget_id), limit,
                           offset)


def schedule_of(dp: DirectPayment) -> list[tuple[date, int]]:
    """The payment schedule of an active direct payment (none before activation)."""
    if dp.frequency is None or dp.first_payment_on is None or dp.instalment_pence is None:
        return []
    return rules.payment_schedule(dp.first_payment_on, dp.frequency, dp.instalment_pence,
                                  dp.annual_pence)
