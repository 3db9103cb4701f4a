"""Syslog RFC 5424 + octet counting, CEF escaping, Splunk HEC requests (no network)."""

import json
import re
from datetime import UTC, datetime

import httpx
import pytest

from radiant_audit.config import SiemSinkConfig
from radiant_audit.siem.formats import ForwardedEvent, cef, octet_counted, rfc5424
from radiant_audit.siem.sinks import SinkError, SplunkHecSink, SyslogSink
from radiant_contracts.envelope import make_event, service_source
from radiant_contracts.events.audit import Actor, ActorRef, AuditRecorded

T0 = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)


def _fe(outcome="success", **details) -> ForwardedEvent:
    payload = AuditRecorded(
        actor=Actor(
            type="admin",
            id="admin-1",
            name='Eve "x" ]',
            ip="203.0.113.9",
            user_agent="curl/8",
            impersonator=ActorRef(type="admin", id="op-1"),
        ),
        action="user.role_change",
        resource_type="admin_user",
        resource_id="u=1|2",
        outcome=outcome,
        details=details or {"from": "operator", "to": "admin"},
    )
    event = make_event(payload, tenant_id='ten"ant]', source=service_source("identity"), event_id="ev-1", time=T0)
    return ForwardedEvent(event, event.to_bytes())


SYSLOG_RE = re.compile(r"^<(\d+)>1 (\S+) (\S+) (\S+) - (\S+) (\[.*?[^\\]\]) \ufeff(.*)$", re.S)


def test_rfc5424_message_fields_and_structured_data_escaping():
    fe = _fe()
    message = rfc5424(fe, body=fe.body_json, app_name="radiant-audit", hostname="host1").decode()
    m = SYSLOG_RE.match(message)
    assert m, message
    pri, timestamp, host, app, msgid, sd, body = m.groups()
    assert int(pri) == 13 * 8 + 6
    assert timestamp == "2026-01-02T03:04:05.678901Z"
    assert (host, app, msgid) == ("host1", "radiant-audit", "user.role_change")
    assert 'tenantId="ten\\"ant\\]"' in sd and 'eventId="ev-1"' in sd
    assert json.loads(body)["id"] == "ev-1"


def test_failure_outcome_is_warning_severity():
    fe = _fe(outcome="denied")
    assert rfc5424(fe, body="x", app_name="a", hostname="h").startswith(b"<108>1 ")


def test_octet_counting_prefixes_the_byte_length_and_survives_newlines_and_utf8():
    message = "<110>1 - - - - - - \ufeffline1\nline2 ü".encode()
    framed = octet_counted(message)
    length, _, rest = framed.partition(b" ")
    assert int(length) == len(message) == len(rest)


def test_cef_escapes_header_and_extension_values():
    line = cef(_fe(note="a=b\\c\nd"))
    assert line.startswith("CEF:0|Radiant|Radiant Audit|2.0|user.role_change|user.role_change success|3|")
    assert "cs3=u\\=1|2" in line  # '|' needs no escape in extensions, '=' does
    assert 'suser=Eve "x" ]' in line and "src=203.0.113.9" in line and "cs5=op-1" in line
    assert '"note":"a\\=b\\\\\\\\c\\\\nd"' in line  # JSON escapes first, then CEF escapes '=' and '\\'
    assert "\n" not in line


def test_syslog_sink_frames_cef_bodies_when_configured():
    sink = SyslogSink(SiemSinkConfig(name="s", type="syslog", format="cef"))
    framed = sink.frame(_fe())
    length, _, message = framed.partition(b" ")
    assert int(length) == len(message)
    assert b"\xef\xbb\xbfCEF:0|Radiant|" in message


async def test_splunk_hec_posts_batched_events_with_token():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"text": "Success", "code": 0})

    config = SiemSinkConfig(name="hec", type="splunk_hec", url="https://splunk.test:8088", token="tok-1", index="sec")
    sink = SplunkHecSink(config, transport=httpx.MockTransport(handler))
    await sink.send([_fe(), _fe()])
    await sink.close()
    request = seen[0]
    assert request.url.path == "/services/collector/event"
    assert request.headers["authorization"] == "Splunk tok-1"
    lines = request.content.decode().split("\n")
    assert len(lines) == 2
    first = json.loads(lines[0])
    assert first["event"]["id"] == "ev-1" and first["index"] == "sec" and first["sourcetype"] == "radiant:audit"


@pytest.mark.parametrize("response", [httpx.Response(503, text="busy"), httpx.Response(200, json={"code": 6})])
async def test_splunk_hec_refusal_is_a_sink_error(response):
    config = SiemSinkConfig(name="hec", type="splunk_hec", url="https://splunk.test:8088", token="tok-1")
    sink = SplunkHecSink(config, transport=httpx.MockTransport(lambda request: response))
    with pytest.raises(SinkError):
        await sink.send([_fe()])
    await sink.close()


def test_hec_sink_requires_url_and_token():
    with pytest.raises(ValueError):
        SiemSinkConfig(name="hec", type="splunk_hec")


def test_sinks_are_configured_from_a_json_environment_variable(monkeypatch):
    from radiant_audit.config import Settings

    monkeypatch.setenv(
        "AUDIT_SIEM_SINKS",
        json.dumps(
            [
                {"name": "soc", "type": "syslog", "host": "siem.example", "port": 6514, "tls": True, "format": "cef"},
                {"name": "splunk", "type": "splunk_hec", "url": "https://splunk.example:8088", "token": "t"},
            ]
        ),
    )
    sinks = Settings().siem_sinks
    assert [(s.name, s.type, s.consumer_group) for s in sinks] == [
        ("soc", "syslog", "audit-siem-soc"),
        ("splunk", "splunk_hec", "audit-siem-splunk"),
    ]
    assert sinks[0].tls and sinks[0].format == "cef"


def test_no_sinks_by_default(monkeypatch):
    from radiant_audit.config import Settings

    monkeypatch.delenv("AUDIT_SIEM_SINKS", raising=False)
    assert Settings().siem_sinks == []
