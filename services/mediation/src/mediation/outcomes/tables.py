"""Mediation certificates and their per-LA, per-year numbering (R6.5-R6.7)."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Column,
    Date,
    Integer,
    String,
    Table,
    UniqueConstraint,
)

from common.db.base import UtcDateTime
from mediation.db import metadata

certificate_counter = Table(
    "certificate_counter", metadata,
    Column("la_code", String(3), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_seq", Integer, nullable=False),
)


certificate = Table(
    "certificate", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("mediation_case_id", String(36), nullable=False, index=True),
    Column("case_id", String(36), nullable=False),
    Column("certificate_no", String(40), nullable=False),
    Column("basis", String(30), nullable=False),
    Column("told_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("appeal_by", Date, nullable=False),
    Column("parties", JSON, nullable=False),
    Column("recipients", JSON, nullable=False),
    Column("issued_by", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("la_code", "certificate_no"),
    UniqueConstraint("mediation_case_id", "basis"),
)
