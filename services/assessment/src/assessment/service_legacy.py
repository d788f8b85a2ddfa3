"""Bulk import of existing plans from a legacy system (CSV or JSON), validated row by row,
with a report of rejected rows; re-running the same file changes nothing (the legacy
reference is unique per LA)."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from pydantic import BaseModel, Field, ValidationError, field_validator
from sqlalchemy import insert, select

from assessment.casework import new_id
from assessment.domain import identifiers, rules
from assessment.domain.errors import InvalidIdentifier, RuleViolation
from assessment.domain.model import DeadlineKind
from assessment.schemas import SettingType
from assessment.schemas_transfers import LegacyImportCreate, LegacyImportRead, LegacyRowResult
from assessment.tables import case
from assessment.tables_lifecycle import legacy_import, plan, plan_version
from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.problems import Problem


class LegacyPlanRow(BaseModel):
    legacy_ref: str = Field(min_length=1, max_length=100)
    given_name: str = Field(min_length=1, max_length=200)
    family_name: str = Field(min_length=1, max_length=200)
    date_of_birth: date
    issued_on: date
    last_reviewed_on: date | None = None
    upn: str | None = None
    setting_name: str | None = Field(default=None, max_length=200)
    setting_type: SettingType | None = None
    primary_need: str | None = Field(default=None, max_length=10)
    caseworker_id: str | None = None
    team: str | None = None

    @field_validator("*", mode="before")
    @classmethod
    def _blank_is_none(cls, value: Any) -> Any:
        return None if value == "" else value

    @field_validator("upn")
    @classmethod
    def _upn(cls, value: str | None) -> str | None:
        return identifiers.validate_upn(value) if value else value


def parse_rows(cmd: LegacyImportCreate) -> list[dict[str, Any]]:
    if cmd.format == "json":
        if cmd.rows is None:
            raise Problem(422, "a JSON import carries `rows`", kind="validation-error")
        return cmd.rows
    if cmd.csv is None:
        raise Problem(422, "a CSV import carries `csv`", kind="validation-error")
    return list(csv.DictReader(io.StringIO(cmd.csv)))


def _errors(exc: Exception) -> list[dict[str, Any]]:
    if isinstance(exc, ValidationError):
        return [{"field": ".".join(map(str, e["loc"])) or None, "message": e["msg"]}
                for e in exc.errors()]
    if isinstance(exc, InvalidIdentifier | RuleViolation):
        return [{"field": exc.field, "message": exc.message, "rule": exc.rule}]
    return [{"field": getattr(exc, "field", None), "message": str(exc),
             "rule": getattr(exc, "rule", None)}]


def validate(raw: dict[str, Any], today: date) -> LegacyPlanRow:
    row = LegacyPlanRow.model_validate(raw)
    if row.issued_on > today or row.issued_on < row.date_of_birth:
        raise ValueError("issued_on must be between the date of birth and today")
    if row.last_reviewed_on and not row.issued_on <= row.last_reviewed_on <= today:
        raise ValueError("last_reviewed_on must be between issued_on and today")
    return row


async def run_import(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                     cmd: LegacyImportCreate) -> LegacyImportRead:
    raws = parse_rows(cmd)
    existing = set((await uow.session.scalars(select(plan.c.legacy_ref).where(
        plan.c.la_code == principal.la_code, plan.c.legacy_ref.is_not(None)))).all())
    report: list[LegacyRowResult] = []
    accepted: list[LegacyPlanRow] = []
    for number, raw in enumerate(raws, start=1):
        ref = str(raw.get("legacy_ref") or "") or None
        try:
            row = validate(raw, uow.clock.today())
        except (ValidationError, ValueError, RuleViolation) as exc:
            report.append(LegacyRowResult(row=number, legacy_ref=ref, outcome="rejected",
                                          errors=_errors(exc)))
            continue
        if row.legacy_ref in existing:
            report.append(LegacyRowResult(row=number, legacy_ref=ref, outcome="skipped"))
            continue
        existing.add(row.legacy_ref)
        accepted.append(row)
        report.append(LegacyRowResult(row=number, legacy_ref=ref, outcome="accepted"))
    await _insert(uow, deadlines, principal.la_code, accepted)
    counts = {o: sum(r.outcome == o for r in report) for o in ("accepted", "skipped",
                                                                "rejected")}
    import_id = new_id()
    await uow.session.execute(insert(legacy_import).values(
        id=import_id, la_code=principal.la_code, format=cmd.format, rows_total=len(raws),
        report=[r.model_dump(mode="json") for r in report if r.outcome != "accepted"],
        created_at=uow.clock.now(), **counts))
    return LegacyImportRead(id=import_id, format=cmd.format, rows_total=len(raws),
                            report=report, **counts)


async def _insert(uow: UnitOfWork, deadlines: DeadlineBook, la_code: str,
                  rows: list[LegacyPlanRow]) -> None:
    """Cases, plans and their first review deadline, in bulk (R3.1)."""
    now, cases, plans, versions = uow.clock.now(), [], [], []
    for row in rows:
        case_id, plan_id = new_id(), new_id()
        since = row.last_reviewed_on or row.issued_on
        cases.append({"id": case_id, "la_code": la_code, "home_la_code": la_code,
                      "given_name": row.given_name, "family_name": row.family_name,
                      "date_of_birth": row.date_of_birth, "upn": row.upn,
                      "setting_name": row.setting_name, "setting_type": row.setting_type,
                      "caseworker_id": row.caseworker_id, "team": row.team,
                      "legacy_ref": row.legacy_ref, "version": 1, "created_at": now,
                      "updated_at": now})
        plans.append({"id": plan_id, "case_id": case_id, "la_code": la_code,
                      "status": "issued", "current_version": 1, "origin": "legacy",
                      "first_issued_on": row.issued_on, "last_issued_on": row.issued_on,
                      "next_review_due_on": rules.annual_review_due_on(since),
                      "legacy_ref": row.legacy_ref, "version": 1, "created_at": now,
                      "updated_at": now})
        versions.append({"id": new_id(), "plan_id": plan_id, "number": 1, "stage": "final",
                         "reason": "legacy",
                         "sections": {"B": f"Primary need: {row.primary_need}"}
                         if row.primary_need else {},
                         "preparation_for_adulthood_in": [], "advice_listed": [],
                         "personal_budget_requested": False, "direct_payment": False,
                         "setting_name": row.setting_name, "setting_type": row.setting_type,
                         "issued_on": row.issued_on, "created_at": now})
    for table, values in ((case, cases), (plan, plans), (plan_version, versions)):
        for start in range(0, len(values), 1000):
            await uow.session.execute(insert(table), values[start:start + 1000])
    for case_row, plan_row in zip(cases, plans, strict=True):
        await deadlines.open(uow, la_code=la_code, case_id=case_row["id"],
                             kind=DeadlineKind.ANNUAL_REVIEW_DUE,
                             due_on=plan_row["next_review_due_on"],
                             opened_on=uow.clock.today(), ref_id=plan_row["id"])
