"""Tables of the feedback feature (no schema names)."""

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

feedback_comment = Table(
    "feedback_comment", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("topic", String(20), nullable=False),
    Column("commenter_kind", String(20)),
    Column("entry_id", String(36)),  # the entry the comment is about, if any
    Column("comment", Text, nullable=False),  # stored as given; escaped when shown
    Column("status", String(10), nullable=False),
    Column("hold_reasons", String(200), nullable=False, server_default=""),
    # a keyed hash of the sender's address, for the rate limit only (never the address)
    Column("client_key", String(64), nullable=False),
    Column("received_at", UtcDateTime, nullable=False),
    Column("received_on", Date, nullable=False),
)
Index("ix_feedback_comment_la_code_status_received_at", feedback_comment.c.la_code,
      feedback_comment.c.status, feedback_comment.c.received_at)
Index("ix_feedback_comment_client_key_received_at", feedback_comment.c.client_key,
      feedback_comment.c.received_at)

feedback_response = Table(
    "feedback_response", metadata,
    Column("feedback_id", String(36), ForeignKey("feedback_comment.id"), primary_key=True),
    Column("response", Text, nullable=False),
    Column("actions", Text),
    Column("responded_by", String(100), nullable=False),
    Column("responded_at", UtcDateTime, nullable=False),
)

feedback_publication = Table(
    "feedback_publication", metadata,
    Column("id", String(36), primary_key=True),
    Column("la_code", String(3), nullable=False),
    Column("published_on", Date, nullable=False),
    Column("summary", Text),
    Column("comments_published", Integer, nullable=False),
    Column("responses_published", Integer, nullable=False),
    Column("published_by", String(100), nullable=False),
    Column("created_at", UtcDateTime, nullable=False),
    UniqueConstraint("la_code", "published_on"),
)
