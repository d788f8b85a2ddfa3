"""recon: a case merged into another when a caseworker reconciles it as the same child

Revision ID: 0007_recon
Revises: 0006_sen2
Create Date: 2026-12-03 17:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0007_recon'
down_revision: str | None = '0006_sen2'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('merged_into_case_id', sa.String(length=36),
                                      nullable=True))
        batch_op.add_column(sa.Column('merged_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.drop_column('merged_on')
        batch_op.drop_column('merged_into_case_id')
