"""Helpers for the budgets tests: tokens, assessment's events fed through budgets' real
consumer, and the usual steps of a budget's life over HTTP."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Any

import httpx
from sqlalchemy import func, select

from common.messaging.envelope import CloudEvent
from tests.harness import LA, System

SCHOOL_URN = "123456"
CASE = "6d1c2f9a-1111-4000-8000-000000000001"
INFORMED: dict[str, Any] = {"given_on": "2026-03-02", "provision_covered": True,
                            "advice_sources": True, "direct_payment_conditions": True}
CONDITIONS_MET: dict[str, Any] = {"checked_on": "2026-03-02", "used_for_agreed_provision": True,
                  "in_best_interests": True, "no_adverse_impact_on_others": True,
                  "efficient_use_of_resources": True,
                  "recipient_under_justice_requirement": False}


def in_school_dp(annual_pence: int = 520_000) -> dict[str, Any]:
    return {"funding_stream": "education", "provision": "speech and language therapy in "
            "school", "annual_pence": annual_pence, "mechanism": "direct_payment",
            "on_setting_premises": True, "setting_name": "Oak Primary School",
            "setting_urn": SCHOOL_URN, "needs_met": ["speech, language and communication"],
            "outcomes_met": ["to talk with friends at play time"]}


def components() -> list[dict[str, Any]]:
    return [in_school_dp(),
            {"funding_stream": "social_care", "provision": "short breaks",
             "annual_pence": 180_050, "mechanism": "third_party"},
            {"funding_stream": "health", "provision": "community nursing (block contract)",
             "annual_pence": 0, "block_commissioned": True}]


PREPARATION: dict[str, Any] = {"components": components(),
               "outcomes_supported": ["to talk with friends at play time",
                                      "to join a club after school"],
               "flexibility": "the family chooses the therapist and the times of short breaks"}


@dataclass
class Budgets:
    system: System

    @property
    def http(self) -> httpx.AsyncClient:
        return self.system.clients["budgets"]

    def staff(self, la: str = LA) -> dict[str, str]:
        return self.system.token("la_caseworker", la=la)

    def family(self, case_id: str = CASE) -> dict[str, str]:
        return self.system.token("parent", cases=(case_id,))

    def school(self, urn: str = SCHOOL_URN) -> dict[str, str]:
        return self.system.token("provider", org=urn)

    async def feed(self, event_type: str, data: dict[str, Any], *,
                   event_id: str | None = None) -> str:
        """Hand an assessment event to budgets' consumer as the bus would."""
        consumer = self.system.runtimes["budgets"].consumer
        assert consumer is not None
        event = CloudEvent(id=event_id or str(uuid.uuid4()), type=event_type,
                           source="sendsys/assessment", subject=f"case/{data['case_id']}",
                           time=self.system.clock.now(), lacode=LA, data=data)
        handler = consumer.handlers[event_type]
        return await consumer.handle_once(event, handler, handler.model.model_validate(data))

    async def drafted(self, case_id: str = CASE, plan_id: str = "plan-1") -> None:
        """Assessment decided to make a plan: the draft went out (R7.1)."""
        await self.feed("send.assessment.plan.drafted.v1", {
            "case_id": case_id, "plan_id": plan_id, "version": 1, "sent_on": "2026-02-27",
            "comments_due_on": "2026-03-13", "personal_budget_requested": False})

    async def call(self, method: str, path: str, status: int = 200, /, *,
                   headers: dict[str, str] | None = None, **body: Any) -> Any:
        response = await self.http.request(method, path, headers=headers or self.staff(),
                                           json=body if method != "GET" else None)
        assert response.status_code == status, response.text
        return response.json()

    async def requested(self, case_id: str = CASE) -> dict[str, Any]:
        await self.drafted(case_id)
        return await self.call("POST", "/v1/budget-requests", 201,
                               headers=self.family(case_id), case_id=case_id)

    async def prepared(self, preparation: dict[str, Any] | None = None) -> dict[str, Any]:
        budget = await self.requested()
        await self.call("POST", f"/v1/budget-requests/{budget['id']}/information", **INFORMED)
        return await self.call("PUT",
                               f"/v1/budget-requests/{budget['id']}/preparation",
                               **(preparation or PREPARATION))

    async def agreed(self) -> dict[str, Any]:
        budget = await self.prepared()
        return await self.call("POST",
                               f"/v1/budget-requests/{budget['id']}/decision",
                               decision="agreed", decided_on="2026-03-02")

    async def direct_payment(self, budget_id: str) -> dict[str, Any]:
        page = await self.call("GET", f"/v1/direct-payments?budget_id={budget_id}")
        assert page["total"] == 1
        return page["items"][0]

    async def events(self, event_type: str | None = None) -> list[dict[str, Any]]:
        return await self.system.outbox_events("budgets", event_type)

    async def count(self, table: str) -> int:
        runtime = self.system.runtimes["budgets"]
        async with runtime.engine.connect() as conn:
            return int(await conn.scalar(select(func.count()).select_from(
                runtime.spec.metadata.tables[table])) or 0)
