"""The Kafka bus backend against a Kafka-protocol broker: librdkafka's mock cluster
(or KAFKA_BOOTSTRAP_SERVERS). The mock admits one member per consumer group, so each
group here has one subscription at a time; joining takes the mock about 3 s."""

from __future__ import annotations

import os
import time
import uuid
from collections.abc import AsyncIterator, Callable

import pytest

from common.messaging.bus import BusPublisher, BusSubscription, IncomingRecord, OutgoingMessage
from common.messaging.kafka.publisher import KafkaPublisher
from common.messaging.kafka.subscription import KafkaSubscription
from common.testing.kafka_broker import kafka_bootstrap, start_mock_kafka  # noqa: F401
from common.testing.ports import free_port
from common.testing.waiting import eventually

FETCH_DEADLINE_S = 20.0
# The mock keeps a member that left until its session times out, so the next member
# of the group waits that long to join; a real broker (min 6 s) gets the defaults.
GROUP_TIMEOUTS = (
    {}
    if os.environ.get("KAFKA_BOOTSTRAP_SERVERS")
    else {"session_timeout_ms": 3_000, "heartbeat_interval_ms": 1_000}
)


def _name(prefix: str) -> str:
    return f"{prefix}.{uuid.uuid4().hex[:10]}"


def _messages(
    topic: str, key: str, values: list[bytes], first_id: int = 1
) -> list[OutgoingMessage]:
    return [
        OutgoingMessage(outbox_id=first_id + i, topic=topic, key=key, value=value)
        for i, value in enumerate(values)
    ]


async def _fetch_at_least(sub: KafkaSubscription, count: int) -> list[IncomingRecord]:
    records: list[IncomingRecord] = []

    async def arrived() -> bool:
        records.extend(await sub.fetch(max_records=100, timeout_ms=200))
        return len(records) >= count

    await eventually(arrived, timeout=FETCH_DEADLINE_S,
                     message=f"fewer than {count} records arrived")
    return records


@pytest.fixture
async def publisher(kafka_bootstrap: str) -> AsyncIterator[KafkaPublisher]:  # noqa: F811
    pub = KafkaPublisher(kafka_bootstrap, client_id="test-relay")
    await pub.start()
    yield pub
    await pub.stop()


@pytest.fixture
async def subscribe(
    kafka_bootstrap: str,  # noqa: F811
) -> AsyncIterator[Callable[[str, str], KafkaSubscription]]:
    """Make subscriptions; stop whichever the test left running."""
    made: list[KafkaSubscription] = []

    def make(group: str, topic: str) -> KafkaSubscription:
        sub = KafkaSubscription(
            kafka_bootstrap, group, [topic], client_id=f"test-{group}", **GROUP_TIMEOUTS
        )
        made.append(sub)
        return sub

    yield make
    for sub in made:
        await sub.stop()


def test_backends_satisfy_the_bus_protocols() -> None:
    publisher: BusPublisher = KafkaPublisher("127.0.0.1:9", client_id="x")
    subscription: BusSubscription = KafkaSubscription("127.0.0.1:9", "g", ["t"], client_id="x")
    assert publisher and subscription


async def test_same_key_arrives_in_order(publisher: KafkaPublisher, subscribe) -> None:
    topic, group = _name("send.order"), _name("g")
    sub = subscribe(group, topic)
    await sub.start()  # before the topic exists: the producer creates it later

    sent = await publisher.publish(_messages(topic, "case-1", [b"a", b"b", b"c"]))

    assert sent == 3
    records = await _fetch_at_least(sub, 3)
    assert [r.value for r in records] == [b"a", b"b", b"c"]
    assert {r.key for r in records} == {"case-1"}
    assert len({r.partition for r in records}) == 1
    assert [r.offset for r in records] == sorted(r.offset for r in records)


async def test_new_subscription_resumes_after_the_committed_offset(
    publisher: KafkaPublisher, subscribe
) -> None:
    topic, group = _name("send.resume"), _name("g")
    assert await publisher.publish(_messages(topic, "case-2", [b"1", b"2", b"3"])) == 3
    first = subscribe(group, topic)
    await first.start()
    records = await _fetch_at_least(first, 3)
    await first.commit(records[:2])
    await first.stop()

    assert await publisher.publish(_messages(topic, "case-2", [b"4"], first_id=4)) == 1
    second = subscribe(group, topic)
    await second.start()
    resumed = await _fetch_at_least(second, 2)

    assert [r.value for r in resumed] == [b"3", b"4"]


async def test_uncommitted_records_are_redelivered(publisher: KafkaPublisher, subscribe) -> None:
    topic, group = _name("send.redeliver"), _name("g")
    assert await publisher.publish(_messages(topic, "case-3", [b"x", b"y"])) == 2
    first = subscribe(group, topic)
    await first.start()
    assert [r.value for r in await _fetch_at_least(first, 2)] == [b"x", b"y"]
    await first.stop()  # no commit

    second = subscribe(group, topic)
    await second.start()

    assert [r.value for r in await _fetch_at_least(second, 2)] == [b"x", b"y"]


async def test_lag_counts_uncommitted_records(publisher: KafkaPublisher, subscribe) -> None:
    topic, group = _name("send.lag"), _name("g")
    values = [b"1", b"2", b"3", b"4", b"5"]
    assert await publisher.publish(_messages(topic, "case-4", values)) == 5
    sub = subscribe(group, topic)
    await sub.start()
    records = await _fetch_at_least(sub, 5)

    assert await sub.lag() == 5
    await sub.commit(records[:3])
    assert await sub.lag() == 2
    await sub.commit(records)
    assert await sub.lag() == 0


async def test_rewind_fetches_uncommitted_records_again(
    publisher: KafkaPublisher, subscribe
) -> None:
    topic, group = _name("send.rewind"), _name("g")
    assert await publisher.publish(_messages(topic, "case-6", [b"p", b"q", b"r"])) == 3
    sub = subscribe(group, topic)
    await sub.start()
    records = await _fetch_at_least(sub, 3)
    await sub.commit(records[:1])

    await sub.rewind()

    assert [r.value for r in await _fetch_at_least(sub, 2)] == [b"q", b"r"]


async def test_publish_returns_a_short_count_when_the_broker_is_gone() -> None:
    bootstrap, stop_broker = start_mock_kafka()
    pub = KafkaPublisher(
        bootstrap, client_id="test-gone", delivery_timeout_ms=2_000, connect_timeout_ms=2_000
    )
    topic = _name("send.gone")
    try:
        await pub.start()
        assert await pub.ping() is True
        assert await pub.publish(_messages(topic, "case-7", [b"before"])) == 1

        stop_broker()
        started = time.monotonic()
        sent = await pub.publish(_messages(topic, "case-7", [b"a", b"b", b"c"], first_id=2))

        assert sent == 0
        assert time.monotonic() - started < 10
        assert await pub.ping() is False
        assert await pub.publish(_messages(topic, "case-7", [b"a"], first_id=2)) == 0
    finally:
        await pub.stop()
        stop_broker()


async def test_publish_counts_the_prefix_before_a_failed_message(
    publisher: KafkaPublisher, subscribe
) -> None:
    topic, group = _name("send.prefix"), _name("g")
    too_big = b"x" * 2_000_000  # over the producer's max_request_size
    messages = _messages(topic, "case-10", [b"ok-1", b"ok-2", too_big, b"later"])

    assert await publisher.publish(messages) == 2
    assert await publisher.publish(messages[3:]) == 1  # a fresh producer carries on
    sub = subscribe(group, topic)
    await sub.start()
    assert [r.value for r in await _fetch_at_least(sub, 3)] == [b"ok-1", b"ok-2", b"later"]


async def test_publisher_starts_and_pings_false_without_a_broker() -> None:
    pub = KafkaPublisher(
        f"127.0.0.1:{free_port()}", client_id="test-down", connect_timeout_ms=2_000
    )
    started = time.monotonic()
    await pub.start()
    try:
        assert await pub.ping() is False
        assert await pub.publish(_messages("send.none", "case-8", [b"v"])) == 0
        assert time.monotonic() - started < 8
    finally:
        await pub.stop()


async def test_publisher_reconnects_when_the_broker_comes_back() -> None:
    port = free_port()
    pub = KafkaPublisher(f"127.0.0.1:{port}", client_id="test-later", connect_timeout_ms=2_000)
    await pub.start()
    bootstrap, stop_broker = start_mock_kafka()
    try:
        pub._bootstrap_servers = bootstrap  # the broker "comes back" at a new address
        topic = _name("send.later")
        sent = await eventually(lambda: pub.publish(_messages(topic, "case-9", [b"v"])),
                                timeout=10, interval=0.2, message="never sent")
        assert sent == 1
    finally:
        await pub.stop()
        stop_broker()


async def test_subscription_survives_an_unreachable_broker() -> None:
    sub = KafkaSubscription(
        f"127.0.0.1:{free_port()}",
        "g-down",
        ["send.none"],
        client_id="t",
        connect_timeout_ms=2_000,
    )
    await sub.start()
    try:
        assert await sub.fetch(timeout_ms=50) == []
        await sub.commit([IncomingRecord("send.none", 0, 3, "k", b"v")])
        assert await sub.lag() == 0
    finally:
        await sub.stop()


@pytest.mark.kafka_cluster
@pytest.mark.skipif(
    not os.environ.get("KAFKA_BOOTSTRAP_SERVERS"), reason="needs a real Kafka cluster"
)
async def test_two_members_of_a_group_share_the_partitions(
    publisher: KafkaPublisher, subscribe
) -> None:
    topic, group = _name("send.share"), _name("g")
    assert await publisher.publish(_messages(topic, "case-0", [b"create the topic"])) == 1
    first, second = subscribe(group, topic), subscribe(group, topic)
    await first.start()
    await second.start()
    async def both_assigned() -> bool:
        await first.fetch(timeout_ms=100)
        await second.fetch(timeout_ms=100)
        return bool(first.assignment() and second.assignment())

    await eventually(both_assigned, timeout=60, interval=0, message="not both assigned")
    assert first.assignment().isdisjoint(second.assignment())

    keys = [f"case-{i}" for i in range(1, 41)]
    for i, key in enumerate(keys, start=1):
        assert await publisher.publish(_messages(topic, key, [b"v"], first_id=i)) == 1
    got: dict[str, list[IncomingRecord]] = {"first": [], "second": []}
    async def all_arrived() -> bool:
        got["first"] += await first.fetch()
        got["second"] += await second.fetch()
        return len({r.key for rs in got.values() for r in rs} - {"case-0"}) >= len(keys)

    await eventually(all_arrived, timeout=60, interval=0, message="records did not arrive")

    assert got["first"] and got["second"]
    partitions = [{r.partition for r in records} for records in got.values()]
    assert partitions[0].isdisjoint(partitions[1])
