"""Issue 12 item 5 (with issue 14 item 6): the LA's own case reference — the child's
reference in the council's case-management system — is kept on the case, read back, and
carried by `case.opened`, so staff emails name it beside the child."""

from __future__ import annotations

import pytest

from tests.assessment.conftest import Api


async def test_the_las_own_case_reference_is_kept_and_published(api: Api) -> None:
    case_id = await api.case(legacy_ref="SEN-2026-0142")
    assert (await api.ok("GET", f"/v1/cases/{case_id}"))["legacy_ref"] == "SEN-2026-0142"
    [opened] = await api.events("send.assessment.case.opened.v1")
    assert (opened["data"]["case_id"], opened["data"]["case_ref"]) == (case_id,
                                                                       "SEN-2026-0142")


async def test_a_case_without_a_reference_publishes_none(api: Api) -> None:
    case_id = await api.case()
    assert (await api.ok("GET", f"/v1/cases/{case_id}"))["legacy_ref"] is None
    [opened] = await api.events("send.assessment.case.opened.v1")
    assert "case_ref" not in opened["data"]  # optional: left out, not null


@pytest.mark.parametrize("legacy_ref", ["", "x" * 101])
async def test_a_bad_reference_is_refused_naming_it_and_nothing_is_written(
        api: Api, legacy_ref: str) -> None:
    answer = await api.http.post("/v1/cases", headers=api.staff(), json={
        "given_name": "Amara", "family_name": "Okafor", "date_of_birth": "2019-03-14",
        "legacy_ref": legacy_ref})
    assert answer.status_code == 422, answer.text
    assert [e["field"] for e in answer.json()["errors"]] == ["body.legacy_ref"]
    assert await api.events("send.assessment.case.opened.v1") == []
