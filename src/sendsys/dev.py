"""`sendsys dev`: all five services in one process, each on its own port, on SQLite files
under var/ and the embedded bus, migrations applied on start."""

from __future__ import annotations

import asyncio
import contextlib
import signal

import uvicorn

from common.clock import clock_for
from common.db.migrations import upgrade
from common.settings import Settings
from common.web import create_service_app
from notifications.settings import NotificationsSettings
from notifications.state import configure
from sendsys.services import DEFAULT_PORTS, SPECS
from sendsys.serving import DRAIN_TIMEOUT_S, SignalFreeServer

DEV_TEAM_EMAILS = {"201": "sen-team@la201.example"}
DEV_MANAGER_EMAILS = {"201": "sen-manager@la201.example"}


def dev_notifications_settings(own: NotificationsSettings) -> NotificationsSettings:
    """The notifications service's own settings, with example LA 201 team and manager
    addresses when none are set (so `make run` shows staff messages)."""
    updates: dict[str, object] = {}
    if not own.la_team_emails:
        updates["la_team_emails"] = DEV_TEAM_EMAILS
    if not own.la_manager_emails:
        updates["la_manager_emails"] = DEV_MANAGER_EMAILS
    return own.model_copy(update=updates)


async def run_dev(host: str, ports: dict[str, int], settings: Settings) -> None:
    clock = clock_for(settings.env, settings.dev_today)
    # SIGTERM or Ctrl-C from the first moment: drain and exit 0 (not killed by the signal)
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for sig in (signal.SIGINT, signal.SIGTERM):
        with contextlib.suppress(NotImplementedError):
            loop.add_signal_handler(sig, stop.set)
    servers = []
    for name, make_spec in SPECS.items():
        spec = make_spec()
        await asyncio.to_thread(upgrade, name, spec.service_root, settings)
        app = create_service_app(spec, settings, clock)
        if name == "notifications":
            configure(app.state.runtime, dev_notifications_settings(NotificationsSettings()))
        config = uvicorn.Config(app, host=host, port=ports[name], log_config=None,
                                timeout_graceful_shutdown=DRAIN_TIMEOUT_S,
                                lifespan="on", access_log=False)
        # one process, five servers: the signals are handled once, here, not in each server
        servers.append((name, SignalFreeServer(config)))
    tasks = [asyncio.create_task(server.serve(), name=name) for name, server in servers]
    while not all(server.started for _, server in servers):
        if stop.is_set() or any(t.done() for t in tasks):
            break
        await asyncio.sleep(0.05)
    print("sendsys dev is running (embedded bus, SQLite under var/). Ctrl-C stops it.",
          flush=True)
    if settings.dev_today:
        print(f"  today is set to {settings.dev_today} (dev clock)", flush=True)
    for name, _ in servers:
        print(f"  {name:<14} http://{host}:{ports[name]}/docs", flush=True)
    done_waiter = asyncio.ensure_future(asyncio.wait(tasks, return_when=asyncio.FIRST_COMPLETED))
    await asyncio.wait([asyncio.ensure_future(stop.wait()), done_waiter],
                       return_when=asyncio.FIRST_COMPLETED)
    for _, server in servers:
        server.should_exit = True
    await asyncio.gather(*tasks, return_exceptions=True)
    print("sendsys dev stopped.", flush=True)


def dev_ports(base_port: int | None) -> dict[str, int]:
    if base_port is None:
        return dict(DEFAULT_PORTS)
    return {name: base_port + n for n, name in enumerate(DEFAULT_PORTS)}
