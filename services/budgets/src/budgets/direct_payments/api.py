"""Direct payments over HTTP (R7.6, R7.7, R7.9). LA staff check conditions, activate, keep
the ledger, review and reduce; the family consents or withdraws consent; the school or
college (role `provider`, its URN as `org`) records its agreement."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from fastapi import APIRouter, Request, Response

from budgets.access import Anyone, Limit, Offset, Provider, Staff, StaffOrFamily, Transaction
from budgets.direct_payments import service
from budgets.direct_payments.schemas import (
    ActivationCreate,
    ConditionsCreate,
    ConsentCreate,
    DirectPaymentPage,
    DirectPaymentRead,
    InstalmentRead,
    LedgerEntryCreate,
    LedgerEntryRead,
    LedgerRead,
    ReductionCreate,
    ReviewCreate,
    SettingAnswerCreate,
    WithdrawalCreate,
)
from budgets.domain.records import DirectPayment
from common.http import check_if_match, set_etag
from common.principal import Principal
from common.web import Runtime

router = APIRouter(prefix="/v1/direct-payments", tags=["direct payments"])


def dp_read(dp: DirectPayment) -> DirectPaymentRead:
    return DirectPaymentRead(
        id=dp.id, case_id=dp.case_id, budget_id=dp.budget_id, status=dp.status,
        annual_pence=dp.annual_pence, conditions=dp.conditions,
        conditions_met=dp.conditions_met, conditions_checked_on=dp.conditions_checked_on,
        setting_agreement=dp.setting_agreement, setting_name=dp.setting_name,
        setting_urn=dp.setting_urn, setting_requested_on=dp.setting_requested_on,
        setting_answered_on=dp.setting_answered_on, consent_given_on=dp.consent_given_on,
        consent_withdrawn_on=dp.consent_withdrawn_on, activated_on=dp.activated_on,
        stopped_on=dp.stopped_on, stop_reason=dp.stop_reason, frequency=dp.frequency,
        instalment_pence=dp.instalment_pence, first_payment_on=dp.first_payment_on,
        schedule=[InstalmentRead(due_on=day, amount_pence=amount)
                  for day, amount in service.schedule_of(dp)],
        balance_pence=dp.balance_pence, paid_pence=dp.paid_pence, version=dp.version)


async def _change(uow: Transaction, principal: Principal, dp_id: str, request: Request,
                  response: Response,
                  change: Callable[[], Awaitable[DirectPayment]]) -> DirectPaymentRead:
    """If-Match against the version read, then the change; the answer carries the new ETag."""
    check_if_match(request, (await service.read(uow, principal, dp_id)).version)
    dp = await change()
    set_etag(response, dp.version)
    return dp_read(dp)


@router.get("", response_model=DirectPaymentPage, summary="Direct payments the caller may see")
async def list_direct_payments(uow: Transaction, principal: Anyone, case_id: str | None = None,
                               budget_id: str | None = None, limit: Limit = 50,
                               offset: Offset = 0) -> DirectPaymentPage:
    """Direct payments the caller may see, with their state."""
    items, total = await service.page(uow, principal, case_id, budget_id, limit, offset)
    return DirectPaymentPage(items=[dp_read(dp) for dp in items], total=total, limit=limit,
                             offset=offset)


@router.get("/{dp_id}", response_model=DirectPaymentRead, summary="One direct payment")
async def read_direct_payment(dp_id: str, uow: Transaction, principal: Anyone,
                              response: Response) -> DirectPaymentRead:
    """One direct payment: amount, conditions, setting agreement, consent, reviews and balance."""
    dp = await service.read(uow, principal, dp_id)
    set_etag(response, dp.version)
    return dp_read(dp)


@router.get("/{dp_id}/ledger", response_model=LedgerRead,
            summary="The payments in and spending out, in integer pence")
async def read_ledger(dp_id: str, uow: Transaction, principal: StaffOrFamily) -> LedgerRead:
    """The direct payment's ledger: payments in, spending and recoveries out, all in integer
    pence, with the balance."""
    dp, entries = await service.ledger(uow, principal, dp_id)
    return LedgerRead(direct_payment_id=dp.id, balance_pence=dp.balance_pence,
                      paid_pence=dp.paid_pence,
                      entries=[LedgerEntryRead.model_validate(e, from_attributes=True)
                               for e in entries])


@router.post("/{dp_id}/conditions", response_model=DirectPaymentRead,
             summary="Record the direct payment conditions as checked (R7.6)")
async def check_conditions(dp_id: str, body: ConditionsCreate, uow: Transaction,
                           principal: Staff, request: Request,
                           response: Response) -> DirectPaymentRead:
    """Record that the conditions for making direct payments were checked and met (R7.6)."""
    return await _change(uow, principal, dp_id, request, response,
                         lambda: service.check_conditions(uow, principal, dp_id, body))


@router.post("/{dp_id}/setting-agreement", response_model=DirectPaymentRead,
             summary="The school or college answers for provision on its premises (R7.7)")
async def answer_for_setting(dp_id: str, body: SettingAnswerCreate, uow: Transaction,
                             principal: Provider, runtime: Runtime, request: Request,
                             response: Response) -> DirectPaymentRead:
    """The school or college answers whether provision paid by direct payment may be delivered
    on its premises (R7.7)."""
    return await _change(uow, principal, dp_id, request, response,
                         lambda: service.answer_for_setting(uow, runtime.deadlines, principal,
                                                            dp_id, body))


@router.post("/{dp_id}/consent", response_model=DirectPaymentRead,
             summary="The recipient consents to the direct payment (R7.9)")
async def give_consent(dp_id: str, body: ConsentCreate, uow: Transaction,
                       principal: StaffOrFamily, request: Request,
                       response: Response) -> DirectPaymentRead:
    """Record the recipient's consent to receive direct payments (R7.9)."""
    return await _change(uow, principal, dp_id, request, response,
                         lambda: service.give_consent(uow, principal, dp_id, body))


@router.post("/{dp_id}/consent-withdrawal", response_model=DirectPaymentRead,
             summary="Consent withdrawn: payments stop (R7.9)")
async def withdraw_consent(dp_id: str, body: WithdrawalCreate, uow: Transaction,
                           principal: StaffOrFamily, runtime: Runtime, request: Request,
                           response: Response) -> DirectPaymentRead:
    """Record that consent was withdrawn; payments stop (R7.9)."""
    return await _change(uow, principal, dp_id, request, response,
                         lambda: service.withdraw_consent(uow, runtime.deadlines, principal,
                                                          dp_id, body))


@router.post("/{dp_id}/activation", response_model=DirectPaymentRead,
             summary="Start payments: conditions met, the setting agreed, consent given "
                     "(R7.6, R7.7, R7.9)")
async def activate(dp_id: str, body: ActivationCreate, uow: Transaction, principal: Staff,
                   runtime: Runtime, request: Request, response: Response) -> DirectPaymentRead:
    """Start payments once the conditions are met, the setting agreed and consent given (R7.6,
    R7.7, R7.9); refused (422) otherwise."""
    return await _change(uow, principal, dp_id, request, response,
                         lambda: service.activate(uow, runtime.deadlines, principal, dp_id,
                                                  body))


@router.post("/{dp_id}/ledger", response_model=DirectPaymentRead,
             summary="A payment, spending or a recovery; the balance never goes below zero")
async def record_entry(dp_id: str, body: LedgerEntryCreate, uow: Transaction,
                       principal: Staff, request: Request,
                       response: Response) -> DirectPaymentRead:
    """Record a payment, a spending or a recovery in integer pence; refused (422) when the
    balance would go below zero."""
    return await _change(uow, principal, dp_id, request, response,
                         lambda: service.record_entry(uow, principal, dp_id, body))


@router.post("/{dp_id}/reviews", response_model=DirectPaymentRead,
             summary="Record a review: the first within 3 months, then at each annual "
                     "review (R7.9)")
async def record_review(dp_id: str, body: ReviewCreate, uow: Transaction, principal: Staff,
                        runtime: Runtime, request: Request,
                        response: Response) -> DirectPaymentRead:
    """Record a review of the direct payment: the first within 3 months, then at each annual
    review of the plan (R7.9)."""
    return await _change(uow, principal, dp_id, request, response,
                         lambda: service.record_review(uow, runtime.deadlines, principal,
                                                       dp_id, body))


@router.post("/{dp_id}/reductions", response_model=DirectPaymentRead,
             summary="Reduce the amount, with notice and reasons (R7.9)")
async def reduce(dp_id: str, body: ReductionCreate, uow: Transaction, principal: Staff,
                 request: Request, response: Response) -> DirectPaymentRead:
    """Reduce the direct payment's amount, giving reasonable notice and the reasons (R7.9)."""
    return await _change(uow, principal, dp_id, request, response,
                         lambda: service.reduce(uow, principal, dp_id, body))
