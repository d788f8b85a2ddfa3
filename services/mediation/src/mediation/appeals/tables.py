"""Appeals, Tribunal orders and the compliance steps that agreements and orders set
(R6.9-R6.11). No schema name."""

from __future__ import annotations

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    String,
    Table,
    Text,
)

from common.db.base import UtcDateTime
from mediation.db import metadata

appeal = Table(
    "appeal", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("mediation_case_id", String(36), nullable=False, index=True),
    Column("case_id", String(36), nullable=False),
    Column("registered_on", Date, nullable=False),
    Column("tribunal_reference", String(60)),
    Column("appeal_by", Date, nullable=False),
    Column("in_time", Boolean, nullable=False),
    Column("after_mediation", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)


tribunal_order = Table(
    "tribunal_order", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("appeal_id", String(36), nullable=False, index=True),
    Column("kind", String(20), nullable=False),  # unopposed | order
    Column("from_on", Date, nullable=False),
    Column("section_i_only", Boolean, nullable=False),
    Column("amend_too", Boolean, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)


compliance_step = Table(
    "compliance_step", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("mediation_case_id", String(36), nullable=False, index=True),
    Column("case_id", String(36), nullable=False),
    Column("source", String(20), nullable=False),  # agreement | tribunal_order
    Column("source_id", String(36), nullable=False),
    Column("kind", String(40), nullable=False),
    Column("description", Text, nullable=False),
    Column("responsible", String(30), nullable=False),  # la | commissioning_body
    Column("due_on", Date, nullable=False),
    Column("done_on", Date),
    # R6.11: done in time? and, when assessment's own event reported it, which event
    Column("in_time", Boolean),
    Column("done_by_event_id", String(64)),
    Column("done_by_event_type", String(100)),
)
