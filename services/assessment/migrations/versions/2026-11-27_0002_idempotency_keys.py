"""idempotency keys

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-27 19:25:12.547294
"""
from collections.abc import Sequence

from common.db.platform_revisions import create_idempotency_record_v1, drop_idempotency_record_v1

revision: str = '0002'
down_revision: str | None = '0001'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_idempotency_record_v1()


def downgrade() -> None:
    drop_idempotency_record_v1()
