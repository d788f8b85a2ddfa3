"""Event latency: outbox commit -> consumer effect committed, p50/p99, on Postgres.

    uv run python -m bench.event_latency         # BENCH_EVENTS=400 BENCH_RATE=20

The assessment and mediation runtimes run in this process with their background tasks
(`ServiceRuntime.start(background=True)`: relay, consumer), settings as deployed (relay
poll 50 ms, consumer poll 100 ms). At a steady BENCH_RATE per second, a unit of work in
assessment commits a `send.assessment.decision.appealable.v1` event (a refusal to assess);
mediation's consumer opens a mediation case for it. The latency of one event is from just
after assessment's commit returns to just after mediation's effect (mediation case row,
deadline, its own outbox row, the processed-event row) has committed, taken by wrapping
the consumer's `handle_once`.

Three runs, each on its own throwaway database:
- embedded: the embedded bus, producer and consumer in one process (as `sendsys dev`), so
  the in-process doorbell wakes the relay and the consumer at once;
- embedded-polling: the same with the doorbell silenced, as when producer and consumer
  are separate processes on one Postgres (the relay and consumer only poll);
- kafka: the Kafka backend against librdkafka's mock cluster (3 brokers, 127.0.0.1).
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import time
import uuid
from collections.abc import Iterator
from datetime import date
from typing import Any

from bench._common import (
    dump_tasks,
    figure,
    percentile,
    print_figures,
    this_command,
    throwaway_database,
    wait_until,
    write_result,
)

NAME = "event_latency"
EVENTS = int(os.environ.get("BENCH_EVENTS", "400"))
RATE = float(os.environ.get("BENCH_RATE", "20"))
TIMEOUT_S = 150.0
TARGET_P99_MS = {"embedded": 250.0, "embedded-polling": 250.0, "kafka": 500.0}
LA = "201"


@contextlib.contextmanager
def doorbell_silenced(silence: bool) -> Iterator[None]:
    """Producer and consumer in separate processes share no doorbell: only polling is left."""
    if not silence:
        yield
        return
    import common.db.uow as uow_module
    import common.messaging.relay as relay_module
    saved = uow_module.ring, relay_module.ring
    uow_module.ring = relay_module.ring = lambda channel: None  # type: ignore[assignment]
    try:
        yield
    finally:
        uow_module.ring, relay_module.ring = saved


async def measure(database_url: str, bus: str, bootstrap: str = "") -> dict[str, Any]:
    try:
        async with asyncio.timeout(TIMEOUT_S):
            return await _measure(database_url, bus, bootstrap)
    except TimeoutError:
        dump_tasks()
        raise


async def _measure(database_url: str, bus: str, bootstrap: str = "") -> dict[str, Any]:
    from assessment.contracts import DECISION_APPEALABLE, AppellantV1, DecisionAppealableV1
    from common.clock import SystemClock
    from common.messaging.envelope import subject_for_case
    from common.runtime import ServiceRuntime
    from common.settings import Settings
    from sendsys.services import spec_for

    settings = Settings(env="test", database_url=database_url, bus=bus,  # type: ignore[arg-type]
                        kafka_bootstrap_servers=bootstrap or "127.0.0.1:1",
                        sweep_interval_s=0, log_level="WARNING")
    clock = SystemClock()
    assessment = ServiceRuntime(spec_for("assessment"), settings, clock)
    mediation = ServiceRuntime(spec_for("mediation"), settings, clock)
    assert mediation.consumer is not None
    committed: dict[str, float] = {}
    effected: dict[str, float] = {}
    all_done = asyncio.Event()
    expected = EVENTS + 1  # + the warm-up event
    original = mediation.consumer.handle_once

    async def timed_handle_once(event: Any, handler: Any, data: Any) -> str:
        outcome = await original(event, handler, data)
        if outcome == "done":
            effected[data.decision_id] = time.perf_counter()
            if len(effected) >= expected:
                all_done.set()
        return outcome

    mediation.consumer.handle_once = timed_handle_once  # type: ignore[method-assign]
    published: dict[str, float] = {}
    fetched: dict[str, float] = {}
    original_publish = assessment.publisher.publish

    async def timed_publish(messages: Any) -> int:
        sent = await original_publish(messages)
        now = time.perf_counter()
        for message in messages[:sent]:
            published[_decision_id(message.value)] = now
        return sent

    assessment.publisher.publish = timed_publish  # type: ignore[method-assign]
    original_subscription = mediation.make_subscription

    def timed_subscription() -> Any:
        subscription = original_subscription()
        original_fetch = subscription.fetch

        async def timed_fetch(*args: Any, **kwargs: Any) -> Any:
            records = await original_fetch(*args, **kwargs)
            now = time.perf_counter()
            for record in records:
                fetched.setdefault(_decision_id(record.value), now)
            return records

        subscription.fetch = timed_fetch  # type: ignore[method-assign]
        return subscription

    mediation.make_subscription = timed_subscription  # type: ignore[method-assign]
    today = date.today()

    async def commit_one() -> str:
        case_id, decision_id = str(uuid.uuid4()), str(uuid.uuid4())
        async with assessment.unit_of_work() as uow:
            uow.emit(DECISION_APPEALABLE, DecisionAppealableV1(
                case_id=case_id, decision_id=decision_id, decision_kind="refuse_assessment",
                decided_on=today, notified_on=today,
                appellants=[AppellantV1(name="Ngozi Bench", email="ngozi@example.org")]),
                subject=subject_for_case(case_id), la_code=LA)
            await uow.commit()
            committed[decision_id] = time.perf_counter()
        return decision_id

    await assessment.start(background=True)
    try:
        # Warm up: the first event creates the topic (Kafka) before mediation subscribes.
        warm = await commit_one()
        await _wait_published(assessment)
        await mediation.start(background=True)
        await wait_until(lambda: warm in effected, 60, "consuming the warm-up event")
        interval = 1 / RATE
        started = time.perf_counter()
        for n in range(EVENTS):
            delay = started + n * interval - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            await commit_one()
        sent_s = time.perf_counter() - started
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(all_done.wait(), 60)
    finally:
        await mediation.stop()
        await assessment.stop()
    measured = [d for d in committed if d in effected and d != warm]
    latencies = [(effected[d] - committed[d]) * 1000 for d in measured]
    stages = {
        "commit_to_published": [(published[d] - committed[d]) * 1000 for d in measured
                                if d in published],
        "published_to_fetched": [(fetched[d] - published[d]) * 1000 for d in measured
                                 if d in published and d in fetched],
        "fetched_to_effect": [(effected[d] - fetched[d]) * 1000 for d in measured
                              if d in fetched],
    }
    breakdown = {name: {"p50_ms": percentile(v, 50), "p99_ms": percentile(v, 99)}
                 for name, v in stages.items()}
    return {"bus": bus, "events": EVENTS, "rate_per_s": RATE, "sent_in_s": sent_s,
            "effected": len(latencies), "p50_ms": percentile(latencies, 50),
            "p99_ms": percentile(latencies, 99), "max_ms": max(latencies, default=0.0),
            "mean_ms": sum(latencies) / len(latencies) if latencies else 0.0,
            "breakdown": breakdown}


def _decision_id(value: bytes) -> str:
    try:
        return str(json.loads(value)["data"].get("decision_id", ""))
    except (ValueError, KeyError, AttributeError):
        return ""


async def _wait_published(runtime: Any, timeout_s: float = 30) -> None:
    async def published() -> bool:
        backlog, _ = await runtime.relay.backlog()
        return backlog == 0
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if await published():
            return
        await asyncio.sleep(0.05)
    raise RuntimeError("the relay did not publish the warm-up event")


def run_one(mode: str) -> dict[str, Any]:
    with throwaway_database() as url:
        if mode == "kafka":
            from common.testing.kafka_broker import mock_kafka
            with mock_kafka() as bootstrap:
                result = asyncio.run(measure(url, "kafka", bootstrap))
            result["broker"] = "librdkafka mock cluster, 3 brokers"
        else:
            with doorbell_silenced(mode == "embedded-polling"):
                result = asyncio.run(measure(url, "embedded"))
    result["mode"] = mode
    return result


MODES = tuple(os.environ.get("BENCH_MODES", "embedded,embedded-polling,kafka").split(","))


def run(modes: tuple[str, ...] = MODES) -> dict[str, Any]:
    me = this_command(f"bench.{NAME}")
    runs = {mode: run_one(mode) for mode in modes}
    figures = []
    for mode, r in runs.items():
        target = TARGET_P99_MS[mode]
        complete = r["effected"] == r["events"]
        figures.append(figure(f"{mode}: commit -> effect p50", r["p50_ms"], "ms", command=me))
        figures.append(figure(f"{mode}: commit -> effect p99", r["p99_ms"], "ms",
                              target=f"< {target:.0f} ms", ok=complete and r["p99_ms"] < target,
                              command=me))
    return {"figures": figures, "runs": runs,
            "ok": all(f["ok"] for f in figures if f["ok"] is not None)}


def main() -> None:
    result = run()
    path = write_result(NAME, result)
    print_figures(NAME, result["figures"])
    for mode, r in result["runs"].items():
        print(f"  ({mode}: {r['effected']}/{r['events']} effects, {r['rate_per_s']:.0f}/s for "
              f"{r['sent_in_s']:.1f}s, mean {r['mean_ms']:.1f} ms, max {r['max_ms']:.1f} ms)")
        print("    stages p50/p99 ms: " + ", ".join(
            f"{k} {v['p50_ms']:.0f}/{v['p99_ms']:.0f}" for k, v in r["breakdown"].items()))
    print(f"  results: {path}")


if __name__ == "__main__":
    main()
