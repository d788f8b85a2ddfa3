"""The delivery table: one row per (event, recipient, channel); and each LA's GOV.UK Notify
template ids (a template belongs to one Notify service, so to one LA)."""

from __future__ import annotations

from sqlalchemy import BigInteger, Column, Index, Integer, String, Table, Text, UniqueConstraint

from common.db.base import UtcDateTime
from notifications.db import metadata

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
    #: when it is due; for a `sending` row, when the claim's lease runs out
    Column("next_attempt_at", UtcDateTime),
    Column("created_at", UtcDateTime, nullable=False),
    Column("sent_at", UtcDateTime),
    Column("endpoint_id", String(36)),
    Column("provider_ref", String(200)),
    Column("read_at", UtcDateTime),
    Column("replays", Integer, nullable=False, server_default="0"),
    #: creation order (time in ns, made monotonic in-process): per-endpoint ordering
    Column("seq", BigInteger, nullable=False, server_default="0"),
    #: "smtp": over SMTP whatever the LA chose (an alert's fallback); NULL: as the LA chose
    Column("provider", String(20)),
    #: the recipient's name, for "Name <address>" on email (no part of the unique key)
    Column("recipient_name", String(200)),
    UniqueConstraint("event_id", "recipient", "channel"),
)
Index("ix_delivery_endpoint_seq", delivery.c.endpoint_id, delivery.c.seq)
Index("ix_delivery_due", delivery.c.next_attempt_at,
      postgresql_where=delivery.c.status.in_(("pending", "retrying", "sending")),
      sqlite_where=delivery.c.status.in_(("pending", "retrying", "sending")))

notify_template = Table(
    "notify_template", metadata,
    Column("la_code", String(3), primary_key=True),
    Column("event_type", String(200), primary_key=True),  # or "*": any event
    Column("audience", String(30), primary_key=True),  # or "*": any audience
    Column("channel", String(20), primary_key=True),  # email | sms
    Column("template_id", String(36), nullable=False),
    Column("updated_at", UtcDateTime, nullable=False),
)
