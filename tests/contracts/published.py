"""The checks every service's published events get: each registered type has a sample
that carries the documented minimum, validates, and dumps back to itself."""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any


def assert_samples_match_registry(samples: Path, registry: Any,
                                  minimum: Mapping[str, set[str]]) -> None:
    """One sample per registered type, and a documented minimum for each."""
    names = {p.name.removesuffix(".json") for p in samples.glob("*.json")}
    assert names == set(registry.models) == set(minimum)


def assert_sample_round_trips(samples: Path, registry: Any,
                              minimum: Mapping[str, set[str]], event_type: str) -> None:
    sample = json.loads((samples / f"{event_type}.json").read_text())
    model = registry.model_for(event_type)
    assert model is not None
    assert minimum[event_type] <= set(sample)
    assert model.model_validate(sample).model_dump(mode="json", exclude_none=True) == sample
