"""What the SEN2 return needs that no other feature records: the person's gender, ethnicity,
postcode, why no UPN or ULN is known, and their special educational needs ranked (R13.1)."""

from __future__ import annotations

from sqlalchemy import JSON, Column, ForeignKey, Integer, String, Table

from assessment.db import metadata
from common.db.base import UtcDateTime

sen2_detail = Table(
    "sen2_detail", metadata,
    Column("case_id", String(36), ForeignKey("case.id"), primary_key=True),
    Column("la_code", String(3), nullable=False, index=True),
    Column("gender", String(1)),
    Column("ethnicity", String(4)),
    Column("postcode", String(8)),
    Column("upn_unknown", String(4)),
    Column("sen_types", JSON, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)
