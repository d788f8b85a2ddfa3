"""What budgets knows of each case's EHC plan, from assessment's events (R7.1)."""

from sqlalchemy import Column, Date, String, Table

from budgets.db import metadata
from common.db.base import UtcDateTime

plan_case = Table(
    "plan_case", metadata,
    Column("case_id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("stage", String(30), nullable=False),
    Column("plan_id", String(36)),
    Column("plan_issued_on", Date),
    Column("next_review_due_on", Date),
    Column("stage_since", Date, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)
