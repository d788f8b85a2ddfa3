"""Taxonomies and their terms, stored as data with their URIs."""

from sqlalchemy import Column, ForeignKey, String, Table, Text, UniqueConstraint

from localoffer.db import metadata

taxonomy = Table(
    "taxonomy", metadata,
    Column("id", String(36), primary_key=True),
    Column("code", String(80), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("description", Text, nullable=False),
    Column("uri", String(500)),
    Column("version", String(50)),
)

taxonomy_term = Table(
    "taxonomy_term", metadata,
    Column("id", String(36), primary_key=True),
    Column("taxonomy_id", String(36), ForeignKey("taxonomy.id"), nullable=False, index=True),
    Column("code", String(120), nullable=False),
    Column("name", String(300), nullable=False),
    Column("description", Text),
    Column("term_uri", String(500)),
    Column("parent_id", String(36)),
    UniqueConstraint("taxonomy_id", "code"),
)
