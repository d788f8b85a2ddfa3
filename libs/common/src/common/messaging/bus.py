"""The bus interface. Two backends implement it: `kafka` (aiokafka) and `embedded`
(consumers tail the producers' outbox logs). The relay publishes through a
`BusPublisher`; consumers read through a `BusSubscription`."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol


def topic_for(service: str) -> str:
    """One topic per producing service (EVENTS.md)."""
    return f"send.{service}"


def producer_of(topic: str) -> str:
    """The service whose events `topic` carries (the inverse of `topic_for`)."""
    return topic.removeprefix("send.")


def dead_letter_topic_for(service: str) -> str:
    return f"send.{service}.dlq"


@dataclass(frozen=True, slots=True)
class OutgoingMessage:
    """An outbox row on its way to the bus. `key` is the CloudEvents subject (the case)."""

    outbox_id: int
    topic: str
    key: str
    value: bytes


@dataclass(frozen=True, slots=True)
class IncomingRecord:
    """A record read from the bus. `offset` is the position to commit past."""

    topic: str
    partition: int
    offset: int
    key: str | None
    value: bytes


class BusPublisher(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def publish(self, messages: Sequence[OutgoingMessage]) -> int:
        """Publish in order; return how many leading messages are durably on the bus.

        Never raises for a broker fault: a short count tells the relay to mark only the
        prefix that succeeded and to try the rest again later."""
        ...

    async def ping(self) -> bool: ...


class BusSubscription(Protocol):
    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def fetch(self, max_records: int = 100, timeout_ms: int = 200) -> list[IncomingRecord]:
        """The next records, in order per partition; empty when nothing arrived in time."""
        ...

    async def commit(self, records: Sequence[IncomingRecord]) -> None:
        """Commit the position past each partition's last record in `records`.

        Called only after the records' effects are committed in the consumer's database."""
        ...

    async def lag(self) -> int:
        """Records on the subscribed topics not yet committed by this group (best effort)."""
        ...

    async def rewind(self) -> None:
        """Fetch again from the committed positions (after a batch that failed)."""
        ...
