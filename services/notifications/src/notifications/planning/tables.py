"""Planning's tables: the recipients read model (cases, contacts), staff addresses,
opt-outs, and each LA's route and template overrides."""

from __future__ import annotations

from sqlalchemy import JSON, Boolean, Column, Integer, String, Table, Text

from common.db.base import UtcDateTime
from notifications.db import metadata

# -- recipients read model ------------------------------------------------------------------

case_record = Table(
    "case_record", metadata,
    Column("case_id", String(36), primary_key=True),
    Column("la_code", String(3), primary_key=True),  # LA-scoped: one LA's case per row
    Column("caseworker_id", String(100)),
    Column("team", String(100)),
    Column("updated_at", UtcDateTime, nullable=False),
    #: the child or young person, and the LA's own reference for the case (staff emails)
    Column("given_name", String(100)),
    Column("family_name", String(100)),
    Column("case_ref", String(100)),
)

case_contact = Table(
    "case_contact", metadata,
    Column("case_id", String(36), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("la_code", String(3), primary_key=True),
    Column("role", String(50), nullable=False),
    Column("name", String(200), nullable=False),
    Column("email", String(320)),
    Column("phone", String(40)),
    Column("preferred_channel", String(20), nullable=False),
    Column("postal_address", JSON),  # {"lines": [...], "postcode": ...}, for letters
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
