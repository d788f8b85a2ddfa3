"""Use cases of a mediation case up to the family's choice. Nothing here commits."""

from __future__ import annotations

import uuid
from typing import Any

from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.messaging.envelope import subject_for_case
from common.problems import Problem
from mediation import clocks, contracts, repository
from mediation.access import Act, load_case, not_future
from mediation.domain import rules
from mediation.domain.errors import RuleViolation
from mediation.domain.model import CONTENT_KINDS, FamilyChoice, MediationIssue
from mediation.repository import Row
from mediation.schemas import (
    ChoiceCreate,
    CommissioningBodyTold,
    InformationCreate,
    MediationCaseCreate,
    NotArrangedReport,
)
from mediation.tables import certificate


def emit(uow: UnitOfWork, row: Row, event_type: str, data: Any) -> None:
    uow.emit(event_type, data, subject=subject_for_case(row["case_id"]), la_code=row["la_code"])


async def open_from_decision(uow: UnitOfWork, deadlines: DeadlineBook, la_code: str,
                             decision: dict[str, Any], *, opened_by: str) -> str:
    """Open the mediation case for an appealable decision (R6.1), once per decision; the
    family must contact the mediation adviser within 2 months of the notice (R6.3)."""
    existing = await repository.by_decision(uow.session, decision["decision_id"])
    if existing is not None:
        return str(existing["id"])
    if decision["notified_on"] < decision["decided_on"]:
        raise RuleViolation("R6.2", "the decision notice is dated before the decision",
                            "notified_on")
    contact_by = rules.contact_adviser_by(decision["notified_on"])
    row: dict[str, Any] = {
        "id": str(uuid.uuid4()), "la_code": la_code, "case_id": decision["case_id"],
        "decision_id": decision["decision_id"], "decision_kind": decision["decision_kind"],
        "decided_on": decision["decided_on"], "notified_on": decision["notified_on"],
        "sections_in_dispute": decision.get("sections_in_dispute"),
        "appellants": decision["appellants"], "contact_adviser_by": contact_by,
        "status": "awaiting_family_choice", "opened_by": opened_by,
        "opened_at": uow.clock.now(), "version": 1, "section_i_only": False,
        "commissioning_body_joined": False}
    await repository.insert_case(uow.session, row)
    stored = await repository.get(uow.session, la_code, row["id"])
    assert stored is not None
    await clocks.refresh(uow, deadlines, stored)
    emit(uow, row, contracts.CASE_OPENED, contracts.MediationCaseOpenedV1(
        mediation_case_id=row["id"], case_id=row["case_id"], decision_id=row["decision_id"],
        decision_kind=row["decision_kind"], decided_on=row["decided_on"],
        contact_adviser_by=contact_by))
    return str(row["id"])


async def open_by_hand(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                       body: MediationCaseCreate) -> str:
    """A decision recorded outside sendsys (R6.1)."""
    not_future(body.notified_on, uow.clock.today(), "notified_on")
    decision = body.model_dump()
    decision["decision_id"] = body.decision_id or f"manual-{uuid.uuid4().hex[:24]}"
    decision["decision_kind"] = body.decision_kind.value
    if await repository.by_decision(uow.session, decision["decision_id"]) is not None:
        raise Problem(409, f"Decision {decision['decision_id']} already has a mediation case",
                      kind="duplicate-decision")
    return await open_from_decision(uow, deadlines, principal.la_code, decision,
                                    opened_by="hand")


async def apply_values(uow: UnitOfWork, deadlines: DeadlineBook, row: Row,
                       values: dict[str, Any]) -> Row:
    """Check the case with `values` applied keeps its dates in order, then store it."""
    certificates = await repository.rows_of_case(uow.session, certificate, row["id"])
    rules.check_dates_in_order(clocks.to_model({**row, **values}, certificates))
    updated = await repository.update_case(uow.session, row, values)
    return await clocks.refresh(uow, deadlines, updated, certificates)


async def record_information(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                             mediation_case_id: str, body: InformationCreate) -> Row:
    """The R6.2 information went to the family (and R6.12's offer of disagreement
    resolution); notifications delivers the event."""
    row = await load_case(uow, principal, mediation_case_id, Act.MANAGE)
    not_future(body.sent_on, uow.clock.today(), "sent_on")
    if body.items is not None:
        rules.check_notice_information(body.items)
    if body.sent_on < row["decided_on"]:
        raise RuleViolation("R6.2", f"information sent on {body.sent_on} before the decision "
                            f"on {row['decided_on']}", "sent_on")
    row = await apply_values(uow, deadlines, row, {"information_sent_on": body.sent_on,
                                             "information_channel": body.channel})
    emit(uow, row, contracts.INFORMATION_SENT, contracts.MediationInformationSentV1(
        mediation_case_id=row["id"], case_id=row["case_id"], sent_on=body.sent_on))
    return row


def _check_choice(row: Row, body: ChoiceCreate) -> None:
    if row["choice"] is not None:
        raise RuleViolation("R6.3", "the family's choice is already recorded", "choice")
    if body.section_i_only and row["decision_kind"] not in CONTENT_KINDS:
        raise RuleViolation("R6.4", f"a {row['decision_kind']} decision has no section I to "
                            "appeal alone", "section_i_only")
    if body.choice is FamilyChoice.MEDIATION:
        rules.check_request_in_window(row["notified_on"], body.told_adviser_on)
        if not body.issues:
            raise RuleViolation("R6.6", "say which issues mediation is about", "issues")
        if MediationIssue.HEALTH in body.issues and body.commissioning_body is None:
            raise RuleViolation("R6.6", "health issues need the commissioning body that "
                                "must be told within 3 working days", "commissioning_body")


async def record_choice(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                        mediation_case_id: str, body: ChoiceCreate) -> Row:
    """The family told the adviser whether they want mediation (R6.3), which issues, and
    whether the appeal is only about section I (R6.4). Wanting mediation starts the LA's
    30 days (R6.6) and, with health issues, the 3 working days to tell the ICB."""
    row = await load_case(uow, principal, mediation_case_id, Act.CHOOSE)
    not_future(body.told_adviser_on, uow.clock.today(), "told_adviser_on")
    _check_choice(row, body)
    wants = body.choice is FamilyChoice.MEDIATION
    body_ = body.commissioning_body if MediationIssue.HEALTH in body.issues else None
    row = await apply_values(uow, deadlines, row, {
        "told_adviser_on": body.told_adviser_on, "choice": body.choice.value,
        "issues": [i.value for i in body.issues], "section_i_only": body.section_i_only,
        "health_provision_sought": body.health_provision_sought,
        "requested_on": body.told_adviser_on if wants else None,
        "commissioning_body_org_code": body_.org_code if body_ else None,
        "commissioning_body_name": body_.name if body_ else None})
    if wants:
        emit(uow, row, contracts.REQUESTED, requested_event(row))
    return row


def requested_event(row: Row) -> contracts.MediationRequestedV1:
    issues = set(row["issues"] or ())
    health = MediationIssue.HEALTH.value in issues
    parties: list[Any] = (["ccg"] if issues == {MediationIssue.HEALTH.value}
                          else ["la", "ccg"] if health else ["la"])
    body = (contracts.CommissioningBodyV1(org_code=row["commissioning_body_org_code"],
                                          name=row["commissioning_body_name"])
            if health else None)
    return contracts.MediationRequestedV1(
        mediation_case_id=row["id"], case_id=row["case_id"], requested_on=row["requested_on"],
        must_take_place_by=rules.arrange_by(row["requested_on"]), parties=parties,
        commissioning_body=body)


async def commissioning_body_told(uow: UnitOfWork, deadlines: DeadlineBook,
                                  principal: Principal, mediation_case_id: str,
                                  body: CommissioningBodyTold) -> Row:
    """The LA told the ICB of the health issues (R6.6, 3 working days) and whether it joins."""
    row = await load_case(uow, principal, mediation_case_id, Act.MANAGE)
    not_future(body.told_on, uow.clock.today(), "told_on")
    if row["commissioning_body_org_code"] is None:
        raise RuleViolation("R6.6", "the mediation issues include no health provision",
                            "told_on")
    return await apply_values(uow, deadlines, row, {"commissioning_body_told_on": body.told_on,
                                              "commissioning_body_joined": body.joined})


async def report_not_arranged(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                              mediation_case_id: str, body: NotArrangedReport) -> Row:
    """The adviser is told mediation was not arranged within 30 days: a certificate is due
    within 3 working days (R6.6)."""
    row = await load_case(uow, principal, mediation_case_id, Act.MEDIATE)
    not_future(body.reported_on, uow.clock.today(), "reported_on")
    if row["requested_on"] is None:
        raise RuleViolation("R6.6", "mediation has not been requested", "reported_on")
    if row["arranged_on"] is not None:
        raise RuleViolation("R6.6", f"mediation was arranged on {row['arranged_on']}",
                            "reported_on")
    last_day = rules.arrange_by(row["requested_on"])
    if body.reported_on <= last_day:
        raise RuleViolation("R6.6", f"the LA has until {last_day} to arrange mediation",
                            "reported_on")
    return await apply_values(uow, deadlines, row, {"not_arranged_reported_on": body.reported_on})

