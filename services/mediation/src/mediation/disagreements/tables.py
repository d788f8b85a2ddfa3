"""Disagreement resolution, tracked apart from mediation (R6.12). No schema name."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    String,
    Table,
    Text,
)

from common.db.base import UtcDateTime
from mediation.db import metadata

disagreement_resolution = Table(
    "disagreement_resolution", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("case_id", String(36), nullable=False, index=True),
    Column("mediation_case_id", String(36)),
    Column("requested_on", Date, nullable=False),
    Column("requested_by", String(200), nullable=False),
    Column("subject", Text, nullable=False),
    Column("parties", JSON, nullable=False),
    Column("status", String(20), nullable=False),  # open | resolved | not_resolved | withdrawn
    Column("closed_on", Date),
    Column("summary", Text),
    Column("created_at", UtcDateTime, nullable=False),
)
