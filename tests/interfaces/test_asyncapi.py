"""The AsyncAPI 3 document (`sendsys events schema --asyncapi`) as the official parser
reads it (`@asyncapi/parser`, installed by `make setup-node` with npm), and the sample bus
messages of the contract tests checked against it (ARCHITECTURE.md invariant 4)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from jsonschema import Draft202012Validator, FormatChecker

from sendsys.cli import main as sendsys_main
from sendsys.services import SPECS

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "tests" / "contracts" / "samples"
VALIDATOR_SCRIPT = Path(__file__).parent / "node" / "validate_asyncapi.cjs"


def _parser_missing() -> str | None:
    if shutil.which("node") is None:
        return "node is not installed"
    if not (ROOT / "node_modules" / "@asyncapi" / "parser").is_dir():
        return "@asyncapi/parser is not installed (`make setup-node` installs it)"
    return None


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("asyncapi") / "asyncapi.json"
    sendsys_main(["events", "schema", "--asyncapi", "--out", str(out)])
    return out


@pytest.fixture(scope="module")
def document(exported: Path) -> dict[str, Any]:
    return json.loads(exported.read_text())


def _registered_types() -> set[str]:
    return {t for make_spec in SPECS.values() for t in make_spec().registry.models}


def test_the_official_asyncapi_parser_accepts_the_exported_document(exported: Path) -> None:
    missing = _parser_missing()
    assert not missing, missing  # `make test` (make assets) installs node and the parser
    run = subprocess.run(["node", str(VALIDATOR_SCRIPT), str(exported)], cwd=ROOT,
                         capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stdout + run.stderr
    report = json.loads(run.stdout)
    assert report["valid"] and report["errors"] == []
    assert report["messages"] == len(_registered_types())
    assert report["channels"] == len(SPECS)


def test_each_consuming_service_has_a_receive_operation_on_the_topics_it_reads(
        document: dict[str, Any]) -> None:
    for name, make_spec in SPECS.items():
        for producer in make_spec().consumes_from:
            operation = document["operations"][f"{name}_receives_{producer}"]
            assert operation["action"] == "receive"
            assert operation["channel"] == {"$ref": f"#/channels/{producer}"}


def _all_refs(node: Any) -> list[str]:
    if isinstance(node, dict):
        return [v for k, v in node.items() if k == "$ref"] + \
            [r for v in node.values() for r in _all_refs(v)]
    if isinstance(node, list):
        return [r for item in node for r in _all_refs(item)]
    return []


def test_every_reference_resolves_and_no_schema_keeps_its_own_defs(
        document: dict[str, Any]) -> None:
    refs = _all_refs(document)
    assert refs
    for ref in refs:
        target: Any = document
        for part in ref.removeprefix("#/").split("/"):
            target = target[part]
        assert isinstance(target, dict), ref
    assert "$defs" not in json.dumps(document)


def test_every_message_payload_is_the_whole_cloudevents_envelope_with_its_data(
        document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for key, message in document["components"]["messages"].items():
        assert message["contentType"] == "application/cloudevents+json"
        assert message["headers"]["properties"]["content-type"]["const"] == \
            "application/cloudevents+json"
        payload = schemas[message["payload"]["$ref"].rsplit("/", 1)[1]]
        envelope, specific = payload["allOf"]
        assert envelope == {"$ref": "#/components/schemas/CloudEventEnvelope"}
        assert specific["properties"]["type"]["const"] == message["name"]
        assert specific["properties"]["data"] == {"$ref": f"#/components/schemas/{key}_data"}
    envelope_fields = set(schemas["CloudEventEnvelope"]["properties"])
    assert {"specversion", "id", "type", "source", "subject", "time", "datacontenttype",
            "lacode", "correlationid", "causationid", "data"} <= envelope_fields


def _validator(document: dict[str, Any], schema_key: str) -> Draft202012Validator:
    schema = {"components": document["components"],
              "$ref": f"#/components/schemas/{schema_key}"}
    return Draft202012Validator(schema, format_checker=FormatChecker())


def _envelope_samples() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*.json")
                  if "specversion" in json.loads(p.read_text()))


def _data_samples() -> list[Path]:
    return sorted(p for p in SAMPLES.rglob("*.json")
                  if "specversion" not in json.loads(p.read_text()))


@pytest.mark.parametrize("sample", _envelope_samples(), ids=lambda p: p.stem)
def test_sample_bus_messages_validate_against_their_message_payload(
        document: dict[str, Any], sample: Path) -> None:
    event = json.loads(sample.read_text())
    key = event["type"].replace(".", "_")
    assert event["type"] in _registered_types(), "every sample's producer registers it"
    assert key in document["components"]["messages"]
    errors = [e.message for e in _validator(document, key).iter_errors(event)]
    assert errors == []


@pytest.mark.parametrize("sample", _data_samples(), ids=lambda p: p.stem)
def test_sample_payloads_validate_against_their_data_schema(
        document: dict[str, Any], sample: Path) -> None:
    key = sample.stem.replace(".", "_")
    assert f"{key}_data" in document["components"]["schemas"]
    errors = [e.message for e in _validator(document, f"{key}_data").iter_errors(
        json.loads(sample.read_text()))]
    assert errors == []


def test_a_message_of_the_wrong_type_or_without_data_is_refused(
        document: dict[str, Any]) -> None:
    sample = json.loads((SAMPLES / "notifications" / "delivery.failed.v1.json").read_text())
    validator = _validator(document, "send_notifications_delivery_failed_v1")
    assert list(validator.iter_errors(sample)) == []
    assert list(validator.iter_errors({**sample, "type": "send.assessment.case.opened.v1"}))
    assert list(validator.iter_errors({k: v for k, v in sample.items() if k != "data"}))
    assert list(validator.iter_errors({**sample, "data": {"channel": "webhook"}}))
