"""Signed checkpoints on the wire to a SIEM (syslog JSON or CEF, Splunk HEC) and read back from a
SIEM's copy: what `verify --against-checkpoints` relies on (no network)."""

import json
from datetime import UTC, datetime

import httpx
import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

from radiant_audit.chain import SignedCheckpoint, sign_checkpoint
from radiant_audit.config import SiemSinkConfig
from radiant_audit.keys import CheckpointVerifier
from radiant_audit.siem.formats import (
    CHECKPOINT_TYPE,
    checkpoint_cef,
    checkpoint_json,
    hec_checkpoint,
    parse_exported_checkpoints,
)
from radiant_audit.siem.sinks import SplunkHecSink, SyslogSink
from radiant_platform.keys import thumbprint

T0 = datetime(2026, 1, 2, 3, 4, 5, 678901, tzinfo=UTC)
KEY = Ed25519PrivateKey.generate()
KID = thumbprint(KEY.public_key())


def _checkpoint(tenant: str = "t-1", seq: int = 42, hash_: str = "ab" * 32) -> SignedCheckpoint:
    signature = sign_checkpoint(KEY, tenant_id=tenant, seq=seq, hash_=hash_, signed_at=T0, key_id=KID)
    return SignedCheckpoint(tenant, seq, hash_, T0, KID, signature)


@pytest.mark.parametrize("fmt", ["json", "cef"])
def test_a_syslog_frame_of_a_checkpoint_reads_back_as_the_same_signed_checkpoint(fmt):
    cp = _checkpoint()
    sink = SyslogSink(SiemSinkConfig(name="s", type="syslog", format=fmt))
    length, _, message = sink.frame_checkpoint(cp).partition(b" ")
    assert int(length) == len(message)
    text = message.decode()
    assert text.startswith(f"<{13 * 8 + 5}>1 2026-01-02T03:04:05.678901Z ")
    assert ' - audit.checkpoint [radiant@32473 tenantId="t-1" seq="42" keyId=' in text
    [back] = parse_exported_checkpoints([text])
    assert back == cp
    assert back.signature_valid(KEY.public_key())


def test_the_json_record_carries_everything_the_signature_covers():
    body = json.loads(checkpoint_json(_checkpoint()))
    assert body == {
        "type": CHECKPOINT_TYPE,
        "tenantid": "t-1",
        "seq": 42,
        "hash": "ab" * 32,
        "signedAt": "2026-01-02T03:04:05.678901Z",
        "keyId": KID,
        "algorithm": "Ed25519",
        "signature": _checkpoint().signature,
    }


def test_cef_escaping_survives_the_round_trip():
    cp = _checkpoint(tenant="odd=tenant|with\\ and spaces")
    line = checkpoint_cef(cp)
    assert line.startswith("CEF:0|Radiant|Radiant Audit|2.0|audit.checkpoint|audit chain checkpoint|1|")
    assert "cs1=odd\\=tenant|with\\\\ and spaces" in line
    assert parse_exported_checkpoints([f"Jan  2 03:04:05 siem {line}\n"]) == [cp]


def test_a_splunk_export_of_hec_events_reads_back():
    cp = _checkpoint()
    event = hec_checkpoint(cp, host="h", source="radiant-audit", sourcetype="radiant:audit", index=None)
    assert event["fields"] == {"tenant_id": "t-1", "action": "audit.checkpoint"}
    assert parse_exported_checkpoints([json.dumps(event)]) == [cp]


def test_other_lines_and_mangled_records_are_skipped():
    good = checkpoint_json(_checkpoint())
    broken = json.loads(good)
    del broken["signature"]
    lines = [
        "",
        "an unrelated syslog line",
        '1|13|6|radiant-audit|user.invite|[radiant@32473 tenantId="t-1"]|\ufeff{"id":"ev-1","tenantid":"t-1"}',
        json.dumps(broken),
        json.dumps({**json.loads(good), "seq": "not a number"}),
        json.dumps({**json.loads(good), "signedAt": "2026-01-02T03:04:05"}),  # no offset
        "CEF:0|Radiant|Radiant Audit|2.0|audit.checkpoint|audit chain checkpoint|1|cs1Label=tenantId cs1=t-1",
        "prefix " + good + " trailing",
    ]
    assert parse_exported_checkpoints(lines) == [_checkpoint()]


def test_the_verifier_is_the_public_key_the_api_serves():
    from cryptography.hazmat.primitives import serialization

    pem = KEY.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    verifier = CheckpointVerifier.from_pem(pem)
    assert verifier.key_id == KID and _checkpoint().signature_valid(verifier.public_key)
    with pytest.raises(ValueError):
        CheckpointVerifier.from_pem(b"-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n")


async def test_splunk_hec_receives_checkpoints_as_events():
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"text": "Success", "code": 0})

    config = SiemSinkConfig(name="hec", type="splunk_hec", url="https://splunk.test:8088", token="tok-1")
    sink = SplunkHecSink(config, transport=httpx.MockTransport(handler))
    await sink.send_checkpoints([_checkpoint(seq=1), _checkpoint(seq=2)])
    await sink.close()
    lines = seen[0].content.decode().split("\n")
    assert [json.loads(line)["event"]["seq"] for line in lines] == [1, 2]
    assert [c.seq for c in parse_exported_checkpoints(lines)] == [1, 2]


def test_every_configured_sink_gets_an_event_forwarder_and_a_checkpoint_exporter():
    from sqlalchemy.ext.asyncio import async_sessionmaker

    from radiant_audit.config import Settings
    from radiant_audit.jobs import siem_workers
    from radiant_audit.siem.forwarder import SiemForwarding

    sinks = [
        SiemSinkConfig(name="soc", type="syslog", format="cef"),
        SiemSinkConfig(name="splunk", type="splunk_hec", url="https://splunk.test:8088", token="t"),
    ]
    settings = Settings(siem_sinks=sinks)
    assert [w.__name__ for w in siem_workers(settings)] == [
        "siem-forwarder-soc",
        "siem-checkpoints-soc",
        "siem-forwarder-splunk",
        "siem-checkpoints-splunk",
    ]
    forwarding = SiemForwarding(sinks, "127.0.0.1:9092", async_sessionmaker())
    assert [e.sink.name for e in forwarding.exporters] == ["soc", "splunk"]
    assert forwarding.exporter("soc").sink is not forwarding.forwarder("soc").sink  # a connection each
    status = forwarding.status()
    assert [s["checkpoints"]["state"] for s in status] == ["starting", "starting"]
