"""Tables of the personal budget policy feature (no schema names)."""

from sqlalchemy import Column, Date, Integer, String, Table, Text

from common.db.base import UtcDateTime
from localoffer.db import metadata

# The policy the local offer shows now, one row per LA, replaced by newer versions.
budget_policy = Table(
    "budget_policy", metadata,
    Column("la_code", String(3), primary_key=True),
    Column("policy_id", String(64), nullable=False),
    Column("version", Integer, nullable=False),
    Column("published_on", Date, nullable=False),
    Column("summary", Text, nullable=False),
    Column("url", String(2000)),
    Column("event_id", String(64), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
)
