"""One child's whole statutory path through the HTTP API and the bus, on Postgres and SQLite.

Ada is born on 20 November 2015: in year 5 when her parent asks for an EHC needs assessment
(15 September 2025), in year 6 at the review that names her secondary school for the move to
year 7 on 1 September 2027, and 25 on 20 November 2040, when the plan ceases.

request (R1.1) → decision to assess in 6 weeks (R1.4) → advice of each required type (R1.7),
each due in 6 weeks (R1.8), the health advice going to the ICB as a signed Standard Webhook
and the ICB's answer coming back through the health endpoint → draft, section I blank, 15 days
to comment (R0.3, R1.12) → family comments and a request for a particular school, consulted
for 15 days (R1.13) → final plan within 20 weeks (R1.14) → annual review (R3.1, R3.3, R3.4) →
amendment (R3.5) naming the secondary school before 15 February (R3.6, R2.3) → ceasing at 25
(R4.4, R4.5) once the appeal period has passed.

The clock moves forward with the story, so no recorded date is ever in the future; the sweep
runs (`POST /ops/deadlines/sweep`) on each statutory alert day: `approaching` 10 and 2 working
days (R0.2) before a deadline, `missed` the day after it. Every sweep's events are asserted
exactly, so a sweep expected to say nothing (the step was done in time) proves it. The dates
below were worked out by hand from RULES.md §0 and the 2025-2027 English bank holidays
(25, 26 Dec 2025; 1 Jan 2026; 25, 28 Dec 2026; 1 Jan 2027)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

import pytest
from standardwebhooks.webhooks import Webhook

from tests.assessment.conftest import Api
from tests.assessment.plan_flow import SECTIONS
from tests.harness import System
from tests.notifications.notifications_support import configure, receiver, subscribe

ICB = "QKK"
BORN = "2015-11-20"
APPROACHING = "send.assessment.deadline.approaching.v1"
MISSED = "send.assessment.deadline.missed.v1"
ADVICE_TYPES = ("parent_or_young_person", "education", "health", "psychology", "social_care")


@pytest.fixture(params=["pg", "sqlite"])
def system(request: pytest.FixtureRequest) -> System:
    return request.getfixturevalue(f"{request.param}_system")


def A(kind: str, due_on: str, working_days_left: int) -> tuple[str, str, str, int]:  # noqa: N802
    return ("approaching", kind, due_on, working_days_left)


def M(kind: str, due_on: str, days_overdue: int) -> tuple[str, str, str, int]:  # noqa: N802
    return ("missed", kind, due_on, days_overdue)


@dataclass
class Walk:
    system: System
    api: Api
    case_id: str = ""
    rid: str = ""
    advice: dict[str, str] = field(default_factory=dict)
    seen: int = 0
    swept: list[str] = field(default_factory=list)

    def on(self, day: str) -> None:
        """Move the clock forward (never back) to 09:00 on `day`."""
        instant = datetime.fromisoformat(day).replace(hour=9, tzinfo=UTC)
        assert instant >= self.system.clock.now(), f"the clock never goes back ({day})"
        self.system.clock.set(instant)

    async def sweep(self, day: str, *expected: tuple[str, str, str, int]) -> None:
        """Sweep as of `day` (today) and assert exactly the deadline events it emits."""
        self.on(day)
        response = await self.api.http.post("/ops/deadlines/sweep", json={"as_of": day},
                                            headers=self.system.token("platform_ops"))
        assert response.status_code == 200, response.text
        events = [e for e in await self.api.events() if e["type"] in (APPROACHING, MISSED)]
        fresh, self.seen = events[self.seen:], len(events)
        got = []
        for event in fresh:
            data = event["data"]
            assert data["case_id"] == self.case_id
            assert data["owner"] == {"team": "north", "caseworker_id": "cw-17"}
            if event["type"] == APPROACHING:
                assert data["days_left"] == (date.fromisoformat(data["due_on"])
                                             - date.fromisoformat(day)).days
                got.append(A(data["deadline_kind"], data["due_on"], data["working_days_left"]))
            else:
                got.append(M(data["deadline_kind"], data["due_on"], data["days_overdue"]))
        assert sorted(got) == sorted(expected), f"sweep as of {day}"
        assert response.json()["emitted"] == len(expected)
        self.swept.append(day)

    async def post(self, url: str, status: int = 200, headers: dict | None = None,
                   **body: Any) -> Any:
        return await self.api.ok("POST", url, status, headers=headers, json=body)

    def parent(self) -> dict[str, str]:
        return self.system.token("parent", cases=(self.case_id,))

    async def last(self, event_type: str) -> dict[str, Any]:
        return dict((await self.api.events(event_type))[-1]["data"])


async def test_r1_r3_r4_full_statutory_path_through_api_and_bus(system: System) -> None:
    system.clock.set(datetime(2025, 9, 15, 9, tzinfo=UTC))  # the story starts here
    configure(system)
    api = Api(system)
    walk = Walk(system, api)
    async with receiver() as icb:
        hook = await subscribe(system, icb.url, org=ICB)
        await request_to_advice(walk, icb, hook["secret"])
        plan_id = await draft_to_final(walk)
        await review_amendment_phase_transfer(walk, plan_id)
        await cease_at_25(walk, plan_id)

    async def mediation_kinds() -> list[str]:
        page = await system.clients["mediation"].get(
            "/v1/mediation-cases", params={"case_id": walk.case_id}, headers=api.staff())
        return sorted(i["decision_kind"] for i in page.json()["items"])

    async def all_opened() -> bool:
        return len(await mediation_kinds()) == 3

    await system.settle(all_opened)  # R6.1: each appealable decision reached mediation
    assert await mediation_kinds() == ["amended_plan_contents", "cease_plan", "plan_contents"]
    # Every event was handled by its consumers: no dead letters anywhere.
    for name, client in system.clients.items():
        letters = (await client.get("/ops/dead-letters", headers=system.token("ops"))).json()
        assert [(d["event_type"], d["error"][:200]) for d in letters] == [], name


async def request_to_advice(walk: Walk, icb: Any, secret: str) -> None:
    api, system = walk.api, walk.system
    # R1.1, R2.3: a parent asks on Monday 15 September 2025; Ada is in year 5.
    walk.on("2025-09-15")
    walk.case_id = await api.case(BORN, given_name="Ada", family_name="Lee")
    case = await api.ok("GET", f"/v1/cases/{walk.case_id}")
    assert (case["year_group"], case["is_young_person"]) == (5, False)
    request = await api.request(walk.case_id, "2025-09-15")
    rid = request["id"]
    # R0.1, R1.4, R1.11, R1.14: 6, 16 and 20 weeks from the day the request arrived.
    assert (request["decision_due_on"], request["no_plan_notice_due_on"],
            request["final_plan_due_on"]) == ("2025-10-27", "2026-01-05", "2026-02-02")

    # R1.4: decided in week 5: alerted 10 working days before, never 2 before nor missed.
    await walk.sweep("2025-10-13", A("decide_whether_to_assess", "2025-10-27", 10))
    walk.on("2025-10-20")
    await walk.post(f"/v1/requests/{rid}/decision", decision="assess", decided_on="2025-10-20")

    # R1.7: every kind of advice required for a year 5 child, asked for the next day; R1.8:
    # each due 6 weeks later, on 2 December.
    walk.on("2025-10-21")
    advice = {}
    for advice_type in ADVICE_TYPES:
        recipient = {"parent_or_young_person": {"kind": "family", "name": "Sam Lee"},
                     "psychology": {"kind": "educational_psychology", "org_code": "EPS201",
                                    "name": "LA 201 educational psychology"},
                     "social_care": {"kind": "social_care", "org_code": "SC201",
                                     "name": "LA 201 children's social care"},
                     }.get(advice_type)  # education: the setting; health: the case's ICB
        row = await walk.post(f"/v1/requests/{rid}/advice-requests", 201,
                              advice_type=advice_type, requested_on="2025-10-21",
                              recipient=recipient)
        assert row["due_on"] == "2025-12-02"
        advice[advice_type] = row["id"]

    # The health advice request leaves over the bus as a signed webhook to the ICB (R1.7).
    async def delivered() -> bool:
        return bool(icb.requests)

    await system.settle(delivered)
    [webhook] = icb.requests
    payload = Webhook(secret).verify(webhook["body"], webhook["headers"])
    assert payload["type"] == "send.assessment.advice.requested.v1"
    assert payload["data"]["recipient"]["org_code"] == ICB
    assert payload["data"]["due_on"] == "2025-12-02"
    health_id = payload["data"]["advice_request_id"]
    assert health_id == advice["health"]

    await walk.sweep("2025-10-23")  # the decision's 2-working-day alert: decided already
    await walk.sweep("2025-10-28")  # and no "missed" the day after it was due

    staff = api.staff()
    walk.on("2025-11-03")
    await walk.post(f"/v1/advice-requests/{advice['parent_or_young_person']}/advice",
                    received_on="2025-11-03", author="Sam Lee", summary="Ada's views.")
    await walk.sweep("2025-11-18", *[A("advice_due", "2025-12-02", 10)] * 4)
    walk.on("2025-11-24")
    await walk.post(f"/v1/advice-requests/{advice['education']}/advice",
                    received_on="2025-11-24", author="Oak Primary SENCo", summary="Reading age 6.")
    await walk.sweep("2025-11-28", *[A("advice_due", "2025-12-02", 2)] * 3)

    # The ICB answers through its own endpoint: role health, its organisation only.
    walk.on("2025-12-01")
    inbox = await api.ok("GET", "/v1/advice-requests",
                         headers=system.token("health", org=ICB))
    assert [i["id"] for i in inbox["items"]] == [health_id]
    await api.fails("POST", f"/v1/advice-requests/{health_id}/advice", 404,
                    headers=system.token("health", org="QOTHER"),
                    json={"received_on": "2025-12-01", "author": "x", "summary": "x"})
    answered = await walk.post(f"/v1/advice-requests/{health_id}/advice",
                               headers=system.token("health", org=ICB),
                               received_on="2025-12-01", author="Dr Rao, designated doctor",
                               summary="Mild hearing loss; audiology yearly.")
    assert answered["status"] == "received"
    walk.on("2025-12-02")
    await walk.post(f"/v1/advice-requests/{advice['psychology']}/advice", headers=staff,
                    received_on="2025-12-02", author="EP service", summary="Working memory.")
    # R1.8: only social care's advice is late; missed is reported the day after it was due.
    await walk.sweep("2025-12-03", M("advice_due", "2025-12-02", 1))
    walk.on("2025-12-10")
    await walk.post(f"/v1/advice-requests/{advice['social_care']}/advice",
                    received_on="2025-12-10", author="Children's social care", summary="None.")
    received = await walk.last("send.assessment.advice.received.v1")
    assert received["within_statutory_time"] is False
    walk.rid, walk.advice = rid, advice


DRAFT: dict[str, Any] = {"sections": SECTIONS, "advice_listed": list(ADVICE_TYPES)}


async def draft_to_final(walk: Walk) -> str:
    api, rid = walk.api, walk.rid
    # R1.12, R0.3: the draft, section I blank, comments until 29 Dec, final from 30 Dec.
    walk.on("2025-12-15")
    plan = await walk.post(f"/v1/requests/{rid}/plans", 201, sent_on="2025-12-15", **DRAFT)
    plan_id = plan["id"]
    assert (plan["current"]["comments_due_on"], plan["current"]["earliest_final_on"]) == (
        "2025-12-29", "2025-12-30")
    assert "I" not in plan["current"]["sections"]
    # R1.11: drafting settles the 16-week question; its alerts never come.
    await walk.sweep("2025-12-17")

    # The family comments and asks for a particular school (R1.12).
    walk.on("2025-12-22")
    await walk.post(f"/v1/plans/{plan_id}/comments", 201, headers=walk.parent(),
                    body="Section F should say who delivers the therapy.", section="F",
                    author="Sam Lee")
    school = await walk.post(f"/v1/plans/{plan_id}/school-requests", 201,
                             headers=walk.parent(), setting_name="Birch Academy",
                             setting_urn="100002", setting_type="academy",
                             requested_on="2025-12-22")
    walk.on("2025-12-29")  # R0.3: the last day of the 15 is still the family's
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/final", json=final(
        "2025-12-29", "Birch Academy"))
    assert problem["rule"] == "R1.12"
    await walk.sweep("2025-12-31")  # the 16-week notice's 2-day alert: settled by the draft

    # R1.13: the LA consults the school, which replies within 15 days.
    walk.on("2026-01-05")
    consulted = await walk.post(f"/v1/school-requests/{school['id']}/consultation",
                                consulted_on="2026-01-05")
    assert consulted["reply_due_on"] == "2026-01-20"
    await walk.sweep("2026-01-06", A("school_consultation_reply", "2026-01-20", 10))
    walk.on("2026-01-14")
    await walk.post(f"/v1/school-requests/{school['id']}/reply", replied_on="2026-01-14",
                    response="agree")
    await walk.sweep("2026-01-16")
    await walk.sweep("2026-01-19", A("issue_final_plan", "2026-02-02", 10))
    await walk.sweep("2026-01-21")

    # R1.14: the final plan in week 19, naming the school the family asked for.
    walk.on("2026-01-26")
    issued = await walk.post(f"/v1/plans/{plan_id}/final", **final("2026-01-26", "Birch Academy"))
    assert issued["status"] == "issued" and issued["next_review_due_on"] == "2027-01-25"  # R3.1
    event = await walk.last("send.assessment.plan.issued.v1")
    assert (event["reason"], event["within_statutory_time"], event["weeks_taken"]) == (
        "new", True, 19.0)
    await walk.sweep("2026-01-29")
    await walk.sweep("2026-02-03")
    return str(plan_id)


def final(issued_on: str, school: str, **extra: Any) -> dict[str, Any]:
    return {**DRAFT, "issued_on": issued_on, **extra,
            "section_i": {"setting_name": school, "setting_type": "academy"}}


async def review_amendment_phase_transfer(walk: Walk, plan_id: str) -> None:
    api = walk.api
    # R3.6, R2.3: in year 6 the plan must name the secondary school for 1 September 2027
    # before 15 February 2027 (the last day is the 14th, a Sunday).
    walk.on("2026-09-14")
    case = await api.ok("GET", f"/v1/cases/{walk.case_id}")
    assert case["year_group"] == 6
    transfer = await walk.post(f"/v1/plans/{plan_id}/phase-transfers", 201,
                               route="primary_secondary")
    assert (transfer["kind"], transfer["transfer_on"], transfer["named_by"]) == (
        "primary_to_secondary", "2027-09-01", "2027-02-14")

    # R3.3: the annual review meeting on 23 Nov with two weeks' notice; R3.4: report in 2
    # weeks (7 Dec), decision in 4 (21 Dec).
    walk.on("2026-11-09")
    review = await walk.post(f"/v1/plans/{plan_id}/reviews", 201, invited_on="2026-11-09",
                             meeting_on="2026-11-23")
    assert (review["report_due_on"], review["decision_due_on"]) == ("2026-12-07", "2026-12-21")
    await walk.sweep("2026-11-23", A("review_report_due", "2026-12-07", 10))
    walk.on("2026-11-30")
    await walk.post(f"/v1/reviews/{review['id']}/report", report_on="2026-11-30")
    await walk.sweep("2026-12-03")
    await walk.sweep("2026-12-07", A("review_decision_due", "2026-12-21", 10))
    await walk.sweep("2026-12-08")

    # R3.4, R3.5: decide to amend and send the proposed amendments the same day: the final
    # amended plan is due 8 weeks later (8 Feb), within 12 weeks of the meeting (15 Feb).
    walk.on("2026-12-14")
    decided = await walk.post(f"/v1/reviews/{review['id']}/decision", outcome="amend",
                              decided_on="2026-12-14")
    assert (decided["amended_plan_due_on"], decided["next_review_due_on"]) == (
        "2027-02-08", "2027-11-22")
    sections = SECTIONS | {"F": "Weekly speech and language therapy by a named therapist; "
                                "a transition programme for secondary school."}
    amended = await walk.post(f"/v1/plans/{plan_id}/amendments", 201, sent_on="2026-12-14",
                              **(DRAFT | {"sections": sections}))
    assert amended["current"]["reason"] == "amended"
    await walk.sweep("2026-12-17")
    # The family asks for the secondary school; the LA consults it (R1.13).
    walk.on("2026-12-21")
    school = await walk.post(f"/v1/plans/{plan_id}/school-requests", 201,
                             headers=walk.parent(), setting_name="Cedar Secondary Academy",
                             setting_urn="100003", setting_type="academy",
                             requested_on="2026-12-21")
    await walk.sweep("2026-12-22")
    walk.on("2027-01-04")
    await walk.post(f"/v1/school-requests/{school['id']}/consultation", consulted_on="2027-01-04")
    await walk.sweep("2027-01-05", A("school_consultation_reply", "2027-01-19", 10))
    # The first annual review's clock (due 25 Jan 2027) closed at the meeting: no alerts.
    await walk.sweep("2027-01-11")
    walk.on("2027-01-12")
    await walk.post(f"/v1/school-requests/{school['id']}/reply", replied_on="2027-01-12",
                    response="agree")
    await walk.sweep("2027-01-15")
    await walk.sweep("2027-01-20")
    await walk.sweep("2027-01-21")
    await walk.sweep("2027-01-25", A("amended_plan_due", "2027-02-08", 10))
    await walk.sweep("2027-01-26")
    # 14 Feb is a Sunday: ten working days before it is Monday 1 Feb, with 9 left after it.
    await walk.sweep("2027-02-01", A("phase_transfer_named_by", "2027-02-14", 9))

    # R3.5, R3.6: the final amended plan names the secondary school, in time for both.
    walk.on("2027-02-03")
    issued = await walk.post(f"/v1/plans/{plan_id}/final",
                             **final("2027-02-03", "Cedar Secondary Academy",
                                     sections=sections))
    assert issued["current"]["setting_name"] == "Cedar Secondary Academy"
    event = await walk.last("send.assessment.plan.issued.v1")
    assert (event["reason"], event["within_statutory_time"]) == ("amended", True)
    for day in ("2027-02-04", "2027-02-09", "2027-02-11", "2027-02-15"):
        await walk.sweep(day)
    versions = await api.ok("GET", f"/v1/plans/{plan_id}/versions")
    assert [(v["number"], v["stage"], v["reason"]) for v in versions] == [
        (1, "draft", "new"), (2, "final", "new"), (3, "draft", "amended"),
        (4, "final", "amended")]


async def cease_at_25(walk: Walk, plan_id: str) -> None:
    api = walk.api
    # The years between are not walked. The one clock left open, the review due 22 Nov
    # 2027, reports once as missed on the first sweep after the jump: a sweep that catches
    # up emits the latest stage only, never a flood of stale alerts.
    walk.on("2040-11-20")
    overdue = (date(2040, 11, 20) - date(2027, 11, 22)).days
    await walk.sweep("2040-11-20", M("annual_review_due", "2027-11-22", overdue))

    # R4.4: at 25 the LA is no longer responsible; R4.5: consult, decide, notify, appealable.
    proposal = await walk.post(f"/v1/plans/{plan_id}/cease-proposals", 201,
                               ground="no_longer_responsible", reason="reached_25",
                               detail="Ada is 25 today.", consulted_on="2040-11-20")
    walk.on("2040-12-03")
    await walk.post(f"/v1/cease-proposals/{proposal['id']}/decision", decided_on="2040-12-03",
                    ceases_on="2041-02-05")
    appealable = await walk.last("send.assessment.decision.appealable.v1")
    assert appealable["decision_kind"] == "cease_plan"
    # R4.5 with R6.9a: 2 months after 3 Dec 2040 is Sunday 3 Feb 2041, so the family may
    # appeal until Monday 4 February; the plan ceases the day after.
    walk.on("2041-02-05")
    await walk.post(f"/v1/cease-proposals/{proposal['id']}/cease", done_on="2041-02-05")
    plan = await api.ok("GET", f"/v1/plans/{plan_id}")
    assert (plan["status"], plan["ceased_on"], plan["cease_ground"]) == (
        "ceased", "2041-02-05", "no_longer_responsible")
    ceased = await walk.last("send.assessment.plan.ceased.v1")
    assert ceased["ceased_on"] == "2041-02-05"
    assert await api.deadlines(walk.case_id) == []  # every clock of the plan is closed
    await walk.sweep("2041-02-05")
