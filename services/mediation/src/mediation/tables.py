"""The mediation service's tables. No schema names: the engine maps them at runtime."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, Index, String, Table

from common.db.base import UtcDateTime, add_platform_tables, make_metadata

metadata = make_metadata()
platform = add_platform_tables(metadata)

mediation_case = Table(
    "mediation_case", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("case_id", String(36), nullable=False),
    Column("decision_id", String(36), nullable=False, unique=True),
    Column("decision_kind", String(40), nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("notified_on", Date, nullable=False),
    Column("sections_in_dispute", JSON),
    Column("appellants", JSON, nullable=False),
    Column("contact_adviser_by", Date, nullable=False),
    Column("status", String(30), nullable=False),
    Column("opened_by", String(20), nullable=False),
    Column("opened_at", UtcDateTime, nullable=False),
)
Index("ix_mediation_case_la_code_case_id", mediation_case.c.la_code, mediation_case.c.case_id)
