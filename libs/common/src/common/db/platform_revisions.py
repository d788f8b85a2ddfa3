# ruff: noqa: E501 - generated DDL, kept as Alembic wrote it
"""Platform tables every service's first revisions create, frozen by version.

A revision calls the version it was written against; a later change to the platform
tables is a new function (v2), never an edit here, so old revisions keep their meaning."""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

import common.db.base


def create_platform_tables_v1() -> None:
    """outbox, processed_event, dead_letter, consumer_position, deadline, deadline_alert."""
    op.create_table('consumer_position',
    sa.Column('consumer', sa.String(length=100), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('position', sa.BigInteger(), nullable=False),
    sa.PrimaryKeyConstraint('consumer', 'topic', name=op.f('pk_consumer_position'))
    )
    op.create_table('dead_letter',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('consumer', sa.String(length=100), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('partition', sa.Integer(), nullable=False),
    sa.Column('offset', sa.BigInteger(), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=True),
    sa.Column('event_type', sa.String(length=200), nullable=True),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('error', sa.Text(), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('created_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('replayed_at', common.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_dead_letter'))
    )
    op.create_table('deadline',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=80), nullable=False),
    sa.Column('ref_id', sa.String(length=36), nullable=True),
    sa.Column('due_on', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('closed_on', sa.Date(), nullable=True),
    sa.Column('owner_team', sa.String(length=100), nullable=True),
    sa.Column('owner_caseworker_id', sa.String(length=100), nullable=True),
    sa.Column('next_stage', sa.Integer(), nullable=False),
    sa.Column('next_alert_on', sa.Date(), nullable=True),
    sa.Column('created_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_deadline'))
    )
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_deadline_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_deadline_la_code_status_due_on', ['la_code', 'status', 'due_on'], unique=False)
        batch_op.create_index('ix_deadline_next_alert_on', ['next_alert_on'], unique=False, postgresql_where=sa.text('next_alert_on IS NOT NULL'), sqlite_where=sa.text('next_alert_on IS NOT NULL'))
        batch_op.create_index(batch_op.f('ix_deadline_ref_id'), ['ref_id'], unique=False)

    op.create_table('deadline_alert',
    sa.Column('deadline_id', sa.String(length=36), nullable=False),
    sa.Column('stage', sa.Integer(), nullable=False),
    sa.Column('emitted_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.PrimaryKeyConstraint('deadline_id', 'stage', name=op.f('pk_deadline_alert'))
    )
    op.create_table('outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), autoincrement=True, nullable=False),
    sa.Column('event_id', sa.String(length=36), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('topic', sa.String(length=200), nullable=False),
    sa.Column('key', sa.String(length=200), nullable=False),
    sa.Column('payload', sa.Text(), nullable=False),
    sa.Column('created_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('published_at', common.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('published_seq', sa.BigInteger(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_outbox')),
    sa.UniqueConstraint('event_id', name=op.f('uq_outbox_event_id')),
    sa.UniqueConstraint('published_seq', name=op.f('uq_outbox_published_seq'))
    )
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.create_index('ix_outbox_unpublished', ['id'], unique=False, postgresql_where=sa.text('published_at IS NULL'), sqlite_where=sa.text('published_at IS NULL'))

    op.create_table('processed_event',
    sa.Column('consumer', sa.String(length=100), nullable=False),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('processed_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('consumer', 'event_id', name=op.f('pk_processed_event'))
    )


def drop_platform_tables_v1() -> None:
    op.drop_table('processed_event')
    with op.batch_alter_table('outbox', schema=None) as batch_op:
        batch_op.drop_index('ix_outbox_unpublished', postgresql_where=sa.text('published_at IS NULL'), sqlite_where=sa.text('published_at IS NULL'))

    op.drop_table('outbox')
    op.drop_table('deadline_alert')
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_deadline_ref_id'))
        batch_op.drop_index('ix_deadline_next_alert_on', postgresql_where=sa.text('next_alert_on IS NOT NULL'), sqlite_where=sa.text('next_alert_on IS NOT NULL'))
        batch_op.drop_index('ix_deadline_la_code_status_due_on')
        batch_op.drop_index(batch_op.f('ix_deadline_case_id'))

    op.drop_table('deadline')
    op.drop_table('dead_letter')
    op.drop_table('consumer_position')


def create_idempotency_record_v1() -> None:
    op.create_table(
        "idempotency_record",
        sa.Column("principal", sa.String(length=200), nullable=False),
        sa.Column("key", sa.String(length=200), nullable=False),
        sa.Column("request_hash", sa.String(length=64), nullable=False),
        sa.Column("resource_id", sa.String(length=64), nullable=False),
        sa.Column("created_at", common.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("principal", "key", name=op.f("pk_idempotency_record")),
    )


def drop_idempotency_record_v1() -> None:
    op.drop_table("idempotency_record")
