"""The mediation service's tables. No schema names: the engine maps them at runtime."""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    Date,
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

mediation_case = Table(
    "mediation_case", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("case_id", String(36), nullable=False),
    Column("decision_id", String(36), nullable=False, unique=True),
    Column("decision_kind", String(40), nullable=False),
    Column("decided_on", Date, nullable=False),
    Column("notified_on", Date, nullable=False),
    Column("sections_in_dispute", JSON),
    Column("appellants", JSON, nullable=False),
    Column("contact_adviser_by", Date, nullable=False),
    Column("status", String(30), nullable=False),
    Column("opened_by", String(20), nullable=False),
    Column("opened_at", UtcDateTime, nullable=False),
    # optimistic concurrency (ETag / If-Match)
    Column("version", Integer, nullable=False, server_default="1"),
    # R6.2: the mediation information sent with the decision
    Column("information_sent_on", Date),
    Column("information_channel", String(20)),
    # R6.3 / R6.4: the family's choice
    Column("told_adviser_on", Date),
    Column("choice", String(20)),
    Column("issues", JSON),
    Column("section_i_only", Boolean, nullable=False, server_default="0"),
    Column("health_provision_sought", Text),
    Column("requested_on", Date),
    # R6.6: the commissioning body (ICB) when health issues are included
    Column("commissioning_body_org_code", String(20)),
    Column("commissioning_body_name", String(200)),
    Column("commissioning_body_told_on", Date),
    Column("commissioning_body_joined", Boolean, nullable=False, server_default="0"),
    Column("not_arranged_reported_on", Date),
    # R6.8: who mediates and advises (their organisations see the case)
    Column("mediator_id", String(36)),
    Column("adviser_id", String(36)),
    Column("mediator_org_code", String(20)),
    Column("adviser_org_code", String(20)),
    Column("arranged_on", Date),
    # R6.7 / R6.10: the outcome
    Column("concluded_on", Date),
    Column("outcome", String(20)),
    Column("agreement_summary", Text),
    Column("appeal_by", Date),
)
Index("ix_mediation_case_la_code_case_id", mediation_case.c.la_code, mediation_case.c.case_id)
Index("ix_mediation_case_mediator_org_code", mediation_case.c.mediator_org_code)

practitioner = Table(
    "practitioner", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False, index=True),
    Column("role", String(20), nullable=False),  # mediator | adviser
    Column("name", String(200), nullable=False),
    Column("organisation_code", String(20), nullable=False),
    Column("organisation_name", String(200), nullable=False),
    Column("organisation_kind", String(40), nullable=False),
    Column("email", String(320)),
    Column("phone", String(40)),
    Column("created_at", UtcDateTime, nullable=False),
)

mediation_session = Table(
    "mediation_session", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("mediation_case_id", String(36), nullable=False, index=True),
    Column("mediator_id", String(36), nullable=False),
    Column("session_on", Date, nullable=False),
    Column("status", String(20), nullable=False),  # booked | moved | held | cancelled
    Column("location", String(200)),
    Column("moves", JSON, nullable=False),  # [{from, to, moved_at}]
    Column("held_on", Date),
    Column("attendees", JSON, nullable=False),
    Column("booked_at", UtcDateTime, nullable=False),
)

certificate_counter = Table(
    "certificate_counter", metadata,
    Column("la_code", String(3), primary_key=True),
    Column("year", Integer, primary_key=True),
    Column("last_seq", Integer, nullable=False),
)

certificate = Table(
    "certificate", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("mediation_case_id", String(36), nullable=False, index=True),
    Column("case_id", String(36), nullable=False),
    Column("certificate_no", String(40), nullable=False),
    Column("basis", String(30), nullable=False),
    Column("told_on", Date, nullable=False),
    Column("due_on", Date, nullable=False),
    Column("issued_on", Date, nullable=False),
    Column("appeal_by", Date, nullable=False),
    Column("parties", JSON, nullable=False),
    Column("recipients", JSON, nullable=False),
    Column("issued_by", String(200), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("la_code", "certificate_no"),
    UniqueConstraint("mediation_case_id", "basis"),
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

disagreement_resolution = Table(
    "disagreement_resolution", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("case_id", String(36), nullable=False, index=True),
    Column("mediation_case_id", String(36)),
    Column("requested_on", Date, nullable=False),
    Column("requested_by", String(200), nullable=False),
    Column("subject", Text, nullable=False),
    Column("parties", JSON, nullable=False),
    Column("status", String(20), nullable=False),  # open | resolved | not_resolved | withdrawn
    Column("closed_on", Date),
    Column("summary", Text),
    Column("created_at", UtcDateTime, nullable=False),
)
