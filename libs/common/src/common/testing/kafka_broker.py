"""A Kafka-protocol broker for tests: librdkafka's mock cluster, in a child process.

No Kafka broker can be installed on the development machines, so tests talk to the
mock cluster built into librdkafka (reached through `confluent-kafka`). It runs in
a child process that prints its bootstrap string and then waits until its stdin
closes; aiokafka connects to it over TCP like to any broker.

    python -m common.testing.kafka_broker      # one in the foreground (make run-kafka)

The mock supports produce (idempotent, acks=all), one-member consumer groups,
manual commits and topic auto-creation; it does not support a second group member
or admin CreateTopics. Set KAFKA_BOOTSTRAP_SERVERS to use a real cluster instead.
"""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator

import pytest

NUM_BROKERS = 3
START_TIMEOUT_S = 30.0

_CHILD_SCRIPT = r"""
import sys
from confluent_kafka import Producer

producer = Producer({
    "test.mock.num.brokers": int(sys.argv[1]),
    "client.id": "sendsys-mock-kafka",
    "log_level": 4,
})
brokers = producer.list_topics(timeout=10).brokers.values()
print(",".join(sorted(f"{b.host}:{b.port}" for b in brokers)), flush=True)
try:
    while sys.stdin.read(1):
        pass
except KeyboardInterrupt:
    pass
"""


def _read_bootstrap(proc: subprocess.Popen[str], timeout_s: float) -> str:
    """The first line the child prints ('' if it dies or stays silent that long)."""
    stdout = proc.stdout
    assert stdout is not None
    lines: list[str] = []
    reader = threading.Thread(target=lambda: lines.append(stdout.readline()), daemon=True)
    reader.start()
    reader.join(timeout_s)
    return lines[0].strip() if lines else ""


def _stopper(proc: subprocess.Popen[str]) -> Callable[[], None]:
    def stop() -> None:
        if proc.stdin is not None and not proc.stdin.closed:
            with contextlib.suppress(OSError):
                proc.stdin.close()  # the child exits when its stdin closes
        try:
            proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout is not None:
            proc.stdout.close()

    return stop


def start_mock_kafka(num_brokers: int = NUM_BROKERS) -> tuple[str, Callable[[], None]]:
    """Start a mock cluster in a child process; return (bootstrap servers, stop).
    `stop` is idempotent."""
    proc = subprocess.Popen(  # noqa: S603 - our own interpreter and script
        [sys.executable, "-c", _CHILD_SCRIPT, str(num_brokers)],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    stop = _stopper(proc)
    bootstrap = _read_bootstrap(proc, START_TIMEOUT_S)
    if not bootstrap:
        proc.kill()
        stop()
        raise RuntimeError(f"mock Kafka broker did not start (exit code {proc.returncode})")
    return bootstrap, stop


@contextlib.contextmanager
def mock_kafka(num_brokers: int = NUM_BROKERS) -> Iterator[str]:
    """`with mock_kafka() as bootstrap:` — a mock cluster for the block's duration."""
    bootstrap, stop = start_mock_kafka(num_brokers)
    try:
        yield bootstrap
    finally:
        stop()


@pytest.fixture(scope="session")
def kafka_bootstrap() -> Iterator[str]:
    """Bootstrap servers of a Kafka-protocol broker: KAFKA_BOOTSTRAP_SERVERS if set,
    else a mock cluster started for the session."""
    configured = os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    if configured:
        yield configured
        return
    with mock_kafka() as bootstrap:
        yield bootstrap


def main() -> None:
    """Run one mock cluster in the foreground; print its bootstrap string."""
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    bootstrap, stop = start_mock_kafka()
    print(bootstrap, flush=True)
    print("mock Kafka cluster running; Ctrl-C to stop", file=sys.stderr, flush=True)
    try:
        threading.Event().wait()
    except KeyboardInterrupt:
        pass
    finally:
        stop()


if __name__ == "__main__":
    main()
