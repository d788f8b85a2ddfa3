"""The postcode directory: an importer for the ONS Postcode Directory CSV layout (the LA
loads its region's file) and lookups. Never a call to an outside geocoder."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import delete, insert, select

from localoffer.domain.errors import RuleViolation
from localoffer.domain.rules import normalise_postcode
from localoffer.search.tables import postcode

# ONSPD columns used: `pcds` (the postcode with its space), `doterm` (the month a
# postcode was withdrawn, empty while live), `oslaua` (local authority district), `lat`,
# `long` (WGS84). Postcodes with no grid reference carry latitude 99.999999.
REQUIRED_COLUMNS = ("pcds", "doterm", "oslaua", "lat", "long")
NO_GRID_LATITUDE = 99.0
BATCH = 2000


@dataclass(frozen=True)
class Coordinates:
    latitude: float
    longitude: float


@dataclass
class PostcodeLoad:
    loaded: int = 0
    terminated: int = 0
    without_coordinates: int = 0
    invalid: int = 0
    invalid_lines: list[int] = field(default_factory=list)


async def load_onspd(conn: Any, lines: Iterable[str]) -> PostcodeLoad:
    """Load (or reload) postcodes from ONSPD CSV lines; live postcodes with coordinates
    are kept, a postcode already held is replaced."""
    reader = csv.DictReader(lines)
    missing = [c for c in REQUIRED_COLUMNS if c not in (reader.fieldnames or [])]
    if missing:
        raise RuleViolation("LO-POSTCODE", "not the ONS postcode directory layout: missing "
                            f"columns {', '.join(missing)}", "file")
    report = PostcodeLoad()
    batch: dict[str, dict[str, Any]] = {}
    for line_no, row in enumerate(reader, start=2):
        kept = _row(row, report, line_no)
        if kept is not None:
            batch[kept["postcode"]] = kept
        if len(batch) >= BATCH:
            await _replace(conn, batch)
            batch = {}
    await _replace(conn, batch)
    return report


def _row(row: dict[str, str], report: PostcodeLoad, line_no: int) -> dict[str, Any] | None:
    try:
        code = normalise_postcode(row["pcds"])
        latitude, longitude = float(row["lat"]), float(row["long"])
    except (RuleViolation, ValueError, TypeError):
        report.invalid += 1
        if len(report.invalid_lines) < 100:
            report.invalid_lines.append(line_no)
        return None
    if (row.get("doterm") or "").strip():
        report.terminated += 1
        return None
    if latitude > NO_GRID_LATITUDE:
        report.without_coordinates += 1
        return None
    report.loaded += 1
    return {"postcode": code, "latitude": latitude, "longitude": longitude,
            "local_authority_district": (row.get("oslaua") or "").strip() or None}


async def _replace(conn: Any, batch: dict[str, dict[str, Any]]) -> None:
    if not batch:
        return
    await conn.execute(delete(postcode).where(postcode.c.postcode.in_(list(batch))))
    await conn.execute(insert(postcode), list(batch.values()))


async def coordinates_of(conn: Any, code: str) -> Coordinates | None:
    row = (await conn.execute(select(postcode.c.latitude, postcode.c.longitude).where(
        postcode.c.postcode == code))).first()
    return Coordinates(row.latitude, row.longitude) if row else None


async def locate(conn: Any, raw: str, field: str = "postcode") -> tuple[str, Coordinates]:
    """The canonical postcode and its coordinates; a malformed postcode, or one the LA's
    directory does not hold, is refused naming `field`."""
    code = normalise_postcode(raw, field)
    found = await coordinates_of(conn, code)
    if found is None:
        raise RuleViolation("LO-POSTCODE", f"{code} is not in the postcode directory this "
                            "local offer holds", field)
    return code, found
