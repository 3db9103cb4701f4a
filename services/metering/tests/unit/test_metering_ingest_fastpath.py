"""The ingestion fast path decodes and prices exactly as the generic, slower path would."""

import json

import pytest

from radiant_contracts import make_event
from radiant_contracts.envelope import decode_event
from radiant_contracts.events.usage import UsageRecorded
from radiant_contracts.examples import EXAMPLE_TENANT_ID, example_payloads
from radiant_metering.consumers import decode_usage_event


def _usage_bytes(**changes) -> bytes:
    payload = example_payloads()[UsageRecorded.event_type]
    event = make_event(payload, tenant_id=EXAMPLE_TENANT_ID, source="radiant/test")
    obj = json.loads(event.to_bytes())
    obj["data"].update(changes)
    return json.dumps(obj).encode()


def test_a_valid_usage_event_decodes_to_the_same_event():
    raw = _usage_bytes()
    fast, generic = decode_usage_event(raw), decode_event(raw)
    assert type(fast.data) is UsageRecorded
    assert fast == generic


@pytest.mark.parametrize(
    "raw",
    [
        b"{not json",
        b"[1, 2]",
        _usage_bytes(input_tokens=-1),
        _usage_bytes(cached="yes"),
        _usage_bytes(occurred_at="2025-01-01T00:00:00"),  # naive time
        json.dumps(
            {"specversion": "1.0", "id": "x", "source": "s", "type": "radiant.nope.v1", "tenantid": "t", "data": {}}
        ).encode(),
    ],
)
def test_a_rejected_record_gets_the_generic_decoders_reason(raw):
    with pytest.raises(Exception) as generic:
        decode_event(raw)
    with pytest.raises(Exception) as fast:
        decode_usage_event(raw)
    assert type(fast.value) is type(generic.value)
    assert str(fast.value) == str(generic.value)


def test_another_event_type_on_the_topic_still_decodes_as_itself():
    payload = next(p for t, p in example_payloads().items() if t != UsageRecorded.event_type)
    raw = make_event(payload, tenant_id=EXAMPLE_TENANT_ID, source="radiant/test").to_bytes()
    assert decode_usage_event(raw) == decode_event(raw)
    assert type(decode_usage_event(raw).data) is type(payload)
