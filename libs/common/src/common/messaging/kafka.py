"""The Kafka bus backend (aiokafka): `KafkaPublisher` for the relay, `KafkaSubscription`
for consumers. Both survive a broker that is down at start or goes away later: they
log, report nothing delivered / nothing fetched, and reconnect lazily.

Practices (STYLE.md 5): idempotent producer with acks=all, recreated after a fatal
error; consumers never auto-commit, start from the earliest offset when the group has
none, and commit `{tp: last offset + 1}` explicitly per partition. Callers commit what
they processed before `stop()` (no revocation callback runs then).

Records follow the structured mode of the CloudEvents Kafka protocol binding
(ARCHITECTURE.md invariant 4): the whole event, JSON, is the value, the record key is
the partition key (the event's subject), and a `content-type:
application/cloudevents+json` header says so, which is what the CloudEvents SDKs for
Java, Go and Knative look for. Consumers read the value either way, so records written
before the header was added are still read.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Iterable, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.errors import ConsumerStoppedError, KafkaError
from aiokafka.helpers import create_ssl_context
from aiokafka.structs import ConsumerRecord, TopicPartition

from common.messaging.bus import IncomingRecord, OutgoingMessage
from common.settings import Settings

log = logging.getLogger(__name__)

_PING_TIMEOUT_S = 2.0
CLOUDEVENTS_STRUCTURED = "application/cloudevents+json"
#: the headers of every record: structured-mode CloudEvents
RECORD_HEADERS = [("content-type", CLOUDEVENTS_STRUCTURED.encode())]


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


class KafkaSubscription:
    """`BusSubscription` on an aiokafka consumer in a consumer group.

    `start` never fails for want of a broker: it logs, and `fetch` retries with a
    backoff. Topics need not exist yet; they are picked up when metadata refreshes
    (every `metadata_max_age_ms`) and read from the earliest offset.

    Fetched but uncommitted records are not fetched again by this subscription; they
    are redelivered after a rebalance or restart, or at once after `rewind()`.
    """

    def __init__(
        self,
        bootstrap_servers: str,
        group_id: str,
        topics: Iterable[str],
        client_id: str,
        *,
        connect_timeout_ms: int = 10_000,
        request_timeout_ms: int = 10_000,
        metadata_max_age_ms: int = 30_000,
        session_timeout_ms: int = 10_000,
        heartbeat_interval_ms: int = 3_000,
        max_poll_interval_ms: int = 300_000,
        fetch_max_wait_ms: int = 100,
        connection: dict[str, Any] | None = None,
    ) -> None:
        self._bootstrap_servers = bootstrap_servers
        self._group_id = group_id
        self._topics = sorted(set(topics))
        self._client_id = client_id
        self._connect_timeout_s = connect_timeout_ms / 1000
        self._consumer_options: dict[str, Any] = {
            "request_timeout_ms": request_timeout_ms,
            "metadata_max_age_ms": metadata_max_age_ms,
            "session_timeout_ms": session_timeout_ms,
            "heartbeat_interval_ms": heartbeat_interval_ms,
            "max_poll_interval_ms": max_poll_interval_ms,
            # statutory events are few and small: answer a fetch as soon as there is
            # anything rather than waiting up to the default 500 ms to fill it
            "fetch_max_wait_ms": fetch_max_wait_ms,
            **(connection or {}),
        }
        self._consumer: AIOKafkaConsumer | None = None
        self._backoff = _Backoff()
        self._last_lag = 0

    async def start(self) -> None:
        if self._consumer is None:
            await self._connect()

    async def stop(self) -> None:
        """Leave the group. Commits nothing: callers commit what they processed first."""
        consumer, self._consumer = self._consumer, None
        if consumer is not None:
            await _stop_consumer(consumer, self._connect_timeout_s)

    async def fetch(self, max_records: int = 100, timeout_ms: int = 200) -> list[IncomingRecord]:
        consumer = self._consumer or await self._reconnect_when_due()
        if consumer is None:
            await asyncio.sleep(timeout_ms / 1000)
            return []
        try:
            batches = await consumer.getmany(timeout_ms=timeout_ms, max_records=max_records)
        except ConsumerStoppedError:  # stop() ran meanwhile
            return []
        except KafkaError as err:
            log.warning("kafka fetch failed for group %s: %r", self._group_id, err)
            if not err.retriable:  # rebuild the consumer rather than fail forever
                await self.stop()
                self._backoff.failed()
            await asyncio.sleep(timeout_ms / 1000)
            return []
        return [_incoming(tp, msg) for tp in sorted(batches) for msg in batches[tp]]

    async def commit(self, records: Sequence[IncomingRecord]) -> None:
        consumer = self._consumer
        offsets = _offsets_past(records)
        if consumer is None or not offsets:
            if offsets:
                log.warning("kafka commit skipped, not connected (redelivery will follow)")
            return
        assigned = consumer.assignment()
        revoked = [tp for tp in offsets if tp not in assigned]
        if revoked:
            log.info("kafka commit skips revoked partitions %s (redelivered elsewhere)", revoked)
        to_commit = {tp: offset for tp, offset in offsets.items() if tp in assigned}
        if not to_commit:
            return
        try:
            await consumer.commit(to_commit)
        except KafkaError as err:  # CommitFailedError after a rebalance, among others
            log.warning("kafka commit failed for group %s: %r", self._group_id, err)

    async def lag(self) -> int:
        """Records on the subscribed topics past this group's committed offsets, summed
        over all partitions (best effort: the last known figure when the broker fails)."""
        consumer = self._consumer
        if consumer is None:
            return self._last_lag
        try:
            async with asyncio.timeout(_PING_TIMEOUT_S * 2):
                self._last_lag = await _group_lag(consumer, self._topics)
        except (TimeoutError, KafkaError, OSError) as err:
            log.debug("kafka lag unavailable for group %s: %r", self._group_id, err)
        return self._last_lag

    def assignment(self) -> set[tuple[str, int]]:
        """The (topic, partition) pairs this member holds now (empty while joining)."""
        consumer = self._consumer
        return {(tp.topic, tp.partition) for tp in consumer.assignment()} if consumer else set()

    async def rewind(self) -> None:
        """Fetch again from the committed offsets (e.g. after a failed batch)."""
        consumer = self._consumer
        if consumer is None:
            return
        for tp in consumer.assignment():
            committed = await consumer.committed(tp)
            if committed is None:
                await consumer.seek_to_beginning(tp)
            else:
                consumer.seek(tp, committed)

    async def _reconnect_when_due(self) -> AIOKafkaConsumer | None:
        if not self._backoff.due():
            return None
        return await self._connect()

    async def _connect(self) -> AIOKafkaConsumer | None:
        consumer = AIOKafkaConsumer(
            bootstrap_servers=self._bootstrap_servers,
            group_id=self._group_id,
            client_id=self._client_id,
            enable_auto_commit=False,
            auto_offset_reset="earliest",
            **self._consumer_options,
        )
        try:
            # start() before subscribe(): start() would otherwise wait for the topics
            # to exist and for the first assignment.
            await asyncio.wait_for(consumer.start(), self._connect_timeout_s)
            consumer.subscribe(topics=self._topics)
        except (TimeoutError, KafkaError, OSError) as err:
            log.warning(
                "kafka consumer for group %s cannot connect to %s: %r",
                self._group_id,
                self._bootstrap_servers,
                err,
            )
            self._backoff.failed()
            await _stop_consumer(consumer, 1.0)
            return None
        self._backoff.succeeded()
        self._consumer = consumer
        return consumer


def _incoming(tp: TopicPartition, msg: ConsumerRecord[bytes, bytes]) -> IncomingRecord:
    return IncomingRecord(
        topic=tp.topic,
        partition=tp.partition,
        offset=msg.offset,
        key=msg.key.decode("utf-8", errors="replace") if msg.key is not None else None,
        value=msg.value if msg.value is not None else b"",
    )


def _offsets_past(records: Sequence[IncomingRecord]) -> dict[TopicPartition, int]:
    """{partition: offset after the last record seen for it}."""
    offsets: dict[TopicPartition, int] = {}
    for record in records:
        tp = TopicPartition(record.topic, record.partition)
        offsets[tp] = max(offsets.get(tp, 0), record.offset + 1)
    return offsets


async def _group_lag(consumer: AIOKafkaConsumer, topics: Sequence[str]) -> int:
    partitions = [
        TopicPartition(topic, p)
        for topic in topics
        for p in sorted(consumer.partitions_for_topic(topic) or ())
    ]
    if not partitions:
        return 0
    ends, starts, *committed = await asyncio.gather(
        consumer.end_offsets(partitions),
        consumer.beginning_offsets(partitions),
        *(consumer.committed(tp) for tp in partitions),
    )
    return sum(
        max(ends[tp] - (done if done is not None else starts[tp]), 0)
        for tp, done in zip(partitions, committed, strict=True)
    )


async def _stop_consumer(consumer: AIOKafkaConsumer, timeout_s: float) -> None:
    try:
        await asyncio.wait_for(consumer.stop(), timeout_s)
    except (TimeoutError, KafkaError, OSError) as err:
        log.warning("kafka consumer did not stop cleanly: %r", err)
