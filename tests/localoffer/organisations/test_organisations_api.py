"""Organisations with their public identifiers, and a school's or college's yearly SEN
information report (R8.6): drafted by the provider, published by the LA."""

from __future__ import annotations

from tests.harness import System
from tests.localoffer.entries.directory_support import make_organisation, provider, staff

ORGS = "/v1/local-offer/organisations"


async def test_identifiers_are_kept_and_checked(lo: System) -> None:
    org = await make_organisation(lo, "Oak Special School", kind="maintained_school",
                                  urn="100123", ukprn="10012345")
    assert (org["urn"], org["ukprn"], org["kind"]) == ("100123", "10012345",
                                                       "maintained_school")
    trust = await make_organisation(lo, "Community NHS Trust", kind="health", ods_code="RX1")
    assert trust["ods_code"] == "RX1"
    bad = await lo.clients["localoffer"].post(ORGS, json={
        "name": "X", "description": "Y", "kind": "academy", "urn": "12"}, headers=staff(lo))
    assert bad.status_code == 422 and bad.json()["errors"][0]["field"] == "body.urn"
    as_provider = await lo.clients["localoffer"].post(ORGS, json={
        "name": "X", "description": "Y", "kind": "academy"},
        headers=provider(lo, "ORG-X"))
    assert as_provider.status_code == 403


async def test_r8_6_yearly_sen_information_report_draft_submit_publish(lo: System) -> None:
    client = lo.clients["localoffer"]
    school = await make_organisation(lo, "Oak Academy", kind="academy", provider_code="OAK")
    mine = provider(lo, "OAK")
    path = f"{ORGS}/{school['id']}/sen-information-reports"
    report = {"academic_year": "2025/26", "url": "https://oak.example/sen-report",
              "summary": "How we support pupils with SEN"}
    drafted = await client.put(path, json=report, headers=mine)
    assert drafted.status_code == 200, drafted.text
    assert drafted.json()["state"] == "draft"
    refused = await client.post(f"{path}/2025-26/publish", headers=mine)
    assert refused.status_code == 403
    assert (await client.post(f"{path}/2025-26/submit", headers=mine)).json()[
        "state"] == "submitted"
    published = await client.post(f"{path}/2025-26/publish", headers=staff(lo))
    assert published.status_code == 200
    assert (published.json()["state"], published.json()["version"],
            published.json()["published_on"]) == ("published", 1, "2026-03-02")

    stale = await client.put(path, json={**report, "academic_year": "2022/23"}, headers=mine)
    assert stale.status_code == 422
    assert stale.json()["errors"][0] == {"rule": "R8.6", "field": "academic_year",
                                         "message": stale.json()["detail"]}
    other = await make_organisation(lo, "Elm School", kind="academy", provider_code="ELM")
    nosy = await client.put(f"{ORGS}/{other['id']}/sen-information-reports", json=report,
                            headers=mine)
    assert nosy.status_code == 404
    clinic = await make_organisation(lo, "Clinic", kind="health")
    wrong_kind = await client.put(f"{ORGS}/{clinic['id']}/sen-information-reports",
                                  json=report, headers=staff(lo))
    assert wrong_kind.status_code == 422
    assert wrong_kind.json()["errors"][0]["field"] == "organisation_id"
