"""The mediation case: one appealable decision and its mediation. No schema name."""

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

from common.db.base import UtcDateTime
from mediation.db import metadata

mediation_case = Table(
    "mediation_case", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("case_id", String(36), nullable=False),
    # a decision id is the LA's own reference: unique within the LA only, so that a clash
    # with another LA's reference reveals nothing (issue 11)
    Column("decision_id", String(36), nullable=False),
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
    UniqueConstraint("la_code", "decision_id"),
)
Index("ix_mediation_case_la_code_case_id", mediation_case.c.la_code, mediation_case.c.case_id)
Index("ix_mediation_case_mediator_org_code", mediation_case.c.mediator_org_code)
