"""find: the words of a case's names to search by, one case per identifier in an LA, cases to
reconcile, and the indexes a search and the work tray's team-and-kind view read

Revision ID: 0006_find
Revises: 0006_plans
Create Date: 2026-12-03 13:40:00
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from assessment.domain.identifiers import name_tokens

revision: str = '0006_find'
down_revision: str | None = '0006_plans'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CASE_INDEXES = {
    'uq_case_la_code_nhs_number': (['la_code', 'nhs_number'], True),
    'uq_case_la_code_upn': (['la_code', 'upn'], True),
    'uq_case_la_code_uln': (['la_code', 'uln'], True),
    'ix_case_la_code_date_of_birth': (['la_code', 'date_of_birth'], False),
    'ix_case_la_code_caseworker_id': (['la_code', 'caseworker_id'], False),
    'ix_case_la_code_team': (['la_code', 'team'], False),
}


def upgrade() -> None:
    with op.batch_alter_table('case', schema=None) as batch_op:
        batch_op.add_column(sa.Column('needs_reconciliation', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('reconcile_with_case_id', sa.String(length=36)))
        batch_op.add_column(sa.Column('reconcile_reason', sa.String(length=300)))
        for name, (columns, unique) in CASE_INDEXES.items():
            batch_op.create_index(name, columns, unique=unique)
    token = op.create_table(
        'case_name_token',
        sa.Column('case_id', sa.String(length=36), nullable=False),
        sa.Column('token', sa.String(length=100).with_variant(
            sa.String(length=100, collation='C'), 'postgresql'), nullable=False),
        sa.Column('la_code', sa.String(length=3), nullable=False),
        sa.ForeignKeyConstraint(['case_id'], ['case.id'], ondelete='CASCADE',
                                name=op.f('fk_case_name_token_case_id_case')),
        sa.PrimaryKeyConstraint('case_id', 'token', name=op.f('pk_case_name_token')))
    op.create_index('ix_case_name_token_la_code_token', 'case_name_token', ['la_code', 'token'],
                    unique=False)
    for table, name in (('assessment_request', 'ix_assessment_request_la_code_status_case_id'),
                        ('plan', 'ix_plan_la_code_status_case_id')):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.create_index(name, ['la_code', 'status', 'case_id'], unique=False)
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.create_index('ix_deadline_la_code_owner_team_kind_status_due_on',
                              ['la_code', 'owner_team', 'kind', 'status', 'due_on'],
                              unique=False)
    _write_tokens(token)


def _write_tokens(token: sa.Table) -> None:
    """The search words of the cases already kept."""
    case = sa.table('case', sa.column('id'), sa.column('la_code'), sa.column('given_name'),
                    sa.column('family_name'))
    bind = op.get_bind()
    rows = [{'case_id': r.id, 'la_code': r.la_code, 'token': t}
            for r in bind.execute(sa.select(case)).all()
            for t in name_tokens(r.given_name, r.family_name)]
    for start in range(0, len(rows), 1000):
        bind.execute(sa.insert(token), rows[start:start + 1000])


def downgrade() -> None:
    with op.batch_alter_table('deadline', schema=None) as batch_op:
        batch_op.drop_index('ix_deadline_la_code_owner_team_kind_status_due_on')
    for table, name in (('plan', 'ix_plan_la_code_status_case_id'),
                        ('assessment_request', 'ix_assessment_request_la_code_status_case_id')):
        with op.batch_alter_table(table, schema=None) as batch_op:
            batch_op.drop_index(name)
    op.drop_index('ix_case_name_token_la_code_token', table_name='case_name_token')
    op.drop_table('case_name_token')
    with op.batch_alter_table('case', schema=None) as batch_op:
        for name in reversed(CASE_INDEXES):
            batch_op.drop_index(name)
        batch_op.drop_column('reconcile_reason')
        batch_op.drop_column('reconcile_with_case_id')
        batch_op.drop_column('needs_reconciliation')
