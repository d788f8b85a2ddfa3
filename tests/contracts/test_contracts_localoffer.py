"""The localoffer service's published events (EVENTS.md, localoffer table): every
registered type has a sample payload under samples/localoffer/<type>.json, every sample
validates against its registered model, carries the EVENTS.md minimum and round-trips
without loss. And what it consumes: its tolerant-reader model parses budgets' sample of
the personal budget policy (R7.4)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from budgets.contracts import registry as budgets_registry
from localoffer.contracts import registry
from localoffer.policy.consumers import handlers
from sendsys.services import SPECS
from tests.contracts.published import assert_sample_round_trips, assert_samples_match_registry

SAMPLES = Path(__file__).parent / "samples" / "localoffer"
BUDGETS_SAMPLES = Path(__file__).parent / "samples" / "budgets"

# EVENTS.md, the `data (minimum)` column of the localoffer table (plus the platform's
# deadline events every service with deadlines publishes)
MINIMUM = {
    "send.localoffer.entry.published.v1": {"entry_id", "la_code", "title", "categories",
                                           "version"},
    "send.localoffer.feedback.received.v1": {"feedback_id", "la_code", "received_on"},
    "send.localoffer.review.due.v1": {"la_code", "due_on"},
    "send.localoffer.deadline.approaching.v1": {"case_id", "deadline_id", "deadline_kind",
                                                "due_on", "days_left", "owner"},
    "send.localoffer.deadline.missed.v1": {"case_id", "deadline_id", "deadline_kind",
                                           "due_on", "days_overdue", "owner"},
}


def test_every_registered_type_has_a_sample_and_a_documented_minimum() -> None:
    assert_samples_match_registry(SAMPLES, registry, MINIMUM)


@pytest.mark.parametrize("event_type", sorted(MINIMUM))
def test_sample_validates_and_round_trips(event_type: str) -> None:
    assert_sample_round_trips(SAMPLES, registry, MINIMUM, event_type)


def test_review_due_for_the_offer_as_a_whole_has_no_entry() -> None:
    """`entry_id?` in EVENTS.md: without it the offer as a whole is due (R8.3's yearly
    review); a date that is not one is refused."""
    model = registry.model_for("send.localoffer.review.due.v1")
    assert model is not None
    sample = json.loads((SAMPLES / "send.localoffer.review.due.v1.json").read_text())
    sample.pop("entry_id")
    assert model.model_validate(sample).model_dump(exclude_none=True).keys() == {
        "la_code", "due_on", "days_left"}
    with pytest.raises(ValueError):
        model.model_validate(sample | {"due_on": "02/03/2027"})


def test_entry_published_names_its_categories_as_term_codes() -> None:
    model = registry.model_for("send.localoffer.entry.published.v1")
    assert model is not None
    sample = json.loads((SAMPLES / "send.localoffer.entry.published.v1.json").read_text())
    with pytest.raises(ValueError):
        model.model_validate(sample | {"categories": "leisure"})


# --- what localoffer consumes: budgets' published policy ----------------------------------

HANDLERS = handlers()


def test_every_consumed_type_is_published_by_budgets_with_a_sample() -> None:
    assert set(HANDLERS) == {"send.budgets.policy.published.v1"}
    assert set(HANDLERS) <= set(budgets_registry.models)
    for event_type in HANDLERS:
        assert (BUDGETS_SAMPLES / f"{event_type}.json").exists(), event_type


@pytest.mark.parametrize("event_type", sorted(HANDLERS))
def test_localoffer_consumer_models_parse_budgets_samples(event_type: str) -> None:
    sample = json.loads((BUDGETS_SAMPLES / f"{event_type}.json").read_text())
    parsed = HANDLERS[event_type].model.model_validate(sample)
    # tolerant reader: every field localoffer reads comes from the producer's payload
    assert set(parsed.model_dump(exclude_none=True)) <= set(sample)


def test_no_other_service_consumes_local_offer_events_yet() -> None:
    """The local offer's events have one consumer today, the policy consumer above
    (redelivery: tests/localoffer/policy/test_policy_consumer.py). A service that starts
    listening to localoffer must add its contract and redelivery tests with this list."""
    listeners = {name for name, make in SPECS.items()
                 if "localoffer" in make().consumes_from}
    assert listeners == set()
