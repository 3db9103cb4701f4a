"""The CloudEvents envelope: build → bytes → decode is lossless, and bad input fails clearly."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest

from radiant_contracts import (
    EVENT_TYPES,
    STRUCTURED_CONTENT_TYPE,
    CloudEvent,
    EventDecodeError,
    InvalidEvent,
    MalformedEvent,
    UnknownEventType,
    decode_event,
    make_event,
    parse_event,
    service_source,
)
from radiant_contracts.events import ApprovalApproved, AuditRecorded, UsageRecorded
from radiant_contracts.examples import EXAMPLE_TENANT_ID, example_payloads

EXAMPLES = example_payloads()


def _event(event_type: str, **kwargs):
    return make_event(EXAMPLES[event_type], tenant_id=EXAMPLE_TENANT_ID, source=service_source("test"), **kwargs)


def test_every_registered_type_has_an_example() -> None:
    assert set(EXAMPLES) == set(EVENT_TYPES)


@pytest.mark.parametrize("event_type", sorted(EVENT_TYPES))
def test_round_trip_every_event_type(event_type: str) -> None:
    event = _event(event_type, traceparent="00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01")

    decoded = decode_event(event.to_bytes())

    assert decoded == event
    assert type(decoded.data) is EVENT_TYPES[event_type]
    assert decoded.to_bytes() == event.to_bytes()
    assert parse_event(event.to_bytes(), EVENT_TYPES[event_type]) == event


def test_make_event_fills_envelope_from_payload() -> None:
    event = _event("radiant.usage.recorded.v1")

    assert event.specversion == "1.0"
    assert event.type == "radiant.usage.recorded.v1" == UsageRecorded.event_type
    assert event.source == "radiant/test"
    assert event.datacontenttype == "application/json"
    assert event.tenantid == EXAMPLE_TENANT_ID
    assert event.subject == "req-0001"  # UsageRecorded's subject is its request id
    assert event.time.tzinfo is not None
    assert len(event.id) == 36
    assert event.topic == "usage-events"
    assert event.kafka_key() == EXAMPLE_TENANT_ID.encode()


def test_make_event_honours_explicit_id_time_and_subject() -> None:
    at = datetime(2025, 1, 1, tzinfo=UTC)
    event = _event("radiant.usage.recorded.v1", event_id="outbox-17", time=at, subject="custom")
    assert (event.id, event.time, event.subject) == ("outbox-17", at, "custom")


def test_approval_decisions_are_keyed_by_approval_id() -> None:
    event = _event(ApprovalApproved.event_type)
    assert event.kafka_key() == EXAMPLES[ApprovalApproved.event_type].approval_id.encode()


def test_wire_format_is_compact_and_omits_absent_optionals() -> None:
    raw = _event("radiant.budget.threshold_crossed.v1").to_bytes()
    obj = json.loads(raw)

    assert b" " not in raw.split(b'"data"')[0]  # compact separators in the envelope
    assert "traceparent" not in obj and "subject" not in obj  # budget alerts have no default subject
    assert set(obj) >= {"specversion", "id", "source", "type", "time", "datacontenttype", "data", "tenantid"}
    assert obj["time"].endswith("Z")


def test_kafka_headers_mark_structured_mode_and_mirror_traceparent() -> None:
    tp = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"
    headers = dict(_event("radiant.usage.recorded.v1", traceparent=tp).kafka_headers())
    assert headers == {"content-type": STRUCTURED_CONTENT_TYPE.encode(), "traceparent": tp.encode()}


def test_unknown_fields_are_tolerated_and_preserved() -> None:
    obj = json.loads(_event("radiant.usage.recorded.v1").to_bytes())
    obj["dataschema"] = "https://example.com/schema"  # a standard optional attribute we don't model
    obj["partitionkey"] = "x"  # someone else's extension
    obj["data"]["reasoning_tokens"] = 99  # a field from a newer producer

    decoded = decode_event(json.dumps(obj).encode())

    assert decoded.model_extra == {"dataschema": "https://example.com/schema", "partitionkey": "x"}
    assert decoded.data.model_extra == {"reasoning_tokens": 99}
    assert json.loads(decoded.to_bytes())["data"]["reasoning_tokens"] == 99  # forwarded, not dropped


def test_generic_envelope_accepts_any_data() -> None:
    event = CloudEvent[dict](source="radiant/x", type="radiant.other.thing.v1", tenantid="t", data={"a": 1})
    assert CloudEvent[dict].model_validate_json(event.to_bytes()) == event


@pytest.mark.parametrize(
    ("raw", "error"),
    [
        (b"\xff\xfe not json", MalformedEvent),
        (b"[1, 2]", MalformedEvent),
        (b'{"data": {}}', MalformedEvent),
        (b'{"type": 7}', MalformedEvent),
        (b'{"type": "radiant.nope.v1", "data": {}}', UnknownEventType),
    ],
)
def test_undecodable_input_raises_a_decode_error(raw: bytes, error: type[EventDecodeError]) -> None:
    with pytest.raises(error) as exc_info:
        decode_event(raw)
    assert isinstance(exc_info.value, EventDecodeError)
    assert str(exc_info.value)  # the DLQ reason


def test_missing_envelope_attributes_are_reported_by_name() -> None:
    obj = json.loads(_event("radiant.usage.recorded.v1").to_bytes())
    del obj["tenantid"], obj["source"]

    with pytest.raises(InvalidEvent) as exc_info:
        decode_event(json.dumps(obj))

    assert {e.field for e in exc_info.value.errors} == {"tenantid", "source"}


def test_naive_time_is_rejected() -> None:
    obj = json.loads(_event("radiant.usage.recorded.v1").to_bytes())
    obj["time"] = "2025-01-01T00:00:00"
    with pytest.raises(InvalidEvent, match="time"):
        decode_event(json.dumps(obj))


def test_parse_event_refuses_another_type_plainly() -> None:
    raw = _event("radiant.usage.recorded.v1").to_bytes()
    with pytest.raises(InvalidEvent) as exc_info:
        parse_event(raw, AuditRecorded)
    assert [e.field for e in exc_info.value.errors] == ["type"]


def test_envelope_type_must_match_payload_type() -> None:
    with pytest.raises(ValueError, match="does not match payload type"):
        CloudEvent[UsageRecorded](
            source="radiant/x",
            type="radiant.audit.recorded.v1",
            tenantid="t",
            data=EXAMPLES[UsageRecorded.event_type],
        )


def test_audit_subject_is_the_resource_when_there_is_one() -> None:
    audit = EXAMPLES[AuditRecorded.event_type]
    assert _event(AuditRecorded.event_type).subject == "inv-1"
    no_resource = audit.model_copy(update={"resource_id": None})
    event = make_event(no_resource, tenant_id="t", source="radiant/identity")
    assert event.subject is None and "subject" not in json.loads(event.to_bytes())
