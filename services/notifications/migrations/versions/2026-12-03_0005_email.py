"""email that reads well: the child's name and the LA's case reference in the case read
model; the recipient's name on a delivery

Staff emails name the child and the LA's own case reference (from the consumed
case-opened event); an email's To header names its recipient ("Name <address>"). The case
read model is keyed within the LA (case id and LA code), so an event of another LA
naming the same case id neither overwrites this LA's case nor collides with its contacts.

Revision ID: 0005_email
Revises: 0005_notify
Create Date: 2026-12-03 13:30:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = '0005_email'
down_revision: str | None = '0005_notify'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_CASE_COLUMNS = (("given_name", 100), ("family_name", 100), ("case_ref", 100))


_KEYS = {"case_record": (["case_id"], ["case_id", "la_code"]),
         "case_contact": (["case_id", "position"], ["case_id", "position", "la_code"])}


def _rekey(table: str, columns: list[str]) -> None:
    with op.batch_alter_table(table) as batch:
        batch.drop_constraint(f"pk_{table}", type_="primary")
        batch.create_primary_key(f"pk_{table}", columns)


def upgrade() -> None:
    with op.batch_alter_table("case_record") as batch:
        for name, length in _CASE_COLUMNS:
            batch.add_column(sa.Column(name, sa.String(length), nullable=True))
    for table, (_old, new) in _KEYS.items():
        _rekey(table, new)
    with op.batch_alter_table("delivery") as batch:
        batch.add_column(sa.Column("recipient_name", sa.String(200), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table("delivery") as batch:
        batch.drop_column("recipient_name")
    for table, (old, _new) in _KEYS.items():
        _rekey(table, old)
    with op.batch_alter_table("case_record") as batch:
        for name, _length in reversed(_CASE_COLUMNS):
            batch.drop_column(name)
