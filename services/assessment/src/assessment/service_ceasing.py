"""Ceasing to maintain a plan (R4.1-R4.5): only on the two grounds, after consulting, with
appeal rights; the plan stays in force while an appeal is pending."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from assessment import contracts
from assessment import repository_lifecycle as repo
from assessment.casework import (
    conflict,
    emit_appealable,
    new_id,
    not_before,
    not_future,
    note,
    publish,
)
from assessment.domain import rules
from assessment.domain.errors import RuleViolation
from assessment.schemas_reviews import (
    AppealLodged,
    AppealOutcome,
    CeaseDecision,
    CeaseDone,
    CeaseProposalCreate,
    ReviewDecision,
)
from assessment.service_plans import load_plan
from common import calendar
from common.auth import Principal
from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.problems import not_found

Row = Mapping[str, Any]
AGE_GROUNDS = frozenset({"aged_19_or_over", "age", "over_19", "reached_19"})
tables = repo.cease_proposal


def check_ground(ground: str, reason: str, born_on: date, on: date, *,
                 in_education: bool = True, review_completed: bool = False) -> None:
    """R4.1-R4.4 for a proposal judged on `on`."""
    if ground in AGE_GROUNDS:
        raise RuleViolation("R4.2", "being 19 or over is never a ground to cease", "ground")
    rules.check_may_cease(ground, born_on, on, in_education_or_training=in_education,
                          leaving_review_completed=review_completed)
    if reason == "reached_25" and on < calendar.anniversary(born_on, 25):
        raise RuleViolation("R4.4", "the young person has not reached 25", "reason")


def check_end(ceases_on: date, born_on: date) -> None:
    """R4.4: never beyond the day before the 26th birthday."""
    latest = rules.latest_plan_end_on(born_on)
    if ceases_on > latest:
        raise RuleViolation("R4.4", f"a plan cannot run past {latest}", "ceases_on")


async def propose(uow: UnitOfWork, principal: Principal, plan_id: str,
                  cmd: CeaseProposalCreate) -> str:
    row, case_row = await load_plan(uow, principal, plan_id)
    if row["status"] != "issued":
        raise conflict("Only an issued plan can be ceased")
    not_future(cmd.consulted_on, uow.clock.today(), "consulted_on")
    check_ground(cmd.ground, cmd.reason, case_row["date_of_birth"], cmd.consulted_on,
                 in_education=cmd.in_education_or_training,
                 review_completed=cmd.leaving_review_completed)
    proposal_id = new_id()
    await repo.add(uow.session, tables, {
        "id": proposal_id, "case_id": row["case_id"], "plan_id": plan_id, "ground": cmd.ground,
        "detail": cmd.detail, "consulted_on": cmd.consulted_on, "status": "consulting"})
    await note(uow, case_row, "cease.proposed", cmd.consulted_on,
               {"cease_proposal_id": proposal_id, "ground": cmd.ground})
    return proposal_id


async def load_proposal(uow: UnitOfWork, principal: Principal, proposal_id: str) -> Row:
    row = await repo.get_via_plan(uow.session, tables, principal.la_code, proposal_id)
    if row is None:
        raise not_found(f"Cease proposal {proposal_id}")
    return row


async def decide(uow: UnitOfWork, principal: Principal, proposal_id: str,
                 cmd: CeaseDecision) -> None:
    """R4.5: decide after consulting; the decision is appealable (R6.1)."""
    proposal = await load_proposal(uow, principal, proposal_id)
    if proposal["status"] != "consulting":
        raise conflict("This proposal has been decided")
    row, case_row = await load_plan(uow, principal, proposal["plan_id"])
    notified_on = cmd.notified_on or cmd.decided_on
    not_before(cmd.decided_on, proposal["consulted_on"], "decided_on", "the consultation",
               "R4.5")
    not_before(cmd.ceases_on, notified_on, "ceases_on", "the notice", "R4.5")
    not_future(notified_on, uow.clock.today(), "notified_on")
    check_end(cmd.ceases_on, case_row["date_of_birth"])
    await repo.change(uow.session, tables, proposal_id, {
        "decided_on": cmd.decided_on, "notified_on": notified_on, "ceases_on": cmd.ceases_on,
        "status": "decided"})
    await repo.bump_plan(uow.session, row["id"], {"status": "ceasing",
                                                  "cease_ground": proposal["ground"]})
    await emit_appealable(uow, case_row, proposal_id, "cease_plan", cmd.decided_on, notified_on)


async def cease_after_review(uow: UnitOfWork, principal: Principal, plan_row: Row,
                             case_row: Row, cmd: ReviewDecision, notified_on: date) -> None:
    """R3.4 with R4: a review decides to cease; the same grounds and consultation apply."""
    ground = cmd.cease_ground or ""
    check_ground(ground, "other", case_row["date_of_birth"], cmd.decided_on)
    ceases_on = cmd.ceases_on or notified_on
    not_before(ceases_on, notified_on, "ceases_on", "the notice", "R4.5")
    check_end(ceases_on, case_row["date_of_birth"])
    proposal_id = new_id()
    await repo.add(uow.session, tables, {
        "id": proposal_id, "case_id": case_row["id"], "plan_id": plan_row["id"],
        "ground": ground, "detail": cmd.cease_detail or "decided at review",
        "consulted_on": cmd.decided_on, "decided_on": cmd.decided_on,
        "notified_on": notified_on, "ceases_on": ceases_on, "status": "decided"})
    await repo.bump_plan(uow.session, plan_row["id"], {"status": "ceasing",
                                                       "cease_ground": ground})
    await emit_appealable(uow, case_row, proposal_id, "cease_plan", cmd.decided_on, notified_on)


async def appeal_lodged(uow: UnitOfWork, principal: Principal, proposal_id: str,
                        cmd: AppealLodged) -> None:
    proposal = await load_proposal(uow, principal, proposal_id)
    if proposal["status"] != "decided":
        raise conflict("Only a decision to cease can be appealed")
    not_future(cmd.lodged_on, uow.clock.today(), "lodged_on")
    await repo.change(uow.session, tables, proposal_id, {"appeal_lodged_on": cmd.lodged_on,
                                                         "status": "appealed"})


async def appeal_decided(uow: UnitOfWork, principal: Principal, proposal_id: str,
                         cmd: AppealOutcome) -> None:
    """An upheld appeal keeps the plan; dismissed or withdrawn lets the cessation proceed."""
    proposal = await load_proposal(uow, principal, proposal_id)
    if proposal["status"] != "appealed":
        raise conflict("No appeal is pending")
    upheld = cmd.outcome == "upheld"
    await repo.change(uow.session, tables, proposal_id, {
        "appeal_outcome": cmd.outcome, "status": "withdrawn" if upheld else "decided"})
    if upheld:
        await repo.bump_plan(uow.session, proposal["plan_id"], {"status": "issued",
                                                                "cease_ground": None})


async def cease(uow: UnitOfWork, deadlines: DeadlineBook, principal: Principal,
                proposal_id: str, cmd: CeaseDone) -> None:
    """The plan ceases: never while an appeal is pending, and with no appeal lodged not before
    the appeal period ends unless the family confirmed they will not appeal (R4.5)."""
    ceased_on = cmd.done_on
    proposal = await load_proposal(uow, principal, proposal_id)
    if proposal["status"] == "appealed":
        raise RuleViolation("R4.5", "the plan stays in force until the appeal is decided",
                            "status")
    if proposal["status"] != "decided":
        raise conflict("The proposal has not been decided")
    row, case_row = await load_plan(uow, principal, proposal["plan_id"])
    not_before(ceased_on, proposal["ceases_on"], "ceased_on", "the date given in the decision",
               "R4.5")
    not_future(ceased_on, uow.clock.today(), "ceased_on")
    rules.check_cease_takes_effect(
        ceased_on, proposal["notified_on"] or proposal["decided_on"],
        certificate_issued_on=cmd.certificate_issued_on,
        appeal_decided=proposal["appeal_outcome"] is not None,
        family_will_not_appeal=cmd.family_will_not_appeal)
    await repo.change(uow.session, tables, proposal_id, {"status": "ceased"})
    await repo.bump_plan(uow.session, row["id"], {"status": "ceased", "ceased_on": ceased_on,
                                                  "next_review_due_on": None})
    reviews = await repo.rows(uow.session, repo.review, plan_id=row["id"])
    refs = [row["id"], *(r["id"] for r in reviews)]
    # every clock of a plan that no longer exists, closed only where one is open
    for kind, ref_id in await repo.open_deadlines_of(uow.session, row["case_id"], refs):
        await deadlines.close(uow, case_id=row["case_id"], kind=kind, closed_on=ceased_on,
                              ref_id=ref_id)
    await publish(uow, case_row, contracts.PLAN_CEASED, contracts.PlanCeasedV1(
        case_id=row["case_id"], plan_id=row["id"], ceased_on=ceased_on,
        ground=proposal["ground"]), ceased_on)
