"""Metadata with a naming convention (SQLite batch migrations need named constraints)
and the platform tables every service has: outbox, processed events (inbox), dead letters,
consumer positions (embedded bus) and statutory deadlines."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from sqlalchemy import (
    BigInteger,
    Column,
    Date,
    DateTime,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    TypeDecorator,
)

NAMING_CONVENTION = {
    "ix": "ix_%(table_name)s_%(column_0_N_name)s",
    "uq": "uq_%(table_name)s_%(column_0_N_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# SQLite only autoincrements an INTEGER PRIMARY KEY.
BigId = BigInteger().with_variant(Integer(), "sqlite")


class UtcDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC instants on both Postgres and SQLite."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given for a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: object) -> datetime | None:
        if value is not None and value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value


def make_metadata() -> MetaData:
    return MetaData(naming_convention=NAMING_CONVENTION)


@dataclass(frozen=True)
class PlatformTables:
    outbox: Table
    processed_event: Table
    dead_letter: Table
    consumer_position: Table
    deadline: Table
    deadline_alert: Table
    idempotency_record: Table


def add_platform_tables(metadata: MetaData) -> PlatformTables:
    outbox = Table(
        "outbox", metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("event_id", String(36), nullable=False, unique=True),
        Column("event_type", String(200), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("key", String(200), nullable=False),
        Column("payload", Text, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("published_at", UtcDateTime),
        Column("published_seq", BigInteger, unique=True),
    )
    Index("ix_outbox_unpublished", outbox.c.id,
          postgresql_where=outbox.c.published_at.is_(None),
          sqlite_where=outbox.c.published_at.is_(None))
    processed_event = Table(
        "processed_event", metadata,
        Column("consumer", String(100), primary_key=True),
        Column("event_id", String(64), primary_key=True),
        Column("event_type", String(200), nullable=False),
        Column("processed_at", UtcDateTime, nullable=False),
    )
    dead_letter = Table(
        "dead_letter", metadata,
        Column("id", BigId, primary_key=True, autoincrement=True),
        Column("consumer", String(100), nullable=False),
        Column("topic", String(200), nullable=False),
        Column("partition", Integer, nullable=False),
        Column("offset", BigInteger, nullable=False),
        Column("event_id", String(64)),
        Column("event_type", String(200)),
        Column("payload", Text, nullable=False),
        Column("error", Text, nullable=False),
        Column("attempts", Integer, nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
        Column("replayed_at", UtcDateTime),
    )
    consumer_position = Table(
        "consumer_position", metadata,
        Column("consumer", String(100), primary_key=True),
        Column("topic", String(200), primary_key=True),
        Column("position", BigInteger, nullable=False),
    )
    deadline = Table(
        "deadline", metadata,
        Column("id", String(36), primary_key=True),
        Column("la_code", String(3), nullable=False),
        Column("case_id", String(36), nullable=False, index=True),
        Column("kind", String(80), nullable=False),
        Column("ref_id", String(36), index=True),
        Column("due_on", Date, nullable=False),
        Column("status", String(10), nullable=False),
        Column("closed_on", Date),
        Column("owner_team", String(100)),
        Column("owner_caseworker_id", String(100)),
        Column("next_stage", Integer, nullable=False),
        Column("next_alert_on", Date),
        Column("created_at", UtcDateTime, nullable=False),
    )
    Index("ix_deadline_next_alert_on", deadline.c.next_alert_on,
          postgresql_where=deadline.c.next_alert_on.is_not(None),
          sqlite_where=deadline.c.next_alert_on.is_not(None))
    Index("ix_deadline_la_code_status_due_on", deadline.c.la_code, deadline.c.status,
          deadline.c.due_on)
    deadline_alert = Table(
        "deadline_alert", metadata,
        Column("deadline_id", String(36), primary_key=True),
        Column("stage", Integer, primary_key=True),
        Column("emitted_at", UtcDateTime, nullable=False),
        Column("event_id", String(36), nullable=False),
    )
    idempotency_record = Table(
        "idempotency_record", metadata,
        Column("principal", String(200), primary_key=True),
        Column("key", String(200), primary_key=True),
        Column("request_hash", String(64), nullable=False),
        Column("resource_id", String(64), nullable=False),
        Column("created_at", UtcDateTime, nullable=False),
    )
    return PlatformTables(outbox, processed_event, dead_letter, consumer_position,
                          deadline, deadline_alert, idempotency_record)
