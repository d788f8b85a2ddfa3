"""sen2: a case's SEN2 details (gender, ethnicity, postcode, why no UPN/ULN, ranked needs)

Revision ID: 0006_sen2
Revises: 0006_find
Create Date: 2026-12-03 13:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from common.db.base import UtcDateTime

revision: str = '0006_sen2'
down_revision: str | None = '0006_find'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        'sen2_detail',
        sa.Column('case_id', sa.String(length=36), nullable=False),
        sa.Column('la_code', sa.String(length=3), nullable=False),
        sa.Column('gender', sa.String(length=1), nullable=True),
        sa.Column('ethnicity', sa.String(length=4), nullable=True),
        sa.Column('postcode', sa.String(length=8), nullable=True),
        sa.Column('upn_unknown', sa.String(length=4), nullable=True),
        sa.Column('sen_types', sa.JSON(), nullable=False),
        sa.Column('version', sa.Integer(), nullable=False),
        sa.Column('updated_at', UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case.id'],
                                name=op.f('fk_sen2_detail_case_id_case')),
        sa.PrimaryKeyConstraint('case_id', name=op.f('pk_sen2_detail')),
    )
    with op.batch_alter_table('sen2_detail', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_sen2_detail_la_code'), ['la_code'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('sen2_detail', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_sen2_detail_la_code'))
    op.drop_table('sen2_detail')
