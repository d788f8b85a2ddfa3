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
from assessment.cases import rules as case_rules
from assessment.cases.service import new_id
from assessment.domain.errors import InvalidIdentifier, RuleViolation
from assessment.domain.model import DeadlineKind
from assessment.domain.records import CaseRecord
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
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.errors import InvalidField
from common.principal import Principal

OUTCOMES = ("accepted", "skipped", "rejected")


def parse_rows(cmd: LegacyImportCreate) -> list[dict[str, Any]]:
    if cmd.format == "json":
        if cmd.rows is None:
            raise InvalidField("rows", "a JSON import carries `rows`", kind="validation-error")
        return cmd.rows
    if cmd.csv is None:
        raise InvalidField("csv", "a CSV import carries `csv`", kind="validation-error")
    return list(csv.DictReader(io.StringIO(cmd.csv)))


def _errors(exc: Exception) -> list[dict[str, Any]]:
    if isinstance(exc, ValidationError):
        return [{"field": ".".join(map(str, e["loc"])) or None, "message": e["msg"]}
                for e in exc.errors()]
    if isinstance(exc, InvalidIdentifier | RuleViolation):
        return [{"field": exc.field, "message": exc.message, "rule": exc.rule}]
    if isinstance(exc, InvalidField):
        return [{"field": exc.field, "message": exc.message}]
    return [{"field": getattr(exc, "field", None), "message": str(exc),
             "rule": getattr(exc, "rule", None)}]


def validate(raw: dict[str, Any], today: date) -> LegacyPlanRow:
    row = LegacyPlanRow.model_validate(raw)
    import_rules.check_row_dates(row.date_of_birth, row.issued_on, row.last_reviewed_on, today)
    return row


async def run_import(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                     cmd: LegacyImportCreate) -> LegacyImportRead:
    raws = parse_rows(cmd)
    existing = await plans.legacy_refs(uow.connection, principal.la_code)
    report: list[LegacyRowResult] = []
    accepted: list[tuple[int, LegacyPlanRow]] = []
    for number, raw in enumerate(raws, start=1):
        ref = str(raw.get("legacy_ref") or "") or None
        try:
            row = validate(raw, uow.clock.today())
        except (ValidationError, ValueError, RuleViolation, InvalidField) as exc:
            report.append(LegacyRowResult(row=number, legacy_ref=ref, outcome="rejected",
                                          errors=_errors(exc)))
            continue
        if row.legacy_ref in existing:
            report.append(LegacyRowResult(row=number, legacy_ref=ref, outcome="skipped"))
            continue
        existing.add(row.legacy_ref)
        accepted.append((number, row))
    placed = await _place(uow, principal.la_code, accepted)
    report += [result for result, _ in placed]
    report.sort(key=lambda r: r.row)
    await _insert(uow, deadlines, principal.la_code,
                  [(row, result) for result, row in placed if row is not None])
    counts = {o: sum(r.outcome == o for r in report) for o in OUTCOMES}
    import_id = new_id()
    await repository.add_import(uow.connection, {
        "id": import_id, "la_code": principal.la_code, "format": cmd.format,
        "rows_total": len(raws),
        "report": [r.model_dump(mode="json") for r in report if r.outcome != "accepted"],
        "created_at": uow.clock.now(), **counts})
    return LegacyImportRead(id=import_id, format=cmd.format, rows_total=len(raws),
                            report=report, **counts)


def _newcomer(row: LegacyPlanRow) -> case_rules.Newcomer:
    return case_rules.Newcomer(given_name=row.given_name, family_name=row.family_name,
                               date_of_birth=row.date_of_birth, upn=row.upn)


async def _place(uow: UnitOfWork, la_code: str, rows: list[tuple[int, LegacyPlanRow]]
                 ) -> list[tuple[LegacyRowResult, LegacyPlanRow | None]]:
    """Which case each valid row's plan goes on: the kept case whose UPN and date of birth
    both agree (refused when it has a plan maintained already); otherwise a new case,
    opened without the UPN and marked to reconcile when a case born on another day holds
    it. A UPN twice in one file is refused the second time."""
    holders = {c.upn: c for c in await cases.cases_holding(
        uow.connection, la_code, "upn", [r.upn for _, r in rows if r.upn])}
    first_row: dict[str, int] = {}
    placed: list[tuple[LegacyRowResult, LegacyPlanRow | None]] = []
    for number, row in rows:
        result = LegacyRowResult(row=number, legacy_ref=row.legacy_ref, outcome="accepted")
        if row.upn and row.upn in first_row:
            placed.append((result.model_copy(update={"outcome": "rejected", "errors": [{
                "field": "upn", "message": f"the same UPN as row {first_row[row.upn]}"}]}),
                None))
            continue
        if row.upn:
            first_row[row.upn] = number
        kept = [holders[row.upn]] if row.upn in holders else []
        placed.append(await _placed(uow, result, row, kept))
    return placed


async def _placed(uow: UnitOfWork, result: LegacyRowResult, row: LegacyPlanRow,
                  kept: list[CaseRecord]) -> tuple[LegacyRowResult, LegacyPlanRow | None]:
    match = case_rules.match_child(_newcomer(row), kept)
    if match.case_id is not None:
        if await cases.has_active_plan(uow.connection, match.case_id):
            return result.model_copy(update={"outcome": "rejected", "errors": [{
                "field": "upn", "message": f"case {match.case_id} (this UPN and date of "
                "birth) has a plan maintained already"}]}), None
        return result.model_copy(update={"case_id": match.case_id}), row
    if match.reconcile_with is not None:
        return result.model_copy(update={"reconcile_with_case_id": match.reconcile_with,
                                         "reconcile_reason": match.reason}), \
            row.model_copy(update={"upn": None})
    return result, row


def _rows_of(row: LegacyPlanRow, result: LegacyRowResult, la_code: str,
             now: Any) -> tuple[dict[str, Any] | None, dict[str, Any], dict[str, Any]]:
    """The case (None when the plan goes on a kept case), plan and first (final) version of
    one legacy plan."""
    plan_id = new_id()
    case_id = result.case_id or new_id()
    reconcile = result.reconcile_with_case_id
    case = None if result.case_id else {
        "id": case_id, "la_code": la_code, "home_la_code": la_code,
        "given_name": row.given_name, "family_name": row.family_name,
        "date_of_birth": row.date_of_birth, "upn": row.upn,
        "setting_name": row.setting_name, "setting_type": row.setting_type,
        "caseworker_id": row.caseworker_id, "team": row.team,
        "legacy_ref": row.legacy_ref, "version": 1, "created_at": now, "updated_at": now,
        "needs_reconciliation": reconcile is not None, "reconcile_with_case_id": reconcile,
        "reconcile_reason": result.reconcile_reason}
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
                  rows: list[tuple[LegacyPlanRow, LegacyRowResult]]) -> None:
    """Cases, plans and their first review deadline, in bulk (R3.1)."""
    now = uow.clock.now()
    made = [_rows_of(row, result, la_code, now) for row, result in rows]
    await cases.insert_cases(uow.connection, [case for case, _, _ in made if case is not None])
    await plans.add_plans(uow.connection, [plan for _, plan, _ in made],
                          [version for _, _, version in made])
    for _, plan, _ in made:
        await deadlines.open(uow, la_code=la_code, case_id=plan["case_id"],
                             kind=DeadlineKind.ANNUAL_REVIEW_DUE,
                             due_on=plan["next_review_due_on"],
                             opened_on=uow.clock.today(), ref_id=plan["id"])
