"""`KafkaSubscription`, the consumers' bus subscription on an aiokafka consumer in a
consumer group (common.messaging.kafka)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable, Sequence
from typing import Any

from aiokafka import AIOKafkaConsumer
from aiokafka.errors import ConsumerStoppedError, KafkaError
from aiokafka.structs import ConsumerRecord, TopicPartition

from common.messaging.bus import IncomingRecord
from common.messaging.kafka.connection import _PING_TIMEOUT_S, _Backoff

log = logging.getLogger(__name__)


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
