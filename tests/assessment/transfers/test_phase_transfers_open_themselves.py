"""Phase transfers open themselves (R3.6, Regs reg 18(1)): a plan issued, amended, reviewed
or imported for a child within 12 months of a transfer, and the regular sweep for each new
cohort, open the transfer's naming deadline on its regulation date, exactly once; a
school's own phase pattern recorded on the case decides the transfers. Post-16 moves at
another time: 5 months before (R3.7, reg 18(2))."""

from __future__ import annotations

import uuid
from datetime import date as D
from typing import Any

import pytest

from assessment.domain.model import PhaseTransferKind as K
from assessment.domain.transfers import (
    coming_phase_transfer,
    coming_transfer_year,
    post16_transfer_amend_by,
    transfer_cohort_births,
)
from assessment.transfers.phases import open_cohort_transfers
from common.messaging.envelope import CloudEvent
from tests.assessment.conftest import Api
from tests.assessment.plan_flow import DRAFT, SECTIONS, issued
from tests.harness import LA

PHASE = "phase_transfer_named_by"
# born 20 Jan 2015: reception in September 2019, year 6 in 2025/26, year 7 on 1 Sep 2026
YEAR_6 = "2015-01-20"
# born 20 Jan 2010: year 11 in 2025/26, post-16 on 1 Sep 2026 (year 9+: R2.2 applies)
YEAR_11 = "2010-01-20"
POST16_DRAFT = DRAFT | {"preparation_for_adulthood_in": ["F"]}


# --- the rules, table-driven ----------------------------------------------------------------

@pytest.mark.parametrize("born_on, on, pattern, expected", [
    # reg 18(1)(b), R3.6: primary → secondary, named before 15 February of the transfer year
    (D(2015, 1, 20), D(2025, 8, 31), "primary_secondary", None),  # 12 months + 1 day before
    (D(2015, 1, 20), D(2025, 9, 1), "primary_secondary",
     (K.PRIMARY_TO_SECONDARY, D(2026, 9, 1), D(2026, 2, 14))),
    (D(2015, 1, 20), D(2026, 8, 31), "primary_secondary",
     (K.PRIMARY_TO_SECONDARY, D(2026, 9, 1), D(2026, 2, 14))),  # late, still the transfer
    (D(2015, 1, 20), D(2026, 9, 1), "primary_secondary", None),  # transferred
    # reg 18(1)(a), R3.6: secondary → post-16, before 31 March
    (D(2010, 1, 20), D(2025, 10, 1), "primary_secondary",
     (K.SECONDARY_TO_POST16, D(2026, 9, 1), D(2026, 3, 30))),
    # reg 18(3): the 2015 post-16 movers, before 31 May 2015
    (D(1999, 1, 20), D(2015, 1, 5), "primary_secondary",
     (K.SECONDARY_TO_POST16, D(2015, 9, 1), D(2015, 5, 30))),
    # reg 2(1)(a): early years → school, for the September after the 4th birthday (R2.3)
    (D(2022, 3, 1), D(2025, 9, 1), "primary_secondary",
     (K.EARLY_YEARS_TO_SCHOOL, D(2026, 9, 1), D(2026, 2, 14))),
    # reg 2(1)(b): infant → junior (year 3)
    (D(2019, 1, 20), D(2025, 12, 1), "infant_junior",
     (K.INFANT_TO_JUNIOR, D(2026, 9, 1), D(2026, 2, 14))),
    (D(2019, 1, 20), D(2025, 12, 1), "primary_secondary", None),  # no transfer in year 2
    # reg 2(1)(c), (e): primary → middle (year 5), middle → secondary (year 9)
    (D(2017, 1, 20), D(2025, 12, 1), "three_tier",
     (K.PRIMARY_TO_MIDDLE, D(2026, 9, 1), D(2026, 2, 14))),
    (D(2013, 1, 20), D(2025, 12, 1), "three_tier",
     (K.MIDDLE_TO_SECONDARY, D(2026, 9, 1), D(2026, 2, 14))),
    (D(2015, 1, 20), D(2025, 12, 1), "three_tier", None),  # year 6 stays in middle school
])
def test_r3_6_reg_18_1_the_coming_transfer_and_its_date(born_on, on, pattern, expected):
    coming = coming_phase_transfer(born_on, on, pattern)
    assert (None if coming is None else
            (coming.kind, coming.transfer_on, coming.named_by)) == expected


@pytest.mark.parametrize("transfer_on, amend_by", [
    (D(2027, 1, 10), D(2026, 8, 10)),  # R3.7, reg 18(2): at least 5 months before
    (D(2027, 7, 31), D(2027, 2, 28)),  # R0.4: no 31 February, so the month's last day
    (D(2028, 7, 31), D(2028, 2, 29)),  # leap year
    (D(2026, 9, 1), D(2026, 4, 1)),
])
def test_r3_7_reg_18_2_post16_to_post16_five_months_before(transfer_on, amend_by):
    assert post16_transfer_amend_by(transfer_on) == amend_by


@pytest.mark.parametrize("on, year", [
    (D(2025, 8, 31), 2025), (D(2025, 9, 1), 2026), (D(2026, 2, 14), 2026),
])
def test_r3_6_the_cohort_year_is_the_next_1_september(on, year):
    assert coming_transfer_year(on) == year


def test_r2_3_r3_6_cohort_births_by_entry_year_group():
    # joining reception (0) and year 7 on 1 Sep 2026: born 2021/22 and 2014/15 (Sep-Aug)
    assert transfer_cohort_births(2026, [7, 0]) == [
        (D(2021, 9, 1), D(2022, 8, 31)), (D(2014, 9, 1), D(2015, 8, 31))]


# --- over the API and the bus ---------------------------------------------------------------

async def _phase_deadlines(api: Api, case_id: str, status: str = "open") -> list[tuple]:
    return [(d["due_on"], d["status"]) for d in await api.deadlines(case_id, PHASE, status)]


async def test_r3_6_issuing_a_plan_in_year_6_opens_the_transfer_once(api: Api) -> None:
    case_id, _, plan_id = await issued(api, YEAR_6)
    await api.system.settle()
    assert await _phase_deadlines(api, case_id) == [("2026-02-14", "open")]
    timeline = await api.ok("GET", f"/v1/cases/{case_id}/timeline")
    assert [i["on"] for i in timeline["items"] if i["type"] == PHASE] == ["2026-02-14"]
    plan = await api.ok("GET", f"/v1/plans/{plan_id}")
    assert ("phase_transfer_named_by", "2026-02-14") in {
        (d["kind"], d["due_on"]) for d in plan["deadlines"]}
    # asking for it again by hand keeps the one deadline
    again = await api.ok("POST", f"/v1/plans/{plan_id}/phase-transfers", 201, json={})
    assert again["deadline_opened"] is False
    assert len(await api.deadlines(case_id, PHASE, "open")) == 1


async def test_r3_6_post16_transfer_is_named_by_31_march(api: Api) -> None:
    case_id, _, _ = await issued(api, YEAR_11, POST16_DRAFT)
    await api.system.settle()
    assert await _phase_deadlines(api, case_id) == [("2026-03-30", "open")]


async def test_r3_6_a_plan_far_from_a_transfer_opens_nothing(api: Api) -> None:
    case_id, _, _ = await issued(api)  # year 1: the next transfer is in 2030
    await api.system.settle()
    assert await api.deadlines(case_id, PHASE, "open") == []


async def _deliver(api: Api, event_type: str, data: dict[str, Any], event_id: str) -> str:
    consumer = api.system.runtimes["assessment"].consumer
    assert consumer is not None
    handler = consumer.handlers[event_type]
    event = CloudEvent(id=event_id, type=event_type, source="sendsys/assessment",
                       subject=f"case/{data['case_id']}", time=api.system.clock.now(),
                       lacode=LA, data=data)
    return await consumer.handle_once(event, handler, handler.model.model_validate(data))


async def test_r3_6_a_review_opens_it_and_redelivery_changes_nothing(api: Api) -> None:
    case_id, _, plan_id = await issued(api, YEAR_6)
    review = {"case_id": case_id, "plan_id": plan_id, "review_id": "r-1",
              "outcome": "maintain", "decided_on": "2025-11-20",
              "next_review_due_on": "2026-11-19"}
    event_id = str(uuid.uuid4())
    assert await _deliver(api, "send.assessment.review.completed.v1", review,
                          event_id) == "done"
    assert await _deliver(api, "send.assessment.review.completed.v1", review,
                          event_id) == "duplicate"
    issued_again = {"case_id": case_id, "plan_id": plan_id, "version": 2,
                    "issued_on": "2026-02-02", "reason": "new", "within_statutory_time": True,
                    "weeks_taken": 17.0}
    assert await _deliver(api, "send.assessment.plan.issued.v1", issued_again,
                          str(uuid.uuid4())) == "done"
    await api.system.settle()
    assert await _phase_deadlines(api, case_id) == [("2026-02-14", "open")]


async def test_r3_6_an_amended_plan_naming_the_school_meets_it_and_it_stays_met(
        api: Api) -> None:
    case_id, _, plan_id = await issued(api, YEAR_6)
    await api.system.settle()
    await api.ok("POST", f"/v1/plans/{plan_id}/amendments", 201,
                 json=DRAFT | {"sent_on": "2026-02-03"})
    await api.ok("POST", f"/v1/plans/{plan_id}/final", json={
        "issued_on": "2026-02-18", "section_i": {"setting_name": "Cedar Secondary Academy",
                                                 "setting_type": "academy"}})
    await api.system.settle()
    assert await api.deadlines(case_id, PHASE, "open") == []
    closed = await api.deadlines(case_id, PHASE, "closed")
    assert [(d["due_on"], d["closed_on"]) for d in closed] == [("2026-02-14", "2026-02-18")]


async def test_r3_6_an_imported_plan_opens_its_transfer(api: Api) -> None:
    body = _import_body(YEAR_6)
    plan = await api.ok("POST", "/v1/plans/import", 201, json=body)
    await api.system.settle()
    assert await _phase_deadlines(api, plan["case_id"]) == [("2026-02-14", "open")]


async def test_r3_6_a_recorded_phase_pattern_decides_the_transfer(api: Api) -> None:
    # born 20 Jan 2017: year 5 from September 2026, in middle school in a three-tier pattern
    case_id, _, plan_id = await issued(api, "2017-01-20")
    await api.system.settle()
    assert await api.deadlines(case_id, PHASE, "open") == []  # year 4 → 5 is no transfer
    assert (await api.ok("GET", f"/v1/cases/{case_id}/phase-pattern"))["recorded"] is False
    recorded = await api.ok("PUT", f"/v1/cases/{case_id}/phase-pattern",
                            json={"pattern": "three_tier"})
    assert recorded == {"case_id": case_id, "pattern": "three_tier", "recorded": True}
    async with api.system.runtimes["assessment"].transaction() as uow:
        opened = await open_cohort_transfers(uow, api.system.runtimes["assessment"].deadlines,
                                             D(2026, 3, 2))
    assert opened == 1
    assert await _phase_deadlines(api, case_id) == [("2026-02-14", "open")]
    transfer = await api.ok("POST", f"/v1/plans/{plan_id}/phase-transfers", 201, json={})
    assert transfer["kind"] == "primary_to_middle"


async def test_r3_6_the_cohort_sweep_opens_each_new_cohort_once(api: Api) -> None:
    runtime = api.system.runtimes["assessment"]
    # year 5 on 2 March 2026: the plan is issued outside the window...
    case_id, _, _ = await issued(api, "2016-01-20")
    await api.system.settle()
    assert await api.deadlines(case_id, PHASE, "open") == []
    # ...and on 1 September 2026 the cohort moving to year 7 in 2027 enters it
    for expected in (1, 0):
        async with runtime.transaction() as uow:
            assert await open_cohort_transfers(uow, runtime.deadlines,
                                               D(2026, 9, 1)) == expected
    assert await _phase_deadlines(api, case_id) == [("2027-02-14", "open")]


async def test_r3_7_a_post16_move_keeps_one_deadline(api: Api) -> None:
    case_id, _, plan_id = await issued(api, YEAR_11, POST16_DRAFT)
    move = {"transfer_on": "2027-01-10", "institution": "Riverside College"}
    for _ in range(2):
        due = await api.ok("POST", f"/v1/plans/{plan_id}/post16-moves", 201, json=move)
        assert due["due_on"] == "2026-08-10"
    assert len(await api.deadlines(case_id, "post16_transfer_amend_by")) == 1


# --- bad input: a problem naming the field sent, nothing written ----------------------------

@pytest.mark.parametrize("body, field", [
    ({"pattern": "two_tier"}, "body.pattern"),
    ({}, "body.pattern"),
])
async def test_r3_6_a_phase_pattern_outside_the_list_is_refused(api: Api, body, field) -> None:
    case_id = await api.case()
    problem = await api.fails("PUT", f"/v1/cases/{case_id}/phase-pattern", json=body)
    assert [e["field"] for e in problem["errors"]] == [field]
    assert (await api.ok("GET", f"/v1/cases/{case_id}/phase-pattern"))["recorded"] is False


async def test_r3_6_phase_pattern_of_an_unknown_or_other_la_case_is_404(api: Api) -> None:
    case_id = await api.case()
    await api.fails("PUT", f"/v1/cases/{uuid.uuid4()}/phase-pattern", 404,
                    json={"pattern": "three_tier"})
    await api.fails("PUT", f"/v1/cases/{case_id}/phase-pattern", 404,
                    headers=api.system.token("la_caseworker", la="202"),
                    json={"pattern": "three_tier"})


@pytest.mark.parametrize("path, body, field", [
    ("post16-moves", {"transfer_on": "9999-12-31", "institution": "College"},
     "body.transfer_on"),
    ("post16-moves", {"transfer_on": "0001-01-01", "institution": "College"},
     "body.transfer_on"),
    ("phase-transfers", {"route": "two_tier"}, "body.route"),
])
async def test_r3_6_r3_7_bad_transfer_input_names_the_field(api: Api, path, body,
                                                             field) -> None:
    case_id, _, plan_id = await issued(api, YEAR_11, POST16_DRAFT)
    problem = await api.fails("POST", f"/v1/plans/{plan_id}/{path}", json=body)
    assert problem["errors"][0]["field"] == field
    assert await api.deadlines(case_id, "post16_transfer_amend_by") == []


@pytest.mark.parametrize("started_on", ["0001-01-01", "9999-12-31"])
async def test_r5_2_a_transfer_review_out_of_range_is_422_not_500(api: Api,
                                                                  started_on: str) -> None:
    case_id = await api.case()
    problem = await api.fails("POST", f"/v1/cases/{case_id}/transfer-reviews", json={
        "from": "statement", "notice_on": "2015-01-05", "started_on": started_on})
    assert problem["errors"][0]["field"] == "body.started_on"
    assert await api.events("send.assessment.transfer.started.v1") == []


def _import_body(born_on: str, **person: Any) -> dict[str, Any]:
    content = {"number": 1, "stage": "final", "reason": "new", "sections":
               SECTIONS | {"I": "Oak Primary (mainstream_school)"},
               "preparation_for_adulthood_in": [], "advice_listed": ["education"],
               "personal_budget_requested": False, "direct_payment": False,
               "setting_name": "Oak Primary", "setting_type": "mainstream_school",
               "sent_on": None, "comments_due_on": None, "earliest_final_on": None,
               "issued_on": "2025-06-02"}
    return {"plan": {"format": "sendsys.ehc-plan/1", "exported_by_la": "202",
                     "person": {"given_name": "Amara", "family_name": "Okafor",
                                "date_of_birth": born_on, **person},
                     "issued_on": "2025-06-02", "content": content},
            "transferred_on": "2026-02-02"}


@pytest.mark.parametrize("change, field", [
    ({"person": {"upn": "not-a-upn"}}, "plan.person.upn"),
    ({"person": {"date_of_birth": "9999-12-31"}}, "body.plan.person.date_of_birth"),
    ({"content": {"setting_type": "castle"}}, "body.plan.content.setting_type"),
    ({"content": {"sections": {"Z": "?"}}}, "body.plan.content.sections.Z.[key]"),
    ({"contacts": [{"role": "parent"}]}, "contacts.0.name"),
])
async def test_r3_9_issue_11_a_bad_import_is_422_naming_the_field(api: Api, change,
                                                                  field) -> None:
    body = _import_body(YEAR_6)
    for part, values in change.items():
        if part == "contacts":
            body["contacts"] = values
        else:
            body["plan"][part] = body["plan"][part] | values
    problem = await api.fails("POST", "/v1/plans/import", json=body)
    assert field in [e["field"] for e in problem["errors"]]
    assert await api.events("send.assessment.case.opened.v1") == []
