"""feedback, responses, yearly publications, the personal budget policy shown

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 09:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import common.db.base

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('feedback_comment',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('topic', sa.String(length=20), nullable=False),
    sa.Column('commenter_kind', sa.String(length=20), nullable=True),
    sa.Column('entry_id', sa.String(length=36), nullable=True),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=10), nullable=False),
    sa.Column('hold_reasons', sa.String(length=200), server_default='', nullable=False),
    sa.Column('client_key', sa.String(length=64), nullable=False),
    sa.Column('received_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_comment'))
    )
    with op.batch_alter_table('feedback_comment', schema=None) as batch_op:
        batch_op.create_index('ix_feedback_comment_client_key_received_at', ['client_key', 'received_at'], unique=False)
        batch_op.create_index('ix_feedback_comment_la_code_status_received_at', ['la_code', 'status', 'received_at'], unique=False)

    op.create_table('feedback_response',
    sa.Column('feedback_id', sa.String(length=36), nullable=False),
    sa.Column('response', sa.Text(), nullable=False),
    sa.Column('actions', sa.Text(), nullable=True),
    sa.Column('responded_by', sa.String(length=100), nullable=False),
    sa.Column('responded_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['feedback_id'], ['feedback_comment.id'], name=op.f('fk_feedback_response_feedback_id_feedback_comment')),
    sa.PrimaryKeyConstraint('feedback_id', name=op.f('pk_feedback_response'))
    )
    op.create_table('feedback_publication',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.Column('comments_published', sa.Integer(), nullable=False),
    sa.Column('responses_published', sa.Integer(), nullable=False),
    sa.Column('published_by', sa.String(length=100), nullable=False),
    sa.Column('created_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback_publication')),
    sa.UniqueConstraint('la_code', 'published_on', name=op.f('uq_feedback_publication_la_code_published_on'))
    )
    op.create_table('budget_policy',
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('policy_id', sa.String(length=64), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('url', sa.String(length=2000), nullable=True),
    sa.Column('event_id', sa.String(length=64), nullable=False),
    sa.Column('received_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('la_code', name=op.f('pk_budget_policy'))
    )


def downgrade() -> None:
    op.drop_table('budget_policy')
    op.drop_table('feedback_publication')
    op.drop_table('feedback_response')
    with op.batch_alter_table('feedback_comment', schema=None) as batch_op:
        batch_op.drop_index('ix_feedback_comment_la_code_status_received_at')
        batch_op.drop_index('ix_feedback_comment_client_key_received_at')
    op.drop_table('feedback_comment')
