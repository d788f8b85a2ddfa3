"""The LA's personal budget policy, one row per version (R7.4)."""

from sqlalchemy import JSON, Column, Date, Integer, String, Table, Text, UniqueConstraint

from budgets.db import metadata
from common.db.base import UtcDateTime

budget_policy = Table(
    "budget_policy", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("version", Integer, nullable=False),
    Column("status", String(20), nullable=False),
    Column("title", String(200), nullable=False),
    Column("summary", Text, nullable=False),
    Column("url", String(500)),
    Column("content", JSON, nullable=False),
    Column("published_on", Date),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("la_code", "version"),
)
