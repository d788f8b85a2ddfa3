"""The letters waiting for (or gone through) the LA's print run, and the print runs."""

from __future__ import annotations

from sqlalchemy import Column, Index, LargeBinary, String, Table

from common.db.base import UtcDateTime
from notifications.db import metadata

letter = Table(
    "letter", metadata,
    #: the delivery the letter is (one letter per delivery)
    Column("delivery_id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("case_id", String(36)),
    Column("addressee", String(200), nullable=False),
    Column("status", String(20), nullable=False),  # LetterStatus
    Column("pdf", LargeBinary, nullable=False),
    Column("queued_at", UtcDateTime, nullable=False),
    Column("print_run_id", String(36)),
    Column("printed_at", UtcDateTime),
    Column("posted_at", UtcDateTime),
)
Index("ix_letter_la_status", letter.c.la_code, letter.c.status)

print_run = Table(
    "print_run", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False, index=True),
    Column("created_at", UtcDateTime, nullable=False),
    Column("created_by", String(200), nullable=False),
)
