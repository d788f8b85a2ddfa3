"""What the Kafka publisher and subscription share (common.messaging.kafka): aiokafka's
TLS and SASL options from the settings, the backoff between attempts to connect, and how
long a question to the broker (a ping, the lag) may take."""

from __future__ import annotations

import time
from typing import Any

from aiokafka.helpers import create_ssl_context

from common.settings import Settings

_PING_TIMEOUT_S = 2.0


def connection_options(settings: Settings) -> dict[str, Any]:
    """aiokafka's TLS and SASL options from the settings (nothing for PLAINTEXT)."""
    protocol = settings.kafka_security_protocol
    options: dict[str, Any] = {"security_protocol": protocol}
    if protocol in ("SSL", "SASL_SSL"):
        options["ssl_context"] = create_ssl_context(
            cafile=settings.kafka_ssl_cafile, certfile=settings.kafka_ssl_certfile,
            keyfile=settings.kafka_ssl_keyfile)
    if protocol.startswith("SASL_"):
        password = settings.kafka_sasl_password
        options |= {"sasl_mechanism": settings.kafka_sasl_mechanism,
                    "sasl_plain_username": settings.kafka_sasl_username,
                    "sasl_plain_password": password.get_secret_value() if password else None}
    return options


class _Backoff:
    """When to try connecting again: exponential, capped, reset on success."""

    def __init__(self, initial_s: float = 0.5, maximum_s: float = 10.0) -> None:
        self._initial = initial_s
        self._maximum = maximum_s
        self._delay = initial_s
        self._next_at = 0.0

    def due(self) -> bool:
        return time.monotonic() >= self._next_at

    def failed(self) -> None:
        self._next_at = time.monotonic() + self._delay
        self._delay = min(self._delay * 2, self._maximum)

    def succeeded(self) -> None:
        self._delay = self._initial
        self._next_at = 0.0
