"""The SIEM sees the audit log's events only: one on `audit-events` that claims a source no service
publishes audit events from (anyone who could write the topic) is not forwarded (issue 12 #2)."""

from __future__ import annotations

from aiokafka import ConsumerRecord

from radiant_audit.config import SiemSinkConfig
from radiant_audit.siem.forwarder import SinkForwarder
from radiant_audit.siem.sinks import SyslogSink
from radiant_contracts import make_event
from radiant_contracts.events.audit import AuditRecorded
from radiant_contracts.examples import example_payloads


def _record(offset: int, source: str) -> ConsumerRecord:
    event = make_event(example_payloads()[AuditRecorded.event_type], tenant_id="t-1", source=source)
    value = event.to_bytes()
    return ConsumerRecord("audit-events", 0, offset, 0, 0, b"t-1", value, None, 0, len(value), [])


def test_an_audit_event_from_a_source_that_may_not_publish_it_is_not_forwarded() -> None:
    sink = SyslogSink(SiemSinkConfig(name="s", type="syslog", host="127.0.0.1", port=1))
    forwarder = SinkForwarder(sink, bootstrap_servers="127.0.0.1:1", group_id="audit-siem-s")
    forwarded = forwarder._decode([_record(0, "radiant/identity"), _record(1, "radiant/ai-gateway")])
    assert [f.event.source for f in forwarded] == ["radiant/identity"]
    assert forwarder.status.skipped_invalid == 1
