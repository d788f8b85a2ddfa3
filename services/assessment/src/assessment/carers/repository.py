"""Queries of parent carers' needs assessments. Tenancy (the LA code) is part of every lookup;
nothing here commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.carers.tables import parent_carer_assessment as table
from assessment.domain.duties import ParentCarerAssessment


async def add_assessment(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await connection.execute(insert(table).values(**values))


async def get_assessment(connection: AsyncConnection, la_code: str,
                         assessment_id: str) -> ParentCarerAssessment | None:
    row = (await connection.execute(select(table).where(
        table.c.id == assessment_id, table.c.la_code == la_code))).mappings().one_or_none()
    return None if row is None else ParentCarerAssessment(**dict(row))


async def assessments_of_case(connection: AsyncConnection, la_code: str,
                              case_id: str) -> list[ParentCarerAssessment]:
    rows = (await connection.execute(select(table).where(
        table.c.case_id == case_id, table.c.la_code == la_code)
        .order_by(table.c.identified_on, table.c.created_at))).mappings().all()
    return [ParentCarerAssessment(**dict(row)) for row in rows]


async def update_assessment(connection: AsyncConnection, assessment_id: str,
                            values: dict[str, Any]) -> None:
    await connection.execute(update(table).where(table.c.id == assessment_id).values(**values))
