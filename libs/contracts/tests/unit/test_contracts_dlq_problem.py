"""DLQ headers/records and RFC 9457 problem details."""

from __future__ import annotations

import json
from datetime import UTC, datetime

import pytest
from pydantic import BaseModel, ValidationError

from radiant_contracts.dlq import (
    DLQ_HEADER_CONSUMER,
    DLQ_HEADER_FIRST_SEEN,
    DLQ_HEADER_REASON,
    DLQ_HEADER_SOURCE_OFFSET,
    DLQ_HEADER_SOURCE_PARTITION,
    DLQ_HEADER_SOURCE_TOPIC,
    MAX_REASON_BYTES,
    DlqMetadata,
    DlqRecord,
    dlq_headers,
    dlq_topic,
    without_dlq_headers,
)
from radiant_contracts.problem import PROBLEM_CONTENT_TYPE, ProblemDetails, field_errors, validation_problem


def test_dlq_headers_carry_reason_source_and_first_seen() -> None:
    seen = datetime(2025, 1, 2, 3, 4, 5, tzinfo=UTC)
    headers = dlq_headers(
        "invalid radiant.usage.recorded.v1: data.input_tokens: bad",
        "usage-events",
        7,
        1234,
        "metering",
        first_seen=seen,
    )

    assert all(isinstance(v, bytes) for _, v in headers)
    assert dict(headers) == {
        DLQ_HEADER_REASON: b"invalid radiant.usage.recorded.v1: data.input_tokens: bad",
        DLQ_HEADER_FIRST_SEEN: b"2025-01-02T03:04:05+00:00",
        DLQ_HEADER_SOURCE_TOPIC: b"usage-events",
        DLQ_HEADER_SOURCE_PARTITION: b"7",
        DLQ_HEADER_SOURCE_OFFSET: b"1234",
        DLQ_HEADER_CONSUMER: b"metering",
    }
    assert DLQ_HEADER_REASON == "x-dlq-reason" and DLQ_HEADER_FIRST_SEEN == "x-dlq-first-seen"


def test_dlq_headers_read_back_and_strip_for_replay() -> None:
    original = [("content-type", b"application/cloudevents+json"), ("traceparent", b"00-abc")]
    headers = original + dlq_headers("boom", "audit-events", 0, 9, "audit")

    meta = DlqMetadata.from_headers(headers)

    assert meta is not None and (meta.reason, meta.source_topic, meta.source_offset) == ("boom", "audit-events", 9)
    assert meta.first_seen.tzinfo is not None
    assert without_dlq_headers(headers) == original
    assert DlqMetadata.from_headers(original) is None


def test_long_reasons_are_truncated_to_valid_utf8() -> None:
    reason = dict(dlq_headers("é" * 5000, "t", 0, 0, "c"))[DLQ_HEADER_REASON]
    assert len(reason) <= MAX_REASON_BYTES and reason.decode().endswith("...")


def test_dlq_record_keeps_bytes_exact_as_base64() -> None:
    raw = b"\xff\x00 not json at all"
    meta = DlqMetadata.from_headers(dlq_headers("not valid JSON", "usage-events", 1, 2, "metering"))
    record = DlqRecord(**meta.model_dump(), key=b"tenant-1", value=raw)

    as_json = json.loads(record.model_dump_json())

    assert as_json["value"] == "/wAgbm90IGpzb24gYXQgYWxs" and as_json["key"] == "dGVuYW50LTE="
    assert DlqRecord.model_validate_json(record.model_dump_json()) == record
    assert dlq_topic("usage-events") == "usage-events.dlq"


class _Body(BaseModel):
    email: str
    limits: list[int]


def test_validation_problem_has_dotted_field_paths() -> None:
    with pytest.raises(ValidationError) as exc_info:
        _Body.model_validate({"limits": [1, "x"]})
    errors = [dict(e, loc=("body", *e["loc"])) for e in exc_info.value.errors()]  # as FastAPI reports them

    problem = validation_problem(errors, instance="/api/v2/admin/invitations")
    body = json.loads(problem.to_bytes())

    assert body["status"] == 422 and body["title"] and body["type"] == "about:blank"
    assert {e["field"] for e in body["errors"]} == {"email", "limits.1"}
    assert all(e["message"] and e["type"] for e in body["errors"])
    assert PROBLEM_CONTENT_TYPE == "application/problem+json"


def test_problem_omits_absent_members_and_allows_extensions() -> None:
    body = json.loads(ProblemDetails(title="Not Found", status=404, trace_id="abc").to_bytes())
    assert body == {"type": "about:blank", "title": "Not Found", "status": 404, "trace_id": "abc"}


def test_field_errors_keep_location_when_not_dropped() -> None:
    assert field_errors([{"loc": ("query", "limit"), "msg": "too big", "type": "less_than"}])[0].field == "query.limit"
