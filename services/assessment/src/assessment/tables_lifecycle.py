"""Tables of the statutory lifecycle after the request: advice, exceptions, EHC plans and
their versions, comments, school consultations, reviews, ceasing, transfers, legacy imports
and the case timeline. Same metadata as tables.py; no schema names."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from assessment.tables import metadata
from common.db.base import BigId, UtcDateTime


def _id() -> Column[str]:
    return Column("id", String(36), primary_key=True)


def _case_ref() -> Column[str]:
    return Column("case_id", String(36), ForeignKey("case.id"), nullable=False, index=True)


advice_request = Table(
    "advice_request", metadata, _id(), _case_ref(),
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
    "timeline_exception", metadata, _id(), _case_ref(),
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

plan = Table(
    "plan", metadata, _id(), _case_ref(),
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
    "plan_version", metadata, _id(),
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
    "plan_comment", metadata, _id(),
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
    "school_request", metadata, _id(),
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

review = Table(
    "review", metadata, _id(), _case_ref(),
    Column("plan_id", String(36), ForeignKey("plan.id"), nullable=False, index=True),
    Column("la_code", String(3), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("due_on", Date, nullable=False),
    Column("meeting_on", Date),
    Column("invited_on", Date),
    Column("advice_circulated_by", Date),
    Column("advice_circulated_on", Date),
    Column("report_due_on", Date),
    Column("report_on", Date),
    Column("decision_due_on", Date),
    Column("outcome", String(10)),
    Column("decided_on", Date),
    Column("amended_plan_due_on", Date),
    Column("next_review_due_on", Date),
    Column("status", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

cease_proposal = Table(
    "cease_proposal", metadata, _id(), _case_ref(),
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

transfer = Table(
    "transfer", metadata, _id(), _case_ref(),
    Column("la_code", String(3), nullable=False),
    Column("kind", String(20), nullable=False),
    Column("other_la_code", String(3)),
    Column("plan_id", String(36)),
    Column("moves_on", Date),
    Column("learned_on", Date),
    Column("notice_on", Date),
    Column("started_on", Date),
    Column("due_on", Date, nullable=False),
    Column("completed_on", Date),
    Column("status", String(20), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

legacy_import = Table(
    "legacy_import", metadata, _id(),
    Column("la_code", String(3), nullable=False),
    Column("format", String(10), nullable=False),
    Column("rows_total", Integer, nullable=False),
    Column("accepted", Integer, nullable=False),
    Column("skipped", Integer, nullable=False),
    Column("rejected", Integer, nullable=False),
    Column("report", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)

timeline_entry = Table(
    "timeline_entry", metadata,
    Column("id", BigId, primary_key=True, autoincrement=True),
    Column("case_id", String(36), nullable=False),
    Column("la_code", String(3), nullable=False),
    Column("event_type", String(200), nullable=False),
    Column("occurred_on", Date, nullable=False),
    Column("data", JSON, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
)
Index("ix_timeline_entry_case_id_id", timeline_entry.c.case_id, timeline_entry.c.id)
