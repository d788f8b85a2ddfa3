"""Parent carers' needs assessments recorded on a child's case (R9.3)."""

from __future__ import annotations

from sqlalchemy import Column, Date, String, Table

from assessment.db import case_ref, id_column, metadata
from common.db.base import UtcDateTime

parent_carer_assessment = Table(
    "parent_carer_assessment", metadata, id_column(), case_ref(),
    Column("la_code", String(3), nullable=False),
    Column("carer_name", String(200), nullable=False),
    Column("basis", String(30), nullable=False),
    Column("identified_on", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("assessed_on", Date),
    Column("created_at", UtcDateTime, nullable=False),
)
