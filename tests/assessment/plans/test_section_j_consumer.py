"""Assessment writes Section J from budgets into the draft plan (R2.1, R7.10), once per
event however often it is delivered; a final plan is left as it is."""

from __future__ import annotations

import dataclasses
import uuid
from typing import Any

from common.messaging.envelope import CloudEvent
from tests.assessment.conftest import Api
from tests.assessment.plan_flow import drafted, issued
from tests.harness import LA


def _section_j(case_id: str, plan_id: str, revision: int, text: str) -> dict[str, Any]:
    return {"case_id": case_id, "plan_id": plan_id, "section_j": {
        "budget_request_id": "b-1", "revision": revision, "outcomes_supported": ["talks"],
        "provision_funded": [], "flexibility": "", "total_pence": 520_000, "text": text,
        "direct_payments": [{"provision": "therapy", "annual_pence": 520_000,
                             "needs_met": ["SLCN"], "outcomes_met": ["talks"],
                             "status": "pending"}]}}


async def _deliver(api: Api, data: dict[str, Any], event_id: str) -> str:
    consumer = api.system.runtimes["assessment"].consumer
    assert consumer is not None
    handler = consumer.handlers["send.budgets.section_j.prepared.v1"]
    event = CloudEvent(id=event_id, type="send.budgets.section_j.prepared.v1",
                       source="sendsys/budgets", subject=f"case/{data['case_id']}",
                       time=api.system.clock.now(), lacode=LA, data=data)
    return await consumer.handle_once(event, handler, handler.model.model_validate(data))


async def test_r2_1_r7_10_section_j_is_written_into_the_draft_once(api: Api) -> None:
    case_id, _, plan_id = await drafted(api)
    first = _section_j(case_id, plan_id, 1, "Personal budget: £5,200.00 a year.")
    assert await _deliver(api, first, "ev-1") == "done"
    assert await _deliver(api, first, "ev-1") == "duplicate"
    later = _section_j(case_id, plan_id, 2, "Personal budget: £5,200.00 a year. (agreed)")
    assert await _deliver(api, later, str(uuid.uuid4())) == "done"
    plan = await api.ok("GET", f"/v1/plans/{plan_id}")
    assert plan["current"]["sections"]["J"] == later["section_j"]["text"]
    assert plan["current"]["stage"] == "draft"
    assert plan["current"]["personal_budget_requested"] is True


async def test_r2_1_a_final_plan_is_not_rewritten_by_section_j(api: Api) -> None:
    case_id, _, plan_id = await issued(api)
    before = (await api.ok("GET", f"/v1/plans/{plan_id}"))["current"]
    await _deliver(api, _section_j(case_id, plan_id, 1, "J text"), "ev-2")
    after = (await api.ok("GET", f"/v1/plans/{plan_id}"))["current"]
    assert after == before and "J" not in after["sections"]


def test_r2_1_section_j_goes_only_into_a_draft() -> None:
    """decide_section_j, pure: a draft version takes the text; a final one does not."""
    from datetime import UTC, datetime

    from assessment.domain.records import PlanRecord, VersionRecord
    from assessment.domain.status import VersionStage
    from assessment.plans.rules import decide_section_j

    now = datetime(2026, 3, 2, tzinfo=UTC)
    found = PlanRecord(id="p", case_id="c", la_code="201", status="draft",
                       current_version=1, origin="new", version=1,
                       created_at=now, updated_at=now)
    draft = VersionRecord(id="v", plan_id="p", number=1, stage="draft",
                          reason="new", sections={"A": "a"}, preparation_for_adulthood_in=[],
                          advice_listed=[], personal_budget_requested=False,
                          direct_payment=False, created_at=now)
    assert decide_section_j(found, draft, "J text", True) == {
        "sections": {"A": "a", "J": "J text"}, "personal_budget_requested": True,
        "direct_payment": True}
    final = dataclasses.replace(draft, stage=VersionStage.FINAL)
    assert decide_section_j(found, final, "J", False) is None
    assert decide_section_j(None, None, "J", False) is None
