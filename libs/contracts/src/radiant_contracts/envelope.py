"""The CloudEvents 1.0 structured-JSON envelope every Kafka message carries (DESIGN.md §2).

Producing:   event = make_event(UsageRecorded(...), tenant_id=t, source=service_source("metering"))
             producer.send(event.topic, key=event.kafka_key(), value=event.to_bytes(),
                           headers=event.kafka_headers())
Consuming:   event = decode_event(raw)              # any registered type, payload validated
             event = parse_event(raw, UsageRecorded)  # when the handler expects one type
Both raise `EventDecodeError` (str() = a reason fit for the DLQ header) instead of a stack trace.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any, Generic, Self, TypeVar
from uuid import uuid4

from pydantic import AwareDatetime, Field, StrictStr, ValidationError, model_validator
from pydantic_core import from_json

from radiant_contracts.errors import InvalidEvent, MalformedEvent
from radiant_contracts.fields import Id
from radiant_contracts.payload import ContractModel, EventPayload
from radiant_contracts.problem import FieldError
from radiant_contracts.registry import payload_model_for

PayloadT = TypeVar("PayloadT")
P = TypeVar("P", bound=EventPayload)

SPEC_VERSION = "1.0"
#: Kafka `content-type` header for structured mode (CloudEvents Kafka protocol binding).
STRUCTURED_CONTENT_TYPE = "application/cloudevents+json; charset=UTF-8"
SOURCE_PREFIX = "radiant/"

NonEmpty = Annotated[StrictStr, Field(min_length=1)]


def _new_id() -> str:
    return str(uuid4())


def _utcnow() -> datetime:
    return datetime.now(UTC)


def service_source(service: str) -> str:
    """The `source` of events a service produces, e.g. `radiant/identity`."""
    return SOURCE_PREFIX + service


class CloudEvent(ContractModel, Generic[PayloadT]):
    """A CloudEvents 1.0 event in structured JSON mode, with `tenantid`/`traceparent` extensions.

    Unknown top-level attributes (other extensions, `dataschema`) are kept, as the spec asks.
    `traceparent` is deliberately not pattern-checked: a malformed trace header must never be the
    reason an event is dead-lettered.
    """

    specversion: Annotated[StrictStr, Field(pattern=r"^1\.0$")] = SPEC_VERSION
    id: NonEmpty = Field(default_factory=_new_id)
    source: NonEmpty
    type: NonEmpty
    time: AwareDatetime = Field(default_factory=_utcnow)
    subject: StrictStr | None = None
    datacontenttype: StrictStr = "application/json"
    data: PayloadT
    tenantid: Id
    traceparent: Annotated[StrictStr, Field(max_length=512)] | None = None

    @model_validator(mode="after")
    def _type_matches_payload(self) -> Self:
        """An envelope saying one type around another type's payload is a producer bug, not data."""
        if isinstance(self.data, EventPayload) and self.type != self.data.event_type:
            raise ValueError(f"type {self.type!r} does not match payload type {self.data.event_type!r}")
        return self

    @property
    def topic(self) -> str:
        """The topic this event belongs on (from its payload model)."""
        if not isinstance(self.data, EventPayload):
            raise TypeError("only events with a registered payload model know their topic")
        return self.data.topic

    def kafka_key(self) -> bytes:
        """The tenant id (per-tenant ordering) unless the payload keys by something else."""
        override = self.data.key_override() if isinstance(self.data, EventPayload) else None
        return (override or self.tenantid).encode()

    def kafka_headers(self) -> list[tuple[str, bytes]]:
        """Structured-mode headers; `traceparent` is mirrored so tracing works without parsing."""
        headers = [("content-type", STRUCTURED_CONTENT_TYPE.encode())]
        if self.traceparent:
            headers.append(("traceparent", self.traceparent.encode()))
        return headers

    def to_bytes(self) -> bytes:
        """Compact JSON. Absent optional attributes are omitted, not null (CloudEvents JSON format)."""
        omit = {name for name in ("subject", "traceparent") if getattr(self, name) is None}
        return self.model_dump_json(exclude=omit).encode()


def envelope_model(payload_model: type[P]) -> type[CloudEvent[P]]:
    """`CloudEvent[payload_model]`; pydantic caches parametrisations, so this is cheap."""
    return CloudEvent[payload_model]  # type: ignore[valid-type]


def make_event(
    payload: P,
    *,
    tenant_id: str,
    source: str,
    subject: str | None = None,
    traceparent: str | None = None,
    event_id: str | None = None,
    time: datetime | None = None,
) -> CloudEvent[P]:
    """Wrap a payload; `type` comes from the payload class so producers never spell it.

    Pass `event_id` to make retries of the same logical event carry the same id (e.g. an outbox row
    id), which lets consumers dedup on it.
    """
    fields: dict[str, Any] = {
        "type": payload.event_type,
        "source": source,
        "data": payload,
        "tenantid": tenant_id,
        "subject": subject if subject is not None else payload.default_subject(),
        "traceparent": traceparent,
    }
    if event_id is not None:
        fields["id"] = event_id
    if time is not None:
        fields["time"] = time
    return envelope_model(type(payload))(**fields)


def _load_object(raw: bytes | bytearray | memoryview | str) -> dict[str, Any]:
    try:
        obj = from_json(bytes(raw) if isinstance(raw, (bytearray, memoryview)) else raw)
    except ValueError as exc:
        raise MalformedEvent(f"not valid JSON: {exc}") from None
    if not isinstance(obj, dict):
        raise MalformedEvent("not a JSON object")
    return obj


def _event_type_of(obj: dict[str, Any]) -> str:
    event_type = obj.get("type")
    if not isinstance(event_type, str) or not event_type:
        raise MalformedEvent("missing or non-string 'type' attribute")
    return event_type


def validate_event(obj: dict[str, Any]) -> CloudEvent[EventPayload]:
    """Validate an already-parsed event (e.g. from an HTTP body) against its registered model."""
    event_type = _event_type_of(obj)
    model = envelope_model(payload_model_for(event_type))
    try:
        return model.model_validate(obj)
    except ValidationError as exc:
        raise InvalidEvent.from_validation_error(event_type, exc) from None


def decode_event(raw: bytes | bytearray | memoryview | str) -> CloudEvent[EventPayload]:
    """Decode and validate any registered event; the payload is an instance of its model.

    Raises `MalformedEvent`, `UnknownEventType` or `InvalidEvent` (all `EventDecodeError`).
    """
    return validate_event(_load_object(raw))


def parse_event(raw: bytes | bytearray | memoryview | str, payload_model: type[P]) -> CloudEvent[P]:
    """Decode an event that must be of `payload_model`'s type (a typed handler's input)."""
    obj = _load_object(raw)
    event_type = _event_type_of(obj)
    if event_type != payload_model.event_type:  # say so plainly rather than list missing fields
        message = f"expected {payload_model.event_type!r}"
        raise InvalidEvent(event_type, [FieldError(field="type", message=message, type="event_type")])
    try:
        return envelope_model(payload_model).model_validate(obj)
    except ValidationError as exc:
        raise InvalidEvent.from_validation_error(event_type, exc) from None
