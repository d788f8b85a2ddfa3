"""The event registry and `sendsys events schema` (JSON Schema, AsyncAPI 3)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pydantic import BaseModel

from common.messaging.registry import EventRegistry
from sendsys.cli import main as sendsys_main
from sendsys.services import SPECS


class Sample(BaseModel):
    case_id: str


def registered_types() -> set[str]:
    return {t for make_spec in SPECS.values() for t in make_spec().registry.models}


def test_registry_refuses_another_services_types_and_double_registration() -> None:
    registry = EventRegistry("mediation")
    registry.register("send.mediation.sample.v1", Sample)
    registry.register("send.mediation.sample.v1", Sample)  # same model again is fine
    assert registry.model_for("send.mediation.sample.v1") is Sample
    assert registry.model_for("send.mediation.unknown.v1") is None
    with pytest.raises(ValueError, match="not a mediation event"):
        registry.register("send.assessment.sample.v1", Sample)
    with pytest.raises(ValueError, match="already registered"):
        registry.register("send.mediation.sample.v1", type("Other", (BaseModel,), {}))


def test_events_schema_prints_a_json_schema_for_every_registered_type(
        capsys: pytest.CaptureFixture[str]) -> None:
    sendsys_main(["events", "schema"])
    schemas = json.loads(capsys.readouterr().out)
    assert set(schemas) == registered_types()
    assert "send.assessment.decision.appealable.v1" in schemas
    for event_type, schema in schemas.items():
        assert schema["$id"] == event_type
        assert schema["type"] == "object" and schema["properties"], event_type
    appealable = schemas["send.assessment.decision.appealable.v1"]
    assert {"case_id", "decision_id", "appellants"} <= set(appealable["required"])


def test_events_schema_asyncapi_has_a_channel_per_service(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "asyncapi.json"
    sendsys_main(["events", "schema", "--asyncapi", "--out", str(out)])
    assert capsys.readouterr().out == ""
    document = json.loads(out.read_text())
    assert document["asyncapi"] == "3.0.0"
    assert set(document["channels"]) == set(SPECS)
    for name, channel in document["channels"].items():
        assert channel["address"] == f"send.{name}"
        operation = document["operations"][f"publish_{name}"]
        assert operation == {"action": "send", "channel": {"$ref": f"#/channels/{name}"}}
        for ref in channel["messages"].values():
            key = ref["$ref"].rsplit("/", 1)[1]
            assert key in document["components"]["messages"]
    names = {m["name"] for m in document["components"]["messages"].values()}
    assert names == registered_types()
    for message in document["components"]["messages"].values():
        key = message["payload"]["$ref"].rsplit("/", 1)[1]
        assert key in document["components"]["schemas"]
