"""The record of each legacy import and its report of skipped and rejected rows."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Integer, String, Table

from assessment.db import id_column, metadata
from common.db.base import UtcDateTime

legacy_import = Table(
    "legacy_import", metadata, id_column(),
    Column("la_code", String(3), nullable=False),
    Column("format", String(10), nullable=False),
    Column("rows_total", Integer, nullable=False),
    Column("accepted", Integer, nullable=False),
    Column("skipped", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
    Column("report", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)
