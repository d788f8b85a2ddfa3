"""The mediation service's published events (EVENTS.md, mediation table): every registered
type has a sample payload under samples/mediation/<type>.json, every sample validates against
its registered model, carries the EVENTS.md minimum, and round-trips without loss. And what it
consumes: its tolerant-reader models parse assessment's samples of those types."""

from __future__ import annotations

import json
from pathlib import Path
from typing import cast

import pytest

from assessment.contracts import registry as assessment_registry
from common.runtime import ServiceRuntime
from mediation.consumers import handlers
from mediation.contracts import registry
from tests.contracts.published import assert_sample_round_trips, assert_samples_match_registry

SAMPLES = Path(__file__).parent / "samples" / "mediation"

# EVENTS.md, the `data (minimum)` column of the mediation table
MINIMUM = {
    "send.mediation.case.opened.v1": {"mediation_case_id", "case_id", "decision_id",
                                      "decision_kind", "decided_on", "contact_adviser_by"},
    "send.mediation.information.sent.v1": {"mediation_case_id", "case_id", "sent_on"},
    "send.mediation.requested.v1": {"mediation_case_id", "case_id", "requested_on",
                                    "must_take_place_by", "parties"},
    "send.mediation.arranged.v1": {"mediation_case_id", "case_id", "session_on", "mediator"},
    "send.mediation.concluded.v1": {"mediation_case_id", "case_id", "concluded_on", "outcome"},
    "send.mediation.certificate.issued.v1": {"mediation_case_id", "case_id", "certificate_no",
                                             "issued_on", "basis", "appeal_by", "recipients"},
    "send.mediation.appeal.registered.v1": {"mediation_case_id", "case_id", "registered_on"},
    "send.mediation.deadline.approaching.v1": {"case_id", "deadline_id", "deadline_kind",
                                               "due_on", "days_left", "owner"},
    "send.mediation.deadline.missed.v1": {"case_id", "deadline_id", "deadline_kind", "due_on",
                                          "days_overdue", "owner"},
}


def test_every_registered_type_has_a_sample_and_a_documented_minimum() -> None:
    assert_samples_match_registry(SAMPLES, registry, MINIMUM)


@pytest.mark.parametrize("event_type", sorted(MINIMUM))
def test_sample_validates_and_round_trips(event_type: str) -> None:
    assert_sample_round_trips(SAMPLES, registry, MINIMUM, event_type)


def test_certificate_issued_carries_exactly_the_events_md_fields() -> None:
    model = registry.model_for("send.mediation.certificate.issued.v1")
    assert model is not None
    assert set(model.model_fields) == MINIMUM["send.mediation.certificate.issued.v1"]
    sample = json.loads((SAMPLES / "send.mediation.certificate.issued.v1.json").read_text())
    for basis in ("not_arranged_in_time", "other"):
        with pytest.raises(ValueError):
            model.model_validate(sample | {"basis": basis})


def test_requested_names_the_commissioning_body_only_as_an_optional_extra() -> None:
    model = registry.model_for("send.mediation.requested.v1")
    assert model is not None
    sample = json.loads((SAMPLES / "send.mediation.requested.v1.json").read_text())
    sample.pop("commissioning_body")
    assert model.model_validate(sample | {"parties": ["la"]})


# --- what mediation consumes: assessment's samples (data payloads) -----------------------

ASSESSMENT_SAMPLES = Path(__file__).parent / "samples" / "assessment"
HANDLERS = handlers(cast(ServiceRuntime, None))  # the table only; no handler runs here


def test_every_consumed_type_is_published_by_assessment_with_a_sample() -> None:
    assert set(HANDLERS) == {
        "send.assessment.case.opened.v1", "send.assessment.decision.appealable.v1",
        "send.assessment.decision.made.v1",
        "send.assessment.plan.refused.v1", "send.assessment.plan.issued.v1"}
    assert set(HANDLERS) <= set(assessment_registry.models)
    for event_type in HANDLERS:
        assert (ASSESSMENT_SAMPLES / f"{event_type}.json").exists(), event_type


@pytest.mark.parametrize("event_type", sorted(HANDLERS))
def test_mediation_consumer_models_parse_assessment_samples(event_type: str) -> None:
    sample = json.loads((ASSESSMENT_SAMPLES / f"{event_type}.json").read_text())
    parsed = HANDLERS[event_type].model.model_validate(sample)
    # tolerant reader: every field mediation reads comes from the producer's payload
    assert set(parsed.model_dump(exclude_none=True)) <= set(sample)
