"""The record of each legacy import. Nothing here commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from assessment.imports.tables import legacy_import


async def add_import(session: AsyncSession, values: dict[str, Any]) -> None:
    await session.execute(insert(legacy_import).values(**values))
