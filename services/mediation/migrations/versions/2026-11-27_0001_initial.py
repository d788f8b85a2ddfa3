"""initial

Revision ID: 0001
Revises:
Create Date: 2026-11-27 19:21:10.083231
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
    op.create_table('mediation_case',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('decision_id', sa.String(length=36), nullable=False),
    sa.Column('decision_kind', sa.String(length=40), nullable=False),
    sa.Column('decided_on', sa.Date(), nullable=False),
    sa.Column('notified_on', sa.Date(), nullable=False),
    sa.Column('sections_in_dispute', sa.JSON(), nullable=True),
    sa.Column('appellants', sa.JSON(), nullable=False),
    sa.Column('contact_adviser_by', sa.Date(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('opened_by', sa.String(length=20), nullable=False),
    sa.Column('opened_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_mediation_case')),
    sa.UniqueConstraint('decision_id', name=op.f('uq_mediation_case_decision_id'))
    )
    with op.batch_alter_table('mediation_case', schema=None) as batch_op:
        batch_op.create_index('ix_mediation_case_la_code_case_id', ['la_code', 'case_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('mediation_case', schema=None) as batch_op:
        batch_op.drop_index('ix_mediation_case_la_code_case_id')

    op.drop_table('mediation_case')
    drop_platform_tables_v1()
