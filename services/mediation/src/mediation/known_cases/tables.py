"""Which LA each case known from assessment's events belongs to. No schema name."""

from __future__ import annotations

from sqlalchemy import Column, String, Table

from common.db.base import UtcDateTime
from mediation.db import metadata

known_case = Table(
    "known_case", metadata,
    Column("case_id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("seen_at", UtcDateTime, nullable=False),
)
