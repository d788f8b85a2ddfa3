"""The opening index through the migrations, on SQLite: a database holding schedules at
0004 (an every-n-weeks rule among them, whose dtstart SQLite keeps as text) is indexed by
0005, which builds its rows from today's domain code, and 0006 adds the day an
every-n-days rule counts from."""

from __future__ import annotations

import sqlite3
from pathlib import Path

from common.db.migrations import upgrade
from common.settings import Settings
from localoffer.bootstrap import spec


def test_schedules_stored_at_0004_are_indexed_up_to_head(tmp_path: Path) -> None:
    settings = Settings(env="test",
                        database_url=f"sqlite+aiosqlite:///{tmp_path}/{{service}}.sqlite3")
    upgrade("localoffer", spec().service_root, settings, "0004")
    with sqlite3.connect(tmp_path / "localoffer.sqlite3") as db:
        db.executemany(
            "INSERT INTO schedule (id, entry_id, freq, interval, byday, bymonthday, opens_at, "
            "closes_at, dtstart) VALUES (?, 'e1', ?, ?, ?, ?, '18:00', '20:00', ?)",
            [("s1", "MONTHLY", 1, "2TU,4TU", None, None),
             ("s2", "WEEKLY", 2, "SA", None, "2026-03-07"),
             ("s3", "MONTHLY", 1, None, "-1", None)])
    upgrade("localoffer", spec().service_root, settings)
    with sqlite3.connect(tmp_path / "localoffer.sqlite3") as db:
        rows = db.execute("SELECT schedule_id, weekday, nth, monthday, interval, "
                          "week_anchor IS NOT NULL, day_anchor FROM opening "
                          "ORDER BY schedule_id, position").fetchall()
    assert rows == [("s1", 1, 2, None, 1, 0, None), ("s1", 1, 4, None, 1, 0, None),
                    ("s2", 5, None, None, 2, 1, None), ("s3", None, None, -1, 1, 0, None)]
