"""EHC plans, their versions (every draft and final kept), comments on drafts and the
schools or colleges the family asked to be named."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from assessment.db import case_ref, id_column, metadata
from common.db.base import UtcDateTime

plan = Table(
    "plan", metadata, id_column(), case_ref(),
    Column("la_code", String(3), nullable=False),
    Column("request_id", String(36)),
    Column("status", String(20), nullable=False),
    Column("current_version", Integer, nullable=False),
    Column("origin", String(20), nullable=False),
    Column("first_issued_on", Date),
    Column("last_issued_on", Date),
    Column("next_review_due_on", Date),
    Column("ceased_on", Date),
    Column("cease_ground", String(40)),
    Column("legacy_ref", String(100)),
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("la_code", "legacy_ref"),
)

plan_version = Table(
    "plan_version", metadata, id_column(),
    Column("plan_id", String(36), ForeignKey("plan.id"), nullable=False, index=True),
    Column("number", Integer, nullable=False),
    Column("stage", String(10), nullable=False),
    Column("reason", String(20), nullable=False),
    Column("sections", JSON, nullable=False),
    Column("preparation_for_adulthood_in", JSON, nullable=False),
    Column("advice_listed", JSON, nullable=False),
    Column("personal_budget_requested", Boolean, nullable=False),
    Column("direct_payment", Boolean, nullable=False),
    Column("setting_name", String(200)),
    Column("setting_type", String(60)),
    Column("sent_on", Date),
    Column("comments_due_on", Date),
    Column("earliest_final_on", Date),
    Column("issued_on", Date),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("plan_id", "number"),
)

plan_comment = Table(
    "plan_comment", metadata, id_column(),
    Column("plan_id", String(36), ForeignKey("plan.id"), nullable=False, index=True),
    Column("version_number", Integer, nullable=False),
    Column("author_role", String(30), nullable=False),
    Column("author", String(200), nullable=False),
    Column("section", String(3)),
    Column("body", Text, nullable=False),
    Column("received_on", Date, nullable=False),
    Column("wants_meeting", Boolean, nullable=False),
)

school_request = Table(
    "school_request", metadata, id_column(),
    Column("plan_id", String(36), ForeignKey("plan.id"), nullable=False, index=True),
    Column("case_id", String(36), nullable=False),
    Column("setting_name", String(200), nullable=False),
    Column("setting_urn", String(8)),
    Column("setting_type", String(60), nullable=False),
    Column("requested_on", Date, nullable=False),
    Column("consulted_on", Date),
    Column("reply_due_on", Date),
    Column("replied_on", Date),
    Column("response", String(20)),
    Column("status", String(20), nullable=False),
)
