"""Use cases of the mediation service. Nothing here commits."""

from __future__ import annotations

import uuid
from typing import Any

from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.messaging.envelope import subject_for_case
from mediation import contracts, repository
from mediation.domain import rules
from mediation.domain.model import DeadlineKind


async def open_from_decision(uow: UnitOfWork, deadlines: DeadlineBook, la_code: str,
                             decision: dict[str, Any], *, opened_by: str) -> str:
    """Open the mediation case for an appealable decision (R6.1), once per decision; the
    family must contact the mediation adviser within 2 months of the notice (R6.3)."""
    existing = await repository.by_decision(uow.session, decision["decision_id"])
    if existing is not None:
        return str(existing["id"])
    mediation_case_id = str(uuid.uuid4())
    contact_by = rules.contact_adviser_by(decision["notified_on"])
    await repository.insert_case(uow.session, {
        "id": mediation_case_id, "la_code": la_code, "case_id": decision["case_id"],
        "decision_id": decision["decision_id"], "decision_kind": decision["decision_kind"],
        "decided_on": decision["decided_on"], "notified_on": decision["notified_on"],
        "sections_in_dispute": decision.get("sections_in_dispute"),
        "appellants": decision["appellants"], "contact_adviser_by": contact_by,
        "status": "awaiting_family_choice", "opened_by": opened_by,
        "opened_at": uow.clock.now()})
    await deadlines.open(uow, la_code=la_code, case_id=decision["case_id"],
                         kind=DeadlineKind.CONTACT_ADVISER_BY, due_on=contact_by,
                         opened_on=uow.clock.today(), ref_id=mediation_case_id)
    uow.emit(contracts.CASE_OPENED, contracts.MediationCaseOpenedV1(
        mediation_case_id=mediation_case_id, case_id=decision["case_id"],
        decision_id=decision["decision_id"], decision_kind=decision["decision_kind"],
        decided_on=decision["decided_on"], contact_adviser_by=contact_by),
        subject=subject_for_case(decision["case_id"]), la_code=la_code)
    return mediation_case_id
