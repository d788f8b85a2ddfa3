"""A directory whose services keep every kind of opening rule a local offer holds (daily,
every n days, weekly from valid_from, monthly by the nth weekday or by the day of the
month, a holiday scheme's validity), named so that the search's name order interleaves
those open and shut on a date. The clock: Monday 2 March 2026."""

from __future__ import annotations

from typing import Any

from tests.harness import System
from tests.localoffer.entries.directory_support import (
    entry_body,
    load_postcodes,
    make_organisation,
    publish_entry,
)

RULES: dict[str, dict[str, Any]] = {
    "Art club (first Saturday)": {"freq": "MONTHLY", "byday": "1SA", "opens_at": "10:00",
                                  "closes_at": "12:00"},
    "Breakfast club (weekdays)": {"freq": "DAILY", "byday": "MO,TU,WE,TH,FR",
                                  "opens_at": "07:30", "closes_at": "09:00"},
    "Cinema (every third day)": {"freq": "DAILY", "interval": 3, "dtstart": "2026-03-01",
                                 "opens_at": "18:00", "closes_at": "20:00"},
    "Drop-in (every day)": {"freq": "DAILY", "opens_at": "09:00", "closes_at": "17:00"},
    "Easter holiday scheme": {"freq": "DAILY", "valid_from": "2026-03-30",
                              "valid_to": "2026-04-10", "opens_at": "10:00",
                              "closes_at": "15:00"},
    "Forum (2nd and 4th Tuesday)": {"freq": "MONTHLY", "byday": "2TU,4TU",
                                    "opens_at": "18:00", "closes_at": "20:00"},
    "Gym (fortnightly Saturday)": {"freq": "WEEKLY", "byday": "SA", "interval": 2,
                                   "valid_from": "2026-03-14", "opens_at": "09:00",
                                   "closes_at": "11:00"},
    "Help clinic (the 15th)": {"freq": "MONTHLY", "bymonthday": "15", "opens_at": "13:00",
                               "closes_at": "16:00"},
}


def short(name: str) -> str:
    """'Art club (first Saturday)' -> 'Art club'."""
    return name.split(" (")[0]


async def seed_dated(lo: System) -> None:
    await load_postcodes(lo)
    org = await make_organisation(lo, "Borough SEND services", kind="local_authority")
    for name, rule in RULES.items():
        await publish_entry(lo, entry_body(org["id"], name, categories=("leisure",),
                                           needs=("ASD",), schedules=[rule]))
