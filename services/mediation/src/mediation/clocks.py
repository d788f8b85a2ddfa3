"""Every clock of a mediation case as deadline rows (ARCHITECTURE.md invariant 7).

After each step the pure rules (`rules.case_deadlines`) say which deadlines run and when
they fall due; `refresh` closes the rows whose step is done (or whose date moved) and opens
the missing ones, so the platform sweep emits approaching/missed for exactly what is live."""

from __future__ import annotations

from datetime import date
from typing import Any

from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from mediation import repository
from mediation.domain import rules
from mediation.domain.model import (
    Certificate,
    CertificateBasis,
    DeadlineKind,
    DecisionKind,
    FamilyChoice,
    MediationCase,
    MediationIssue,
    Outcome,
)
from mediation.repository import Row
from mediation.tables import appeal, certificate, mediation_case


def _opt(kind: Any, value: str | None) -> Any:
    return kind(value) if value is not None else None


def to_model(row: Row, certificates: list[Row]) -> MediationCase:
    """The pure view of a stored case that the rules of RULES.md section 6 work on."""
    sections = {"I"} if row["section_i_only"] else set(row["sections_in_dispute"] or ())
    return MediationCase(
        decision_kind=DecisionKind(row["decision_kind"]), decided_on=row["decided_on"],
        notified_on=row["notified_on"], sections_in_dispute=frozenset(sections),
        issues=frozenset(MediationIssue(i) for i in row["issues"] or ()),
        choice=_opt(FamilyChoice, row["choice"]), told_adviser_on=row["told_adviser_on"],
        requested_on=row["requested_on"],
        commissioning_body_told_on=row["commissioning_body_told_on"],
        not_arranged_reported_on=row["not_arranged_reported_on"],
        arranged_on=row["arranged_on"], concluded_on=row["concluded_on"],
        outcome=_opt(Outcome, row["outcome"]),
        certificates=tuple(Certificate(CertificateBasis(c["basis"]), c["issued_on"])
                           for c in certificates),
        ccg_joined=bool(row["commissioning_body_joined"]),
    )


def certificate_needed(model: MediationCase) -> bool:
    return rules.certificate_needed(model.sections_in_dispute, model.decision_kind)


def wanted_deadlines(model: MediationCase, appealed: bool) -> dict[DeadlineKind, date]:
    """The case-level deadlines that should be open now."""
    wanted = rules.case_deadlines(model)
    if model.choice is FamilyChoice.DECLINED and not certificate_needed(model):
        wanted.pop(DeadlineKind.CERTIFICATE_DUE, None)  # R6.4: section I only
    if model.not_arranged_reported_on is not None or model.concluded_on is not None:
        wanted.pop(DeadlineKind.ARRANGE_MEDIATION_BY, None)
    if appealed:
        wanted.pop(DeadlineKind.APPEAL_BY, None)
    return wanted


def status_of(model: MediationCase, appealed: bool) -> str:
    if appealed:
        return "appealed"
    steps = [(model.certificates, "certificate_issued"),
             (model.concluded_on, "mediation_concluded"),
             (model.arranged_on, "mediation_arranged"),
             (model.requested_on, "mediation_requested"),
             (model.choice is FamilyChoice.DECLINED, "mediation_declined")]
    return next((status for done, status in steps if done), "awaiting_family_choice")


async def refresh(uow: UnitOfWork, book: DeadlineBook, row: Row,
                  certificates: list[Row] | None = None) -> Row:
    """Recompute status, appeal deadline and the open deadline rows of one case
    (`certificates`: the case's certificate rows, when the caller has just read them)."""
    if certificates is None:
        certificates = await repository.rows_of_case(uow.session, certificate, row["id"])
    appealed = bool(await repository.rows_of_case(uow.session, appeal, row["id"]))
    model = to_model(row, certificates)
    values = {"status": status_of(model, appealed),
              "appeal_by": rules.appeal_deadline(model.notified_on, model.latest_certificate_on)}
    await repository.update_row(uow.session, mediation_case, row["id"], values)
    await _reconcile(uow, book, row, wanted_deadlines(model, appealed))
    return {**row, **values}


async def _reconcile(uow: UnitOfWork, book: DeadlineBook, row: Row,
                     wanted: dict[DeadlineKind, date]) -> None:
    today = uow.clock.today()
    current = {r["kind"]: r["due_on"] for r in
               await repository.open_deadlines(uow.session, book.tables.deadline, row["id"])}
    for kind, due_on in current.items():
        if wanted.get(DeadlineKind(kind)) != due_on:
            await book.close(uow, case_id=row["case_id"], kind=kind, closed_on=today,
                             ref_id=row["id"])
    for kind, due_on in wanted.items():
        if current.get(kind.value) != due_on:
            await book.open(uow, la_code=row["la_code"], case_id=row["case_id"], kind=kind,
                            due_on=due_on, opened_on=today, ref_id=row["id"])
