"""search that scales: each location's point on the unit sphere (distance by sums of
squares), and the schedules' search index for every RFC 5545 form they store (monthly by
weekday or by day of the month, every n weeks or months, validity); and the LGA service
and needs lists' terms the local offer's categories use, with their esd URIs

Revision ID: 0005_lo
Revises: 0004
Create Date: 2026-12-03 13:30:00
"""
from collections.abc import Iterator, Sequence
from dataclasses import asdict
from datetime import time
from typing import Any

import sqlalchemy as sa
from alembic import op

from localoffer.domain import geo, schedules
from localoffer.taxonomy import seed

revision: str = '0005_lo'
down_revision: str | None = '0004'
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

_LOCATION = sa.table('location', sa.column('id'), sa.column('latitude'),
                     sa.column('longitude'), sa.column('unit_x'), sa.column('unit_y'),
                     sa.column('unit_z'))
# the dates typed, so SQLite's text comes back as dates (as Postgres gives them)
_SCHEDULE = sa.table('schedule', *(sa.column(n) for n in (
    'id', 'entry_id', 'freq', 'interval', 'byday', 'bymonthday', 'opens_at', 'closes_at')),
    *(sa.column(n, sa.Date()) for n in ('dtstart', 'valid_from', 'valid_to')))
_TERM = sa.table('taxonomy_term', *(sa.column(n) for n in (
    'id', 'taxonomy_id', 'code', 'name', 'description', 'term_uri', 'parent_id')))
_OPENING_COLUMNS = ('schedule_id', 'position', 'entry_id', 'weekday', 'nth', 'monthday',
                    'opens_minute', 'closes_minute', 'interval', 'week_anchor',
                    'month_anchor', 'dtstart', 'valid_from', 'valid_to')


def upgrade() -> None:
    with op.batch_alter_table('location', schema=None) as batch_op:
        for axis in ('unit_x', 'unit_y', 'unit_z'):
            batch_op.add_column(sa.Column(axis, sa.Float(), nullable=True))
    bind = op.get_bind()
    points = []
    for row in bind.execute(sa.select(_LOCATION.c.id, _LOCATION.c.latitude,
                                      _LOCATION.c.longitude)):
        point = geo.unit_vector(row.latitude, row.longitude)
        points.append({'key': row.id, 'x': point.x, 'y': point.y, 'z': point.z})
    if points:
        bind.execute(_LOCATION.update().where(_LOCATION.c.id == sa.bindparam('key')).values(
            unit_x=sa.bindparam('x'), unit_y=sa.bindparam('y'), unit_z=sa.bindparam('z')),
            points)
    with op.batch_alter_table('location', schema=None) as batch_op:
        for axis in ('unit_x', 'unit_y', 'unit_z'):
            batch_op.alter_column(axis, existing_type=sa.Float(), nullable=False)

    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_opening_entry_id'))
    op.drop_table('opening')
    op.create_table('opening',
    sa.Column('schedule_id', sa.String(length=36), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('entry_id', sa.String(length=36), nullable=False),
    sa.Column('weekday', sa.Integer(), nullable=True),
    sa.Column('nth', sa.Integer(), nullable=True),
    sa.Column('monthday', sa.Integer(), nullable=True),
    sa.Column('opens_minute', sa.Integer(), nullable=False),
    sa.Column('closes_minute', sa.Integer(), nullable=False),
    sa.Column('interval', sa.Integer(), nullable=False),
    sa.Column('week_anchor', sa.Integer(), nullable=True),
    sa.Column('month_anchor', sa.Integer(), nullable=True),
    sa.Column('dtstart', sa.Date(), nullable=True),
    sa.Column('valid_from', sa.Date(), nullable=True),
    sa.Column('valid_to', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['schedule_id'], ['schedule.id'], name=op.f('fk_opening_schedule_id_schedule')),
    sa.PrimaryKeyConstraint('schedule_id', 'position', name=op.f('pk_opening'))
    )
    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_opening_entry_id'), ['entry_id'], unique=False)
        batch_op.create_index('ix_opening_weekday_opens_minute', ['weekday', 'opens_minute'], unique=False)
    _index_schedules(bind)
    op.bulk_insert(_TERM, seed.term_rows(seed.LGA_TERMS))


def _patterns(bind: sa.engine.Connection) -> Iterator[tuple[Any, schedules.OpeningPattern]]:
    for row in bind.execute(sa.select(_SCHEDULE)):
        rule = schedules.Schedule(
            freq=row.freq, opens_at=time.fromisoformat(row.opens_at),
            closes_at=time.fromisoformat(row.closes_at),
            byday=tuple(p for p in (row.byday or '').split(',') if p),
            bymonthday=tuple(int(p) for p in (row.bymonthday or '').split(',') if p),
            interval=row.interval, dtstart=row.dtstart, valid_from=row.valid_from,
            valid_to=row.valid_to)
        for pattern in dict.fromkeys(schedules.opening_patterns(rule)):
            yield row, pattern


def _index_schedules(bind: sa.engine.Connection) -> None:
    opening = sa.table('opening', *(sa.column(n) for n in _OPENING_COLUMNS))
    positions: dict[str, int] = {}
    rows = []
    for row, pattern in _patterns(bind):
        positions[row.id] = positions.get(row.id, -1) + 1
        # only this revision's columns: the patterns come from today's domain code,
        # which may know more (0006 adds day_anchor)
        fields = {k: v for k, v in asdict(pattern).items() if k in _OPENING_COLUMNS}
        rows.append({'schedule_id': row.id, 'position': positions[row.id],
                     'entry_id': row.entry_id, **fields})
    if rows:
        op.bulk_insert(opening, rows)


def downgrade() -> None:
    op.execute(_TERM.delete().where(_TERM.c.id.in_([t.id for t in seed.LGA_TERMS])))
    with op.batch_alter_table('opening', schema=None) as batch_op:
        batch_op.drop_index('ix_opening_weekday_opens_minute')
        batch_op.drop_index(batch_op.f('ix_opening_entry_id'))
    op.drop_table('opening')
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
    # the older index held plain weekly rules only, a row per weekday
    old = sa.table('opening', *(sa.column(n) for n in (
        'schedule_id', 'weekday', 'entry_id', 'opens_minute', 'closes_minute', 'valid_from',
        'valid_to')))
    rows = [{'schedule_id': row.id, 'weekday': pattern.weekday, 'entry_id': row.entry_id,
             'opens_minute': pattern.opens_minute, 'closes_minute': pattern.closes_minute,
             'valid_from': row.valid_from, 'valid_to': row.valid_to}
            for row, pattern in _patterns(op.get_bind())
            if row.freq == schedules.WEEKLY and row.interval == 1]
    if rows:
        op.bulk_insert(old, rows)
    with op.batch_alter_table('location', schema=None) as batch_op:
        for axis in ('unit_z', 'unit_y', 'unit_x'):
            batch_op.drop_column(axis)
