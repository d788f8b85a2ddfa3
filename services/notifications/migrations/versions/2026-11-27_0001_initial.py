"""initial

Revision ID: 0001
Revises:
Create Date: 2026-11-27 19:21:14.834586
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import common.db.base
from common.db.platform_revisions import create_platform_tables_v1, drop_platform_tables_v1

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_platform_tables_v1()
    op.create_table('delivery',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=True),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('event_type', sa.String(length=200), nullable=False),
    sa.Column('audience', sa.String(length=30), nullable=False),
    sa.Column('channel', sa.String(length=20), nullable=False),
    sa.Column('recipient', sa.String(length=320), nullable=False),
    sa.Column('subject', sa.Text(), nullable=False),
    sa.Column('body', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.Text(), nullable=True),
    sa.Column('next_attempt_at', common.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.Column('created_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('sent_at', common.db.base.UtcDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_delivery')),
    sa.UniqueConstraint('event_id', 'recipient', 'channel', name=op.f('uq_delivery_event_id_recipient_channel'))
    )
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_delivery_case_id'), ['case_id'], unique=False)
        batch_op.create_index('ix_delivery_due', ['next_attempt_at'], unique=False, postgresql_where=sa.text("status IN ('pending', 'retrying')"), sqlite_where=sa.text("status IN ('pending', 'retrying')"))


def downgrade() -> None:
    with op.batch_alter_table('delivery', schema=None) as batch_op:
        batch_op.drop_index('ix_delivery_due', postgresql_where=sa.text("status IN ('pending', 'retrying')"), sqlite_where=sa.text("status IN ('pending', 'retrying')"))
        batch_op.drop_index(batch_op.f('ix_delivery_case_id'))

    op.drop_table('delivery')
    drop_platform_tables_v1()
