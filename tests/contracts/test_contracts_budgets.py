"""The budgets service's published events (EVENTS.md, budgets table): every registered type
has a sample under samples/budgets/<type>.json that validates, carries the EVENTS.md minimum
and round-trips; money is integer pence. And what it consumes: its tolerant-reader models
parse assessment's samples of those types."""

from __future__ import annotations

import json
from pathlib import Path
from typing import cast

import pytest

from assessment.contracts import registry as assessment_registry
from budgets.consumers import handlers
from budgets.contracts import registry
from common.runtime import ServiceRuntime
from tests.contracts.published import assert_sample_round_trips, assert_samples_match_registry

SAMPLES = Path(__file__).parent / "samples" / "budgets"
ASSESSMENT_SAMPLES = Path(__file__).parent / "samples" / "assessment"

# EVENTS.md, the `data (minimum)` column of the budgets table
MINIMUM = {
    "send.budgets.policy.published.v1": {"la_code", "policy_id", "version", "published_on",
                                         "summary"},
    "send.budgets.request.received.v1": {"case_id", "budget_request_id", "received_on"},
    "send.budgets.decision.made.v1": {"case_id", "budget_request_id", "decision",
                                      "decided_on"},
    "send.budgets.section_j.prepared.v1": {"case_id", "section_j"},
    "send.budgets.setting_agreement.requested.v1": {"case_id", "setting", "requested_on"},
    "send.budgets.deadline.approaching.v1": {"case_id", "deadline_id", "deadline_kind",
                                             "due_on", "days_left", "owner"},
    "send.budgets.deadline.missed.v1": {"case_id", "deadline_id", "deadline_kind", "due_on",
                                        "days_overdue", "owner"},
}


def test_every_registered_type_has_a_sample_and_a_documented_minimum() -> None:
    assert_samples_match_registry(SAMPLES, registry, MINIMUM)


@pytest.mark.parametrize("event_type", sorted(MINIMUM))
def test_sample_validates_and_round_trips(event_type: str) -> None:
    assert_sample_round_trips(SAMPLES, registry, MINIMUM, event_type)


@pytest.mark.parametrize("amount", [12.5, -1, "100"])
def test_money_in_events_is_integer_pence(amount: object) -> None:
    model = registry.model_for("send.budgets.decision.made.v1")
    assert model is not None
    sample = json.loads((SAMPLES / "send.budgets.decision.made.v1.json").read_text())
    with pytest.raises(ValueError):
        model.model_validate(sample | {"total_pence": amount})


def test_notifications_reads_the_setting_agreement_sample() -> None:
    from notifications.consumers import SettingAgreementRequested
    sample = json.loads((SAMPLES / "send.budgets.setting_agreement.requested.v1.json")
                        .read_text())
    assert SettingAgreementRequested.model_validate(sample).setting.urn == "123456"


HANDLERS = handlers(cast(ServiceRuntime, None))  # the table only; no handler runs here


def test_every_consumed_type_is_published_by_assessment_with_a_sample() -> None:
    assert set(HANDLERS) <= set(assessment_registry.models)
    for event_type in HANDLERS:
        assert (ASSESSMENT_SAMPLES / f"{event_type}.json").exists(), event_type


@pytest.mark.parametrize("event_type", sorted(HANDLERS))
def test_budgets_consumer_models_parse_assessment_samples(event_type: str) -> None:
    sample = json.loads((ASSESSMENT_SAMPLES / f"{event_type}.json").read_text())
    parsed = HANDLERS[event_type].model.model_validate(sample)
    assert set(parsed.model_dump(exclude_none=True)) <= set(sample)
