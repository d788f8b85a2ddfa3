"""Tables of a case: the child or young person, the words of their name a search finds them
by, their contacts and the case timeline."""

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
    false,
)

from assessment.db import metadata
from assessment.plans.tables import plan
from assessment.requests.tables import assessment_request
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
    # A case opened because an identifier was claimed by another child (a health
    # notification or import naming an NHS number or UPN held by a case with another date of
    # birth): a caseworker reconciles it with `reconcile_with_case_id`.
    Column("needs_reconciliation", Boolean, nullable=False, server_default=false()),
    Column("reconcile_with_case_id", String(36)),
    Column("reconcile_reason", String(300)),
    # A case reconciled as the same child as another: its records moved to that case, and
    # this one is closed, answering reads with where the child's records now are.
    Column("merged_into_case_id", String(36)),
    Column("merged_on", Date),
)
Index("ix_case_la_code_family_name", case.c.la_code, case.c.family_name)
# One child, one record: an identifier names at most one case in an LA.
Index("uq_case_la_code_nhs_number", case.c.la_code, case.c.nhs_number, unique=True)
Index("uq_case_la_code_upn", case.c.la_code, case.c.upn, unique=True)
Index("uq_case_la_code_uln", case.c.la_code, case.c.uln, unique=True)
# Finding a child (GET /v1/cases) by date of birth, caseworker or team.
Index("ix_case_la_code_date_of_birth", case.c.la_code, case.c.date_of_birth)
Index("ix_case_la_code_caseworker_id", case.c.la_code, case.c.caseworker_id)
Index("ix_case_la_code_team", case.c.la_code, case.c.team)

# The folded words of a case's names (domain.identifiers.name_tokens), written with the case:
# a search for a prefix of any of them is a range (`token >= 'oka' AND token < 'okb'`) over
# an index, on Postgres and SQLite alike, with no database extension (unaccent, pg_trgm).
# The range follows code points: collation "C" on Postgres, SQLite's own (BINARY) order.
Token = String(100).with_variant(String(100, collation="C"), "postgresql")
case_name_token = Table(
    "case_name_token", metadata,
    Column("case_id", String(36), ForeignKey("case.id", ondelete="CASCADE"),
           primary_key=True),
    Column("token", Token, primary_key=True),
    Column("la_code", String(3), nullable=False),
)
Index("ix_case_name_token_la_code_token", case_name_token.c.la_code, case_name_token.c.token)
# A search by stage (GET /v1/cases?stage=): the LA's requests or plans in a status.
Index("ix_assessment_request_la_code_status_case_id", assessment_request.c.la_code,
      assessment_request.c.status, assessment_request.c.case_id)
Index("ix_plan_la_code_status_case_id", plan.c.la_code, plan.c.status, plan.c.case_id)

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
