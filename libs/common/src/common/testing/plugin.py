"""The sendsys pytest plugin: Postgres, the Kafka-protocol broker, an SMTP server, a fixed
clock and bearer tokens. Enabled with `-p common.testing.plugin`."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from common.clock import FixedClock
from common.testing.kafka_broker import kafka_bootstrap  # noqa: F401
from common.testing.postgres import postgres_database  # noqa: F401
from common.testing.smtp import smtp_server  # noqa: F401


@pytest.fixture
def fixed_clock() -> FixedClock:
    """Monday 2 March 2026, 09:00 UTC: a working day well away from bank holidays."""
    return FixedClock(datetime(2026, 3, 2, 9, 0, tzinfo=UTC))
