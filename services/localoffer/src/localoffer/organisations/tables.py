"""Organisations that provide the local offer's services, with their public identifiers,
and the yearly SEN information reports of schools and colleges (R8.6)."""

from sqlalchemy import (
    Column,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Table,
    Text,
    UniqueConstraint,
)

from common.db.base import UtcDateTime
from localoffer.db import metadata

organisation = Table(
    "organisation", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("name", String(300), nullable=False),
    Column("description", Text, nullable=False),
    Column("kind", String(40), nullable=False),
    Column("email", String(320)),
    Column("website", String(500)),
    # the `org` claim of its staff's bearer tokens: what a provider may edit
    Column("provider_code", String(50)),
    Column("urn", String(10)),
    Column("ukprn", String(10)),
    Column("ods_code", String(10)),
    Column("charity_number", String(12)),
    Column("company_number", String(10)),
    Column("created_at", UtcDateTime, nullable=False),
    Column("modified_at", UtcDateTime, nullable=False),
    UniqueConstraint("la_code", "provider_code"),
)
Index("ix_organisation_la_code_name", organisation.c.la_code, organisation.c.name)

sen_information_report = Table(
    "sen_information_report", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("organisation_id", String(36), ForeignKey("organisation.id"), nullable=False),
    Column("academic_year", String(7), nullable=False),
    Column("state", String(20), nullable=False),
    Column("url", String(500), nullable=False),
    Column("summary", Text, nullable=False),
    Column("version", Integer, nullable=False),
    Column("published_on", Date),
    Column("updated_at", UtcDateTime, nullable=False),
    UniqueConstraint("organisation_id", "academic_year"),
)
