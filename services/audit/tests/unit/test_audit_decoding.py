"""The ingest fast decoder must decode exactly what the contract's `decode_event` decodes, and fail
with exactly its reason (the DLQ header) on everything else."""

import json

import pytest

from radiant_audit.decoding import decode_audit_event
from radiant_audit.service import entry_fields
from radiant_contracts.envelope import decode_event, make_event, service_source
from radiant_contracts.errors import EventDecodeError
from radiant_contracts.events.audit import AuditRecorded
from radiant_contracts.examples import example_payloads

BASE = {
    "specversion": "1.0",
    "id": "e-1",
    "source": "radiant/identity",
    "type": "radiant.audit.recorded.v1",
    "time": "2026-01-02T03:04:05.678901+02:00",
    "tenantid": "t-1",
    "subject": "inv-1",
    "data": {
        "actor": {"type": "admin", "id": "admin-1", "name": "Ann", "ip": "203.0.113.9", "user_agent": "ua"},
        "action": "invitation.create",
        "resource_type": "invitation",
        "resource_id": "inv-1",
        "details": {"n": 1.5, "big": 10**30, "é": ["ü", None]},
        "environment": "dev",
    },
}


def _with(path: str, value):
    event = json.loads(json.dumps(BASE))
    *parents, last = path.split(".")
    target = event
    for p in parents:
        target = target[p]
    if value is ...:
        del target[last]
    else:
        target[last] = value
    return json.dumps(event).encode()


VALID = [
    json.dumps(BASE).encode(),
    _with("data.actor.ip", "2001:DB8:0:0::1"),  # normalised the same way
    _with("data.actor.ip", None),
    _with("data.actor.ip", ...),
    _with("data.actor.ip", 3405803786),  # an integer is an IPv4 address to pydantic
    _with("data.actor.ip", True),  # ... and so is True (0.0.0.1): the memo must not confuse it with 1
    _with("data.actor.ip", 1),
    _with("data.actor.impersonator", {"type": "admin", "id": "op-1", "shoe": 1}),
    _with("data.new_field", {"nested": [1, 2]}),  # a newer producer's field is kept
    _with("data.actor.team", "blue"),
    _with("time", "2026-01-02T03:04:05Z"),
    _with("traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01"),
    make_event(
        example_payloads()[AuditRecorded.event_type], tenant_id="t-2", source=service_source("identity")
    ).to_bytes(),
]
INVALID = [
    b"not json",
    b"[1]",
    b"{}",
    _with("data.actor.ip", "203.0.113.999"),
    _with("data.actor.ip", ["203.0.113.9"]),  # unhashable: the memo cannot take it
    _with("data.action", "Invitation.Create"),
    _with("data.actor", ...),
    _with("time", "2026-01-02T03:04:05"),  # not timezone-aware
    _with("type", "radiant.audit.unknown.v1"),
    _with("type", "radiant.invitation.created.v1"),  # a registered type around an audit payload
    _with("tenantid", ""),
    _with("data.details", [1]),
]


@pytest.mark.parametrize("raw", VALID)
def test_fast_decoder_builds_what_decode_event_builds(raw):
    fast, generic = decode_audit_event(raw), decode_event(raw)
    assert isinstance(fast.data, AuditRecorded)
    assert fast.model_dump() == generic.model_dump()
    assert fast.data.model_extra == generic.data.model_extra
    assert fast.data.actor.model_extra == generic.data.actor.model_extra
    assert type(fast.data.actor.ip) is type(generic.data.actor.ip)
    stored = dict(seq=1, prev_hash="0" * 64, recorded_at=generic.time)
    assert entry_fields(fast, **stored) == entry_fields(generic, **stored)  # hashed and stored the same


@pytest.mark.parametrize("raw", INVALID)
def test_fast_decoder_fails_with_decode_events_reason(raw):
    with pytest.raises(EventDecodeError) as generic:
        decode_event(raw)
    with pytest.raises(EventDecodeError) as fast:
        decode_audit_event(raw)
    assert str(fast.value) == str(generic.value)


def test_other_event_types_are_left_to_decode_event():
    other = next(p for t, p in example_payloads().items() if t != AuditRecorded.event_type)
    raw = make_event(other, tenant_id="t-1", source=service_source("identity")).to_bytes()
    assert decode_audit_event(raw).model_dump() == decode_event(raw).model_dump()
