"""rules: R1.6 counted from the end of the last assessment (the no-plan notice date and the
day the request counted from), what a young person is doing (R4.2-R4.4) and parent carers'
needs assessments (R9.3)

Revision ID: 0006_rules
Revises: 0006_notify
Create Date: 2026-12-03 13:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import common.db.base

revision: str = '0006_rules'
down_revision: str | None = '0006_notify'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table('assessment_request', schema=None) as batch_op:
        batch_op.add_column(sa.Column('plan_outcome_notified_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('last_assessment_ended_on', sa.Date(), nullable=True))

    op.create_table(
        'education_record',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('case_id', sa.String(length=36), nullable=False),
        sa.Column('la_code', sa.String(length=3), nullable=False),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('provider_name', sa.String(length=200), nullable=True),
        sa.Column('started_on', sa.Date(), nullable=False),
        sa.Column('ends_on', sa.Date(), nullable=True),
        sa.Column('created_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case.id'],
                                name=op.f('fk_education_record_case_id_case')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_education_record')),
    )
    with op.batch_alter_table('education_record', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_education_record_case_id'), ['case_id'],
                              unique=False)

    op.create_table(
        'parent_carer_assessment',
        sa.Column('id', sa.String(length=36), nullable=False),
        sa.Column('case_id', sa.String(length=36), nullable=False),
        sa.Column('la_code', sa.String(length=3), nullable=False),
        sa.Column('carer_name', sa.String(length=200), nullable=False),
        sa.Column('basis', sa.String(length=30), nullable=False),
        sa.Column('identified_on', sa.Date(), nullable=False),
        sa.Column('status', sa.String(length=20), nullable=False),
        sa.Column('assessed_on', sa.Date(), nullable=True),
        sa.Column('created_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case.id'],
                                name=op.f('fk_parent_carer_assessment_case_id_case')),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_parent_carer_assessment')),
    )
    with op.batch_alter_table('parent_carer_assessment', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_parent_carer_assessment_case_id'), ['case_id'],
                              unique=False)


def downgrade() -> None:
    with op.batch_alter_table('parent_carer_assessment', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_parent_carer_assessment_case_id'))
    op.drop_table('parent_carer_assessment')
    with op.batch_alter_table('education_record', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_education_record_case_id'))
    op.drop_table('education_record')
    with op.batch_alter_table('assessment_request', schema=None) as batch_op:
        batch_op.drop_column('last_assessment_ended_on')
        batch_op.drop_column('plan_outcome_notified_on')
