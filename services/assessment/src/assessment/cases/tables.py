"""Tables of a case: the child or young person, their contacts and the case timeline."""

from __future__ import annotations

from sqlalchemy import JSON, Column, Date, ForeignKey, Index, Integer, String, Table

from assessment.db import metadata
from common.db.base import BigId, UtcDateTime

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
    #: {"lines": [...], "postcode": ...} for letters, when the contact gave one
    Column("postal_address", JSON),
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
