"""initial

Revision ID: 0001
Revises:
Create Date: 2026-11-27 19:20:54.052865
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import common.db.base
from common.db.platform_revisions import create_platform_tables_v1, drop_platform_tables_v1

revision: str = '0001'
down_revision: str | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    create_platform_tables_v1()
    op.create_table('case',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('given_name', sa.String(length=200), nullable=False),
    sa.Column('family_name', sa.String(length=200), nullable=False),
    sa.Column('date_of_birth', sa.Date(), nullable=False),
    sa.Column('upn', sa.String(length=13), nullable=True),
    sa.Column('uln', sa.String(length=10), nullable=True),
    sa.Column('nhs_number', sa.String(length=10), nullable=True),
    sa.Column('home_la_code', sa.String(length=3), nullable=True),
    sa.Column('setting_name', sa.String(length=200), nullable=True),
    sa.Column('setting_urn', sa.String(length=8), nullable=True),
    sa.Column('setting_ukprn', sa.String(length=8), nullable=True),
    sa.Column('caseworker_id', sa.String(length=100), nullable=True),
    sa.Column('team', sa.String(length=100), nullable=True),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('created_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case'))
    )
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.create_index('ix_case_la_code_family_name', ['la_code', 'family_name'], unique=False)

    op.create_table('assessment_request',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('requester_type', sa.String(length=40), nullable=False),
    sa.Column('requester_name', sa.String(length=200), nullable=True),
    sa.Column('received_on', sa.Date(), nullable=False),
    sa.Column('decision_due_on', sa.Date(), nullable=False),
    sa.Column('no_plan_notice_due_on', sa.Date(), nullable=False),
    sa.Column('final_plan_due_on', sa.Date(), nullable=False),
    sa.Column('repeat_within_six_months', sa.Boolean(), nullable=False),
    sa.Column('status', sa.String(length=30), nullable=False),
    sa.Column('decision', sa.String(length=10), nullable=True),
    sa.Column('decided_on', sa.Date(), nullable=True),
    sa.Column('notified_on', sa.Date(), nullable=True),
    sa.Column('decision_reasons', sa.Text(), nullable=True),
    sa.Column('created_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], name=op.f('fk_assessment_request_case_id_case')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_assessment_request')),
    sa.UniqueConstraint('case_id', 'received_on', 'requester_type', name=op.f('uq_assessment_request_case_id_received_on_requester_type'))
    )
    with op.batch_alter_table('assessment_request', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_assessment_request_case_id'), ['case_id'], unique=False)

    op.create_table('case_contact',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('case_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=40), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.Column('preferred_channel', sa.String(length=20), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['case_id'], ['case.id'], name=op.f('fk_case_contact_case_id_case'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_case_contact'))
    )
    with op.batch_alter_table('case_contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_case_contact_case_id'), ['case_id'], unique=False)


def downgrade() -> None:
    with op.batch_alter_table('case_contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_case_contact_case_id'))

    op.drop_table('case_contact')
    with op.batch_alter_table('assessment_request', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_assessment_request_case_id'))

    op.drop_table('assessment_request')
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.drop_index('ix_case_la_code_family_name')

    op.drop_table('case')
    drop_platform_tables_v1()
