"""Queries of a young person's education or training records. Tenancy (the LA code) is part of
every lookup; nothing here commits."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import insert, select
from sqlalchemy.ext.asyncio import AsyncConnection

from assessment.domain.ceasing import EducationOrTraining, EducationSpell
from assessment.education.tables import education_record


@dataclass(frozen=True, slots=True)
class EducationRecord:
    """One stored record of what the young person is doing (R4.2-R4.4)."""

    id: str
    case_id: str
    la_code: str
    kind: EducationOrTraining
    started_on: date
    created_at: datetime
    provider_name: str | None = None
    ends_on: date | None = None

    def __post_init__(self) -> None:
        object.__setattr__(self, "kind", EducationOrTraining(self.kind))

    @property
    def spell(self) -> EducationSpell:
        return EducationSpell(kind=self.kind, started_on=self.started_on, ends_on=self.ends_on)


async def add_record(connection: AsyncConnection, values: dict[str, Any]) -> None:
    await connection.execute(insert(education_record).values(**values))


async def records_of_case(connection: AsyncConnection, la_code: str,
                          case_id: str) -> list[EducationRecord]:
    """Every record of the case, oldest first."""
    rows = (await connection.execute(
        select(education_record).where(education_record.c.case_id == case_id,
                                       education_record.c.la_code == la_code)
        .order_by(education_record.c.started_on, education_record.c.created_at))
    ).mappings().all()
    return [EducationRecord(**dict(row)) for row in rows]
