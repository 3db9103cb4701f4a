"""`radiant dlq`'s reading of a DLQ record, its filters and arguments (nothing running)."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta

import pytest
from aiokafka.structs import ConsumerRecord

from radiant_contracts.dlq import dlq_headers
from radiant_platform import dlq
from radiant_platform.dlq_cli import parse_since
from radiant_platform.provisioning import KAFKA_PRINCIPALS

SEEN = datetime(2026, 11, 30, 12, 0, tzinfo=UTC)


def _record(value: bytes, *, key: bytes | None = b"t-1", reason: str = "bad", topic: str = "usage-events", offset=7):
    headers = [("traceparent", b"00-abc"), *dlq_headers(reason, topic, 2, 41, "metering-usage", first_seen=SEEN)]
    return ConsumerRecord(
        topic=f"{topic}.dlq",
        partition=1,
        offset=offset,
        timestamp=int(SEEN.timestamp() * 1000) + 5,
        timestamp_type=0,
        key=key,
        value=value,
        checksum=None,
        serialized_key_size=0,
        serialized_value_size=len(value),
        headers=headers,
    )


EVENT = json.dumps({"id": "e-1", "type": "radiant.usage.recorded.v1", "tenantid": "t-9", "data": {}}).encode()


def test_a_record_says_where_it_is_why_it_was_refused_and_whose_it_is() -> None:
    letter = dlq.dead_letter(_record(EVENT))
    assert (str(letter.id), letter.reason, letter.tenant, letter.event_type, letter.event_id) == (
        "1:7",
        "bad",
        "t-9",  # the envelope's tenant, not the key
        "radiant.usage.recorded.v1",
        "e-1",
    )
    assert letter.dead_lettered_at == SEEN and letter.source_topic == "usage-events"
    shown = letter.as_json()
    assert shown["headers"] == {"traceparent": "00-abc"}  # the original ones; x-dlq-* under "dlq"
    assert shown["dlq"]["source_offset"] == 41 and shown["value"]["id"] == "e-1"


def test_bytes_that_are_not_an_event_are_shown_as_text_and_keyed_by_tenant() -> None:
    letter = dlq.dead_letter(_record(b"{oops", key=b"t-3"))
    assert (letter.tenant, letter.event_type, letter.event_id) == ("t-3", None, None)
    assert letter.as_json()["value"] == "{oops"


def test_a_selection_holds_every_filter_given() -> None:
    letter = dlq.dead_letter(_record(EVENT, reason="undecodable event: input_tokens must be >= 0"))
    assert dlq.Selection().matches(letter)
    assert dlq.Selection(reason="INPUT_TOKENS", tenant="t-9", since=SEEN).matches(letter)
    assert not dlq.Selection(reason="price").matches(letter)
    assert not dlq.Selection(tenant="t-1").matches(letter)
    assert not dlq.Selection(since=SEEN + timedelta(seconds=1)).matches(letter)
    assert not dlq.Selection(ids=frozenset({dlq.RecordId(1, 8)})).matches(letter)


def test_a_record_goes_back_only_to_the_source_of_the_dlq_it_is_read_from() -> None:
    assert dlq.replay_target(dlq.dead_letter(_record(EVENT)), "usage-events.dlq") == "usage-events"
    other = dlq.dead_letter(_record(EVENT, topic="approval-decisions"))
    assert dlq.replay_target(other, "usage-events.dlq") is None


def test_record_ids_topics_and_times_are_checked() -> None:
    assert dlq.RecordId.parse("2:1041") == dlq.RecordId(2, 1041)
    for bad in ("2", "a:1", "2:-1", ""):
        with pytest.raises(dlq.DlqError):
            dlq.RecordId.parse(bad)
    with pytest.raises(dlq.DlqError, match="not a dead-letter topic"):
        dlq.require_dlq_topic("usage-events")
    now = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
    assert parse_since("90m", now) == now - timedelta(minutes=90)
    assert parse_since("2d", now) == now - timedelta(days=2)
    assert parse_since("2026-11-30T08:00:00") == datetime(2026, 11, 30, 8, 0, tzinfo=UTC)
    with pytest.raises(argparse.ArgumentTypeError):
        parse_since("yesterday")


def test_the_dlq_operator_reads_the_usage_dlq_and_writes_usage_events_only() -> None:
    operator = next(p for p in KAFKA_PRINCIPALS if p.name == dlq.DLQ_OPERATOR)
    grants = {(b.resource_type, b.resource_name, b.operation) for b in operator.acl_bindings()}
    assert grants == {
        ("TOPIC", "usage-events.dlq", "READ"),
        ("TOPIC", "usage-events", "WRITE"),
        ("GROUP", "dlq-operator-", "READ"),
    }
