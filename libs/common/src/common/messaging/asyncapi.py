"""The AsyncAPI 3.0 document of every event on the bus (`sendsys events schema --asyncapi`).

What a tool needs to trust it:

- every reference resolves inside the document: the nested models pydantic puts in each
  schema's own `$defs` are moved to `components/schemas` (renamed when two services use
  one name for different shapes) and the references to them rewritten;
- a message's payload is the whole CloudEvents envelope as it travels (structured mode,
  `application/cloudevents+json`), with `type` and `source` fixed for the event and its
  versioned `data` schema inside;
- the Kafka binding says what the record key is (the subject) and the record header
  carries the content type.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Mapping
from typing import Any

from common.messaging.bus import topic_for
from common.messaging.envelope import CloudEvent, source_for
from common.messaging.kafka.publisher import CLOUDEVENTS_STRUCTURED
from common.messaging.registry import EventRegistry

SCHEMAS = "#/components/schemas/"
ENVELOPE = "CloudEventEnvelope"
KAFKA_BINDING_VERSION = "0.5.0"


def asyncapi_document(registries: Iterable[EventRegistry], version: str,
                      consumers: Mapping[str, Iterable[str]] | None = None) -> dict[str, Any]:
    """One channel per producing service's topic, one `send` operation per channel, one
    `receive` operation per consuming service and topic it reads (`consumers`: consuming
    service -> the producers it reads), one message per event type."""
    schemas: dict[str, Any] = {ENVELOPE: _envelope_schema()}
    messages: dict[str, Any] = {}
    channels: dict[str, Any] = {}
    operations: dict[str, Any] = {}
    for registry in registries:
        name = registry.service
        channel_messages = {}
        for event_type, model in sorted(registry.models.items()):
            key = event_type.replace(".", "_")
            data = model.model_json_schema(ref_template=SCHEMAS + "{model}")
            schemas[f"{key}_data"] = _hoist(data, schemas, prefix=key)
            schemas[key] = _event_schema(event_type, source_for(name), f"{key}_data")
            messages[key] = _message(event_type, key, model.__doc__)
            channel_messages[key] = {"$ref": f"#/components/messages/{key}"}
        channels[name] = {"address": topic_for(name), "messages": channel_messages,
                          "description": f"Events published by the {name} service"}
        operations[f"publish_{name}"] = {"action": "send",
                                         "channel": {"$ref": f"#/channels/{name}"}}
    for consumer, producers in sorted((consumers or {}).items()):
        for producer in sorted(p for p in producers if p in channels):
            operations[f"{consumer}_receives_{producer}"] = {
                "action": "receive", "channel": {"$ref": f"#/channels/{producer}"},
                "summary": f"{consumer} reads {topic_for(producer)} in its consumer group "
                           f"sendsys.{consumer}"}
    return {
        "asyncapi": "3.0.0",
        "info": {"title": "sendsys events", "version": version,
                 "description": "CloudEvents 1.0 published by the sendsys services, one "
                                "Kafka topic per producing service, keyed by subject."},
        "defaultContentType": CLOUDEVENTS_STRUCTURED,
        "channels": channels, "operations": operations,
        "components": {"schemas": schemas, "messages": messages},
    }


def _message(event_type: str, key: str, doc: str | None) -> dict[str, Any]:
    message: dict[str, Any] = {
        "name": event_type, "title": event_type, "contentType": CLOUDEVENTS_STRUCTURED,
        "headers": {"type": "object", "properties": {
            "content-type": {"type": "string", "const": CLOUDEVENTS_STRUCTURED}}},
        "payload": {"$ref": SCHEMAS + key},
        "bindings": {"kafka": {"key": {"type": "string", "pattern": "^case/.+",
                                       "description": "the event's subject"},
                               "bindingVersion": KAFKA_BINDING_VERSION}},
    }
    if doc and doc.strip():
        message["summary"] = " ".join(doc.split())
    return message


def _envelope_schema() -> dict[str, Any]:
    schema = CloudEvent.model_json_schema(ref_template=SCHEMAS + "{model}")
    schema.pop("$defs", None)
    schema["description"] = ("CloudEvents 1.0 attributes with the sendsys extensions lacode, "
                             "correlationid and causationid")
    return schema


def _event_schema(event_type: str, source: str, data_key: str) -> dict[str, Any]:
    return {
        "title": event_type,
        "allOf": [
            {"$ref": SCHEMAS + ENVELOPE},
            {"type": "object", "required": ["type", "source", "data"], "properties": {
                "type": {"type": "string", "const": event_type},
                "source": {"type": "string", "const": source},
                "data": {"$ref": SCHEMAS + data_key},
            }},
        ],
    }


def _hoist(schema: dict[str, Any], into: dict[str, Any], *, prefix: str) -> dict[str, Any]:
    """Move `schema`'s `$defs` into `into`; a name already taken by another shape gets
    the event's prefix, and references inside this schema follow the rename."""
    schema = copy.deepcopy(schema)
    definitions: dict[str, Any] = schema.pop("$defs", {})
    renames = {name: (name if into.get(name, definition) == definition
                      else f"{prefix}_{name}")
               for name, definition in definitions.items()}
    rewrite = {SCHEMAS + old: SCHEMAS + new for old, new in renames.items() if old != new}
    for name, definition in definitions.items():
        into[renames[name]] = _rewrite_refs(definition, rewrite)
    return _rewrite_refs(schema, rewrite)


def _rewrite_refs(node: Any, rewrite: dict[str, str]) -> Any:
    if not rewrite:
        return node
    if isinstance(node, dict):
        return {k: (rewrite.get(v, v) if k == "$ref" else _rewrite_refs(v, rewrite))
                for k, v in node.items()}
    if isinstance(node, list):
        return [_rewrite_refs(item, rewrite) for item in node]
    return node
