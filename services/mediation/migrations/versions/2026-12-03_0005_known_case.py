"""known_case; a decision id is unique within its LA

Revision ID: 0005
Revises: 0004
Create Date: 2026-12-03 10:50:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import common.db.base

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('known_case',
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('seen_at', common.db.base.UtcDateTime(), nullable=False),
    sa.PrimaryKeyConstraint('case_id', name=op.f('pk_known_case'))
    )
    with op.batch_alter_table('mediation_case', schema=None) as batch_op:
        batch_op.drop_constraint('uq_mediation_case_decision_id', type_='unique')
        batch_op.create_unique_constraint(
            'uq_mediation_case_la_code_decision_id', ['la_code', 'decision_id'])


def downgrade() -> None:
    with op.batch_alter_table('mediation_case', schema=None) as batch_op:
        batch_op.drop_constraint('uq_mediation_case_la_code_decision_id', type_='unique')
        batch_op.create_unique_constraint('uq_mediation_case_decision_id', ['decision_id'])
    op.drop_table('known_case')
