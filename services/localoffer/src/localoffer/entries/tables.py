"""Entries of the local offer: the published content (searchable, served over ORUK), the
draft under review, and every published version."""

from sqlalchemy import (
    Boolean,
    Column,
    Date,
    Float,
    ForeignKey,
    Index,
    Integer,
    Numeric,
    String,
    Table,
    Text,
)
from sqlalchemy.dialects.postgresql import TSVECTOR

from common.db.base import UtcDateTime
from localoffer.db import metadata

entry = Table(
    "entry", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("organisation_id", String(36), ForeignKey("organisation.id"), nullable=False,
           index=True),
    Column("name", String(300), nullable=False),
    Column("description", Text, nullable=False),
    Column("status", String(20), nullable=False),
    Column("url", String(500)),
    Column("email", String(320)),
    Column("minimum_age", Integer),
    Column("maximum_age", Integer),
    Column("eligibility_description", Text),
    Column("requires_referral", Boolean, nullable=False),
    Column("how_to_access", Text),
    Column("free_of_charge", Boolean, nullable=False),
    Column("fees_description", Text),
    Column("accessibility", Text),
    Column("service_area", Text),
    Column("in_area", Boolean, nullable=False),
    Column("alert", Text),
    Column("last_reviewed_on", Date, nullable=False),
    Column("version", Integer, nullable=False),
    Column("published_at", UtcDateTime, nullable=False),
    Column("modified_at", UtcDateTime, nullable=False),
    Column("search_document", Text, nullable=False),
    # Postgres full-text index (weighted name + the rest); SQLite uses the FTS5 table
    # `entry_fts` the migration creates there, so this column stays empty on SQLite.
    Column("search_vector", TSVECTOR().with_variant(Text(), "sqlite")),
)
Index("ix_entry_la_code_modified_at", entry.c.la_code, entry.c.modified_at)
Index("ix_entry_la_code_name_id", entry.c.la_code, entry.c.name, entry.c.id)
Index("ix_entry_search_vector", entry.c.search_vector, postgresql_using="gin")

entry_term = Table(
    "entry_term", metadata,
    Column("entry_id", String(36), ForeignKey("entry.id"), primary_key=True),
    Column("term_id", String(36), ForeignKey("taxonomy_term.id"), primary_key=True,
           index=True),
)

cost_option = Table(
    "cost_option", metadata,
    Column("id", String(36), primary_key=True),
    Column("entry_id", String(36), ForeignKey("entry.id"), nullable=False, index=True),
    Column("option", Text),
    Column("amount", Numeric(10, 2)),
    Column("amount_description", Text),
    Column("valid_from", Date),
    Column("valid_to", Date),
)

schedule = Table(
    "schedule", metadata,
    Column("id", String(36), primary_key=True),
    Column("entry_id", String(36), ForeignKey("entry.id"), nullable=False, index=True),
    Column("freq", String(10), nullable=False),
    Column("interval", Integer, nullable=False),
    Column("byday", String(100)),
    Column("bymonthday", String(100)),
    Column("opens_at", String(8), nullable=False),
    Column("closes_at", String(8), nullable=False),
    Column("dtstart", Date),
    Column("valid_from", Date),
    Column("valid_to", Date),
    Column("description", Text),
)

# one row per way a schedule recurs (domain.schedules.OpeningPattern): a weekday, every
# day, week or month or every n of them, or the nth such weekday of a month, or a day of
# the month; with the schedule's window and validity: what "open on a day" searches
opening = Table(
    "opening", metadata,
    Column("schedule_id", String(36), ForeignKey("schedule.id"), primary_key=True),
    Column("position", Integer, primary_key=True),
    Column("entry_id", String(36), nullable=False, index=True),
    Column("weekday", Integer),
    Column("nth", Integer),
    Column("monthday", Integer),
    Column("opens_minute", Integer, nullable=False),
    Column("closes_minute", Integer, nullable=False),
    Column("interval", Integer, nullable=False),
    Column("week_anchor", Integer),
    Column("month_anchor", Integer),
    Column("day_anchor", Integer),
    Column("dtstart", Date),
    Column("valid_from", Date),
    Column("valid_to", Date),
)
Index("ix_opening_weekday_opens_minute", opening.c.weekday, opening.c.opens_minute)

location = Table(
    "location", metadata,
    Column("id", String(36), primary_key=True),
    Column("service_at_location_id", String(36), nullable=False, unique=True),
    Column("entry_id", String(36), ForeignKey("entry.id"), nullable=False, index=True),
    Column("name", String(300)),
    Column("description", Text),
    Column("address_1", String(300), nullable=False),
    Column("city", String(100), nullable=False),
    Column("postcode", String(8), nullable=False),
    Column("latitude", Float, nullable=False),
    Column("longitude", Float, nullable=False),
    Column("accessibility", Text),
    # the point on the unit sphere (domain.geo.unit_vector): distances without
    # trigonometry per row
    Column("unit_x", Float, nullable=False),
    Column("unit_y", Float, nullable=False),
    Column("unit_z", Float, nullable=False),
)
Index("ix_location_latitude_longitude", location.c.latitude, location.c.longitude)

contact = Table(
    "contact", metadata,
    Column("id", String(36), primary_key=True),
    Column("entry_id", String(36), ForeignKey("entry.id"), nullable=False, index=True),
    Column("name", String(300)),
    Column("title", String(300)),
    Column("email", String(320)),
    Column("phone", String(40)),
)

entry_draft = Table(
    "entry_draft", metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("organisation_id", String(36), ForeignKey("organisation.id"), nullable=False,
           index=True),
    Column("state", String(20), nullable=False),
    Column("content", Text, nullable=False),
    Column("drafted_by", String(200), nullable=False),
    Column("review_comment", Text),
    Column("updated_at", UtcDateTime, nullable=False),
)
Index("ix_entry_draft_la_code_state", entry_draft.c.la_code, entry_draft.c.state)

entry_version = Table(
    "entry_version", metadata,
    Column("entry_id", String(36), primary_key=True),
    Column("version", Integer, primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("content", Text, nullable=False),
    Column("published_at", UtcDateTime, nullable=False),
    Column("published_by", String(200), nullable=False),
)
