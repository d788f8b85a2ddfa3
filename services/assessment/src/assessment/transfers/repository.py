"""Queries of moves out and transfer reviews. Tenancy (the LA code) is part of every lookup
by id; nothing here commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.domain.records import TransferRecord, from_row
from assessment.transfers.tables import transfer


async def add_transfer(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(transfer).values(**values))


async def get_transfer(session: AsyncSession, la_code: str,
                       transfer_id: str) -> TransferRecord | None:
    row = (await session.execute(select(transfer).where(
        transfer.c.id == transfer_id, transfer.c.la_code == la_code))).mappings().one_or_none()
    return None if row is None else from_row(TransferRecord, row)


async def update_transfer(session: AsyncSession, transfer_id: str,
                          values: dict[str, Any]) -> None:
    await session.execute(update(transfer).where(transfer.c.id == transfer_id).values(**values))


async def transfers_of_plan(session: AsyncSession, plan_id: str) -> list[TransferRecord]:
    rows = (await session.execute(select(transfer).where(transfer.c.plan_id == plan_id)
                                  .order_by(transfer.c.id))).mappings().all()
    return [from_row(TransferRecord, r) for r in rows]
