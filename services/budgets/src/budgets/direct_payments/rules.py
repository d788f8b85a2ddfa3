"""Direct payments (R7.6, R7.7, R7.9) and their ledger. Pure."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from budgets.domain.enums import (
    DirectPaymentStatus,
    LedgerEntryKind,
    PaymentFrequency,
    SettingAgreement,
)
from budgets.domain.errors import RuleViolation, WrongState
from budgets.domain.model import DirectPaymentState
from common import calendar

FIRST_REVIEW_MONTHS = 3  # R7.9
# The LA's own standard for a setting to answer (R7.7 sets no period), like R1.13's 15 days.
SETTING_ANSWER_DAYS = 15
# The ledger convention: money paid in and taken out never leaves a negative balance.
LEDGER_NOT_BELOW_ZERO = "ledger-not-below-zero"
A = DirectPaymentStatus


def _not_future(day: date, today: date, field: str, rule: str) -> None:
    if day > today:
        raise RuleViolation(rule, f"{field} {day} has not come yet", field)


def decide_conditions(state: DirectPaymentState, checked_on: date, today: date) -> None:
    """R7.6: the conditions are checked (and recorded, met or not) before payments start."""
    if state.status is not A.PENDING:
        raise WrongState("R7.6", "conditions are checked before the payment starts", "status")
    _not_future(checked_on, today, "checked_on", "R7.6")


def setting_answer_due_on(requested_on: date) -> date:
    return calendar.add_days(requested_on, SETTING_ANSWER_DAYS)


def decide_setting_answer(state: DirectPaymentState, setting_urn: str | None,
                          org_code: str | None, answered_on: date, today: date) -> None:
    """R7.7: only the setting itself answers, and only when asked."""
    if state.setting_agreement is SettingAgreement.NOT_NEEDED:
        raise WrongState("R7.7", "this direct payment is not for provision on a setting's "
                         "premises", "setting_agreement")
    if not org_code or org_code != setting_urn:
        raise RuleViolation("R7.7", "only the school or college named may record its agreement",
                            "org_code")
    _not_future(answered_on, today, "answered_on", "R7.7")


def decide_consent(state: DirectPaymentState, given_on: date, today: date) -> None:
    """R7.9: the recipient consents before any direct payment is made."""
    if state.status is A.STOPPED:
        raise WrongState("R7.9", "a stopped direct payment is not consented to again; the LA "
                         "arranges a new one", "status")
    _not_future(given_on, today, "given_on", "R7.9")


def decide_withdrawal(state: DirectPaymentState, withdrawn_on: date, today: date) -> None:
    """R7.9: consent may be withdrawn; payments then stop."""
    if state.consent_given_on is None or state.status is A.STOPPED:
        raise WrongState("R7.9", "there is no consent in force to withdraw", "status")
    if withdrawn_on < state.consent_given_on:
        raise RuleViolation("R7.9", "consent cannot be withdrawn before it was given",
                            "withdrawn_on")
    _not_future(withdrawn_on, today, "withdrawn_on", "R7.9")


@dataclass(frozen=True, slots=True)
class Activation:
    first_review_due_on: date


def decide_activation(state: DirectPaymentState, activated_on: date, today: date) -> Activation:
    """R7.6 conditions met, R7.7 the setting agreed (when on its premises), R7.9 consent;
    the first review falls due within 3 months."""
    if state.status is not A.PENDING:
        raise WrongState("R7.9", f"a {state.status.value} direct payment cannot be activated",
                         "status")
    if state.conditions_met is not True:
        raise RuleViolation("R7.6", "the direct payment conditions have not been found met",
                            "conditions")
    if state.setting_agreement in (SettingAgreement.REQUESTED, SettingAgreement.DECLINED):
        raise RuleViolation("R7.7", "provision on a school's or college's premises needs that "
                            "setting's agreement, and it has not agreed", "setting_agreement")
    if state.consent_given_on is None or state.consent_withdrawn_on is not None:
        raise RuleViolation("R7.9", "the recipient has not consented", "consent")
    _not_future(activated_on, today, "activated_on", "R7.9")
    return Activation(calendar.add_months(activated_on, FIRST_REVIEW_MONTHS))


def decide_ledger_entry(state: DirectPaymentState, kind: LedgerEntryKind,
                        amount_pence: int) -> int:
    """The balance after the entry. Payments are made only while the direct payment is active
    (R7.9: they stop when consent is withdrawn); spending and recoveries never take the
    balance below zero."""
    if amount_pence <= 0:
        raise RuleViolation("integer-pence", "an entry moves a positive number of pence",
                            "amount_pence")
    if kind is LedgerEntryKind.PAYMENT:
        if state.status is not A.ACTIVE:
            raise WrongState("R7.9", f"no payments on a {state.status.value} direct payment",
                             "status")
        return state.balance_pence + amount_pence
    balance = state.balance_pence - amount_pence
    if balance < 0:
        raise RuleViolation(LEDGER_NOT_BELOW_ZERO, f"{amount_pence} pence is more than the "
                            f"{state.balance_pence} pence held", "amount_pence")
    return balance


def decide_reduction(state: DirectPaymentState, to_annual_pence: int, notice_given_on: date,
                     effective_on: date, reasons: str, today: date) -> None:
    """R7.9: a reduction is made with notice (it takes effect after the notice is given) and
    with reasons."""
    if state.status is not A.ACTIVE:
        raise WrongState("R7.9", "only an active direct payment is reduced", "status")
    if to_annual_pence >= state.annual_pence:
        raise RuleViolation("R7.9", "a reduction lowers the amount", "to_annual_pence")
    if not reasons.strip():
        raise RuleViolation("R7.9", "a reduction gives its reasons", "reasons")
    if effective_on <= notice_given_on:
        raise RuleViolation("R7.9", "a reduction takes effect after notice of it is given",
                            "effective_on")
    _not_future(notice_given_on, today, "notice_given_on", "R7.9")


def review_on_time(reviewed_on: date, due_on: date | None) -> bool | None:
    """R7.9: whether a review was done by the day it fell due (None: no clock ran)."""
    return None if due_on is None else reviewed_on <= due_on


_STEP = {PaymentFrequency.MONTHLY: ("months", 1), PaymentFrequency.FOUR_WEEKLY: ("weeks", 4),
         PaymentFrequency.QUARTERLY: ("months", 3)}


def payment_schedule(first_payment_on: date, frequency: PaymentFrequency,
                     instalment_pence: int, annual_pence: int) -> list[tuple[date, int]]:
    """The instalments of the first year from `first_payment_on`: `instalment_pence` each
    until the year's amount is reached; the last payment day of the year settles what is
    left, so the year's payments add up to `annual_pence` exactly."""
    unit, size = _STEP[frequency]
    year_end = calendar.add_months(first_payment_on, 12)
    days = []
    for n in range(60):
        day = calendar.add_months(first_payment_on, n * size) if unit == "months" \
            else calendar.add_weeks(first_payment_on, n * size)
        if day >= year_end:
            break
        days.append(day)
    schedule: list[tuple[date, int]] = []
    left = annual_pence
    for n, day in enumerate(days):
        amount = left if n == len(days) - 1 else min(instalment_pence, left)
        if amount <= 0:
            break
        schedule.append((day, amount))
        left -= amount
    return schedule
