"""Proposals to cease maintaining an EHC plan, through decision and any appeal."""

from __future__ import annotations

from sqlalchemy import Column, Date, ForeignKey, String, Table, Text

from assessment.db import case_ref, id_column, metadata

cease_proposal = Table(
    "cease_proposal", metadata, id_column(), case_ref(),
    Column("plan_id", String(36), ForeignKey("plan.id"), nullable=False, index=True),
    Column("ground", String(40), nullable=False),
    Column("detail", Text, nullable=False),
    Column("consulted_on", Date, nullable=False),
    Column("decided_on", Date),
    Column("notified_on", Date),
    Column("ceases_on", Date),
    Column("appeal_lodged_on", Date),
    Column("appeal_outcome", String(20)),
    Column("status", String(20), nullable=False),
)
