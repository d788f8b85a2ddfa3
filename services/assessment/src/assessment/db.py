"""The assessment service's metadata, the platform tables on it (outbox, inbox, deadlines,
idempotency keys) and the column helpers the feature tables share. Every feature's
`tables.py` registers its tables here; no schema names (the engine maps them at runtime)."""

from __future__ import annotations

from sqlalchemy import Column, ForeignKey, Index, String

from common.db.base import add_platform_tables, make_metadata

metadata = make_metadata()
platform = add_platform_tables(metadata)
# The work tray (GET /v1/deadlines) filters the LA's deadlines by caseworker, team or kind
# and pages them by due date: one index each, so that a page and its count read only the
# matching entries (bench/work_tray.py).
_tray = platform.deadline.c
Index("ix_deadline_la_code_owner_caseworker_id_status_due_on", _tray.la_code,
      _tray.owner_caseworker_id, _tray.status, _tray.due_on)
Index("ix_deadline_la_code_owner_team_status_due_on", _tray.la_code, _tray.owner_team,
      _tray.status, _tray.due_on)
Index("ix_deadline_la_code_kind_status_due_on", _tray.la_code, _tray.kind, _tray.status,
      _tray.due_on)
# A team's deadlines of one kind (the work tray's `team+kind` shape).
Index("ix_deadline_la_code_owner_team_kind_status_due_on", _tray.la_code, _tray.owner_team,
      _tray.kind, _tray.status, _tray.due_on)


def id_column() -> Column[str]:
    return Column("id", String(36), primary_key=True)


def case_ref() -> Column[str]:
    return Column("case_id", String(36), ForeignKey("case.id"), nullable=False, index=True)
