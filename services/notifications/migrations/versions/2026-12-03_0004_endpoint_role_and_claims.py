"""webhook endpoints owned by (LA, role, organisation); due claims in the delivery index

An endpoint now records the partner role that registered it (health or provider), so a
provider with the same organisation code as an ICB cannot reach the ICB's endpoint.
Endpoints from before this revision were registered by ICBs (health). The due-queue index
also covers `sending` rows, whose lease expiry makes them due again.

Revision ID: 0004
Revises: 0003
Create Date: 2026-12-03 10:15:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0004'
down_revision: str | None = '0003'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_OLD = "status IN ('pending', 'retrying')"
_NEW = "status IN ('pending', 'retrying', 'sending')"


def _due_index(where: str) -> None:
    op.create_index("ix_delivery_due", "delivery", ["next_attempt_at"],
                    postgresql_where=sa.text(where), sqlite_where=sa.text(where))


def upgrade() -> None:
    op.add_column("webhook_endpoint", sa.Column("partner_role", sa.String(20), nullable=False,
                                                server_default="health"))
    op.drop_index("ix_delivery_due", table_name="delivery")
    _due_index(_NEW)


def downgrade() -> None:
    op.drop_index("ix_delivery_due", table_name="delivery")
    _due_index(_OLD)
    with op.batch_alter_table("webhook_endpoint") as batch:
        batch.drop_column("partner_role")
