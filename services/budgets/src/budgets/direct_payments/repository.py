"""Every query of direct payments, their ledger, reviews and reductions."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import ColumnElement, false, func, insert, or_, select, update

from budgets.direct_payments.tables import (
    direct_payment,
    direct_payment_review,
    ledger_entry,
    payment_reduction,
)
from budgets.domain.enums import DirectPaymentStatus, PaymentFrequency, SettingAgreement
from budgets.domain.records import DirectPayment, LedgerEntry
from common.principal import Principal


def _record(row: Any) -> DirectPayment:
    return DirectPayment(
        row.id, row.la_code, row.case_id, row.budget_id, row.component_id,
        DirectPaymentStatus(row.status), row.annual_pence, row.conditions,
        row.conditions_checked_on, SettingAgreement(row.setting_agreement), row.setting_name,
        row.setting_urn, row.setting_requested_on, row.setting_answered_on,
        row.consent_given_on, row.consent_withdrawn_on, row.recipient_name, row.activated_on,
        row.stopped_on, row.stop_reason,
        PaymentFrequency(row.frequency) if row.frequency else None, row.instalment_pence,
        row.first_payment_on, row.balance_pence, row.paid_pence, row.version)


def readable_by(principal: Principal) -> list[Any]:
    """LA staff: their LA's; a family: its own cases'; a provider: those on its premises."""
    c = direct_payment.c
    conditions = [c.la_code == principal.la_code]
    if principal.has_any(("la_caseworker", "la_manager")):
        return conditions
    visible: list[ColumnElement[bool]] = []
    if principal.is_family:
        visible.append(c.case_id.in_(sorted(principal.case_ids)))
    if principal.has_any(("provider",)) and principal.org_code:
        visible.append(c.setting_urn == principal.org_code)
    return [*conditions, or_(*visible) if visible else false()]


async def get(conn: Any, principal: Principal, dp_id: str, *,
              for_update: bool = False) -> DirectPayment | None:
    query = select(direct_payment).where(direct_payment.c.id == dp_id, *readable_by(principal))
    if for_update:
        query = query.with_for_update()
    row = (await conn.execute(query)).one_or_none()
    return _record(row) if row is not None else None


async def of_budget(conn: Any, budget_id: str) -> list[DirectPayment]:
    rows = (await conn.execute(select(direct_payment).where(
        direct_payment.c.budget_id == budget_id).order_by(direct_payment.c.created_at,
                                                          direct_payment.c.id)
        .with_for_update())).all()
    return [_record(r) for r in rows]


async def page(conn: Any, principal: Principal, filters: list[Any], limit: int,
               offset: int) -> tuple[list[DirectPayment], int]:
    where = [*readable_by(principal), *filters]
    total = await conn.scalar(select(func.count()).select_from(direct_payment).where(*where))
    rows = (await conn.execute(select(direct_payment).where(*where).order_by(
        direct_payment.c.created_at, direct_payment.c.id).limit(limit).offset(offset))).all()
    return [_record(r) for r in rows], int(total or 0)


async def add(conn: Any, values: dict[str, Any]) -> None:
    await conn.execute(insert(direct_payment).values(version=1, balance_pence=0, paid_pence=0,
                                                     **values))


async def change(conn: Any, dp: DirectPayment, values: dict[str, Any]) -> None:
    await conn.execute(update(direct_payment).where(direct_payment.c.id == dp.id).values(
        version=dp.version + 1, **values))


async def add_ledger_entry(conn: Any, dp: DirectPayment, values: dict[str, Any]) -> int:
    sequence = int(await conn.scalar(select(func.coalesce(func.max(ledger_entry.c.sequence), 0))
                                     .where(ledger_entry.c.direct_payment_id == dp.id)) or 0) + 1
    await conn.execute(insert(ledger_entry).values(direct_payment_id=dp.id, sequence=sequence,
                                                   **values))
    return sequence


async def ledger(conn: Any, dp_id: str) -> list[LedgerEntry]:
    rows = (await conn.execute(select(ledger_entry).where(
        ledger_entry.c.direct_payment_id == dp_id).order_by(ledger_entry.c.sequence))).all()
    return [LedgerEntry(r.sequence, r.kind, r.entry_on, r.amount_pence, r.balance_after_pence,
                        r.note) for r in rows]


async def add_review(conn: Any, values: dict[str, Any]) -> None:
    await conn.execute(insert(direct_payment_review).values(**values))


async def add_reduction(conn: Any, values: dict[str, Any]) -> None:
    await conn.execute(insert(payment_reduction).values(**values))


async def reviews_of(conn: Any, dp_ids: Sequence[str]) -> list[Any]:
    return list((await conn.execute(select(direct_payment_review).where(
        direct_payment_review.c.direct_payment_id.in_(list(dp_ids))))).all())


async def open_deadline_due_on(conn: Any, deadline: Any, dp_id: str, kind: str) -> date | None:
    """The earliest open clock of `kind` on the direct payment."""
    return await conn.scalar(select(deadline.c.due_on).where(
        deadline.c.ref_id == dp_id, deadline.c.kind == kind, deadline.c.status == "open")
        .order_by(deadline.c.due_on).limit(1))


def filters(case_id: str | None, budget_id: str | None) -> list[Any]:
    c = direct_payment.c
    return ([c.case_id == case_id] if case_id else []) + \
        ([c.budget_id == budget_id] if budget_id else [])
