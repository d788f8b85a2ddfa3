"""Every query of the personal budget policy."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, insert, select, update

from budgets.domain.enums import PolicyStatus
from budgets.domain.records import Policy
from budgets.policy.tables import budget_policy


def _record(row: Any) -> Policy:
    return Policy(row.id, row.la_code, row.version, PolicyStatus(row.status), row.title,
                  row.summary, row.url, row.content, row.published_on)


async def get(conn: Any, la_code: str, policy_id: str, *,
              for_update: bool = False) -> Policy | None:
    query = select(budget_policy).where(budget_policy.c.id == policy_id,
                                        budget_policy.c.la_code == la_code)
    if for_update:
        query = query.with_for_update()
    row = (await conn.execute(query)).one_or_none()
    return _record(row) if row is not None else None


async def next_version(conn: Any, la_code: str) -> int:
    latest = await conn.scalar(select(func.max(budget_policy.c.version)).where(
        budget_policy.c.la_code == la_code))
    return int(latest or 0) + 1


async def add(conn: Any, values: dict[str, Any]) -> None:
    await conn.execute(insert(budget_policy).values(**values))


async def set_status(conn: Any, policy_id: str, values: dict[str, Any]) -> None:
    await conn.execute(update(budget_policy).where(budget_policy.c.id == policy_id)
                       .values(**values))


async def supersede_published(conn: Any, la_code: str) -> None:
    await conn.execute(update(budget_policy).where(
        budget_policy.c.la_code == la_code,
        budget_policy.c.status == PolicyStatus.PUBLISHED.value).values(
        status=PolicyStatus.SUPERSEDED.value))


async def page(conn: Any, la_code: str, statuses: list[str], limit: int,
               offset: int) -> tuple[list[Policy], int]:
    where = [budget_policy.c.la_code == la_code]
    if statuses:
        where.append(budget_policy.c.status.in_(statuses))
    total = await conn.scalar(select(func.count()).select_from(budget_policy).where(*where))
    rows = (await conn.execute(select(budget_policy).where(*where).order_by(
        budget_policy.c.version).limit(limit).offset(offset))).all()
    return [_record(r) for r in rows], int(total or 0)


async def published_versions(conn: Any, la_code: str) -> list[Policy]:
    rows = (await conn.execute(select(budget_policy).where(
        budget_policy.c.la_code == la_code, budget_policy.c.published_on.is_not(None))
        .order_by(budget_policy.c.version))).all()
    return [_record(r) for r in rows]
