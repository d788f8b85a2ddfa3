"""Pure rules of the caseworker's views: a case's timeline in date order and the timeliness
figures of new plans (R13.2, R1.14, R0.5)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import asdict
from datetime import date
from typing import Any

from assessment.domain import rules
from assessment.domain.model import TimelineException
from assessment.domain.records import DeadlineRecord, IssuedPlan, TimelineEntryRecord


def timeline(entries: Iterable[TimelineEntryRecord],
             deadlines: Iterable[DeadlineRecord]) -> list[dict[str, Any]]:
    """Every step, decision and exception (timeline entries) and every deadline, by date; on
    the same day steps come before deadlines."""
    items = [{"on": e.occurred_on, "kind": "event", "type": e.event_type, "data": e.data}
             for e in entries]
    items += [{"on": d.due_on, "kind": "deadline", "type": d.kind,
               "data": {"deadline_id": d.id, "status": d.status,
                        "closed_on": d.closed_on and d.closed_on.isoformat(),
                        "met": None if d.closed_on is None else d.closed_on <= d.due_on}}
              for d in deadlines]
    return sorted(items, key=lambda i: (i["on"], i["kind"] == "deadline"))


def timeliness(issued: Sequence[IssuedPlan],
               exceptions: Mapping[str, list[TimelineException]]) -> dict[str, Any]:
    """R13.2, R1.14, R0.5: % within 20 weeks including and excluding exception cases, and the
    average weeks taken."""
    taken = [(p, rules.final_plan_timeliness(p.received_on, p.first_issued_on,
                                             exceptions.get(p.request_id, [])))
             for p in issued]
    figures = rules.timeliness_figures((p.received_on, p.first_issued_on, t.exception_applies)
                                       for p, t in taken)
    average = (round(sum(t.weeks_taken for _, t in taken) / len(taken), 1)
               if taken else None)
    return {**asdict(figures), "average_weeks": average}


def month_start(today: date) -> date:
    return today.replace(day=1)
