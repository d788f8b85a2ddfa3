"""What a deadline alerts about, and when (common.deadlines): the approaching and missed
events, their types and the owner they name; `AlertSchedule`, the day each stage of a
deadline falls due; and the stage plan a sweep works from."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from pydantic import BaseModel

from common import calendar


class DeadlineOwner(BaseModel):
    team: str | None = None
    caseworker_id: str | None = None


class DeadlineApproachingV1(BaseModel):
    case_id: str
    deadline_id: str
    deadline_kind: str
    due_on: date
    days_left: int
    working_days_left: int
    owner: DeadlineOwner


class DeadlineMissedV1(BaseModel):
    case_id: str
    deadline_id: str
    deadline_kind: str
    due_on: date
    days_overdue: int
    owner: DeadlineOwner


def approaching_type(service: str) -> str:
    return f"send.{service}.deadline.approaching.v1"


def missed_type(service: str) -> str:
    return f"send.{service}.deadline.missed.v1"


@dataclass(frozen=True)
class AlertSchedule:
    """When each stage of a deadline falls due (pure)."""

    lead_working_days: Sequence[int] = (10, 2)

    @property
    def missed_stage(self) -> int:
        return len(self.lead_working_days)

    def alert_on(self, due_on: date, stage: int) -> date | None:
        leads = sorted(self.lead_working_days, reverse=True)
        if stage < len(leads):
            return calendar.add_working_days(due_on, -leads[stage])
        if stage == len(leads):
            return calendar.add_days(due_on, 1)
        return None

    def first_stage(self, due_on: date, opened_on: date) -> int:
        """Skip lead-time stages that had already passed when the deadline was opened."""
        stage = 0
        while stage < self.missed_stage and (
                (self.alert_on(due_on, stage + 1) or due_on) <= opened_on):
            stage += 1
        return stage

    def latest_stage_due(self, due_on: date, from_stage: int, as_of: date) -> int | None:
        """The last stage at or after `from_stage` whose alert day is on or before `as_of`."""
        latest = None
        for stage in range(from_stage, self.missed_stage + 1):
            alert_on = self.alert_on(due_on, stage)
            if alert_on is not None and alert_on <= as_of:
                latest = stage
        return latest


@dataclass(frozen=True)
class _Step:
    """The stage a due deadline emits and where it moves next (the same for every deadline
    of one due day and next stage, in one sweep)."""

    stage: int
    next_stage: int
    next_alert_on: date | None
    missed: bool
    days_left: int
    working_days_left: int


class _StagePlan:
    """`AlertSchedule.latest_stage_due` and the payload's day counts per (due_on, next
    stage) as of one day, worked out once per pair instead of once per deadline."""

    def __init__(self, schedule: AlertSchedule, as_of: date) -> None:
        self.schedule = schedule
        self.as_of = as_of
        self._steps: dict[tuple[date, int], _Step | None] = {}

    def step(self, due_on: date, next_stage: int) -> _Step | None:
        key = (due_on, next_stage)
        try:
            return self._steps[key]
        except KeyError:
            pass
        step = None
        stage = self.schedule.latest_stage_due(due_on, next_stage, self.as_of)
        if stage is not None:
            missed = stage >= self.schedule.missed_stage
            step = _Step(stage, stage + 1, self.schedule.alert_on(due_on, stage + 1), missed,
                         (due_on - self.as_of).days,
                         0 if missed else calendar.working_days_between(self.as_of, due_on))
        self._steps[key] = step
        return step
