"""Queries of advice requests and of the exceptions recorded against the time limits.
Tenancy (the LA code) is part of every lookup by id; nothing here commits or locks."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.advice.tables import advice_request, timeline_exception
from assessment.domain.records import AdviceRecord, ExceptionRecord, from_row
from assessment.domain.status import AdviceStatus


async def add_advice(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await connection.execute(insert(advice_request).values(**values))


async def get_advice(connection: AsyncConnection,
                     la_code: str, advice_id: str) -> AdviceRecord | None:
    row = (await connection.execute(select(advice_request).where(
        advice_request.c.id == advice_id, advice_request.c.la_code == la_code))
    ).mappings().one_or_none()
    return None if row is None else from_row(AdviceRecord, row)


async def update_advice(connection: AsyncConnection,
                        advice_id: str, values: dict[str, Any]) -> None:
    await connection.execute(update(advice_request).where(advice_request.c.id == advice_id)
                          .values(**values))


async def advice_of_request(connection: AsyncConnection, request_id: str) -> list[AdviceRecord]:
    rows = (await connection.execute(select(advice_request).where(
        advice_request.c.request_id == request_id).order_by(advice_request.c.requested_on))
    ).mappings().all()
    return [from_row(AdviceRecord, r) for r in rows]


async def advice_for_org(connection: AsyncConnection, la_code: str, org_code: str,
                         status: str | None) -> list[AdviceRecord]:
    query = select(advice_request).where(advice_request.c.la_code == la_code,
                                         advice_request.c.recipient_org_code == org_code)
    if status:
        query = query.where(advice_request.c.status == status)
    rows = (await connection.execute(query.order_by(advice_request.c.due_on))).mappings().all()
    return [from_row(AdviceRecord, r) for r in rows]


async def advice_received_types(connection: AsyncConnection, request_id: str) -> set[str]:
    return set((await connection.scalars(select(advice_request.c.advice_type).where(
        advice_request.c.request_id == request_id,
        advice_request.c.status == AdviceStatus.RECEIVED.value))).all())


async def add_exception(connection: AsyncConnection, values: dict[str, Any]) -> ExceptionRecord:
    row = (await connection.execute(insert(timeline_exception).values(**values)
                                 .returning(*timeline_exception.c))).mappings().one()
    return from_row(ExceptionRecord, row)


async def exceptions_of_request(connection: AsyncConnection,
                                request_id: str) -> list[ExceptionRecord]:
    """Every exception recorded for the request or its advice, in the order recorded."""
    rows = (await connection.execute(select(timeline_exception).where(
        timeline_exception.c.request_id == request_id)
        .order_by(timeline_exception.c.created_at))).mappings().all()
    return [from_row(ExceptionRecord, r) for r in rows]


async def request_exceptions(connection: AsyncConnection,
                             request_ids: list[str]) -> list[ExceptionRecord]:
    """The exceptions to the requests' own time limits (not to advice), 1,000 ids a query."""
    found: list[ExceptionRecord] = []
    for start in range(0, len(request_ids), 1000):
        rows = (await connection.execute(select(timeline_exception).where(
            timeline_exception.c.request_id.in_(request_ids[start:start + 1000]),
            timeline_exception.c.advice_request_id.is_(None)))).mappings().all()
        found.extend(from_row(ExceptionRecord, r) for r in rows)
    return found
