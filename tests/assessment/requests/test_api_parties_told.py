"""R1.3 over the HTTP API: when the LA considers a request it tells the health commissioning
body, its social care team and the setting (Regs reg 4(2)); they are told its decision
whether to assess (reg 5(2)); a decision not to issue a plan goes to the commissioning body
and the setting (reg 10(2)). Each event names them in `notify`."""

from __future__ import annotations

import pytest

from tests.assessment.conftest import Api

ICB = {"kind": "icb", "org_code": "QKK", "name": "NHS South East London ICB"}
SOCIAL_CARE = {"kind": "social_care", "org_code": "201", "name": "Social care, LA 201"}
SETTING = {"kind": "setting", "org_code": "100001", "name": "Oak Primary"}


@pytest.mark.parametrize("event_type, parties", [
    ("send.assessment.request.received.v1", [ICB, SOCIAL_CARE, SETTING]),  # reg 4(2)
    ("send.assessment.decision.made.v1", [ICB, SOCIAL_CARE, SETTING]),  # reg 5(2)
    ("send.assessment.plan.refused.v1", [ICB, SETTING]),  # reg 10(2)
])
async def test_R1_3_the_parties_told_at_each_step(api: Api, event_type: str,
                                                 parties: list[dict[str, str]]) -> None:
    _, request_id = await api.assessing(received_on="2025-10-06", decided_on="2025-11-10")
    await api.ok("POST", f"/v1/requests/{request_id}/no-plan-decision", json={
        "decided_on": "2026-01-20", "reasons": "needs met at SEN support"})
    event = (await api.events(event_type))[-1]["data"]
    assert event["notify"] == parties


async def test_R1_3_without_a_setting_or_icb_social_care_is_still_told(api: Api) -> None:
    case_id = await api.case(setting_name=None, setting_urn=None, icb_org_code=None,
                             icb_name=None)
    await api.request(case_id)
    event = (await api.events("send.assessment.request.received.v1"))[-1]["data"]
    assert event["notify"] == [SOCIAL_CARE]
