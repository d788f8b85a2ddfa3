"""Registered independent mediators and mediation advisers (R6.8). No schema name."""

from __future__ import annotations

from sqlalchemy import Column, String, Table

from common.db.base import UtcDateTime
from mediation.db import metadata

practitioner = Table(
    "practitioner", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False, index=True),
    Column("role", String(20), nullable=False),  # mediator | adviser
    Column("name", String(200), nullable=False),
    Column("organisation_code", String(20), nullable=False),
    Column("organisation_name", String(200), nullable=False),
    Column("organisation_kind", String(40), nullable=False),
    Column("email", String(320)),
    Column("phone", String(40)),
    Column("created_at", UtcDateTime, nullable=False),
)
