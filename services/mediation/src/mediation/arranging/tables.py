"""Mediation sessions booked, moved and held (R6.6, R6.8). No schema name."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    String,
    Table,
)

from common.db.base import UtcDateTime
from mediation.db import metadata

mediation_session = Table(
    "mediation_session", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("mediation_case_id", String(36), nullable=False, index=True),
    Column("mediator_id", String(36), nullable=False),
    Column("session_on", Date, nullable=False),
    Column("status", String(20), nullable=False),  # booked | moved | held | cancelled
    Column("location", String(200)),
    Column("moves", JSON, nullable=False),  # [{from, to, moved_at}]
    Column("held_on", Date),
    Column("attendees", JSON, nullable=False),
    Column("booked_at", UtcDateTime, nullable=False),
)
