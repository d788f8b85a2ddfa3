"""The embedded bus on SQLite is durable: consumer positions survive a restart of the whole
system (no redelivery of handled events), and new events still flow afterwards."""

from __future__ import annotations

from common.clock import FixedClock
from tests.harness import System
from tests.harness import test_settings as settings_for
from tests.platform.platform_support import (
    backlog,
    count,
    emit_appealable,
    mediation_cases,
    put_raw_outbox_row,
    rows,
    running,
)


async def test_positions_survive_a_restart_on_sqlite(sqlite_url: str,
                                                     fixed_clock: FixedClock) -> None:
    settings = settings_for(sqlite_url)
    first = System(settings, fixed_clock)
    async with running(first):
        case_id = await emit_appealable(first.runtimes["assessment"])
        await put_raw_outbox_row(first.runtimes["assessment"], "poison")
        mediation = first.runtimes["mediation"]

        async def past_both() -> bool:  # every outbox relayed, every consumer caught up
            for runtime in first.runtimes.values():
                if await backlog(runtime):
                    return False
                if runtime.subscription is not None and await runtime.subscription.lag():
                    return False
            return await _opened(first, case_id)

        await first.settle(past_both)
        before = await rows(mediation, mediation.spec.tables.consumer_position)
        assert [r["position"] for r in before] == [2]

    second = System(settings, fixed_clock)
    async with running(second):
        mediation = second.runtimes["mediation"]
        assert mediation.subscription is not None
        assert await mediation.subscription.lag() == 0
        assert await second.pump() == 0  # nothing handled is delivered again
        assert await mediation_cases(second) == 1
        assert await count(mediation, mediation.spec.tables.dead_letter) == 1
        assert await count(mediation, mediation.spec.tables.processed_event) == 1

        later = await emit_appealable(second.runtimes["assessment"])
        await second.settle(lambda: _opened(second, later))
        assert await mediation_cases(second) == 2
        [position] = await rows(mediation, mediation.spec.tables.consumer_position)
        assert position["position"] == 3
        assert len(await second.outbox_events("mediation")) == 2
        assert (await second.outbox_events("mediation"))[1]["data"]["case_id"] == later


async def _opened(system: System, case_id: str) -> bool:
    return await mediation_cases(system, case_id) == 1
