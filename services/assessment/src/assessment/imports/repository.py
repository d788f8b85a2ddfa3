"""The record of each legacy import. Nothing here commits."""

from __future__ import annotations

from typing import Any

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.imports.tables import legacy_import


async def add_import(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await connection.execute(insert(legacy_import).values(**values))
