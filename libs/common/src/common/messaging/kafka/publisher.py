"""`KafkaPublisher`, the relay's bus publisher on an idempotent aiokafka producer, and the
headers of every record it writes (common.messaging.kafka)."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Sequence
from typing import Any

from aiokafka import AIOKafkaProducer
from aiokafka.errors import KafkaError

from common.messaging.bus import OutgoingMessage
from common.messaging.kafka.connection import _PING_TIMEOUT_S, _Backoff

log = logging.getLogger(__name__)

CLOUDEVENTS_STRUCTURED = "application/cloudevents+json"
#: the headers of every record: structured-mode CloudEvents
RECORD_HEADERS = [("content-type", CLOUDEVENTS_STRUCTURED.encode())]


def _retrieve_exception(fut: asyncio.Future[Any]) -> None:
    """Mark a delivery future's exception as seen (it is logged where it matters)."""
    if not fut.cancelled():
        fut.exception()


def _delivered_prefix(futures: Sequence[asyncio.Future[Any]]) -> int:
    """How many leading delivery futures resolved successfully."""
    count = 0
    for fut in futures:
        if not fut.done() or fut.cancelled() or fut.exception() is not None:
            break
        count += 1
    return count


async def _close_producer(producer: AIOKafkaProducer, flush_timeout_s: float) -> None:
    """Close a producer. `stop()` first flushes pending batches, which never ends while
    the broker is away; after a failed publish those batches must not go out later,
    behind the relay's back. So without a flush timeout (or past it) stop the sender,
    fail whatever is pending, then close."""
    if flush_timeout_s > 0:
        try:
            await asyncio.wait_for(producer.stop(), flush_timeout_s)
            return
        except (TimeoutError, KafkaError, OSError) as err:
            log.warning("kafka producer did not flush in time (%r); dropping what is pending", err)
    sender = getattr(producer, "_sender", None)
    if sender is not None:
        with contextlib.suppress(Exception):
            await asyncio.wait_for(sender.close(), 1.0)
    accumulator = getattr(producer, "_message_accumulator", None)
    if accumulator is not None:
        accumulator.fail_all(KafkaError("producer discarded"))
    with contextlib.suppress(Exception):
        if getattr(producer, "_closed", True):
            await asyncio.wait_for(producer.client.close(), 1.0)
        else:
            await asyncio.wait_for(producer.stop(), 1.0)


class KafkaPublisher:
    """`BusPublisher` on an idempotent aiokafka producer.

    `publish` enqueues the messages in order, then awaits their delivery reports in
    order and returns the length of the delivered prefix. A failure, or no report
    within `delivery_timeout_ms` (an idempotent producer retries forever), discards
    the producer; the next call builds a new one.
    """

    def __init__(
        self,
        bootstrap_servers: str,
        client_id: str,
        *,
        delivery_timeout_ms: int = 15_000,
        request_timeout_ms: int = 10_000,
        connect_timeout_ms: int = 10_000,
        linger_ms: int = 5,
        connection: dict[str, Any] | None = None,
    ) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._connection = connection or {}
        self._client_id = client_id
        self._delivery_timeout_s = delivery_timeout_ms / 1000
        self._request_timeout_ms = request_timeout_ms
        self._connect_timeout_s = connect_timeout_ms / 1000
        self._linger_ms = linger_ms
        self._producer: AIOKafkaProducer | None = None
        self._backoff = _Backoff()
        self._lock = asyncio.Lock()
        self._stopped = False

    async def start(self) -> None:
        """Connect if the broker is there; if not, log and connect on the first publish."""
        self._stopped = False
        async with self._lock:
            await self._ensure_producer(force=True)

    async def stop(self) -> None:
        self._stopped = True
        async with self._lock:
            await self._drop_producer(flush_timeout_s=self._delivery_timeout_s)

    async def publish(self, messages: Sequence[OutgoingMessage]) -> int:
        if not messages:
            return 0
        async with self._lock:
            producer = await self._ensure_producer(force=False)
            if producer is None:
                return 0
            delivered, failed = await self._deliver(producer, messages)
            if failed:
                await self._drop_producer(flush_timeout_s=0)
            return delivered

    async def ping(self) -> bool:
        """True when cluster metadata can be fetched within about two seconds."""
        try:
            async with asyncio.timeout(_PING_TIMEOUT_S):
                producer = self._producer
                if producer is None:
                    async with self._lock:
                        producer = await self._ensure_producer(force=False)
                if producer is None:
                    return False
                await producer.client.fetch_all_metadata()
                return True
        except (TimeoutError, KafkaError, OSError) as err:
            log.debug("kafka ping failed: %r", err)
            return False

    async def _deliver(
        self, producer: AIOKafkaProducer, messages: Sequence[OutgoingMessage]
    ) -> tuple[int, bool]:
        """(delivered prefix length, whether the producer must be discarded)."""
        futures: list[asyncio.Future[Any]] = []
        error: BaseException | None = None
        try:
            async with asyncio.timeout(self._delivery_timeout_s):
                try:
                    for message in messages:
                        fut = await producer.send(
                            message.topic, message.value, key=message.key.encode("utf-8"),
                            headers=RECORD_HEADERS,
                        )
                        fut.add_done_callback(_retrieve_exception)
                        futures.append(fut)
                except KafkaError as err:  # not enqueued; what was may still arrive
                    error = err
                for fut in futures:
                    await asyncio.shield(fut)
        except (TimeoutError, KafkaError, OSError) as err:
            error = err
        delivered = _delivered_prefix(futures)
        if error is None or delivered == len(messages):
            return delivered, False
        log.error(
            "kafka publish stopped at outbox id %s (%d of %d delivered): %r",
            messages[delivered].outbox_id,
            delivered,
            len(messages),
            error,
        )
        return delivered, True

    async def _ensure_producer(self, *, force: bool) -> AIOKafkaProducer | None:
        """The live producer, or a new one; None while the broker is unreachable.
        Without `force`, a reconnect is attempted only when the backoff allows."""
        if self._producer is not None or self._stopped:
            return self._producer
        if not force and not self._backoff.due():
            return None
        producer = AIOKafkaProducer(
            bootstrap_servers=self._bootstrap_servers,
            client_id=self._client_id,
            acks="all",
            enable_idempotence=True,
            request_timeout_ms=self._request_timeout_ms,
            linger_ms=self._linger_ms,
            **self._connection,
        )
        try:
            await asyncio.wait_for(producer.start(), self._connect_timeout_s)
        except (TimeoutError, KafkaError, OSError) as err:
            log.warning("kafka producer cannot connect to %s: %r", self._bootstrap_servers, err)
            self._backoff.failed()
            await _close_producer(producer, 0)
            return None
        except asyncio.CancelledError:  # e.g. ping's deadline
            self._backoff.failed()
            await asyncio.shield(_close_producer(producer, 0))
            raise
        self._backoff.succeeded()
        self._producer = producer
        return producer

    async def _drop_producer(self, *, flush_timeout_s: float) -> None:
        producer, self._producer = self._producer, None
        if producer is not None:
            await _close_producer(producer, flush_timeout_s)
