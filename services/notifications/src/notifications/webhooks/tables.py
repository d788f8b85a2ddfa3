"""Partner webhook endpoints."""

from __future__ import annotations

from sqlalchemy import Column, Integer, String, Table, Text

from common.db.base import UtcDateTime
from notifications.db import metadata

webhook_endpoint = Table(
    "webhook_endpoint", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("org_code", String(20), nullable=False, index=True),
    #: the partner role that registered it (health, provider): owner is (LA, role, org)
    Column("partner_role", String(20), nullable=False, server_default="health"),
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
