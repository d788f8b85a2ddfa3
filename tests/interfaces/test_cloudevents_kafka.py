"""The CloudEvents Kafka protocol binding, structured mode (ARCHITECTURE.md invariant 4):
what the relay puts on Kafka is read back with the official `cloudevents` SDK's Kafka
binding, as a Java, Go or Knative consumer would read it with its own SDK. Against the
Kafka-protocol test broker."""

from __future__ import annotations

import asyncio
import json
import time
import uuid

from aiokafka import AIOKafkaConsumer, AIOKafkaProducer
from aiokafka.structs import ConsumerRecord, TopicPartition
from cloudevents.core.bindings import kafka as ce_kafka
from cloudevents.core.formats.json import JSONFormat

from common.messaging.bus import IncomingRecord
from common.messaging.envelope import CloudEvent
from common.messaging.kafka.subscription import KafkaSubscription
from tests.harness import System

DEADLINE_S = 20.0


async def _records(bootstrap: str, topic: str, keys: set[bytes],
                   count: int) -> list[ConsumerRecord]:
    """The records of `topic` with one of `keys`, read from the start without a consumer
    group (headers kept); the topic may hold other tests' records too."""
    consumer = AIOKafkaConsumer(bootstrap_servers=bootstrap, enable_auto_commit=False)
    await consumer.start()
    try:
        deadline = time.monotonic() + DEADLINE_S
        partitions: set[int] = set()
        while not partitions and time.monotonic() < deadline:
            await consumer._client.force_metadata_update()
            partitions = consumer.partitions_for_topic(topic) or set()
        consumer.assign([TopicPartition(topic, p) for p in sorted(partitions)])
        await consumer.seek_to_beginning()
        records: list[ConsumerRecord] = []
        while len(records) < count and time.monotonic() < deadline:
            batches = await consumer.getmany(timeout_ms=200)
            records += [r for batch in batches.values() for r in batch if r.key in keys]
        assert len(records) >= count, f"only {len(records)} of {count} records on {topic}"
        return records
    finally:
        await consumer.stop()


def _as_sdk_message(record: ConsumerRecord) -> ce_kafka.KafkaMessage:
    return ce_kafka.KafkaMessage(headers={k: v for k, v in record.headers}, key=record.key,
                                 value=record.value)


async def test_relay_records_are_structured_cloudevents_the_sdk_reads_back(
        kafka_system: System, kafka_bootstrap: str) -> None:
    """Invariant 4: every record the relay sends carries `content-type:
    application/cloudevents+json`, the whole event as its value and the subject as its
    key; the SDK's Kafka reader gives back the outbox event attribute for attribute."""
    staff = kafka_system.token("la_caseworker")
    created = await kafka_system.clients["assessment"].post("/v1/cases", headers=staff, json={
        "given_name": "Zhang", "family_name": "Wěi", "date_of_birth": "2019-03-14",
        "contacts": [{"role": "parent", "name": "Li Na", "email": "li@example.org"}]})
    assert created.status_code == 201, created.text
    outbox = await kafka_system.outbox_events("assessment")
    assert outbox, "opening a case writes an event to the outbox"
    while await kafka_system.runtimes["assessment"].pump():
        pass

    by_id = {event["id"]: event for event in outbox}
    keys = {event["subject"].encode() for event in outbox}
    records = await _records(kafka_bootstrap, "send.assessment", keys, len(outbox))

    assert {json.loads(r.value)["id"] for r in records} == set(by_id)
    for record in records:
        headers = dict(record.headers)
        assert headers["content-type"] == b"application/cloudevents+json"
        assert not any(name.startswith("ce_") for name in headers), "structured, not binary"
        event = ce_kafka.from_kafka(_as_sdk_message(record), JSONFormat())
        attributes = event.get_attributes()
        sent = by_id[attributes["id"]]
        assert attributes["partitionkey"] == sent["subject"] == record.key.decode()
        for name in ("specversion", "type", "source", "subject", "datacontenttype",
                     "lacode", "correlationid"):
            assert attributes[name] == sent[name], name
        assert attributes["time"].isoformat().replace("+00:00", "Z") == \
            sent["time"].replace("+00:00", "Z")
        assert event.get_data() == sent["data"]


async def test_consumers_read_records_with_and_without_the_content_type_header(
        kafka_bootstrap: str) -> None:
    """Records written before the header was added (none) and after (structured mode)
    are read alike by a subscription and parse as the same envelope."""
    topic = f"send.headers.{uuid.uuid4().hex[:8]}"
    event = CloudEvent(id=str(uuid.uuid4()), type="send.assessment.case.opened.v1",
                       source="sendsys/assessment", subject="case/c-1",
                       time="2026-03-02T09:00:00Z", lacode="201", data={"case_id": "c-1"})
    producer = AIOKafkaProducer(bootstrap_servers=kafka_bootstrap)
    await producer.start()
    try:
        await producer.send_and_wait(topic, event.to_bytes(), key=b"case/c-1")
        await producer.send_and_wait(topic, event.to_bytes(), key=b"case/c-1", headers=[
            ("content-type", b"application/cloudevents+json")])
    finally:
        await producer.stop()
    subscription = KafkaSubscription(kafka_bootstrap, f"g.{uuid.uuid4().hex[:8]}", [topic],
                                     client_id="test-headers", session_timeout_ms=3_000,
                                     heartbeat_interval_ms=1_000)
    await subscription.start()
    try:
        records: list[IncomingRecord] = []
        deadline = time.monotonic() + DEADLINE_S
        while len(records) < 2 and time.monotonic() < deadline:
            records += await subscription.fetch(timeout_ms=200)
            await asyncio.sleep(0)
    finally:
        await subscription.stop()

    assert len(records) == 2
    parsed = [CloudEvent.from_bytes(r.value) for r in records]
    assert parsed == [event, event]
    assert json.loads(records[0].value)["data"] == {"case_id": "c-1"}
