"""the local offer directory: taxonomies (seeded), organisations, SEN information reports,
entries with their drafts and published versions, the postcode directory; full-text search
(a GIN index on Postgres, an FTS5 table on SQLite)

Revision ID: 0003
Revises: 0002
Create Date: 2026-12-03 09:31:55.598211
"""
from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op
from sqlalchemy.dialects import postgresql

import common.db.base
from localoffer.taxonomy import seed

revision: str = '0003'
down_revision: str | None = '0002'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table('entry_version',
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('published_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('published_by', sa.String(length=200), nullable=False),
    sa.PrimaryKeyConstraint('entry_id', 'version', name=op.f('pk_entry_version'))
    )
    op.create_table('organisation',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=40), nullable=False),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('website', sa.String(length=500), nullable=True),
    sa.Column('provider_code', sa.String(length=50), nullable=True),
    sa.Column('urn', sa.String(length=10), nullable=True),
    sa.Column('ukprn', sa.String(length=10), nullable=True),
    sa.Column('ods_code', sa.String(length=10), nullable=True),
    sa.Column('charity_number', sa.String(length=12), nullable=True),
    sa.Column('company_number', sa.String(length=10), nullable=True),
    sa.Column('created_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('modified_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_organisation')),
    sa.UniqueConstraint('la_code', 'provider_code', name=op.f('uq_organisation_la_code_provider_code'))
    )
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.create_index('ix_organisation_la_code_name', ['la_code', 'name'], unique=False)

    op.create_table('postcode',
    sa.Column('postcode', sa.String(length=8), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=False),
    sa.Column('local_authority_district', sa.String(length=9), nullable=True),
    sa.PrimaryKeyConstraint('postcode', name=op.f('pk_postcode'))
    )
    op.create_table('taxonomy',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=80), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('uri', sa.String(length=500), nullable=True),
    sa.Column('version', sa.String(length=50), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_taxonomy')),
    sa.UniqueConstraint('code', name=op.f('uq_taxonomy_code'))
    )
    op.create_table('entry',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('organisation_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('minimum_age', sa.Integer(), nullable=True),
    sa.Column('maximum_age', sa.Integer(), nullable=True),
    sa.Column('eligibility_description', sa.Text(), nullable=True),
    sa.Column('requires_referral', sa.Boolean(), nullable=False),
    sa.Column('how_to_access', sa.Text(), nullable=True),
    sa.Column('free_of_charge', sa.Boolean(), nullable=False),
    sa.Column('fees_description', sa.Text(), nullable=True),
    sa.Column('accessibility', sa.Text(), nullable=True),
    sa.Column('service_area', sa.Text(), nullable=True),
    sa.Column('in_area', sa.Boolean(), nullable=False),
    sa.Column('alert', sa.Text(), nullable=True),
    sa.Column('last_reviewed_on', sa.Date(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('published_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('modified_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.Column('search_document', sa.Text(), nullable=False),
    sa.Column('search_vector', postgresql.TSVECTOR().with_variant(sa.Text(), 'sqlite'), nullable=True),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_entry_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_entry'))
    )
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.create_index('ix_entry_la_code_modified_at', ['la_code', 'modified_at'], unique=False)
        batch_op.create_index('ix_entry_la_code_name_id', ['la_code', 'name', 'id'], unique=False)
        batch_op.create_index(batch_op.f('ix_entry_organisation_id'), ['organisation_id'], unique=False)
        batch_op.create_index('ix_entry_search_vector', ['search_vector'], unique=False, postgresql_using='gin')

    op.create_table('entry_draft',
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('organisation_id', sa.String(length=36), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('drafted_by', sa.String(length=200), nullable=False),
    sa.Column('review_comment', sa.Text(), nullable=True),
    sa.Column('updated_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_entry_draft_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('entry_id', name=op.f('pk_entry_draft'))
    )
    with op.batch_alter_table('entry_draft', schema=None) as batch_op:
        batch_op.create_index('ix_entry_draft_la_code_state', ['la_code', 'state'], unique=False)
        batch_op.create_index(batch_op.f('ix_entry_draft_organisation_id'), ['organisation_id'], unique=False)

    op.create_table('sen_information_report',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('la_code', sa.String(length=3), nullable=False),
    sa.Column('organisation_id', sa.String(length=36), nullable=False),
    sa.Column('academic_year', sa.String(length=7), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('published_on', sa.Date(), nullable=True),
    sa.Column('updated_at', common.db.base.UtcDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['organisation_id'], ['organisation.id'], name=op.f('fk_sen_information_report_organisation_id_organisation')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sen_information_report')),
    sa.UniqueConstraint('organisation_id', 'academic_year', name=op.f('uq_sen_information_report_organisation_id_academic_year'))
    )
    op.create_table('taxonomy_term',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('taxonomy_id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=120), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('term_uri', sa.String(length=500), nullable=True),
    sa.Column('parent_id', sa.String(length=36), nullable=True),
    sa.ForeignKeyConstraint(['taxonomy_id'], ['taxonomy.id'], name=op.f('fk_taxonomy_term_taxonomy_id_taxonomy')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_taxonomy_term')),
    sa.UniqueConstraint('taxonomy_id', 'code', name=op.f('uq_taxonomy_term_taxonomy_id_code'))
    )
    with op.batch_alter_table('taxonomy_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_taxonomy_term_taxonomy_id'), ['taxonomy_id'], unique=False)

    op.create_table('contact',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('title', sa.String(length=300), nullable=True),
    sa.Column('email', sa.String(length=320), nullable=True),
    sa.Column('phone', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], name=op.f('fk_contact_entry_id_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_contact'))
    )
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_contact_entry_id'), ['entry_id'], unique=False)

    op.create_table('cost_option',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('option', sa.Text(), nullable=True),
    sa.Column('amount', sa.Numeric(precision=10, scale=2), nullable=True),
    sa.Column('amount_description', sa.Text(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], name=op.f('fk_cost_option_entry_id_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_cost_option'))
    )
    with op.batch_alter_table('cost_option', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_cost_option_entry_id'), ['entry_id'], unique=False)

    op.create_table('entry_term',
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('term_id', sa.String(length=36), nullable=False),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], name=op.f('fk_entry_term_entry_id_entry')),
    sa.ForeignKeyConstraint(['term_id'], ['taxonomy_term.id'], name=op.f('fk_entry_term_term_id_taxonomy_term')),
    sa.PrimaryKeyConstraint('entry_id', 'term_id', name=op.f('pk_entry_term'))
    )
    with op.batch_alter_table('entry_term', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_entry_term_term_id'), ['term_id'], unique=False)

    op.create_table('location',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('service_at_location_id', sa.String(length=36), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('address_1', sa.String(length=300), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('postcode', sa.String(length=8), nullable=False),
    sa.Column('latitude', sa.Float(), nullable=False),
    sa.Column('longitude', sa.Float(), nullable=False),
    sa.Column('accessibility', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], name=op.f('fk_location_entry_id_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_location')),
    sa.UniqueConstraint('service_at_location_id', name=op.f('uq_location_service_at_location_id'))
    )
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_location_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index('ix_location_latitude_longitude', ['latitude', 'longitude'], unique=False)

    op.create_table('schedule',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('freq', sa.String(length=10), nullable=False),
    sa.Column('interval', sa.Integer(), nullable=False),
    sa.Column('byday', sa.String(length=100), nullable=True),
    sa.Column('bymonthday', sa.String(length=100), nullable=True),
    sa.Column('opens_at', sa.String(length=8), nullable=False),
    sa.Column('closes_at', sa.String(length=8), nullable=False),
    sa.Column('dtstart', sa.Date(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['entry_id'], ['entry.id'], name=op.f('fk_schedule_entry_id_entry')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_schedule'))
    )
    with op.batch_alter_table('schedule', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_schedule_entry_id'), ['entry_id'], unique=False)

    op.create_table('opening',
    sa.Column('schedule_id', sa.String(length=36), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('opens_minute', sa.Integer(), nullable=False),
    sa.Column('closes_minute', sa.Integer(), nullable=False),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['schedule_id'], ['schedule.id'], name=op.f('fk_opening_schedule_id_schedule')),
    sa.PrimaryKeyConstraint('schedule_id', 'weekday', name=op.f('pk_opening'))
    )
    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opening_entry_id'), ['entry_id'], unique=False)


    taxonomy = sa.table('taxonomy', *(sa.column(n) for n in
                                      ('id', 'code', 'name', 'description', 'uri', 'version')))
    term = sa.table('taxonomy_term', *(sa.column(n) for n in
                                       ('id', 'taxonomy_id', 'code', 'name', 'description',
                                        'term_uri', 'parent_id')))
    op.bulk_insert(taxonomy, seed.taxonomy_rows())
    op.bulk_insert(term, seed.term_rows())
    if op.get_bind().dialect.name == 'sqlite':
        op.execute("CREATE VIRTUAL TABLE entry_fts USING fts5("
                   "entry_id UNINDEXED, document, tokenize='porter unicode61')")

def downgrade() -> None:
    if op.get_bind().dialect.name == 'sqlite':
        op.execute('DROP TABLE entry_fts')
    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opening_entry_id'))

    op.drop_table('opening')
    with op.batch_alter_table('schedule', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_schedule_entry_id'))

    op.drop_table('schedule')
    with op.batch_alter_table('location', schema=None) as batch_op:
        batch_op.drop_index('ix_location_latitude_longitude')
        batch_op.drop_index(batch_op.f('ix_location_entry_id'))

    op.drop_table('location')
    with op.batch_alter_table('entry_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_term_term_id'))

    op.drop_table('entry_term')
    with op.batch_alter_table('cost_option', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_cost_option_entry_id'))

    op.drop_table('cost_option')
    with op.batch_alter_table('contact', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_contact_entry_id'))

    op.drop_table('contact')
    with op.batch_alter_table('taxonomy_term', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_taxonomy_term_taxonomy_id'))

    op.drop_table('taxonomy_term')
    op.drop_table('sen_information_report')
    with op.batch_alter_table('entry_draft', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_entry_draft_organisation_id'))
        batch_op.drop_index('ix_entry_draft_la_code_state')

    op.drop_table('entry_draft')
    with op.batch_alter_table('entry', schema=None) as batch_op:
        batch_op.drop_index('ix_entry_search_vector', postgresql_using='gin')
        batch_op.drop_index(batch_op.f('ix_entry_organisation_id'))
        batch_op.drop_index('ix_entry_la_code_name_id')
        batch_op.drop_index('ix_entry_la_code_modified_at')

    op.drop_table('entry')
    op.drop_table('taxonomy')
    op.drop_table('postcode')
    with op.batch_alter_table('organisation', schema=None) as batch_op:
        batch_op.drop_index('ix_organisation_la_code_name')

    op.drop_table('organisation')
    op.drop_table('entry_version')
