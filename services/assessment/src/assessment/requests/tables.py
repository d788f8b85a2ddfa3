"""The requests for an EHC needs assessment (and referrals, health notifications)."""

from __future__ import annotations

from sqlalchemy import Boolean, Column, Date, ForeignKey, String, Table, Text, UniqueConstraint

from assessment.db import metadata
from common.db.base import UtcDateTime

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
    Column("plan_outcome_notified_on", Date),  # R1.11's notice: one way an assessment ends
    Column("last_assessment_ended_on", Date),  # R1.6: when the request was received
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("case_id", "received_on", "requester_type"),
)
