"""Advice sought for an assessment and the exceptions recorded against its time limits."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text

from assessment.db import case_ref, id_column, metadata
from common.db.base import UtcDateTime

advice_request = Table(
    "advice_request", metadata, id_column(), case_ref(),
    Column("request_id", String(36), ForeignKey("assessment_request.id"), nullable=False,
           index=True),
    Column("la_code", String(3), nullable=False),
    Column("advice_type", String(40), nullable=False),
    Column("recipient_kind", String(30), nullable=False),
    Column("recipient_org_code", String(20), index=True),
    Column("recipient_name", String(200), nullable=False),
    Column("requested_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("status", String(20), nullable=False),
    Column("received_on", Date),
    Column("author", String(200)),
    Column("summary", Text),
    Column("created_at", UtcDateTime, nullable=False),
)

timeline_exception = Table(
    "timeline_exception", metadata, id_column(), case_ref(),
    Column("la_code", String(3), nullable=False),
    Column("request_id", String(36), index=True),
    Column("advice_request_id", String(36), index=True),
    Column("kind", String(60), nullable=False),
    Column("starts_on", Date),
    Column("ends_on", Date),
    Column("advice_requested_on", Date),
    Column("evidence", Text, nullable=False),
    Column("recorded_on", Date, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)
