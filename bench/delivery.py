"""Delivery: sustained webhook + email delivery rate to local receivers, and the delay from
the producing event's commit to the receiver's arrival at that rate (p50/p99), on Postgres.

    uv run python -m bench.delivery              # BENCH_DELIVERY_BURST=600 BENCH_DURATION_S=20

The assessment runtime (producer: unit of work -> outbox -> relay -> embedded bus) and the
notifications runtime (consumer -> delivery rows; its background delivery worker sends
them) run in this process with their background tasks, settings as deployed (relay poll
50 ms, consumer poll 100 ms, delivery worker poll 200 ms, batch 50, 8 lanes at once).
The receivers are real and on 127.0.0.1: an SMTP server (common.testing.smtp, aiosmtpd in
its own thread) and a webhook receiver (uvicorn, its own thread). The ICB `QWE` subscribes
a webhook endpoint for advice requests through the notifications API; 20 caseworkers have
their own addresses in the directory; the allow-list lets webhooks reach 127.0.0.1.

Events alternate: `send.assessment.deadline.approaching.v1` (-> the caseworker's email,
plus an in-app inbox item that is not a send) and `send.assessment.advice.requested.v1`
for the ICB (-> one signed webhook; one endpoint, so these go one at a time, in order).
Every event has a case of its own, which the email body and the webhook payload carry, so
each arrival is matched to its commit.

1. Capacity: BENCH_DELIVERY_BURST events committed at once (100 a transaction); the
   sustained delivery rate is the messages received / the time from the first commit to
   the last arrival.
2. Steady: for BENCH_DURATION_S, events at BENCH_DELIVERY_RATE per second (default: 60 %
   of the capacity measured in 1, as events, i.e. one message each), one commit each.
   Per message: from just after the producing commit returns to its arrival at the
   receiver. p50/p99 overall and per channel, the achieved delivery rate, and a split of
   the delay at the delivery row's creation (commit -> row: relay, bus, consumer; row ->
   arrival: the delivery worker and the send).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import re
import socket
import threading
import time
import uuid
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from typing import Any

from bench._common import (
    LOCALHOST,
    dump_tasks,
    figure,
    percentile,
    print_figures,
    this_command,
    throwaway_database,
    wait_until,
    write_result,
)

NAME = "delivery"
BURST = int(os.environ.get("BENCH_DELIVERY_BURST", "600"))
DURATION_S = float(os.environ.get("BENCH_DURATION_S", "20"))
RATE = float(os.environ.get("BENCH_DELIVERY_RATE", "0"))  # 0: 60 % of the measured capacity
TIMEOUT_S = 240.0
LA = "201"
ICB = "QWE"
CASEWORKERS = 20
ADVICE = "send.assessment.advice.requested.v1"
CASE_IN_BODY = re.compile(r"case ([0-9a-f-]{36})")


class Arrivals:
    """Arrival times by case id, from both receivers' threads."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.at: dict[str, tuple[str, float]] = {}
        self.duplicates = 0

    def record(self, case_id: str, channel: str) -> None:
        now = time.perf_counter()
        with self.lock:
            if case_id in self.at:
                self.duplicates += 1
            else:
                self.at[case_id] = (channel, now)

    def count(self) -> int:
        with self.lock:
            return len(self.at)


def smtp_server(arrivals: Arrivals) -> Any:
    from common.testing.smtp import SmtpTestServer

    class TimedSmtp(SmtpTestServer):
        async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:  # noqa: N802
            reply = await super().handle_DATA(server, session, envelope)
            body = self.messages[-1].get_content()
            found = CASE_IN_BODY.search(body)
            if reply.startswith("250") and found:
                arrivals.record(found.group(1), "email")
            return reply

    return TimedSmtp(LOCALHOST).start()


@contextlib.contextmanager
def webhook_receiver(arrivals: Arrivals) -> Iterator[str]:
    """A uvicorn app on 127.0.0.1 in its own thread and loop; yields its URL."""
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import PlainTextResponse
    from starlette.routing import Route

    async def hook(request: Request) -> PlainTextResponse:
        body = json.loads(await request.body())
        arrivals.record(body["data"]["case_id"], "webhook")
        return PlainTextResponse("ok")

    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.bind((LOCALHOST, 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(Starlette(routes=[Route("/hook", hook,
                                                                   methods=["POST"])]),
                                           log_level="warning", lifespan="off",
                                           access_log=False))
    thread = threading.Thread(target=lambda: asyncio.run(server.serve(sockets=[sock])),
                              name="webhook-receiver", daemon=True)
    thread.start()
    for _ in range(500):
        if server.started:
            break
        time.sleep(0.01)
    try:
        yield f"http://{LOCALHOST}:{port}/hook"
    finally:
        server.should_exit = True
        thread.join(10)
        sock.close()


def headers(settings: Any, *roles: str, org: str | None = None) -> dict[str, str]:
    from common.auth import mint_token
    token = mint_token(settings, la_code=LA, roles=roles, subject="bench", org_code=org,
                       now=datetime.now(UTC))
    return {"Authorization": f"Bearer {token}"}


async def measure(database_url: str) -> dict[str, Any]:
    try:
        async with asyncio.timeout(TIMEOUT_S):
            return await _measure(database_url)
    except TimeoutError:
        dump_tasks()
        raise


async def _measure(database_url: str) -> dict[str, Any]:
    import httpx

    from assessment.contracts import ADVICE_REQUESTED, AdviceRequestedV1, RecipientV1
    from common.clock import SystemClock
    from common.deadline_alerts import DeadlineApproachingV1, DeadlineOwner, approaching_type
    from common.runtime import ServiceRuntime
    from common.settings import Settings
    from common.web import create_service_app
    from notifications.delivery.tables import delivery
    from notifications.settings import NotificationsSettings
    from notifications.state import configure
    from sendsys.services import spec_for

    arrivals = Arrivals()
    smtp = smtp_server(arrivals)
    with webhook_receiver(arrivals) as hook_url:
        settings = Settings(env="test", database_url=database_url, sweep_interval_s=0,
                            log_level="WARNING")
        clock = SystemClock()
        assessment = ServiceRuntime(spec_for("assessment"), settings, clock)
        notifications = ServiceRuntime(spec_for("notifications"), settings, clock)
        own = NotificationsSettings(webhook_allow_hosts=[LOCALHOST], smtp_host=LOCALHOST,
                                    smtp_port=smtp.port,
                                    la_team_emails={LA: "sen-team@la201.test"},
                                    la_manager_emails={LA: "sen-manager@la201.test"})
        configure(notifications, own)
        app = create_service_app(notifications.spec, settings, clock, runtime=notifications)
        committed: dict[str, tuple[float, float]] = {}  # case id -> (perf_counter, wall)
        today = date.today()
        deadline_type = approaching_type("assessment")
        counter = iter(range(10**9))

        def emit_one(uow: Any) -> str:
            n = next(counter)
            case_id = str(uuid.uuid4())
            if n % 2:
                uow.emit(ADVICE_REQUESTED, AdviceRequestedV1(
                    case_id=case_id, advice_request_id=str(uuid.uuid4()), advice_type="health",
                    recipient=RecipientV1(kind="icb", org_code=ICB, name="NHS Example ICB"),
                    due_on=today + timedelta(weeks=6), requested_on=today),
                    subject=f"case/{case_id}", la_code=LA)
            else:
                uow.emit(deadline_type, DeadlineApproachingV1(
                    case_id=case_id, deadline_id=str(uuid.uuid4()),
                    deadline_kind="decide_whether_to_assess", due_on=today + timedelta(days=14),
                    days_left=14, working_days_left=10,
                    owner=DeadlineOwner(team="north", caseworker_id=f"cw-{n % CASEWORKERS}")),
                    subject=f"case/{case_id}", la_code=LA)
            return case_id

        async def commit(count: int) -> None:
            async with assessment.unit_of_work() as uow:
                cases = [emit_one(uow) for _ in range(count)]
                await uow.commit()
            now, wall = time.perf_counter(), time.time()
            for case_id in cases:
                committed[case_id] = (now, wall)

        await assessment.start(background=True)
        await notifications.start(background=True)
        try:
            async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app),
                                         base_url="http://notifications.test") as client:
                r = await client.post("/v1/webhooks", headers=headers(settings, "health",
                                                                      org=ICB),
                                      json={"url": hook_url, "event_types": [ADVICE]})
                r.raise_for_status()
                for n in range(CASEWORKERS):
                    r = await client.put(f"/v1/directory/caseworker/cw-{n}",
                                         headers=headers(settings, "la_manager"),
                                         json={"email": f"cw{n}@la201.test"})
                    r.raise_for_status()
            # Warm up: one of each, end to end.
            await commit(2)
            await wait_until(lambda: arrivals.count() >= 2, 60,
                             "the arrival of the warm-up messages")
            # 1. Capacity.
            burst_started = time.perf_counter()
            burst_cases = []
            for start in range(0, BURST, 100):
                before = set(committed)
                await commit(min(100, BURST - start))
                burst_cases += [c for c in committed if c not in before]
            await wait_until(lambda: all(c in arrivals.at for c in burst_cases), 180,
                             "the arrival of the burst's messages")
            last = max(arrivals.at[c][1] for c in burst_cases)
            capacity = len(burst_cases) / (last - burst_started)
            # 2. Steady rate.
            rate = RATE or round(0.6 * capacity, 1)
            steady_cases: list[str] = []
            interval = 1 / rate
            started = time.perf_counter()
            n = 0
            while time.perf_counter() - started < DURATION_S:
                delay = started + n * interval - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
                before = len(committed)
                await commit(1)
                steady_cases.append(next(reversed(committed)))
                assert len(committed) == before + 1
                n += 1
            sent_s = time.perf_counter() - started
            with contextlib.suppress(RuntimeError):
                await wait_until(lambda: all(c in arrivals.at for c in steady_cases), 60,
                                 "the arrival of the steady phase's messages")
            async with notifications.engine.connect() as conn:
                from sqlalchemy import select
                rows = (await conn.execute(select(
                    delivery.c.case_id, delivery.c.channel, delivery.c.created_at,
                    delivery.c.status, delivery.c.attempts))).mappings().all()
        finally:
            await notifications.stop()
            await assessment.stop()
            smtp.stop()
    created = {r["case_id"]: r["created_at"].timestamp() for r in rows
               if r["channel"] in ("email", "webhook")}
    delivered = [c for c in steady_cases if c in arrivals.at]
    latency = {c: (arrivals.at[c][1] - committed[c][0]) * 1000 for c in delivered}
    by_channel: dict[str, list[float]] = {"email": [], "webhook": []}
    for c in delivered:
        by_channel[arrivals.at[c][0]].append(latency[c])
    to_row = [(created[c] - committed[c][1]) * 1000 for c in delivered if c in created]
    row_to_arrival = [latency[c] - (created[c] - committed[c][1]) * 1000 for c in delivered
                      if c in created]
    arrivals_in_steady = sorted(arrivals.at[c][1] for c in delivered)
    span = (arrivals_in_steady[-1] - started) if arrivals_in_steady else 0.0
    values = list(latency.values())
    return {
        "capacity": {"events": len(burst_cases), "msgs_per_s": capacity,
                     "seconds": last - burst_started},
        "steady": {"rate_per_s": rate, "events": len(steady_cases), "sent_in_s": sent_s,
                   "delivered": len(delivered), "msgs_per_s": len(delivered) / span
                   if span else 0.0,
                   "p50_ms": percentile(values, 50), "p99_ms": percentile(values, 99),
                   "max_ms": max(values, default=0.0),
                   "by_channel": {ch: {"n": len(v), "p50_ms": percentile(v, 50),
                                       "p99_ms": percentile(v, 99)}
                                  for ch, v in by_channel.items()},
                   "commit_to_row": {"p50_ms": percentile(to_row, 50),
                                     "p99_ms": percentile(to_row, 99)},
                   "row_to_arrival": {"p50_ms": percentile(row_to_arrival, 50),
                                      "p99_ms": percentile(row_to_arrival, 99)}},
        "duplicates": arrivals.duplicates,
        "deliveries": {"rows": len(rows), "sent": sum(r["status"] == "sent" for r in rows),
                       "retried": sum(r["attempts"] > 1 for r in rows),
                       "by_channel": {ch: sum(r["channel"] == ch for r in rows)
                                      for ch in ("email", "webhook", "in_app")}},
        "settings": {"relay_poll_s": settings.relay_poll_s,
                     "consumer_poll_ms": settings.consumer_poll_ms,
                     "worker_poll_s": own.poll_s, "worker_batch": own.batch_size,
                     "worker_concurrency": own.concurrency},
    }


def run() -> dict[str, Any]:
    with throwaway_database() as url:
        result = asyncio.run(measure(url))
    steady = result["steady"]
    me = this_command(f"bench.{NAME}")
    complete = steady["delivered"] == steady["events"] and result["duplicates"] == 0
    figures = [
        figure("sustained delivery rate (burst)", result["capacity"]["msgs_per_s"], "msgs/s",
               command=me),
        figure(f"steady {steady['rate_per_s']:.0f} events/s: delivered", steady["msgs_per_s"],
               "msgs/s", ok=complete, command=me),
        figure("commit -> arrival p50", steady["p50_ms"], "ms", command=me),
        figure("commit -> arrival p99", steady["p99_ms"], "ms", command=me),
    ]
    return {"figures": figures, **result, "ok": complete}


def main() -> None:
    result = run()
    path = write_result(NAME, result)
    print_figures(NAME, result["figures"])
    cap, steady, d = result["capacity"], result["steady"], result["deliveries"]
    print(f"  (burst: {cap['events']} events -> {cap['events']} messages in "
          f"{cap['seconds']:.1f}s; steady: {steady['delivered']}/{steady['events']} delivered "
          f"at {steady['rate_per_s']:.1f} events/s for {steady['sent_in_s']:.0f}s, max "
          f"{steady['max_ms']:.0f} ms; duplicates {result['duplicates']})")
    print("  per channel p50/p99 ms: " + ", ".join(
        f"{ch} {v['p50_ms']:.0f}/{v['p99_ms']:.0f} (n={v['n']})"
        for ch, v in steady["by_channel"].items()))
    print(f"  split p50/p99 ms: commit -> delivery row {steady['commit_to_row']['p50_ms']:.0f}/"
          f"{steady['commit_to_row']['p99_ms']:.0f}, row -> arrival "
          f"{steady['row_to_arrival']['p50_ms']:.0f}/{steady['row_to_arrival']['p99_ms']:.0f}")
    print(f"  (delivery rows {d['rows']:,}: {d['by_channel']}, sent {d['sent']:,}, retried "
          f"{d['retried']}; settings {result['settings']})")
    print(f"  results: {path}")


if __name__ == "__main__":
    main()
