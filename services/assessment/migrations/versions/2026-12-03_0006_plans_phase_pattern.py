"""phase_pattern: a school's own phase pattern recorded on the case (R3.6, reg 18)

Revision ID: 0006_plans
Revises: 0006_rules
Create Date: 2026-12-03 13:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import common.db.base

revision: str = '0006_plans'
down_revision: str | None = '0006_rules'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'phase_pattern',
        sa.Column('case_id', sa.String(length=36), nullable=False),
        sa.Column('la_code', sa.String(length=3), nullable=False),
        sa.Column('pattern', sa.String(length=30), nullable=False),
        sa.Column('recorded_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case.id'],
                                name=op.f('fk_phase_pattern_case_id_case')),
        sa.PrimaryKeyConstraint('case_id', name=op.f('pk_phase_pattern')),
    )


def downgrade() -> None:
    op.drop_table('phase_pattern')
