"""Personal budgets (request to decision) and their components."""

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
)

from budgets.db import metadata
from common.db.base import UtcDateTime

personal_budget = Table(
    "personal_budget", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("case_id", String(36), nullable=False),
    Column("plan_id", String(36)),
    Column("status", String(20), nullable=False),
    Column("context", String(30), nullable=False),
    Column("received_on", Date, nullable=False),
    Column("requested_by", String(20), nullable=False),
    # R7.3: what the family was told, and when
    Column("information_given_on", Date),
    # R7.10: what the budget is for
    Column("outcomes_supported", JSON),
    Column("flexibility", Text),
    Column("total_pence", BigInteger),
    Column("decision", String(10)),
    Column("decided_on", Date),
    Column("reasons", Text),
    # R7.8: a review of a refusal
    Column("review_requested_on", Date),
    Column("review_grounds", Text),
    Column("review_due_on", Date),
    Column("reopened_on", Date),
    # each preparation adds a fresh set of components; the latest is the budget
    Column("preparation", Integer, nullable=False),
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)
Index("ix_personal_budget_la_code_case_id", personal_budget.c.la_code,
      personal_budget.c.case_id)

budget_component = Table(
    "budget_component", metadata,
    Column("id", String(36), primary_key=True),
    Column("budget_id", String(36), ForeignKey("personal_budget.id"), nullable=False,
           index=True),
    Column("preparation", Integer, nullable=False),
    Column("position", Integer, nullable=False),
    Column("funding_stream", String(20), nullable=False),
    Column("mechanism", String(20)),
    Column("provision", Text, nullable=False),
    Column("annual_pence", BigInteger, nullable=False),
    Column("block_commissioned", Boolean, nullable=False),
    Column("school_or_college_place", Boolean, nullable=False),
    Column("on_setting_premises", Boolean, nullable=False),
    Column("setting_name", String(200)),
    Column("setting_urn", String(20)),
    Column("needs_met", JSON, nullable=False),
    Column("outcomes_met", JSON, nullable=False),
)
