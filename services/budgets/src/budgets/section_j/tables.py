"""Section J as prepared for the plan, one row per revision."""

from sqlalchemy import JSON, Column, Date, ForeignKey, Integer, String, Table, UniqueConstraint

from budgets.db import metadata
from common.db.base import UtcDateTime

section_j = Table(
    "section_j", metadata,
    Column("id", String(36), primary_key=True),
    Column("budget_id", String(36), ForeignKey("personal_budget.id"), nullable=False),
    Column("case_id", String(36), nullable=False, index=True),
    Column("plan_id", String(36)),
    Column("revision", Integer, nullable=False),
    Column("content", JSON, nullable=False),
    Column("prepared_on", Date, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("budget_id", "revision"),
)
