"""Shared steps for plan tests: an assessment up to a draft and a final plan."""

from __future__ import annotations

from typing import Any

from tests.assessment.conftest import Api

SECTIONS = {"A": "Amara loves drawing.\n\nShe wants to be an artist.",
            "B": "Speech, language and communication needs.",
            "C": "No health needs related to SEN.", "D": "None.",
            "E": "By July 2027 Amara will use short sentences.",
            "F": "Weekly speech and language therapy <30 min>.", "G": "None.",
            "H1": "None.", "H2": "None.", "K": "Education advice, December 2025."}
DRAFT: dict[str, Any] = {"sections": SECTIONS, "advice_listed": ["education"],
                         "sent_on": "2026-01-05"}
FINAL = {"sections": SECTIONS, "advice_listed": ["education"], "issued_on": "2026-02-02",
         "section_i": {"setting_name": "Oak Primary", "setting_type": "mainstream_school"}}


async def drafted(api: Api, born_on: str = "2019-03-14",
                  draft: dict | None = None) -> tuple[str, str, str]:
    """(case, request, plan): received 6 Oct 2025, draft served 5 Jan 2026."""
    case_id, request_id = await api.assessing(born_on, received_on="2025-10-06",
                                              decided_on="2025-11-10")
    advice = await api.ok("POST", f"/v1/requests/{request_id}/advice-requests", 201, json={
        "advice_type": "education", "requested_on": "2025-11-11"})
    await api.ok("POST", f"/v1/advice-requests/{advice['id']}/advice", json={
        "received_on": "2025-12-01", "author": "Oak Primary SENCo", "summary": "..."})
    plan = await api.ok("POST", f"/v1/requests/{request_id}/plans", 201, json=draft or DRAFT)
    return case_id, request_id, plan["id"]


async def issued(api: Api, born_on: str = "2019-03-14",
                 draft: dict | None = None) -> tuple[str, str, str]:
    """As `drafted`, then the final plan issued on 2 February 2026 (only section I named)."""
    case_id, request_id, plan_id = await drafted(api, born_on, draft)
    await api.ok("POST", f"/v1/plans/{plan_id}/final",
                 json={k: FINAL[k] for k in ("issued_on", "section_i")})
    return case_id, request_id, plan_id
