"""Shared workings of the directory tests (entries, search, ORUK, imports, completeness):
the localoffer service alone on Postgres and SQLite with its seeded taxonomies, a postcode
directory file in the ONS layout made here, organisations and entries made through the API."""

from __future__ import annotations

import csv
import io
import uuid
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import asyncpg
import pytest

from common.clock import FixedClock
from localoffer.taxonomy import seed
from tests.harness import LA, System
from tests.localoffer.feedback.lo_support import (
    build_sqlite_template,
    localoffer_alone,
    sqlite_copy,
)

# (postcode, latitude, longitude, terminated?): a small town's worth, about 1-30 km apart
POSTCODES = [
    ("LS1 4AP", 53.7997, -1.5492, False),
    ("LS6 2QT", 53.8186, -1.5725, False),
    ("LS17 8RF", 53.8692, -1.5163, False),
    ("BD1 1HY", 53.7935, -1.7521, False),
    ("HX1 1UJ", 53.7218, -1.8627, False),
    ("YO1 7HH", 53.9600, -1.0873, False),
    ("WF1 2EB", 53.6833, -1.4977, False),
    ("LS2 9JT", 53.8067, -1.5550, True),
]
CENTRE = "LS1 4AP"


def onspd_csv(rows: list[tuple[str, float, float, bool]] = POSTCODES) -> str:
    """A postcode directory file in the ONSPD column layout (a subset of its columns, in
    its order), with a postcode lacking a grid reference as the real file has them."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(["pcd", "pcd2", "pcds", "dointr", "doterm", "oscty", "ced", "oslaua",
                     "osward", "usertype", "oseast1m", "osnrth1m", "osgrdind", "ctry",
                     "rgn", "lat", "long"])
    for code, lat, lon, terminated in rows:
        compact = code.replace(" ", "")
        writer.writerow([compact.ljust(7), code.ljust(8), code, "198001",
                         "202001" if terminated else "", "E99999999", "E99999999",
                         "E08000035", "E05001420", "0", "430000", "433000", "1",
                         "E92000001", "E12000003", lat, lon])
    writer.writerow(["ZZ991ZZ", "ZZ99 1ZZ", "ZZ99 1ZZ", "198001", "", "", "", "", "", "0",
                     "", "", "9", "", "", "99.999999", "0.000000"])
    return out.getvalue()


async def reseed_taxonomies(database_url: str) -> None:
    """Put the migration's seed back (other suites empty every table between tests)."""
    conn = await asyncpg.connect(database_url.replace("+asyncpg", ""))
    try:
        if await conn.fetchval("SELECT count(*) FROM localoffer.taxonomy"):
            return
        for row in seed.taxonomy_rows():
            await conn.execute("INSERT INTO localoffer.taxonomy (id, code, name, description, "
                               "uri, version) VALUES ($1, $2, $3, $4, $5, $6)", *row.values())
        for row in seed.term_rows() + seed.term_rows(seed.LGA_TERMS):
            await conn.execute("INSERT INTO localoffer.taxonomy_term (id, taxonomy_id, code, "
                               "name, description, term_uri, parent_id) VALUES "
                               "($1, $2, $3, $4, $5, $6, $7)", *row.values())
    finally:
        await conn.close()


@pytest.fixture(scope="session")
def directory_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build_sqlite_template(tmp_path_factory.mktemp("localoffer-directory"))


@pytest.fixture(params=["postgres", "sqlite"])
def directory_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "postgres":
        return str(request.getfixturevalue("migrated_postgres"))
    return sqlite_copy(request.getfixturevalue("directory_sqlite_template"), tmp_path)


@pytest.fixture
async def lo(directory_url: str, fixed_clock: FixedClock) -> AsyncIterator[System]:
    async with localoffer_alone(directory_url, fixed_clock) as system:
        if directory_url.startswith("postgresql"):
            await reseed_taxonomies(directory_url)
        yield system


# ---- talking to the service -------------------------------------------------------------

def term(code: str) -> str:
    """The seeded term's id by its code."""
    return next(t.id for t in seed.TERMS if t.code == code)


def staff(lo: System) -> dict[str, str]:
    return lo.token("la_caseworker")


def provider(lo: System, org_code: str) -> dict[str, str]:
    return lo.token("provider", org=org_code)


async def load_postcodes(lo: System, text: str | None = None) -> dict[str, Any]:
    response = await lo.clients["localoffer"].post(
        "/v1/local-offer/postcodes", content=(text or onspd_csv()).encode(),
        headers={**staff(lo), "content-type": "text/csv"})
    assert response.status_code == 200, response.text
    return response.json()


async def make_organisation(lo: System, name: str = "Riverside Academy", *,
                            kind: str = "academy", provider_code: str | None = None,
                            **identifiers: str) -> dict[str, Any]:
    response = await lo.clients["localoffer"].post("/v1/local-offer/organisations", json={
        "name": name, "description": f"{name} serves the area", "kind": kind,
        "provider_code": provider_code, **identifiers}, headers=staff(lo))
    assert response.status_code == 201, response.text
    return response.json()


def entry_body(organisation_id: str, name: str = "Speech and language drop-in", *,
               categories: tuple[str, ...] = ("health",), needs: tuple[str, ...] = ("SLCN",),
               postcode: str | None = CENTRE, **fields: Any) -> dict[str, Any]:
    body: dict[str, Any] = {
        "organisation_id": organisation_id, "name": name,
        "description": f"{name}: support for children and young people with SEND",
        "minimum_age": 0, "maximum_age": 25,
        "taxonomy_term_ids": [term(c) for c in (*categories, *needs)],
        "eligibility_description": "Lives in the area", "requires_referral": False,
        "how_to_access": "Drop in or phone", "free_of_charge": True,
        "schedules": [{"freq": "WEEKLY", "byday": "MO,WE", "opens_at": "09:00",
                       "closes_at": "17:00"}],
        "contacts": [{"name": "Reception", "phone": "0113 000 0000"}],
        "accessibility": "Step-free access", "service_area": "The whole borough",
        "in_area": True, "url": "https://example.org/service",
    }
    if postcode is not None:
        body["locations"] = [{"name": "Main site", "address_1": "1 High Street",
                              "city": "Leeds", "postcode": postcode}]
    body.update(fields)
    return body


async def publish_entry(lo: System, body: dict[str, Any],
                        headers: dict[str, str] | None = None) -> dict[str, Any]:
    """Draft (as `headers`, by default LA staff), send for review and publish (LA staff)."""
    client = lo.clients["localoffer"]
    created = await client.post("/v1/local-offer/entries", json=body,
                                headers=headers or staff(lo))
    assert created.status_code == 201, created.text
    entry_id = created.json()["entry_id"]
    submitted = await client.post(f"/v1/local-offer/entries/{entry_id}/submit",
                                  headers=headers or staff(lo))
    assert submitted.status_code == 200, submitted.text
    published = await client.post(f"/v1/local-offer/entries/{entry_id}/publish",
                                  headers=staff(lo))
    assert published.status_code == 200, published.text
    return dict(published.json())


def new_uuid() -> str:
    return str(uuid.uuid4())


__all__ = ["LA", "directory_sqlite_template", "directory_url", "lo"]
