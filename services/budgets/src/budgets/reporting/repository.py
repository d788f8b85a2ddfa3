"""The queries behind the personal budgets report."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select

from budgets.budgets.tables import budget_component, personal_budget
from budgets.direct_payments.tables import direct_payment, direct_payment_review
from budgets.domain.enums import BudgetStatus


async def current_lines(conn: Any, la_code: str) -> list[Any]:
    """(budget id, funding stream, mechanism, annual pence, block-commissioned) of every
    component of the budgets in force (agreed, or re-opened at a review)."""
    b, c = personal_budget.c, budget_component.c
    return list((await conn.execute(
        select(b.id, c.funding_stream, c.mechanism, c.annual_pence, c.block_commissioned)
        .join(budget_component, (c.budget_id == b.id) & (c.preparation == b.preparation))
        .where(b.la_code == la_code,
               b.status.in_([BudgetStatus.AGREED.value, BudgetStatus.REOPENED.value]))
    )).all())


async def direct_payments_by_status(conn: Any, la_code: str) -> dict[str, int]:
    rows = (await conn.execute(select(direct_payment.c.status, func.count()).where(
        direct_payment.c.la_code == la_code).group_by(direct_payment.c.status))).all()
    return {row[0]: int(row[1]) for row in rows}


async def reviews(conn: Any, la_code: str) -> list[Any]:
    """(kind, on_time) of every direct payment review recorded."""
    r = direct_payment_review.c
    return list((await conn.execute(select(r.kind, r.on_time).join(
        direct_payment, direct_payment.c.id == r.direct_payment_id).where(
        direct_payment.c.la_code == la_code))).all())


async def overdue_reviews(conn: Any, deadline: Any, la_code: str, kinds: list[str],
                          as_of: Any) -> int:
    return int(await conn.scalar(select(func.count()).where(
        deadline.c.la_code == la_code, deadline.c.kind.in_(kinds), deadline.c.status == "open",
        deadline.c.due_on < as_of)) or 0)
