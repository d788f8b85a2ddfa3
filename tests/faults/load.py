"""The load of the fault suite: caseworkers walking families through the first statutory
steps over real HTTP (keep-alive connections), retrying through faults as a well-behaved
client does — the same Idempotency-Key for a create, a look at the request before
deciding again — and recording every answer with its timing."""

from __future__ import annotations

import asyncio
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import httpx

from common.auth import mint_token
from common.clock import SystemClock
from common.settings import Settings
from common.testing.waiting import eventually
from tests.harness import LA

RETRY_FOR_S = 150.0  # a killed service is back once its process has started again


@dataclass(frozen=True)
class Answer:
    service: str
    method: str
    path: str
    status: int | None       # None: no answer (connection refused, reset, closed)
    error: str
    started: float           # the event loop's clock
    ended: float


@dataclass
class Family:
    number: int
    case_id: str = ""
    request_id: str = ""
    decided: bool = False

    @property
    def parent_email(self) -> str:
        return f"parent-{self.number}@example.org"


@dataclass
class Caseworker:
    """HTTP clients for each service (one keep-alive connection pool each)."""

    urls: dict[str, str]
    tag: str
    answers: list[Answer] = field(default_factory=list)
    clients: dict[str, httpx.AsyncClient] = field(default_factory=dict)
    headers: dict[str, str] = field(default_factory=dict)

    async def __aenter__(self) -> Caseworker:
        token = mint_token(Settings(env="test"), la_code=LA, roles=("la_caseworker",),
                           now=SystemClock().now())
        self.headers = {"Authorization": f"Bearer {token}"}
        for name, url in self.urls.items():
            self.clients[name] = httpx.AsyncClient(base_url=url, timeout=30)
        return self

    async def __aexit__(self, *_: object) -> None:
        for client in self.clients.values():
            await client.aclose()

    async def call(self, service: str, method: str, path: str,
                   **options: Any) -> httpx.Response | None:
        loop = asyncio.get_running_loop()
        started = loop.time()
        headers = {**self.headers, **options.pop("headers", {})}
        try:
            response = await self.clients[service].request(method, path, headers=headers,
                                                           **options)
        except httpx.TransportError as exc:
            self.answers.append(Answer(service, method, path, None, type(exc).__name__,
                                       started, loop.time()))
            return None
        self.answers.append(Answer(service, method, path, response.status_code, "",
                                   started, loop.time()))
        return response

    async def until_answered(self, service: str, method: str, path: str,
                             done: Callable[[httpx.Response], Awaitable[bool] | bool]
                             = lambda r: r.status_code < 500,
                             **options: Any) -> httpx.Response:
        """The call, repeated (same body and headers) until `done` holds for an answer."""
        async def attempt() -> httpx.Response | None:
            response = await self.call(service, method, path, **dict(options))
            if response is None:
                return None
            verdict = done(response)
            if not isinstance(verdict, bool):
                verdict = await verdict
            return response if verdict else None

        return await eventually(attempt, timeout=RETRY_FOR_S, interval=0.1,
                                message=f"{method} {path} never succeeded")

    # -- the steps --------------------------------------------------------------------------

    async def open_case(self, family: Family) -> None:
        key = {"Idempotency-Key": f"{self.tag}-case-{family.number}"}
        created = await self.until_answered("assessment", "POST", "/v1/cases", headers=key,
                                            json=self.case_body(family))
        assert created.status_code in (200, 201), created.text
        family.case_id = created.json()["id"]

    def case_body(self, family: Family) -> dict[str, Any]:
        return {"given_name": f"Child{family.number}", "family_name": self.tag,
                "date_of_birth": "2019-03-14", "caseworker_id": "cw-17", "team": "north",
                "contacts": [{"role": "parent", "name": f"Parent {family.number}",
                              "email": family.parent_email, "preferred_channel": "email"}]}

    async def record_request(self, family: Family) -> None:
        key = {"Idempotency-Key": f"{self.tag}-request-{family.number}"}
        recorded = await self.until_answered(
            "assessment", "POST", f"/v1/cases/{family.case_id}/requests", headers=key,
            json={"requester_type": "parent", "received_on": date.today().isoformat()})
        assert recorded.status_code in (200, 201), recorded.text
        family.request_id = recorded.json()["id"]

    async def refuse(self, family: Family) -> None:
        """Decide (refuse to assess). A decision carries no Idempotency-Key: after an
        unanswered attempt, a refusal is only sent again if the request is still open."""
        path = f"/v1/requests/{family.request_id}"

        async def decided(response: httpx.Response) -> bool:
            if response.status_code == 200:
                return True
            if response.status_code >= 500:
                return False
            current = await self.until_answered("assessment", "GET", path)
            return bool(current.json()["status"] == "refused")

        await self.until_answered("assessment", "POST", f"{path}/decision", done=decided,
                                  json={"decision": "refuse",
                                        "decided_on": date.today().isoformat()})
        family.decided = True

    async def walk(self, family: Family) -> None:
        await self.open_case(family)
        await self.record_request(family)
        await self.refuse(family)

    async def walk_all(self, families: list[Family], lanes: int = 3) -> None:
        """Every family through the steps, `lanes` at a time."""
        queue: asyncio.Queue[Family] = asyncio.Queue()
        for family in families:
            queue.put_nowait(family)

        async def lane() -> None:
            while not queue.empty():
                await self.walk(queue.get_nowait())

        await asyncio.gather(*(lane() for _ in range(lanes)))


def families(count: int) -> list[Family]:
    return [Family(number) for number in range(count)]


def run_tag(scenario: str) -> str:
    return f"{scenario}{uuid.uuid4().hex[:6]}"
