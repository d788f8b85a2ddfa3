"""Tribunal-order compliance steps (R6.11) that assessment's own events report done: the
decision to assess, the no-plan notice, the final and the amended plan. Only open steps of
orders for that case, dated on or before the event's day, close; each records the event
that closed it and whether it was in time, and its deadline row closes so the sweep stops
alerting. Nothing here commits."""

from __future__ import annotations

from datetime import date
from typing import Any

from sqlalchemy import and_, select, update

from common.db.uow import UnitOfWork
from common.deadlines import DeadlineBook
from common.messaging.envelope import CloudEvent
from mediation.domain.model import ASSESSMENT_KINDS, CONTENT_KINDS, DeadlineKind, DecisionKind
from mediation.tables import appeal, compliance_step, mediation_case, tribunal_order

_PLAN_KINDS = ASSESSMENT_KINDS | {DecisionKind.REFUSE_PLAN}
_AMEND_KINDS = CONTENT_KINDS | {DecisionKind.CEASE_PLAN}


def decision_made_steps(decision: str) -> dict[DeadlineKind, frozenset[DecisionKind]]:
    """`send.assessment.decision.made.v1`: deciding to assess is telling the family the
    assessment will go ahead (refuse_assessment / refuse_reassessment orders)."""
    return {DeadlineKind.ASSESSMENT_NOTICE_DUE: ASSESSMENT_KINDS} if decision == "assess" \
        else {}


def plan_refused_steps() -> dict[DeadlineKind, frozenset[DecisionKind]]:
    """`send.assessment.plan.refused.v1`: the notice that no plan will be made."""
    return {DeadlineKind.NO_PLAN_NOTICE_DUE: ASSESSMENT_KINDS}


def plan_issued_steps(reason: str) -> dict[DeadlineKind, frozenset[DecisionKind]]:
    """`send.assessment.plan.issued.v1`: a new final plan completes refuse_assessment and
    refuse_plan orders (after a re-assessment the kept plan is issued as amended); an amended
    plan completes content and cease orders (and a re-assessment's final plan)."""
    if reason == "new":
        return {DeadlineKind.FINAL_PLAN_DUE: _PLAN_KINDS}
    if reason == "amended":
        return {DeadlineKind.AMENDED_PLAN_DUE: _AMEND_KINDS,
                DeadlineKind.FINAL_PLAN_DUE: frozenset({DecisionKind.REFUSE_REASSESSMENT})}
    return {}


async def report_done(uow: UnitOfWork, deadlines: DeadlineBook, event: CloudEvent,
                      case_id: str, done_on: date,
                      steps: dict[DeadlineKind, frozenset[DecisionKind]]) -> list[str]:
    """Close the open order steps of `case_id` the event reports done on `done_on`; returns
    their ids. A redelivered event finds them done and changes nothing."""
    if not steps:
        return []
    s, o, a, m = compliance_step.c, tribunal_order.c, appeal.c, mediation_case.c
    rows = (await uow.session.execute(
        select(s.id, s.kind, s.due_on, s.case_id, s.source_id, m.decision_kind)
        .join(tribunal_order, and_(s.source_id == o.id, s.source == "tribunal_order"))
        .join(appeal, a.id == o.appeal_id)
        .join(mediation_case, m.id == a.mediation_case_id)
        .where(s.la_code == event.lacode, s.case_id == case_id, s.done_on.is_(None),
               s.kind.in_([k.value for k in steps]), o.from_on <= done_on)
        .order_by(s.due_on, s.id))).all()
    closed = []
    for row in rows:
        if row.decision_kind not in steps[DeadlineKind(row.kind)]:
            continue
        await uow.session.execute(update(compliance_step).where(
            s.id == row.id, s.done_on.is_(None)).values(
            done_on=done_on, in_time=done_on <= row.due_on, done_by_event_id=event.id,
            done_by_event_type=event.type))
        await deadlines.close(uow, case_id=row.case_id, kind=row.kind, closed_on=done_on,
                              ref_id=row.id)
        closed.append(row.id)
        if row.decision_kind in ASSESSMENT_KINDS and row.kind in _ALTERNATIVES:
            closed += await _close_alternative(uow, deadlines, event, row, done_on)
    return closed


# R6.11: after an order to assess, the LA either tells the family no plan will be made
# (10 weeks) or issues a final plan (14 weeks); doing one makes the other not needed.
_ALTERNATIVES = {DeadlineKind.FINAL_PLAN_DUE.value: DeadlineKind.NO_PLAN_NOTICE_DUE.value,
                 DeadlineKind.NO_PLAN_NOTICE_DUE.value: DeadlineKind.FINAL_PLAN_DUE.value}


async def _close_alternative(uow: UnitOfWork, deadlines: DeadlineBook, event: CloudEvent,
                             row: Any, done_on: date) -> list[str]:
    """Close the order's other outcome step as not needed: done by the same event, with
    `in_time` left empty because it had nothing of its own to be in time for."""
    s = compliance_step.c
    other = (await uow.session.execute(select(s.id).where(
        s.source_id == row.source_id, s.source == "tribunal_order",
        s.kind == _ALTERNATIVES[row.kind], s.done_on.is_(None)))).scalars().all()
    for step_id in other:
        await uow.session.execute(update(compliance_step).where(s.id == step_id).values(
            done_on=done_on, in_time=None, done_by_event_id=event.id,
            done_by_event_type=event.type))
        await deadlines.close(uow, case_id=row.case_id, kind=_ALTERNATIVES[row.kind],
                              closed_on=done_on, ref_id=step_id)
    return list(other)
