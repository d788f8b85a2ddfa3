"""work tray indexes: the LA's deadlines by caseworker, team or kind, by due date

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-27 20:19:37.820624
"""
from collections.abc import Sequence

from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    'ix_deadline_la_code_kind_status_due_on': ['la_code', 'kind', 'status', 'due_on'],
    'ix_deadline_la_code_owner_caseworker_id_status_due_on':
        ['la_code', 'owner_caseworker_id', 'status', 'due_on'],
    'ix_deadline_la_code_owner_team_status_due_on':
        ['la_code', 'owner_team', 'status', 'due_on'],
}


def upgrade() -> None:
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        for name in reversed(INDEXES):
            batch_op.drop_index(name)
