"""Direct payments over HTTP (R7.6, R7.7, R7.9, R7.10), on Postgres and SQLite."""

from __future__ import annotations

from typing import Any

from tests.budgets.budgets_support import CONDITIONS_MET, SCHOOL_URN, Budgets

ACTIVATION: dict[str, Any] = {"activated_on": "2026-03-02", "frequency": "monthly",
              "instalment_pence": 43_333, "first_payment_on": "2026-03-02"}


def _rule(body: dict[str, Any]) -> tuple[str, str | None]:
    return body["rule"], body["errors"][0]["field"]


async def _ready(bud: Budgets, *, school_agrees: bool = True) -> dict[str, Any]:
    """An agreed budget's in-school direct payment: conditions met, consent given."""
    budget = await bud.agreed()
    dp = await bud.direct_payment(budget["id"])
    url = f"/v1/direct-payments/{dp['id']}"
    await bud.call("POST", f"{url}/conditions", **CONDITIONS_MET)
    await bud.call("POST", f"{url}/consent", headers=bud.family(), given_on="2026-03-02",
                   recipient_name="Sam Lee")
    if school_agrees:
        await bud.call("POST", f"{url}/setting-agreement", headers=bud.school(), agreed=True,
                       answered_on="2026-03-02", answered_by="Ms Head")
    return dp


async def test_r7_7_agreement_asks_the_setting_through_an_event(bud: Budgets) -> None:
    budget = await bud.agreed()
    dp = await bud.direct_payment(budget["id"])
    assert (dp["status"], dp["setting_agreement"], dp["annual_pence"]) == (
        "pending", "requested", 520_000)
    [asked] = await bud.events("send.budgets.setting_agreement.requested.v1")
    assert asked["data"] == {"case_id": budget["case_id"], "requested_on": "2026-03-02",
                             "setting": {"name": "Oak Primary School", "urn": SCHOOL_URN},
                             "direct_payment_id": dp["id"],
                             "provision": "speech and language therapy in school"}


async def test_r7_7_without_the_settings_agreement_activation_is_refused(bud: Budgets) -> None:
    dp = await _ready(bud, school_agrees=False)
    body = await bud.call("POST", f"/v1/direct-payments/{dp['id']}/activation", 422,
                          **ACTIVATION)
    assert _rule(body) == ("R7.7", "setting_agreement")
    assert (await bud.direct_payment(dp["budget_id"]))["status"] == "pending"
    assert await bud.count("ledger_entry") == 0


async def test_r7_7_only_the_named_setting_records_its_agreement(bud: Budgets) -> None:
    dp = await _ready(bud, school_agrees=False)
    url = f"/v1/direct-payments/{dp['id']}/setting-agreement"
    answer = {"agreed": True, "answered_on": "2026-03-02", "answered_by": "Mr X"}
    await bud.call("POST", url, 404, headers=bud.school("999999"), **answer)
    await bud.call("POST", url, 403, headers=bud.staff(), **answer)
    await bud.call("POST", url, 403, headers=bud.family(), **answer)
    agreed = await bud.call("POST", url, headers=bud.school(), **answer)
    assert agreed["setting_agreement"] == "agreed"


async def test_r7_6_conditions_recorded_and_unmet_conditions_block_activation(
        bud: Budgets) -> None:
    budget = await bud.agreed()
    dp = await bud.direct_payment(budget["id"])
    url = f"/v1/direct-payments/{dp['id']}"
    checked = await bud.call("POST", f"{url}/conditions", **CONDITIONS_MET | {
        "recipient_under_justice_requirement": True})
    assert (checked["conditions_met"], checked["conditions_checked_on"]) == (False,
                                                                            "2026-03-02")
    await bud.call("POST", f"{url}/consent", headers=bud.family(), given_on="2026-03-02",
                   recipient_name="Sam Lee")
    await bud.call("POST", f"{url}/setting-agreement", headers=bud.school(), agreed=True,
                   answered_on="2026-03-02", answered_by="Ms Head")
    body = await bud.call("POST", f"{url}/activation", 422, **ACTIVATION)
    assert _rule(body) == ("R7.6", "conditions")


async def test_r7_9_activation_starts_the_3_month_review_clock(bud: Budgets) -> None:
    dp = await _ready(bud)
    active = await bud.call("POST", f"/v1/direct-payments/{dp['id']}/activation", **ACTIVATION)
    assert (active["status"], active["instalment_pence"]) == ("active", 43_333)
    schedule = active["schedule"]  # 12 monthly instalments, the last cut to the year's total
    assert (len(schedule), schedule[0], schedule[-1]) == (
        12, {"due_on": "2026-03-02", "amount_pence": 43_333},
        {"due_on": "2027-02-02", "amount_pence": 520_000 - 11 * 43_333})
    response = await bud.http.post("/ops/deadlines/sweep", json={"as_of": "2026-06-03"},
                                   headers=bud.system.token("platform_ops"))
    assert response.status_code == 200
    [missed] = await bud.events("send.budgets.deadline.missed.v1")
    assert (missed["data"]["deadline_kind"], missed["data"]["due_on"]) == (
        "direct_payment_first_review", "2026-06-02")  # R0.4: 3 calendar months


async def test_r7_9_a_review_in_time_closes_the_clock_and_counts_as_on_time(
        bud: Budgets) -> None:
    dp = await _ready(bud)
    url = f"/v1/direct-payments/{dp['id']}"
    await bud.call("POST", f"{url}/activation", **ACTIVATION)
    await bud.call("POST", f"{url}/reviews", kind="first", reviewed_on="2026-03-02",
                   summary="therapy started; family content")
    await bud.http.post("/ops/deadlines/sweep", json={"as_of": "2026-06-03"},
                        headers=bud.system.token("platform_ops"))
    assert await bud.events("send.budgets.deadline.missed.v1") == []
    report = await bud.call("GET", "/v1/reports/budgets")
    assert report["reviews"] | {"percent_on_time": None} == {
        "recorded": 1, "on_time": 1, "late": 0, "overdue_open": 0, "percent_on_time": None}


async def test_r7_9_consent_withdrawn_payments_stop(bud: Budgets) -> None:
    dp = await _ready(bud)
    url = f"/v1/direct-payments/{dp['id']}"
    await bud.call("POST", f"{url}/activation", **ACTIVATION)
    paid = await bud.call("POST", f"{url}/ledger", kind="payment", entry_on="2026-03-02",
                          amount_pence=43_333)
    assert (paid["balance_pence"], paid["paid_pence"]) == (43_333, 43_333)
    stopped = await bud.call("POST", f"{url}/consent-withdrawal", headers=bud.family(),
                             withdrawn_on="2026-03-02")
    assert (stopped["status"], stopped["stop_reason"]) == ("stopped", "consent withdrawn")
    body = await bud.call("POST", f"{url}/ledger", 422, kind="payment", entry_on="2026-03-02",
                          amount_pence=43_333)
    assert _rule(body) == ("R7.9", "status")
    # the unspent money can still be recovered, never below zero
    await bud.call("POST", f"{url}/ledger", kind="recovery", entry_on="2026-03-02",
                   amount_pence=43_333)


async def test_the_ledger_never_goes_below_zero_nothing_written(bud: Budgets) -> None:
    dp = await _ready(bud)
    url = f"/v1/direct-payments/{dp['id']}"
    await bud.call("POST", f"{url}/activation", **ACTIVATION)
    await bud.call("POST", f"{url}/ledger", kind="payment", entry_on="2026-03-02",
                   amount_pence=10_000)
    body = await bud.call("POST", f"{url}/ledger", 422, kind="spend", entry_on="2026-03-02",
                          amount_pence=10_001)
    assert _rule(body) == ("ledger-not-below-zero", "amount_pence")
    body = await bud.call("POST", f"{url}/ledger", 422, kind="payment", entry_on="2026-03-02",
                          amount_pence=99.5)
    assert _rule(body) == ("integer-pence", "amount_pence")
    ledger = await bud.call("GET", f"{url}/ledger", headers=bud.family())
    assert (ledger["balance_pence"], [e["amount_pence"] for e in ledger["entries"]]) == (
        10_000, [10_000])


async def test_r7_9_a_reduction_needs_notice_and_reasons(bud: Budgets) -> None:
    dp = await _ready(bud)
    url = f"/v1/direct-payments/{dp['id']}"
    await bud.call("POST", f"{url}/activation", **ACTIVATION)
    body = await bud.call("POST", f"{url}/reductions", 422, to_annual_pence=400_000,
                          notice_given_on="2026-03-02", effective_on="2026-03-02",
                          reasons="fewer sessions needed")
    assert _rule(body) == ("R7.9", "effective_on")
    reduced = await bud.call("POST", f"{url}/reductions", to_annual_pence=400_000,
                             notice_given_on="2026-03-02", effective_on="2026-04-01",
                             reasons="fewer sessions needed")
    assert reduced["annual_pence"] == 400_000
    section = await bud.call("GET", f"/v1/budget-requests/{dp['budget_id']}/section-j")
    assert section["section_j"]["direct_payments"][0]["annual_pence"] == 400_000


async def test_r7_10_section_j_names_the_sen_and_outcomes_a_direct_payment_meets(
        bud: Budgets) -> None:
    dp = await _ready(bud)
    section = await bud.call("GET", f"/v1/budget-requests/{dp['budget_id']}/section-j",
                             headers=bud.family())
    j = section["section_j"]
    assert section["revision"] == 2  # on agreement, again when the school agreed
    assert j["outcomes_supported"] == ["to talk with friends at play time",
                                       "to join a club after school"]
    assert j["direct_payments"] == [{
        "provision": "speech and language therapy in school", "annual_pence": 520_000,
        "needs_met": ["speech, language and communication"],
        "outcomes_met": ["to talk with friends at play time"], "status": "pending",
        "setting_name": "Oak Primary School", "setting_agreement": "agreed"}]
    assert j["total_pence"] == 700_050 and "Flexibility: the family chooses" in j["text"]
    events = await bud.events("send.budgets.section_j.prepared.v1")
    assert [e["data"]["section_j"]["revision"] for e in events] == [1, 2]
    assert events[-1]["data"]["plan_id"] == "plan-1"


async def test_reporting_by_sen2_type_stream_totals_and_active_direct_payments(
        bud: Budgets) -> None:
    dp = await _ready(bud)
    await bud.call("POST", f"/v1/direct-payments/{dp['id']}/activation", **ACTIVATION)
    report = await bud.call("GET", "/v1/reports/budgets")
    assert report["by_sen2_type"] == {"OA": 0, "DP": 0, "OA+DP": 1}
    assert report["total_pence_by_stream"] == {"education": 520_000, "health": 0,
                                               "social_care": 180_050}
    assert (report["direct_payments_active"], report["block_commissioned_lines"]) == (1, 1)
    await bud.call("GET", "/v1/reports/budgets", 403, headers=bud.family())


async def test_r7_7_the_wait_for_the_settings_answer_is_a_deadline(bud: Budgets) -> None:
    """The LA's own standard (15 days, as R1.13 gives a school to reply): swept like the
    statutory clocks, closed by the setting's answer."""
    budget = await bud.agreed()
    await bud.http.post("/ops/deadlines/sweep", json={"as_of": "2026-03-18"},
                        headers=bud.system.token("platform_ops"))
    [missed] = await bud.events("send.budgets.deadline.missed.v1")
    assert (missed["data"]["deadline_kind"], missed["data"]["due_on"]) == (
        "setting_agreement_awaited", "2026-03-17")
    assert missed["data"]["case_id"] == budget["case_id"]


async def test_r7_9_the_direct_payment_is_reviewed_at_the_plans_annual_review(
        bud: Budgets) -> None:
    dp = await _ready(bud)
    await bud.feed("send.assessment.plan.issued.v1", {
        "case_id": dp["case_id"], "plan_id": "plan-1", "version": 2, "issued_on": "2026-03-02",
        "reason": "new", "within_statutory_time": True, "weeks_taken": 19.0})
    url = f"/v1/direct-payments/{dp['id']}"
    await bud.call("POST", f"{url}/activation", **ACTIVATION)
    await bud.call("POST", f"{url}/reviews", kind="first", reviewed_on="2026-03-02",
                   summary="started well")
    await bud.http.post("/ops/deadlines/sweep", json={"as_of": "2027-03-03"},
                        headers=bud.system.token("platform_ops"))
    missed = await bud.events("send.budgets.deadline.missed.v1")
    assert [(e["data"]["deadline_kind"], e["data"]["due_on"]) for e in missed] == [
        ("direct_payment_annual_review", "2027-03-02")]  # R3.1: 12 months from issue
    bud.system.clock.set(bud.system.clock.now().replace(year=2027, month=3, day=3))
    await bud.call("POST", f"{url}/reviews", kind="annual", reviewed_on="2027-03-03",
                   summary="reviewed a day late")
    report = await bud.call("GET", "/v1/reports/budgets")
    assert (report["reviews"]["on_time"], report["reviews"]["late"]) == (1, 1)
