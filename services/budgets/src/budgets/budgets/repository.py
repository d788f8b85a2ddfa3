"""Every query of personal budgets and their components; typed records, never commits."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sqlalchemy import func, insert, or_, select, update

from budgets.budgets.tables import budget_component, personal_budget
from budgets.domain.enums import (
    BudgetStatus,
    Decision,
    FundingStream,
    Mechanism,
    RequestContext,
)
from budgets.domain.model import Component
from budgets.domain.records import Budget, StoredComponent
from common.principal import Principal


def _budget(row: Any) -> Budget:
    return Budget(
        row.id, row.la_code, row.case_id, row.plan_id, BudgetStatus(row.status),
        RequestContext(row.context), row.requested_by, row.received_on,
        row.information_given_on, list(row.outcomes_supported or []), row.flexibility,
        row.total_pence, Decision(row.decision) if row.decision else None, row.decided_on,
        row.reasons, row.review_requested_on, row.review_due_on, row.reopened_on,
        row.preparation, row.version)


def _component(row: Any) -> StoredComponent:
    return StoredComponent(row.id, Component(
        FundingStream(row.funding_stream), row.provision, row.annual_pence,
        Mechanism(row.mechanism) if row.mechanism else None, row.block_commissioned,
        row.school_or_college_place, row.on_setting_premises, row.setting_name,
        row.setting_urn, tuple(row.needs_met), tuple(row.outcomes_met)))


def readable_by(principal: Principal) -> list[Any]:
    """The budgets a principal may read: its LA's, and for a family only its own cases."""
    c = personal_budget.c
    conditions = [c.la_code == principal.la_code]
    if principal.is_family:
        conditions.append(c.case_id.in_(sorted(principal.case_ids)))
    elif not principal.has_any(("la_caseworker", "la_manager")):
        conditions.append(c.id.is_(None))  # nobody else reads budgets
    return conditions


async def get(conn: Any, principal: Principal, budget_id: str, *,
              for_update: bool = False) -> Budget | None:
    query = select(personal_budget).where(personal_budget.c.id == budget_id,
                                          *readable_by(principal))
    if for_update:
        query = query.with_for_update()
    row = (await conn.execute(query)).one_or_none()
    return _budget(row) if row is not None else None


async def page(conn: Any, principal: Principal, filters: list[Any], limit: int,
               offset: int) -> tuple[list[Budget], int]:
    where = [*readable_by(principal), *filters]
    total = await conn.scalar(select(func.count()).select_from(personal_budget).where(*where))
    rows = (await conn.execute(select(personal_budget).where(*where).order_by(
        personal_budget.c.created_at, personal_budget.c.id).limit(limit).offset(offset))).all()
    return [_budget(r) for r in rows], int(total or 0)


async def of_case(conn: Any, case_id: str, statuses: Sequence[BudgetStatus]) -> list[Budget]:
    rows = (await conn.execute(select(personal_budget).where(
        personal_budget.c.case_id == case_id,
        personal_budget.c.status.in_([s.value for s in statuses])).with_for_update())).all()
    return [_budget(r) for r in rows]


async def add(conn: Any, values: dict[str, Any]) -> None:
    await conn.execute(insert(personal_budget).values(version=1, preparation=0, **values))


async def change(conn: Any, budget: Budget, values: dict[str, Any]) -> None:
    await conn.execute(update(personal_budget).where(personal_budget.c.id == budget.id).values(
        version=budget.version + 1, **values))


async def components(conn: Any, budgets: Sequence[Budget]) -> dict[str, list[StoredComponent]]:
    """The current components (latest preparation) of each budget."""
    c = budget_component.c
    current = [(c.budget_id == b.id) & (c.preparation == b.preparation) for b in budgets]
    found: dict[str, list[StoredComponent]] = {b.id: [] for b in budgets}
    if not current:
        return found
    rows = (await conn.execute(select(budget_component).where(or_(*current)).order_by(
        c.budget_id, c.position))).all()
    for row in rows:
        found[row.budget_id].append(_component(row))
    return found


async def add_components(conn: Any, budget_id: str, preparation: int,
                         lines: Sequence[tuple[str, Component]]) -> None:
    """A new preparation's components; earlier ones stay (direct payments point at them)."""
    if lines:
        await conn.execute(insert(budget_component), [
            {"id": line_id, "budget_id": budget_id, "preparation": preparation, "position": n,
             "funding_stream": c.funding_stream.value, "provision": c.provision,
             "annual_pence": c.annual_pence,
             "mechanism": c.mechanism.value if c.mechanism else None,
             "block_commissioned": c.block_commissioned,
             "school_or_college_place": c.school_or_college_place,
             "on_setting_premises": c.on_setting_premises, "setting_name": c.setting_name,
             "setting_urn": c.setting_urn, "needs_met": list(c.needs_met),
             "outcomes_met": list(c.outcomes_met)}
            for n, (line_id, c) in enumerate(lines)])


async def agreed_totals(conn: Any, la_code: str) -> list[tuple[date, int]]:
    rows = (await conn.execute(select(personal_budget.c.decided_on,
                                      personal_budget.c.total_pence).where(
        personal_budget.c.la_code == la_code,
        personal_budget.c.decision == Decision.AGREED.value))).all()
    return [(r.decided_on, int(r.total_pence or 0)) for r in rows]


async def get_by_id(conn: Any, budget_id: str) -> Budget:
    """A budget by id, for the service's own follow-on work (no caller to check)."""
    row = (await conn.execute(select(personal_budget).where(
        personal_budget.c.id == budget_id))).one()
    return _budget(row)


def filters(case_id: str | None, status: BudgetStatus | None) -> list[Any]:
    c = personal_budget.c
    return ([c.case_id == case_id] if case_id else []) + \
        ([c.status == status.value] if status else [])
