"""The notifications service's tables. No schema names: the engine maps them at runtime."""

from __future__ import annotations

from sqlalchemy import (
    BigInteger,
    Boolean,
    Column,
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

delivery = Table(
    "delivery", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("case_id", String(36), index=True),
    Column("event_id", String(64), nullable=False),
    Column("event_type", String(200), nullable=False),
    Column("audience", String(30), nullable=False),
    Column("channel", String(20), nullable=False),
    Column("recipient", String(320), nullable=False),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("attempts", Integer, nullable=False),
    Column("last_error", Text),
    Column("next_attempt_at", UtcDateTime),
    Column("created_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
    Column("endpoint_id", String(36)),
    Column("provider_ref", String(200)),
    Column("read_at", UtcDateTime),
    Column("replays", Integer, nullable=False, server_default="0"),
    #: creation order (time in ns, made monotonic in-process): per-endpoint ordering
    Column("seq", BigInteger, nullable=False, server_default="0"),
    UniqueConstraint("event_id", "recipient", "channel"),
)
Index("ix_delivery_endpoint_seq", delivery.c.endpoint_id, delivery.c.seq)
Index("ix_delivery_due", delivery.c.next_attempt_at,
      postgresql_where=delivery.c.status.in_(("pending", "retrying")),
      sqlite_where=delivery.c.status.in_(("pending", "retrying")))

# -- recipients read model ------------------------------------------------------------------

case_record = Table(
    "case_record", metadata,
    Column("case_id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("caseworker_id", String(100)),
    Column("team", String(100)),
    Column("updated_at", UtcDateTime, nullable=False),
)

case_contact = Table(
    "case_contact", metadata,
    Column("case_id", String(36), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("role", String(50), nullable=False),
    Column("name", String(200), nullable=False),
    Column("email", String(320)),
    Column("phone", String(40)),
    Column("preferred_channel", String(20), nullable=False),
)

staff_address = Table(
    "staff_address", metadata,
    Column("la_code", String(3), primary_key=True),
    Column("kind", String(20), primary_key=True),  # team | manager | caseworker
    Column("ref", String(100), primary_key=True),  # team name, caseworker id, or "" (LA-wide)
    Column("email", String(320), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

opt_out = Table(
    "opt_out", metadata,
    Column("la_code", String(3), primary_key=True),
    Column("address", String(320), primary_key=True),
    Column("created_at", UtcDateTime, nullable=False),
)

# -- routing and templates per LA -----------------------------------------------------------

route_override = Table(
    "route_override", metadata,
    Column("la_code", String(3), primary_key=True),
    Column("event_type", String(200), primary_key=True),
    Column("audience", String(30), primary_key=True),
    Column("channels", Text, nullable=False),  # JSON list
    Column("enabled", Boolean, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

template_override = Table(
    "template_override", metadata,
    Column("la_code", String(3), primary_key=True),
    Column("event_type", String(200), primary_key=True),
    Column("audience", String(30), primary_key=True),
    Column("channel", String(20), primary_key=True),
    Column("subject", Text, nullable=False),
    Column("body", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)

# -- partner webhooks -----------------------------------------------------------------------

webhook_endpoint = Table(
    "webhook_endpoint", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("org_code", String(20), nullable=False, index=True),
    Column("url", String(2000), nullable=False),
    Column("event_types", Text, nullable=False),  # JSON list
    Column("secrets", Text, nullable=False),  # JSON [{secret, expires_at?}]
    Column("status", String(20), nullable=False),  # active | disabled
    Column("disabled_reason", Text),
    Column("created_at", UtcDateTime, nullable=False),
    Column("last_success_at", UtcDateTime),
    Column("last_failure_at", UtcDateTime),
    Column("consecutive_failures", Integer, nullable=False, server_default="0"),
)
