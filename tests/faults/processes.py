"""The real processes of the fault suite: `sendsys serve <service>` per service on a
Postgres database of the suite's own and the embedded bus, mail to a real SMTP server —
started, killed (`kill -9`) and stopped (SIGTERM) by the test."""

from __future__ import annotations

import asyncio
import json
import os
import signal
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from common.testing.ports import free_port
from common.testing.waiting import eventually
from sendsys.services import SPECS
from tests.harness import LA, MANAGER_EMAIL, TEAM_EMAIL

ROOT = Path(__file__).resolve().parents[2]
# Starting a process imports the whole service (seconds of CPU; more on a loaded machine).
START_TIMEOUT_S = 150.0
STOP_TIMEOUT_S = 90.0


def service_environment(database_url: str, smtp_port: int) -> dict[str, str]:
    """The settings every process of the suite runs with (SENDSYS_* variables)."""
    settings = {
        "ENV": "test", "DATABASE_URL": database_url, "BUS": "embedded",
        "DATABASE_POOL_SIZE": "4", "RELAY_POLL_S": "0.05", "CONSUMER_POLL_MS": "50",
        "SMTP_HOST": "127.0.0.1", "SMTP_PORT": str(smtp_port),
        "LOG_LEVEL": os.environ.get("FAULTS_LOG_LEVEL", "WARNING"),
        "LA_TEAM_EMAILS": json.dumps({LA: TEAM_EMAIL}),
        "LA_MANAGER_EMAILS": json.dumps({LA: MANAGER_EMAIL}),
        # a claim left by a killed sender is resent after two seconds, not two minutes
        "NOTIFICATIONS_CLAIM_LEASE_S": "2", "NOTIFICATIONS_POLL_S": "0.1",
    }
    environment = {name: value for name, value in os.environ.items()
                   if not name.startswith("SENDSYS_")}
    environment.update({f"SENDSYS_{name}": value for name, value in settings.items()})
    return environment


@dataclass
class ServiceProcess:
    name: str
    port: int
    environment: dict[str, str]
    log_path: Path
    process: subprocess.Popen[bytes] | None = None
    exit_codes: list[int] = field(default_factory=list)

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self) -> None:
        with self.log_path.open("ab") as log:
            self.process = subprocess.Popen(  # noqa: S603 - our own interpreter and CLI
                [sys.executable, "-m", "sendsys.cli", "serve", self.name,
                 "--port", str(self.port)],
                env=self.environment, cwd=ROOT, stdout=log, stderr=subprocess.STDOUT)

    async def ready(self) -> None:
        async with httpx.AsyncClient(base_url=self.url, timeout=5) as client:
            async def answers() -> bool:
                assert self.process is not None and self.process.poll() is None, \
                    f"{self.name} exited: {self.log_tail()}"
                try:
                    return (await client.get("/readyz")).status_code == 200
                except httpx.TransportError:
                    return False

            await eventually(answers, timeout=START_TIMEOUT_S, interval=0.1,
                             message=f"{self.name} never became ready")

    async def kill(self) -> int:
        """`kill -9`: no drain, no shutdown."""
        return await self._signal(signal.SIGKILL)

    async def terminate(self) -> int:
        """SIGTERM: drain and exit (0 expected)."""
        return await self._signal(signal.SIGTERM)

    async def _signal(self, sig: signal.Signals) -> int:
        assert self.process is not None
        self.process.send_signal(sig)
        try:
            code = await asyncio.to_thread(self.process.wait, STOP_TIMEOUT_S)
        except subprocess.TimeoutExpired:
            self.process.kill()
            await asyncio.to_thread(self.process.wait)
            raise AssertionError(f"{self.name} did not stop within {STOP_TIMEOUT_S:g} s of "
                                 f"{sig.name}:\n{self.log_tail()}") from None
        self.exit_codes.append(code)
        self.process = None
        return code

    async def restart(self) -> None:
        self.start()
        await self.ready()

    def log_tail(self, lines: int = 30) -> str:
        text = self.log_path.read_text(errors="replace") if self.log_path.exists() else ""
        return "\n".join(text.splitlines()[-lines:])


@dataclass
class FaultSystem:
    """The five services as processes of their own."""

    services: dict[str, ServiceProcess]
    database_url: str

    @classmethod
    def build(cls, database_url: str, smtp_port: int, log_dir: Path) -> FaultSystem:
        environment = service_environment(database_url, smtp_port)
        return cls({name: ServiceProcess(name, free_port(), environment,
                                         log_dir / f"{name}.log") for name in SPECS},
                   database_url)

    async def start(self) -> FaultSystem:
        for service in self.services.values():
            service.start()
        await asyncio.gather(*(service.ready() for service in self.services.values()))
        return self

    async def stop(self) -> None:
        for service in self.services.values():
            if service.process is not None and service.process.poll() is None:
                service.process.kill()
                await asyncio.to_thread(service.process.wait, STOP_TIMEOUT_S)

    def __getitem__(self, name: str) -> ServiceProcess:
        return self.services[name]
