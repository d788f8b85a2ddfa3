"""GOV.UK Notify template ids per LA; an email provider per delivery (alert fallback);
postal addresses on contacts; letters and print runs

Revision ID: 0005_notify
Revises: 0004
Create Date: 2026-12-03 13:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from common.db.base import UtcDateTime

revision: str = '0005_notify'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "notify_template",
        sa.Column("la_code", sa.String(3), nullable=False),
        sa.Column("event_type", sa.String(200), nullable=False),
        sa.Column("audience", sa.String(30), nullable=False),
        sa.Column("channel", sa.String(20), nullable=False),
        sa.Column("template_id", sa.String(36), nullable=False),
        sa.Column("updated_at", UtcDateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("la_code", "event_type", "audience", "channel",
                                name=op.f("pk_notify_template")),
    )
    with op.batch_alter_table("delivery") as batch:
        batch.add_column(sa.Column("provider", sa.String(20), nullable=True))
    with op.batch_alter_table("case_contact") as batch:
        batch.add_column(sa.Column("postal_address", sa.JSON(), nullable=True))
    op.create_table(
        "letter",
        sa.Column("delivery_id", sa.String(36), nullable=False),
        sa.Column("la_code", sa.String(3), nullable=False),
        sa.Column("case_id", sa.String(36), nullable=True),
        sa.Column("addressee", sa.String(200), nullable=False),
        sa.Column("status", sa.String(20), nullable=False),
        sa.Column("pdf", sa.LargeBinary(), nullable=False),
        sa.Column("queued_at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("print_run_id", sa.String(36), nullable=True),
        sa.Column("printed_at", UtcDateTime(timezone=True), nullable=True),
        sa.Column("posted_at", UtcDateTime(timezone=True), nullable=True),
        sa.PrimaryKeyConstraint("delivery_id", name=op.f("pk_letter")),
    )
    op.create_index("ix_letter_la_status", "letter", ["la_code", "status"])
    op.create_table(
        "print_run",
        sa.Column("id", sa.String(36), nullable=False),
        sa.Column("la_code", sa.String(3), nullable=False),
        sa.Column("created_at", UtcDateTime(timezone=True), nullable=False),
        sa.Column("created_by", sa.String(200), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_print_run")),
    )
    op.create_index(op.f("ix_print_run_la_code"), "print_run", ["la_code"])


def downgrade() -> None:
    op.drop_index(op.f("ix_print_run_la_code"), table_name="print_run")
    op.drop_table("print_run")
    op.drop_index("ix_letter_la_status", table_name="letter")
    op.drop_table("letter")
    with op.batch_alter_table("case_contact") as batch:
        batch.drop_column("postal_address")
    with op.batch_alter_table("delivery") as batch:
        batch.drop_column("provider")
    op.drop_table("notify_template")
