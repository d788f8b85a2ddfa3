"""Import of an existing directory (issue 13 item 9): an ORUK feed (JSON or ndjson) or a
CSV, with a row-by-row report; running it again changes nothing; a bad row writes nothing
and names its field; the body size is bounded."""

from __future__ import annotations

import csv
import io
import json

from tests.harness import System
from tests.localoffer.entries.directory_support import load_postcodes, staff, term
from tests.localoffer.oruk.feed_factory import ndjson_feed
from tests.localoffer.oruk.oruk_schemas import assert_valid

IMPORTS = "/v1/local-offer/imports"
ORUK = "/v1/local-offers/201/oruk"


async def run_import(lo: System, body: bytes, fmt: str) -> dict:
    response = await lo.clients["localoffer"].post(IMPORTS, params={"format": fmt},
                                                   content=body, headers=staff(lo))
    assert response.status_code == 200, response.text
    return dict(response.json())


async def test_ndjson_feed_imports_and_a_second_run_changes_nothing(lo: System) -> None:
    feed = ndjson_feed(12, organisation_count=3)
    first = await run_import(lo, feed, "ndjson")
    assert (first["created"], first["updated"], first["unchanged"], first["rejected"]) == \
        (12, 0, 0, 0)
    events = await lo.outbox_events("localoffer", "send.localoffer.entry.published.v1")
    assert len(events) == 12

    again = await run_import(lo, feed, "ndjson")
    assert (again["created"], again["updated"], again["unchanged"]) == (0, 0, 12)
    assert [r["version"] for r in again["rows"]] == [1] * 12
    assert len(await lo.outbox_events("localoffer",
                                      "send.localoffer.entry.published.v1")) == 12

    services = [json.loads(line) for line in feed.splitlines()]
    services[4]["name"] = "Renamed service"
    changed = b"".join(json.dumps(s).encode() + b"\n" for s in services)
    third = await run_import(lo, changed, "ndjson")
    assert (third["updated"], third["unchanged"]) == (1, 11)
    assert third["rows"][4]["version"] == 2
    published = (await lo.clients["localoffer"].get(f"{ORUK}/services/{services[4]['id']}"))
    assert_valid("service", published.json())
    assert published.json()["name"] == "Renamed service"


async def test_json_page_of_services_imports(lo: System) -> None:
    services = [json.loads(line) for line in ndjson_feed(3).splitlines()]
    page = {"total_items": 3, "page_number": 1, "contents": services}
    report = await run_import(lo, json.dumps(page).encode(), "json")
    assert report["created"] == 3
    assert [r["service_id"] for r in report["rows"]] == [s["id"] for s in services]


def csv_file(rows: list[dict[str, str]]) -> bytes:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return out.getvalue().encode()


def csv_row(n: int, **changes: str) -> dict[str, str]:
    row = {"id": f"00000000-0000-4000-8000-{n:012d}",
           "organization_id": "00000000-0000-4000-9000-000000000001",
           "organization_name": "Borough Council", "name": f"Service {n}",
           "description": "<b>Bold</b> claims <script>alert('x')</script>", "status": "active",
           "minimum_age": "5", "maximum_age": "19",
           "taxonomy_term_ids": f"{term('leisure')};{term('ASD')}", "free_of_charge": "yes",
           "postcode": "LS1 4AP", "address_1": "1 High Street", "city": "Leeds",
           "byday": "MO,FR", "opens_at": "10:00", "closes_at": "12:00", "in_area": "no"}
    row.update(changes)
    return row


async def test_csv_bad_rows_are_reported_and_write_nothing(lo: System) -> None:
    """Ages outside 0-25 (R8.1), unknown terms, malformed postcodes: the row is rejected
    naming the field; the good rows are imported; free text is kept as given."""
    await load_postcodes(lo)
    rows = [csv_row(1), csv_row(2, maximum_age="30"),
            csv_row(3, taxonomy_term_ids="00000000-0000-4000-8000-00000000dead"),
            csv_row(4, postcode="QQ QQQ"), csv_row(5, minimum_age="12", maximum_age="6")]
    report = await run_import(lo, csv_file(rows), "csv")
    outcomes = [(r["row"], r["outcome"], (r["errors"] or [{}])[0].get("field"))
                for r in report["rows"]]
    assert outcomes == [(2, "created", None), (3, "rejected", "maximum_age"),
                        (4, "rejected", "taxonomy_term_ids.0"),
                        (5, "rejected", "locations.0.postcode"),
                        (6, "rejected", "minimum_age")]
    client = lo.clients["localoffer"]
    listed = (await client.get(f"{ORUK}/services")).json()
    assert [s["name"] for s in listed["contents"]] == ["Service 1"]
    kept = (await client.get(f"{ORUK}/services/{rows[0]['id']}")).json()
    assert kept["description"] == "<b>Bold</b> claims <script>alert('x')</script>"
    rejected = await client.get(f"{ORUK}/services/{rows[1]['id']}")
    assert rejected.status_code == 404

    again = await run_import(lo, csv_file(rows[:1]), "csv")
    assert again["unchanged"] == 1


async def test_oversized_upload_is_refused_with_413(lo: System) -> None:
    app = lo.clients["localoffer"]._transport.app  # type: ignore[attr-defined]
    app.state.import_limit_bytes = 1024
    response = await lo.clients["localoffer"].post(
        IMPORTS, params={"format": "ndjson"}, content=ndjson_feed(5), headers=staff(lo))
    assert response.status_code == 413
    assert response.headers["content-type"] == "application/problem+json"
    assert response.json()["errors"][0]["field"] == "file"
    listed = (await lo.clients["localoffer"].get(f"{ORUK}/services")).json()
    assert listed["total_items"] == 0


async def test_import_needs_la_staff(lo: System) -> None:
    response = await lo.clients["localoffer"].post(
        IMPORTS, params={"format": "ndjson"}, content=ndjson_feed(1),
        headers=lo.token("provider", org="ORG-1"))
    assert response.status_code == 403
