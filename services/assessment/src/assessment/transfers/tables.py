"""Plans moving out to another LA and transfer reviews of statements and LDAs."""

from __future__ import annotations

from sqlalchemy import Column, Date, String, Table

from assessment.db import case_ref, id_column, metadata
from common.db.base import UtcDateTime

transfer = Table(
    "transfer", metadata, id_column(), case_ref(),
    Column("la_code", String(3), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("other_la_code", String(3)),
    Column("plan_id", String(36)),
    Column("moves_on", Date),
    Column("learned_on", Date),
    Column("notice_on", Date),
    Column("started_on", Date),
    Column("due_on", Date, nullable=False),
    Column("completed_on", Date),
    Column("status", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)
