"""Phase transfers open themselves (R3.6, Regs reg 18(1)): whenever a plan is issued,
amended, reviewed or imported (assessment's own plan.issued and review.completed events),
and by a daily sweep for each new cohort, the transfer the child is within 12 months of gets
its `phase_transfer_named_by` deadline, on the regulation's date, once per transfer. A
school's own phase pattern (infant/junior, first/middle/upper) recorded on the case decides
which transfers there are; otherwise primary then secondary. Nothing here commits."""

from __future__ import annotations

import asyncio
import logging
from datetime import date

from pydantic import BaseModel

from assessment.cases import repository as cases
from assessment.cases.service import load_case, note, owner
from assessment.domain import rules
from assessment.domain.model import DeadlineKind, PhaseTransfer
from assessment.domain.status import MAINTAINED
from assessment.domain.transfers import DEFAULT_PHASE_PATTERN, ENTRY_YEAR_GROUP
from assessment.plans import repository as plans
from assessment.transfers import repository
from common.db.uow import UnitOfWork
from common.deadline_alerts import DeadlineOwner
from common.deadlines import DeadlineBook
from common.principal import Principal
from common.runtime import ServiceRuntime

PHASE_TRANSFER = DeadlineKind.PHASE_TRANSFER_NAMED_BY
log = logging.getLogger("sendsys.assessment.phase_transfers")

COHORT_SWEEP_INTERVAL_S = 6 * 3600  # new cohorts appear on 1 September; four looks a day


async def pattern_of(uow: UnitOfWork, case_id: str) -> str:
    """The case's recorded phase pattern, or the default (primary then secondary)."""
    return await repository.phase_pattern_of(uow.connection, case_id) or DEFAULT_PHASE_PATTERN


async def read_pattern(uow: UnitOfWork, principal: Principal,
                       case_id: str) -> tuple[str, bool]:
    """(the case's phase pattern, whether it was recorded rather than the default)."""
    await load_case(uow, principal, case_id)
    recorded = await repository.phase_pattern_of(uow.connection, case_id)
    return recorded or DEFAULT_PHASE_PATTERN, recorded is not None


async def record_pattern(uow: UnitOfWork, principal: Principal, case_id: str,
                         pattern: str) -> None:
    """R3.6: record the phase pattern of the child's schools on the case."""
    case_row = await load_case(uow, principal, case_id, for_update=True)
    await repository.record_phase_pattern(uow.connection, {
        "case_id": case_id, "la_code": case_row.la_code, "pattern": pattern,
        "recorded_at": uow.clock.now()})
    await note(uow, case_row, "phase_pattern.recorded", uow.clock.today(), {"pattern": pattern})


async def keep_transfer_once(uow: UnitOfWork, deadlines: DeadlineBook, *, la_code: str,
                             case_id: str, plan_id: str, transfer: PhaseTransfer,
                             deadline_owner: DeadlineOwner) -> bool:
    """Open the transfer's naming deadline unless the case already has it (open or met):
    True when it was opened now."""
    if await repository.deadline_kept(uow.connection, case_id, PHASE_TRANSFER, transfer.named_by):
        return False
    await deadlines.open(uow, la_code=la_code, case_id=case_id,
                         kind=DeadlineKind.PHASE_TRANSFER_NAMED_BY, due_on=transfer.named_by,
                         opened_on=uow.clock.today(), ref_id=plan_id, owner=deadline_owner)
    return True


async def on_plan_event(uow: UnitOfWork, deadlines: DeadlineBook, la_code: str,
                        plan_id: str, on: date) -> PhaseTransfer | None:
    """A plan was issued, amended, imported or reviewed on `on`: open the coming transfer's
    deadline if the child is within 12 months of one (reg 18(1)) and it is not kept yet."""
    found = await plans.get_plan(uow.connection, la_code, plan_id, for_update=True)
    if found is None or found.status not in MAINTAINED:
        return None
    case_row = await cases.case_of(uow.connection, found.case_id)
    coming = rules.coming_phase_transfer(case_row.date_of_birth, on,
                                         await pattern_of(uow, case_row.id))
    if coming is not None:
        await keep_transfer_once(uow, deadlines, la_code=la_code, case_id=case_row.id,
                                 plan_id=plan_id, transfer=coming,
                                 deadline_owner=owner(case_row))
    return coming


async def open_cohort_transfers(uow: UnitOfWork, deadlines: DeadlineBook, as_of: date) -> int:
    """The sweep for new cohorts: every maintained plan of a child within 12 months of a
    transfer on `as_of` (the cohorts moving on the next 1 September) gets that transfer's
    deadline, once; returns how many were opened."""
    year = rules.coming_transfer_year(as_of)
    births = rules.transfer_cohort_births(year, list(set(ENTRY_YEAR_GROUP.values())))
    members = await repository.maintained_plans_born(uow.connection, births)
    named_by = sorted({rules.phase_transfer_named_by(kind, year) for kind in ENTRY_YEAR_GROUP})
    kept: set[tuple[str, date]] = set()
    for la_code in sorted({m.la_code for m in members}):
        kept |= await repository.phase_transfers_kept(uow.connection, la_code, named_by)
    opened = 0
    for member in members:
        coming = rules.coming_phase_transfer(member.date_of_birth, as_of,
                                             member.pattern or DEFAULT_PHASE_PATTERN)
        if coming is None or (member.case_id, coming.named_by) in kept:
            continue
        await deadlines.open(uow, la_code=member.la_code, case_id=member.case_id,
                             kind=DeadlineKind.PHASE_TRANSFER_NAMED_BY,
                             due_on=coming.named_by, opened_on=uow.clock.today(),
                             ref_id=member.plan_id,
                             owner=DeadlineOwner(team=member.team,
                                                 caseworker_id=member.caseworker_id))
        kept.add((member.case_id, coming.named_by))
        opened += 1
    return opened


async def close_past_comment_windows(uow: UnitOfWork, as_of: date) -> int:
    """A draft's comment window (R1.12) is the family's time, not a step the LA can miss: once
    it has closed its deadline is met on its last day, so no 'missed' alert follows."""
    return await plans.close_comment_windows_ended(uow.connection, as_of)


async def sweep_once(runtime: ServiceRuntime, as_of: date) -> int:
    async with runtime.transaction() as uow:
        await close_past_comment_windows(uow, as_of)
        return await open_cohort_transfers(uow, runtime.deadlines, as_of)


async def cohort_worker(runtime: ServiceRuntime,
                        interval_s: float = COHORT_SWEEP_INTERVAL_S) -> None:
    """The regular sweep: new transfer cohorts and ended comment windows, a few times a day
    (each run changes nothing it has done before)."""
    while True:
        try:
            await sweep_once(runtime, runtime.clock.today())
        except Exception:  # noqa: BLE001 - the next run tries again
            log.exception("phase transfer sweep failed")
        await asyncio.sleep(interval_s)



class PlanIssuedSeen(BaseModel):
    """What the phase transfer consumer reads of assessment's plan.issued.v1."""

    case_id: str
    plan_id: str
    issued_on: date


class ReviewCompletedSeen(BaseModel):
    """What the phase transfer consumer reads of assessment's review.completed.v1."""

    case_id: str
    plan_id: str
    decided_on: date
