"""The assessment service's tables. No schema names: the engine maps them at runtime."""

from __future__ import annotations

from sqlalchemy import (
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

from common.db.base import UtcDateTime, add_platform_tables, make_metadata

metadata = make_metadata()
platform = add_platform_tables(metadata)
# The work tray (GET /v1/deadlines) filters the LA's deadlines by caseworker, team or kind
# and pages them by due date: one index each, so that a page and its count read only the
# matching entries (bench/work_tray.py).
_tray = platform.deadline.c
Index("ix_deadline_la_code_owner_caseworker_id_status_due_on", _tray.la_code,
      _tray.owner_caseworker_id, _tray.status, _tray.due_on)
Index("ix_deadline_la_code_owner_team_status_due_on", _tray.la_code, _tray.owner_team,
      _tray.status, _tray.due_on)
Index("ix_deadline_la_code_kind_status_due_on", _tray.la_code, _tray.kind, _tray.status,
      _tray.due_on)

case = Table(
    "case", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("given_name", String(200), nullable=False),
    Column("family_name", String(200), nullable=False),
    Column("date_of_birth", Date, nullable=False),
    Column("upn", String(13)),
    Column("uln", String(10)),
    Column("nhs_number", String(10)),
    Column("home_la_code", String(3)),
    Column("setting_name", String(200)),
    Column("setting_urn", String(8)),
    Column("setting_ukprn", String(8)),
    Column("caseworker_id", String(100)),
    Column("team", String(100)),
    Column("setting_type", String(60)),
    Column("icb_org_code", String(10)),
    Column("icb_name", String(200)),
    Column("detained_since", Date),
    Column("establishment_name", String(200)),
    Column("yot_name", String(200)),
    Column("legacy_ref", String(100)),
    Column("version", Integer, nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)
Index("ix_case_la_code_family_name", case.c.la_code, case.c.family_name)

case_contact = Table(
    "case_contact", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_id", String(36), ForeignKey("case.id", ondelete="CASCADE"), nullable=False,
           index=True),
    Column("role", String(40), nullable=False),
    Column("name", String(200), nullable=False),
    Column("email", String(320)),
    Column("phone", String(40)),
    Column("preferred_channel", String(20), nullable=False),
    Column("position", Integer, nullable=False),
)

assessment_request = Table(
    "assessment_request", metadata,
    Column("id", String(36), primary_key=True),
    Column("case_id", String(36), ForeignKey("case.id"), nullable=False, index=True),
    Column("la_code", String(3), nullable=False),
    Column("requester_type", String(40), nullable=False),
    Column("requester_name", String(200)),
    Column("received_on", Date, nullable=False),
    Column("decision_due_on", Date, nullable=False),
    Column("no_plan_notice_due_on", Date, nullable=False),
    Column("final_plan_due_on", Date, nullable=False),
    Column("repeat_within_six_months", Boolean, nullable=False),
    Column("status", String(30), nullable=False),
    Column("decision", String(10)),
    Column("decided_on", Date),
    Column("notified_on", Date),
    Column("decision_reasons", Text),
    Column("notifier_org_code", String(20)),
    Column("referral_source", String(40)),
    Column("parent_informed_on", Date),
    Column("plan_outcome", String(20)),
    Column("plan_outcome_on", Date),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("case_id", "received_on", "requester_type"),
)

# The lifecycle tables (advice, plans, reviews, ceasing, transfers) live in tables_lifecycle.
