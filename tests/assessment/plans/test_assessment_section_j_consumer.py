"""Assessment writes Section J from budgets into the draft plan (R2.1, R7.10), once per
event however often it is delivered; a final plan is left as it is."""

from __future__ import annotations

import uuid
from collections.abc import AsyncIterator
from typing import Any

import pytest

from common.clock import FixedClock
from common.messaging.envelope import CloudEvent
from tests import harness
from tests.assessment.api.conftest import Api
from tests.assessment.api.plan_flow import drafted, issued
from tests.harness import LA, System


@pytest.fixture
async def assessment(pg_url: str, fixed_clock: FixedClock) -> AsyncIterator[Api]:
    system = await System(harness.test_settings(pg_url), fixed_clock,
                          services=("assessment",)).start()
    try:
        yield Api(system)
    finally:
        await system.stop()


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


async def test_r2_1_r7_10_section_j_is_written_into_the_draft_once(assessment: Api) -> None:
    case_id, _, plan_id = await drafted(assessment)
    first = _section_j(case_id, plan_id, 1, "Personal budget: £5,200.00 a year.")
    assert await _deliver(assessment, first, "ev-1") == "done"
    assert await _deliver(assessment, first, "ev-1") == "duplicate"
    later = _section_j(case_id, plan_id, 2, "Personal budget: £5,200.00 a year. (agreed)")
    assert await _deliver(assessment, later, str(uuid.uuid4())) == "done"
    plan = await assessment.ok("GET", f"/v1/plans/{plan_id}")
    assert plan["current"]["sections"]["J"] == later["section_j"]["text"]
    assert plan["current"]["stage"] == "draft"
    assert plan["current"]["personal_budget_requested"] is True


async def test_r2_1_a_final_plan_is_not_rewritten_by_section_j(assessment: Api) -> None:
    case_id, _, plan_id = await issued(assessment)
    before = (await assessment.ok("GET", f"/v1/plans/{plan_id}"))["current"]
    await _deliver(assessment, _section_j(case_id, plan_id, 1, "J text"), "ev-2")
    after = (await assessment.ok("GET", f"/v1/plans/{plan_id}"))["current"]
    assert after == before and "J" not in after["sections"]
