"""Contracts of the notifications service: every event it publishes has a sample that its
registered model accepts; every event it consumes parses with its consumer models (its own
minimal samples, and the producers' samples where they exist)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from common.messaging.envelope import CloudEvent
from notifications import contracts
from notifications.consumers import handlers
from notifications.planning import routing

SAMPLES = Path(__file__).parent / "samples"
PUBLISHED = sorted((SAMPLES / "notifications").glob("*.json"))
CONSUMED = sorted((SAMPLES / "consumed_by_notifications").glob("*.json"))


class _Runtime:
    """Just enough of a runtime for building the handler table."""

    settings = None


HANDLERS = handlers(_Runtime())


def _load(path: Path) -> CloudEvent:
    return CloudEvent.model_validate(json.loads(path.read_text()))


def test_notifications_every_published_type_has_a_sample() -> None:
    assert {_load(p).type for p in PUBLISHED} == set(contracts.registry.models)


@pytest.mark.parametrize("path", PUBLISHED, ids=lambda p: p.name)
def test_notifications_published_samples_validate(path: Path) -> None:
    event = _load(path)
    assert event.source == "sendsys/notifications"
    model = contracts.registry.model_for(event.type)
    assert model is not None
    model.model_validate(event.data)


def test_notifications_every_consumed_type_has_a_sample() -> None:
    assert {_load(p).type for p in CONSUMED} == set(HANDLERS)
    assert set(routing.routed_event_types()) <= set(HANDLERS)


@pytest.mark.parametrize("path", CONSUMED, ids=lambda p: p.name)
def test_notifications_consumer_models_parse_samples(path: Path) -> None:
    event = _load(path)
    HANDLERS[event.type].model.model_validate(event.data)


def _producer_samples() -> list[Path]:
    found = []
    for path in sorted(SAMPLES.glob("*/**/*.json")):
        if path.parent.name in ("notifications", "consumed_by_notifications"):
            continue
        try:
            doc = json.loads(path.read_text())
        except ValueError:
            continue
        if isinstance(doc, dict) and doc.get("type") in HANDLERS and "data" in doc:
            found.append(path)
    return found


def test_notifications_consumer_models_parse_producer_samples() -> None:
    """Producers' samples (CloudEvents JSON under samples/<producer>/) of the types we
    consume, as they appear."""
    for path in _producer_samples():
        doc = json.loads(path.read_text())
        HANDLERS[doc["type"]].model.model_validate(doc["data"])


def test_notifications_consumer_models_parse_producer_models() -> None:
    """The producers' own registered models, where they exist, emit what we can read."""
    from common.deadline_alerts import DeadlineApproachingV1, DeadlineMissedV1
    approaching = DeadlineApproachingV1.model_validate(
        json.loads((SAMPLES / "consumed_by_notifications" /
                    "assessment.deadline.approaching.v1.json").read_text())["data"])
    HANDLERS["send.assessment.deadline.approaching.v1"].model.model_validate(
        approaching.model_dump(mode="json"))
    missed = DeadlineMissedV1.model_validate(json.loads((
        SAMPLES / "consumed_by_notifications" / "budgets.deadline.missed.v1.json").read_text())
        ["data"])
    HANDLERS["send.budgets.deadline.missed.v1"].model.model_validate(missed.model_dump(mode="json"))


def _producer_model(event_type: str):
    from sendsys.services import SPECS
    producer = event_type.split(".")[1]
    return SPECS[producer]().registry.model_for(event_type) if producer in SPECS else None


# Consumed types whose producer does not publish them yet (budgets is a shell until its
# issue): our sample is checked against our own model above, not against a producer's.
NOT_YET_PRODUCED = [p for p in CONSUMED if _producer_model(_load(p).type) is None]
PRODUCED = [p for p in CONSUMED if p not in NOT_YET_PRODUCED]


def test_only_budgets_events_lack_a_producer_model() -> None:
    assert {_load(p).type.split(".")[1] for p in NOT_YET_PRODUCED} <= {"budgets"}


@pytest.mark.parametrize("path", PRODUCED, ids=lambda p: p.name)
def test_notifications_samples_match_the_producers_models(path: Path) -> None:
    """Our sample is one the producer could emit, and what it emits (as JSON, without
    nulls, as the outbox writes it) parses with our model."""
    event = _load(path)
    model = _producer_model(event.type)
    emitted = model.model_validate(event.data).model_dump(mode="json", exclude_none=True)
    HANDLERS[event.type].model.model_validate(emitted)
