"""Reviews of an EHC plan (annual, under-5, phase transfer, other)."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, String, Table

from assessment.db import case_ref, id_column, metadata
from common.db.base import UtcDateTime

review = Table(
    "review", metadata, id_column(), case_ref(),
    Column("plan_id", String(36), ForeignKey("plan.id"), nullable=False, index=True),
    Column("la_code", String(3), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("meeting_on", Date),
    Column("invited_on", Date),
    Column("advice_circulated_by", Date),
    Column("advice_circulated_on", Date),
    Column("report_due_on", Date),
    Column("report_on", Date),
    Column("decision_due_on", Date),
    Column("outcome", String(10)),
    Column("decided_on", Date),
    Column("amended_plan_due_on", Date),
    Column("next_review_due_on", Date),
    Column("status", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)
