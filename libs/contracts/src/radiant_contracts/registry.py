"""Event type string → payload model and topic, so a consumer can validate any event generically."""

from __future__ import annotations

from collections.abc import Mapping
from types import MappingProxyType

from radiant_contracts.errors import UnknownEventType
from radiant_contracts.events import ALL_PAYLOADS
from radiant_contracts.payload import EventPayload


def _build_registry() -> Mapping[str, type[EventPayload]]:
    registry: dict[str, type[EventPayload]] = {}
    for model in ALL_PAYLOADS:
        if model.event_type in registry:  # two classes claiming one type would make decoding ambiguous
            raise TypeError(f"duplicate event type {model.event_type}")
        registry[model.event_type] = model
    return MappingProxyType(registry)


#: Full type (`radiant.usage.recorded.v1`) → payload model. Read-only.
EVENT_TYPES: Mapping[str, type[EventPayload]] = _build_registry()


def payload_model_for(event_type: str) -> type[EventPayload]:
    try:
        return EVENT_TYPES[event_type]
    except KeyError:
        raise UnknownEventType(event_type) from None


def topic_for(event_type: str) -> str:
    return payload_model_for(event_type).topic


def event_types_for_topic(topic: str) -> list[str]:
    """The types published on one topic, sorted — e.g. for a consumer's dispatch table or docs."""
    return sorted(t for t, model in EVENT_TYPES.items() if model.topic == topic)
