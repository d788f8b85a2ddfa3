"""Bulk import of existing plans from a legacy system (CSV or JSON), validated row by row,
with a report of rejected rows; re-running the same file changes nothing (the legacy
reference is unique per LA). Nothing here commits."""

from __future__ import annotations

import csv
import io
from datetime import date
from typing import Any

from pydantic import ValidationError

from assessment.cases import repository as cases
from assessment.cases.service import new_id
from assessment.domain.errors import InvalidIdentifier, RuleViolation
from assessment.domain.model import DeadlineKind
from assessment.domain.status import PlanOrigin, PlanStatus, VersionReason, VersionStage
from assessment.imports import repository
from assessment.imports import rules as import_rules
from assessment.imports.schemas import (
    LegacyImportCreate,
    LegacyImportRead,
    LegacyPlanRow,
    LegacyRowResult,
)
from assessment.plans import repository as plans
from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.problems import Problem

OUTCOMES = ("accepted", "skipped", "rejected")


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
    import_rules.check_row_dates(row.date_of_birth, row.issued_on, row.last_reviewed_on, today)
    return row


async def run_import(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                     cmd: LegacyImportCreate) -> LegacyImportRead:
    raws = parse_rows(cmd)
    existing = await plans.legacy_refs(uow.session, principal.la_code)
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
    counts = {o: sum(r.outcome == o for r in report) for o in OUTCOMES}
    import_id = new_id()
    await repository.add_import(uow.session, {
        "id": import_id, "la_code": principal.la_code, "format": cmd.format,
        "rows_total": len(raws),
        "report": [r.model_dump(mode="json") for r in report if r.outcome != "accepted"],
        "created_at": uow.clock.now(), **counts})
    return LegacyImportRead(id=import_id, format=cmd.format, rows_total=len(raws),
                            report=report, **counts)


def _rows_of(row: LegacyPlanRow, la_code: str, now: Any) -> tuple[dict[str, Any], ...]:
    """The case, plan and first (final) version of one legacy plan."""
    case_id, plan_id = new_id(), new_id()
    case = {"id": case_id, "la_code": la_code, "home_la_code": la_code,
            "given_name": row.given_name, "family_name": row.family_name,
            "date_of_birth": row.date_of_birth, "upn": row.upn,
            "setting_name": row.setting_name, "setting_type": row.setting_type,
            "caseworker_id": row.caseworker_id, "team": row.team,
            "legacy_ref": row.legacy_ref, "version": 1, "created_at": now, "updated_at": now}
    plan = {"id": plan_id, "case_id": case_id, "la_code": la_code,
            "status": PlanStatus.ISSUED.value, "current_version": 1,
            "origin": PlanOrigin.LEGACY.value, "first_issued_on": row.issued_on,
            "last_issued_on": row.issued_on,
            "next_review_due_on": import_rules.next_review_due_on(row.issued_on,
                                                                  row.last_reviewed_on),
            "legacy_ref": row.legacy_ref, "version": 1, "created_at": now, "updated_at": now}
    version = {"id": new_id(), "plan_id": plan_id, "number": 1,
               "stage": VersionStage.FINAL.value, "reason": VersionReason.LEGACY.value,
               "sections": {"B": f"Primary need: {row.primary_need}"}
               if row.primary_need else {},
               "preparation_for_adulthood_in": [], "advice_listed": [],
               "personal_budget_requested": False, "direct_payment": False,
               "setting_name": row.setting_name, "setting_type": row.setting_type,
               "issued_on": row.issued_on, "created_at": now}
    return case, plan, version


async def _insert(uow: UnitOfWork, deadlines: DeadlineBook, la_code: str,
                  rows: list[LegacyPlanRow]) -> None:
    """Cases, plans and their first review deadline, in bulk (R3.1)."""
    now = uow.clock.now()
    made = [_rows_of(row, la_code, now) for row in rows]
    await cases.insert_cases(uow.session, [case for case, _, _ in made])
    await plans.add_plans(uow.session, [plan for _, plan, _ in made],
                          [version for _, _, version in made])
    for case, plan, _ in made:
        await deadlines.open(uow, la_code=la_code, case_id=case["id"],
                             kind=DeadlineKind.ANNUAL_REVIEW_DUE,
                             due_on=plan["next_review_due_on"],
                             opened_on=uow.clock.today(), ref_id=plan["id"])
