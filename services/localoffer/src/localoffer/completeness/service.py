"""Schedule 2 completeness of an LA's published local offer (R8.1, R8.2): the facts of
every published entry, judged by the pure headings of `domain.schedule2`."""

from __future__ import annotations

from datetime import date
from typing import Any

from localoffer.completeness.schemas import CompletenessRead, CoveringEntry, HeadingRead
from localoffer.domain.schedule2 import EntryFacts, assess_completeness
from localoffer.entries import repository as entries


async def report(conn: Any, la_code: str, as_of: date) -> CompletenessRead:
    facts: dict[str, dict[str, Any]] = {}
    for entry_id, name, in_area, code in await entries.category_facts(conn, la_code):
        fact = facts.setdefault(entry_id, {"name": name, "in_area": in_area, "codes": set()})
        if code:
            fact["codes"].add(code)
    result = assess_completeness(
        EntryFacts(entry_id, f["name"], frozenset(f["codes"]), f["in_area"])
        for entry_id, f in facts.items())
    return CompletenessRead(
        la_code=la_code, as_of=as_of,
        headings=[HeadingRead(key=h.heading.key, title=h.heading.title, rule=h.heading.rule,
                              empty=h.empty,
                              entries=[CoveringEntry(entry_id=e.entry_id, name=e.name)
                                       for e in h.entries])
                  for h in result.headings],
        covered=result.covered, total=len(result.headings), percentage=result.percentage,
        gaps=[h.key for h in result.gaps])
