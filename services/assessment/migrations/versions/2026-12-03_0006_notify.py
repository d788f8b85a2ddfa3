"""contact postal address: where a letter reaches a contact who wants post

Revision ID: 0006_notify
Revises: 0005
Create Date: 2026-12-03 13:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0006_notify'
down_revision: str | None = '0005'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('case_contact', schema=None) as batch_op:
        batch_op.add_column(sa.Column('postal_address', sa.JSON(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('case_contact', schema=None) as batch_op:
        batch_op.drop_column('postal_address')
