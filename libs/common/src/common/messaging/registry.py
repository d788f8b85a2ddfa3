"""Event types and their versioned payload models, and JSON Schema export (the AsyncAPI
document is built in `common.messaging.asyncapi`)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel


@dataclass
class EventRegistry:
    """The events one service publishes: `type` -> payload model (EVENTS.md)."""

    service: str
    models: dict[str, type[BaseModel]] = field(default_factory=dict)

    def register(self, event_type: str, model: type[BaseModel]) -> type[BaseModel]:
        if not event_type.startswith(f"send.{self.service}."):
            raise ValueError(f"{event_type} is not a {self.service} event type")
        if event_type in self.models and self.models[event_type] is not model:
            raise ValueError(f"{event_type} is already registered")
        self.models[event_type] = model
        return model

    def model_for(self, event_type: str) -> type[BaseModel] | None:
        return self.models.get(event_type)


def json_schemas(registries: Iterable[EventRegistry]) -> dict[str, Any]:
    """A JSON Schema document per event type, keyed by type."""
    return {event_type: {"$id": event_type, **model.model_json_schema()}
            for registry in registries for event_type, model in sorted(registry.models.items())}
