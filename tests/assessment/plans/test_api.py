"""EHC plans over the API: drafts, comments, consultation, final issue, versions, HTML,
export and import (R0.3, R1.12-R1.14, R2.1, R2.2, R2.4, R3.9, R6.1)."""

from __future__ import annotations

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import DRAFT, FINAL, drafted, issued


async def test_r1_12_draft_leaves_section_i_blank_and_opens_15_days(api: Api) -> None:
    case_id, request_id, plan_id = await drafted(api)
    drafted_event = (await api.events("send.assessment.plan.drafted.v1"))[0]["data"]
    assert drafted_event == {"case_id": case_id, "plan_id": plan_id, "version": 1,
                             "sent_on": "2026-01-05", "comments_due_on": "2026-01-19",
                             "personal_budget_requested": False}  # R0.3: served_on + 14
    assert await api.deadlines(case_id, "notify_no_plan") == []  # R1.11 settled by the draft
    _, other_request = await api.assessing()
    with_i = DRAFT | {"sections": DRAFT["sections"] | {"I": "Oak Primary"},
                      "sent_on": "2026-02-10", "advice_listed": []}
    problem = await api.fails("POST", f"/v1/requests/{other_request}/plans", json=with_i)
    assert problem["rule"] == "R1.12"
    assert len(await api.events("send.assessment.plan.drafted.v1")) == 1


async def test_r2_1_missing_section_and_unlisted_advice_are_refused(api: Api) -> None:
    _, request_id, plan_id = await drafted(api)
    no_b = FINAL | {"sections": {"B": ""}}  # the final clears the draft's section B
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/final", json=no_b)
    assert problem["rule"] == "R2.1" and problem["errors"][0]["field"] == "sections.B"
    unlisted = FINAL | {"advice_listed": []}
    assert (await api.fails("POST", f"/v1/plans/{plan_id}/final",
                            json=unlisted))["errors"][0]["field"] == "advice_listed"
    bad_type = FINAL | {"section_i": {"setting_type": "castle"}}
    await api.fails("POST", f"/v1/plans/{plan_id}/final", json=bad_type)
    assert await api.events("send.assessment.plan.issued.v1") == []


async def test_r0_3_no_final_before_the_comment_window_ends(api: Api) -> None:
    _, _, plan_id = await drafted(api)
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/final",
                              json=FINAL | {"issued_on": "2026-01-19"})
    assert problem["rule"] == "R1.12"
    await api.ok("POST", f"/v1/plans/{plan_id}/final", json=FINAL | {"issued_on": "2026-01-20"})


async def test_r1_13_family_comments_requests_a_school_and_it_is_consulted(api: Api) -> None:
    case_id, _, plan_id = await drafted(api)
    parent = api.system.token("parent", cases=(case_id,))
    await api.ok("POST", f"/v1/plans/{plan_id}/comments", 201, headers=parent, json={
        "body": "Please add OT.", "section": "F", "author": "Ngozi Okafor",
        "wants_meeting": True})
    school = await api.ok("POST", f"/v1/plans/{plan_id}/school-requests", 201, headers=parent,
                          json={"setting_name": "Elm Special", "setting_urn": "100002",
                                "setting_type": "special_school", "requested_on": "2026-01-08"})
    await api.fails("POST", f"/v1/school-requests/{school['id']}/consultation", 403,
                    headers=parent, json={"consulted_on": "2026-01-09"})
    consulted = await api.ok("POST", f"/v1/school-requests/{school['id']}/consultation",
                             json={"consulted_on": "2026-01-09"})
    assert consulted["reply_due_on"] == "2026-01-24"  # R1.13: 15 days
    assert [d["due_on"] for d in
            await api.deadlines(case_id, "school_consultation_reply")] == ["2026-01-24"]
    await api.ok("POST", f"/v1/school-requests/{school['id']}/reply",
                 json={"replied_on": "2026-01-20", "response": "agree"})
    assert await api.deadlines(case_id, "school_consultation_reply") == []
    other = api.system.token("parent", cases=("someone-else",))
    await api.fails("POST", f"/v1/plans/{plan_id}/comments", 404, headers=other,
                    json={"body": "x", "author": "y"})
    comments = await api.ok("GET", f"/v1/plans/{plan_id}/comments", headers=parent)
    assert comments[0]["wants_meeting"] is True


async def test_r1_14_final_plan_issued_with_timeliness_and_appeal_rights(api: Api) -> None:
    case_id, request_id, plan_id = await issued(api)
    event = (await api.events("send.assessment.plan.issued.v1"))[0]["data"]
    assert event["reason"] == "new" and event["version"] == 2
    assert event["within_statutory_time"] is True
    assert event["weeks_taken"] == 17.0  # 6 Oct 2025 to 2 Feb 2026
    assert event["section_i"] == {"setting_name": "Oak Primary",
                                  "setting_type": "mainstream_school"}
    appealable = (await api.events("send.assessment.decision.appealable.v1"))[0]["data"]
    assert appealable["decision_kind"] == "plan_contents"
    assert appealable["sections_in_dispute"] == ["B", "F", "I"]
    assert await api.deadlines(case_id, "issue_final_plan") == []
    review = await api.deadlines(case_id, "annual_review_due")
    assert [d["due_on"] for d in review] == ["2027-02-01"]  # R3.1
    versions = await api.ok("GET", f"/v1/plans/{plan_id}/versions")
    assert [(v["number"], v["stage"]) for v in versions] == [(1, "draft"), (2, "final")]
    request = await api.ok("GET", f"/v1/requests/{request_id}")
    assert request["status"] == "plan_issued"


async def test_plan_final_if_match_refuses_stale(api: Api) -> None:
    _, _, plan_id = await drafted(api)
    await api.fails("POST", f"/v1/plans/{plan_id}/final", 412,
                    headers=api.staff() | {"If-Match": 'W/"99"'}, json=FINAL)
    read = await api.http.get(f"/v1/plans/{plan_id}", headers=api.staff())
    await api.ok("POST", f"/v1/plans/{plan_id}/final",
                 headers=api.staff() | {"If-Match": read.headers["ETag"]}, json=FINAL)


async def test_r2_1_html_rendering_is_accessible_and_escaped(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    parent = api.system.token("parent", cases=(case_id,))
    page = await api.http.get(f"/v1/plans/{plan_id}/html", headers=parent)
    assert page.status_code == 200
    html = page.text
    assert '<html lang="en-GB">' in html and "<caption>About this plan</caption>" in html
    assert html.count("<h2 ") == 12 and "<h1>" in html
    assert "Section H1: Social care provision" in html
    assert "&lt;30 min&gt;" in html  # escaped
    draft = (await api.http.get(f"/v1/plans/{plan_id}/html", params={"version": 1},
                                headers=parent)).text
    assert "Left blank in the draft" in draft


async def test_r3_9_export_and_import_into_the_new_la(api: Api) -> None:
    _, _, plan_id = await issued(api)
    exported = await api.ok("GET", f"/v1/plans/{plan_id}/export")
    assert exported["format"] == "sendsys.ehc-plan/1"
    new_la = api.staff(la="202")
    imported = await api.ok("POST", "/v1/plans/import", 201, headers=new_la, json={
        "plan": exported, "transferred_on": "2026-03-02"})
    assert imported["origin"] == "moved_in" and imported["status"] == "issued"
    assert imported["current"]["sections"]["B"].startswith("Speech")
    # R3.9: review by the later of 12 months from issue and 3 months from the move
    assert imported["next_review_due_on"] == "2027-02-01"
    moved = await api.deadlines(imported["case_id"], "moved_in_decision_due")
    assert moved == []  # another LA's tray: not visible to LA 201
    tray = await api.ok("GET", "/v1/deadlines", headers=new_la,
                        params={"kind": "moved_in_decision_due"})
    assert tray["items"][0]["due_on"] == "2026-04-13"  # 6 weeks
    events = await api.events("send.assessment.plan.issued.v1")
    assert events[-1]["data"]["reason"] == "moved_in"
    assert (await api.fails("POST", "/v1/plans/import", json={
        "plan": exported, "transferred_on": "2026-03-02"}))["rule"] == "R3.9"
