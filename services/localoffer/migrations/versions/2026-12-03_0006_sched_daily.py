"""daily schedules in the opening index: the day an every-n-days rule counts from

Revision ID: 0006_sched
Revises: 0005_lo
Create Date: 2026-12-03 17:00:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006_sched'
down_revision: str | None = '0005_lo'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    # no schedule stored before this revision is DAILY, and every-n-weeks or -months
    # rules needed dtstart then, so the rows already indexed need nothing new
    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.add_column(sa.Column('day_anchor', sa.Integer(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.drop_column('day_anchor')
