"""What a message says beyond its event: the child's or young person's name and the LA's
own case reference (from the case read model), the case's address in the LA's case
system (a per-LA link template), and lead times in working days counted from today, the
day the message is written (not the day a sweep noticed the deadline). Pure."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from urllib.parse import quote

from common.calendar import working_days_between
from notifications.domain.records import CaseRecord


def case_url(template: str | None, case_id: str | None, case_ref: str | None) -> str | None:
    """The case's link from the LA's template ({case_ref}, else the case id; {case_id})."""
    if not template or not case_id:
        return None
    return (template.replace("{case_ref}", quote(case_ref or case_id, safe=""))
            .replace("{case_id}", quote(case_id, safe="")))


def case_facts(case: CaseRecord | None, case_id: str | None,
               url_template: str | None) -> dict[str, Any]:
    """child_name, case_ref and case_url for a message (None where not known)."""
    case_ref = case.case_ref if case is not None else None
    return {"child_name": case.child_name if case is not None else None,
            "case_ref": case_ref,
            "case_url": case_url(url_template, case_id, case_ref)}


def _as_date(value: object) -> date | None:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10])
    except ValueError:
        return None


def lead_times(data: Mapping[str, Any], today: date) -> dict[str, Any]:
    """For an event with a ``due_on``: ``working_days_left`` (working days after today up
    to and including the due date; 0 when due today, negative once passed) and
    ``working_days_overdue`` (working days since the due date, once it has passed)."""
    due_on = _as_date(data.get("due_on")) if "due_on" in data else None
    if due_on is None:
        return {}
    left = working_days_between(today, due_on)
    facts: dict[str, Any] = {"working_days_left": left, "today": today.isoformat()}
    if left < 0:
        facts["working_days_overdue"] = -left
    return facts
