"""Use case of the report of active plans by age band and primary need (R13.1)."""

from __future__ import annotations

from datetime import date

from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.active_plans import rules
from assessment.sen2.service import people


async def active_plans(connection: AsyncConnection, la_code: str, on: date) -> rules.ActivePlans:
    return rules.active_plans(await people(connection, la_code), on)
