"""What a service's AsyncAPI document shows: the contract of every event it consumes and publishes.

FastStream documents a subscriber from its handler's type annotations and a publisher from the
schema it is declared with. The batch consumer validates records itself (DLQ on failure), so its
handler carries the contract type for the document only (`documented_payload`, validation skipped);
what a service publishes goes through its outbox, never a FastStream publisher, so each published
topic is declared here as a publisher that exists only to be documented.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, Annotated, Any, Union

from faststream.kafka import KafkaBroker
from pydantic import SkipValidation

from radiant_contracts.dlq import DLQ_HEADERS
from radiant_contracts.envelope import CloudEvent
from radiant_contracts.payload import EventPayload
from radiant_contracts.registry import EVENT_TYPES
from radiant_contracts.topics import DLQ_SUFFIX

if TYPE_CHECKING:
    from .consumer import BatchConsumer


def models_for(topic: str, event_types: Iterable[str] | None) -> list[type[EventPayload]]:
    """The payload models of the given types, or of every type published on the topic."""
    if event_types is None:
        return [m for t, m in sorted(EVENT_TYPES.items()) if m.topic == topic]
    return [EVENT_TYPES[t] for t in sorted(event_types) if t in EVENT_TYPES]


def envelope_union(models: Sequence[type[EventPayload]]) -> Any:
    """`CloudEvent[A] | CloudEvent[B] | …`: each Kafka record is one of these structured events."""
    envelopes = tuple(CloudEvent[m] for m in models)  # type: ignore[valid-type]
    if not envelopes:
        return bytes
    return envelopes[0] if len(envelopes) == 1 else Union[envelopes]  # noqa: UP007 - built at run time


def documented_payload(models: Sequence[type[EventPayload]]) -> Any:
    """A handler annotation that documents the contract but lets the raw records through unvalidated."""
    return Annotated[envelope_union(models), SkipValidation]


def _types_line(models: Sequence[type[EventPayload]]) -> str:
    return ", ".join(f"`{m.event_type}`" for m in models) or "any record"


def document_publications(
    broker: KafkaBroker,
    published: Sequence[type[EventPayload]],
    consumers: Sequence[BatchConsumer],
) -> None:
    """Declare (for the document only) each topic the service writes through its outbox, and the
    dead-letter topic of each topic it consumes."""
    by_topic: dict[str, list[type[EventPayload]]] = defaultdict(list)
    for model in published:
        by_topic[model.topic].append(model)
    for topic, models in sorted(by_topic.items()):
        broker.publisher(
            topic,
            schema=envelope_union(models),
            title=f"{topic}:publish",
            description=f"Written through the transactional outbox (published after commit): {_types_line(models)}.",
        )
    for topic in sorted({c.topic for c in consumers}):
        dlq = topic + DLQ_SUFFIX
        broker.publisher(
            dlq,
            schema=bytes,
            title=f"{dlq}:publish",
            description=(
                f"Records of `{topic}` this service could not decode or apply: the original bytes and "
                f"headers, plus {', '.join(f'`{h}`' for h in sorted(DLQ_HEADERS))}."
            ),
        )
