"""What a young person is doing: dated records of their education or training (R4.2-R4.4)."""

from __future__ import annotations

from sqlalchemy import Column, Date, String, Table

from assessment.db import case_ref, id_column, metadata
from common.db.base import UtcDateTime

education_record = Table(
    "education_record", metadata, id_column(), case_ref(),
    Column("la_code", String(3), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("provider_name", String(200)),
    Column("started_on", Date, nullable=False),
    Column("ends_on", Date),
    Column("created_at", UtcDateTime, nullable=False),
)
