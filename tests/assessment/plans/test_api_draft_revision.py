"""R1.12 over the API: a draft revised before it is finalised is a new, kept version with a
fresh 15-day comment window (R0.3), and plan.drafted is emitted again."""

from __future__ import annotations

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import DRAFT, FINAL, SECTIONS, drafted, issued


async def test_r1_12_revised_draft_restarts_the_comment_window(api: Api) -> None:
    _, _, plan_id = await drafted(api)  # first draft served 5 Jan 2026
    revised_sections = SECTIONS | {"F": "Twice-weekly speech and language therapy."}
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/drafts", json=DRAFT | {
        "sections": revised_sections, "sent_on": "2026-01-04"})
    assert problem["rule"] == "R1.12"
    revised = await api.ok("POST", f"/v1/plans/{plan_id}/drafts", 201, json=DRAFT | {
        "sections": revised_sections, "sent_on": "2026-01-26"})
    current = revised["current"]
    assert (current["number"], current["stage"], current["sent_on"],
            current["comments_due_on"], current["earliest_final_on"]) == (
        2, "draft", "2026-01-26", "2026-02-09", "2026-02-10")
    assert revised["status"] == "draft" and "I" not in current["sections"]
    versions = await api.ok("GET", f"/v1/plans/{plan_id}/versions")
    assert [(v["number"], v["stage"], v["sent_on"]) for v in versions] == [
        (1, "draft", "2026-01-05"), (2, "draft", "2026-01-26")]  # the first draft is kept
    drafted_events = [e["data"] for e in await api.events("send.assessment.plan.drafted.v1")]
    assert [(d["version"], d["sent_on"], d["comments_due_on"]) for d in drafted_events] == [
        (1, "2026-01-05", "2026-01-19"), (2, "2026-01-26", "2026-02-09")]
    # the first draft's window (final from 20 Jan) no longer governs
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/final",
                              json=FINAL | {"sections": revised_sections})
    assert problem["rule"] == "R1.12"
    issued_plan = await api.ok("POST", f"/v1/plans/{plan_id}/final", json=FINAL | {
        "sections": revised_sections, "issued_on": "2026-02-10"})
    assert issued_plan["current"]["number"] == 3


async def test_r1_12_an_issued_plan_is_amended_not_redrafted(api: Api) -> None:
    _, _, plan_id = await issued(api)
    await api.fails("POST", f"/v1/plans/{plan_id}/drafts", 409, json=DRAFT | {
        "sent_on": "2026-02-20"})
