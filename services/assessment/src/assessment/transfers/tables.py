"""Plans moving out to another LA and transfer reviews of statements and LDAs."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, String, Table

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

# R3.6: the phase pattern of the schools a child attends (infant/junior, first/middle/upper),
# when it is not the usual primary then secondary; one row per case.
phase_pattern = Table(
    "phase_pattern", metadata,
    Column("case_id", String(36), ForeignKey("case.id"), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("pattern", String(30), nullable=False),
    Column("recorded_at", UtcDateTime, nullable=False),
)
