"""review_advice_and_cease_notice: the review advice deadline (R3.3) and the cease notice
date (R4.5)

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-27 20:46:57.301017
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('cease_proposal', schema=None) as batch_op:
        batch_op.add_column(sa.Column('notified_on', sa.Date(), nullable=True))

    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.add_column(sa.Column('advice_circulated_by', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('advice_circulated_on', sa.Date(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('review', schema=None) as batch_op:
        batch_op.drop_column('advice_circulated_on')
        batch_op.drop_column('advice_circulated_by')

    with op.batch_alter_table('cease_proposal', schema=None) as batch_op:
        batch_op.drop_column('notified_on')
