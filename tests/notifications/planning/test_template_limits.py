"""Issue 11 item 5: templates cannot hurt the service. The sandbox limits loops, recursion
and output; an LA template renders in a worker process under a CPU-time limit; a
recursive macro previewed is a 422, a template that loops for ever is refused at save,
and one that fails at send time falls back to the default and alerts the LA."""

from __future__ import annotations

import pytest
from sqlalchemy import insert

from notifications.planning.sandbox import render_untrusted
from notifications.planning.tables import template_override
from notifications.planning.templates import (
    DefaultTemplate,
    RenderLimitExceeded,
    render,
)
from tests.harness import System
from tests.notifications.notifications_support import (
    consume,
    deadline_data,
    deliveries,
    envelope,
    send_due,
    staff_token,
)

RECURSIVE = "{% macro r(n) %}{{ r(n + 1) }}{% endmacro %}{{ r(0) }}"
NESTED_RANGES = "{% for i in range(200) %}{% for j in range(200) %}.{% endfor %}{% endfor %}"
CPU_BOUND = ('{% for a in "x" * 100000 %}{% for b in "x" * 100000 %}'
             "{% endfor %}{% endfor %}")
APPROACHING = "send.assessment.deadline.approaching.v1"


@pytest.mark.parametrize(("source", "why"), [
    (NESTED_RANGES, "range items"),
    (RECURSIVE, "recurses"),
    ('{{ "x" * 100000 }}{{ "x" * 100000 }}{{ "x" * 100000 }}', "exceeds"),
])
def test_sandbox_limits(source: str, why: str) -> None:
    with pytest.raises(RenderLimitExceeded, match=why):
        render(source, {})


async def test_worker_process_stops_a_render_past_its_cpu_time() -> None:
    with pytest.raises(RenderLimitExceeded, match="CPU"):
        await render_untrusted(DefaultTemplate("s", CPU_BOUND), {}, cpu_s=0.3,
                               max_chars=1000)
    message = await render_untrusted(DefaultTemplate("Hi {{ n }}", "x"), {"n": 1}, cpu_s=1,
                                     max_chars=1000)
    assert message.subject == "Hi 1"  # the worker is still (or again) there


@pytest.mark.parametrize("body", [RECURSIVE, NESTED_RANGES])
async def test_preview_and_save_of_a_runaway_template_are_422(pg_system: System,
                                                              body: str) -> None:
    client = pg_system.clients["notifications"]
    headers = staff_token(pg_system, "cw-1")
    preview = await client.post("/v1/templates/preview", headers=headers, json={
        "event_type": APPROACHING, "audience": "caseworker", "subject": "s", "body": body})
    assert preview.status_code == 422, preview.text
    assert preview.json()["rule"] == "notifications.template-renders"
    saved = await client.put(f"/v1/templates/{APPROACHING}/caseworker/email",
                             headers=headers, json={"subject": "s", "body": body})
    assert saved.status_code == 422, saved.text
    assert (await client.get("/healthz")).status_code == 200


async def test_save_checks_every_audience_sample(pg_system: System) -> None:
    """A body that needs a recipient name fails on the staff sample (no name)."""
    client = pg_system.clients["notifications"]
    saved = await client.put(
        f"/v1/templates/{APPROACHING}/caseworker/email", headers=staff_token(pg_system, "c"),
        json={"subject": "s", "body": "{{ recipient_name.upper() }}"})
    assert saved.status_code == 422, saved.text


async def test_a_template_failing_at_send_time_falls_back_and_alerts(
        pg_system: System, smtp_server) -> None:
    runtime = pg_system.runtimes["notifications"]
    async with runtime.unit_of_work() as uow:  # saved before the checks existed
        await uow.connection.execute(insert(template_override).values(
            la_code="201", event_type=APPROACHING, audience="caseworker", channel="email",
            subject="Due", body=RECURSIVE, version=1, updated_at=uow.clock.now()))
        await uow.commit()
    data = deadline_data(caseworker_id=None)
    assert await consume(pg_system, envelope(APPROACHING, data)) == "done"  # not dead letters
    [notice] = await deliveries(pg_system, channel="email", audience="caseworker")
    assert "recurses" in notice["last_error"]
    await send_due(pg_system)
    subjects = [m["Subject"] for m in smtp_server.messages]
    assert any("Monday 13 April 2026" in s for s in subjects)  # the default text went
    assert any("LA template" in s for s in subjects)  # and the LA's admins were told
