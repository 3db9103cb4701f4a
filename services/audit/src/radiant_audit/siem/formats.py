"""Wire formats: RFC 5424 syslog messages with RFC 6587 octet-counting framing, CEF, Splunk HEC, for
audit events and for signed chain checkpoints (and reading checkpoints back from a SIEM's copy)."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from radiant_contracts.envelope import CloudEvent
from radiant_contracts.events.audit import AuditRecorded

from ..chain import SignedCheckpoint, format_time

FACILITY_LOG_AUDIT = 13  # RFC 5424 §6.2.1: "log audit"
SEVERITY = {"success": 6, "failure": 4, "denied": 4}  # informational / warning
CEF_SEVERITY = {"success": 3, "failure": 6, "denied": 7}
#: RFC 5612 documentation enterprise number; replace with the operator's own PEN if it has one.
SD_ID = "radiant@32473"
BOM = "\ufeff"
VENDOR, PRODUCT, VERSION = "Radiant", "Radiant Audit", "2.0"


@dataclass(frozen=True)
class ForwardedEvent:
    """One audit event on its way to a SIEM: the validated event and the exact bytes produced."""

    event: CloudEvent[AuditRecorded]
    raw: bytes

    @property
    def body_json(self) -> str:
        return self.raw.decode("utf-8")


def _printable_ascii(text: str, limit: int) -> str:
    cleaned = "".join(c for c in text if 33 <= ord(c) <= 126)[:limit]
    return cleaned or "-"


def local_hostname() -> str:
    return _printable_ascii(socket.gethostname(), 255)


def _sd_value(value: str) -> str:
    """RFC 5424 §6.3.3: inside PARAM-VALUE, escape `"`, `\\` and `]`."""
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("]", "\\]")


def structured_data(fe: ForwardedEvent) -> str:
    e = fe.event
    params = {"tenantId": e.tenantid, "eventId": e.id, "outcome": e.data.outcome, "source": e.source}
    return "[" + SD_ID + "".join(f' {k}="{_sd_value(v)}"' for k, v in params.items()) + "]"


def rfc5424(fe: ForwardedEvent, *, body: str, app_name: str, hostname: str) -> bytes:
    """`<PRI>1 TIMESTAMP HOSTNAME APP-NAME PROCID MSGID [SD] BOM MSG` (UTF-8)."""
    e = fe.event
    pri = FACILITY_LOG_AUDIT * 8 + SEVERITY.get(e.data.outcome, 5)
    header = (
        f"<{pri}>1 {format_time(e.time)} {hostname} {_printable_ascii(app_name, 48)} - "
        f"{_printable_ascii(e.data.action, 32)} {structured_data(fe)}"
    )
    return f"{header} {BOM}{body}".encode()


def octet_counted(message: bytes) -> bytes:
    """RFC 6587 §3.4.1 / RFC 5425 §4.3: `MSG-LEN SP SYSLOG-MSG`."""
    return str(len(message)).encode() + b" " + message


# --- CEF ----------------------------------------------------------------------------------------------


def _cef_header(value: str) -> str:
    return value.replace("\\", "\\\\").replace("|", "\\|").replace("\r", " ").replace("\n", " ")


def _cef_ext(value: str) -> str:
    return (
        value.replace("\\", "\\\\").replace("=", "\\=").replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\r")
    )


def _epoch_ms(at: datetime) -> int:
    return int(at.timestamp() * 1000)


def cef(fe: ForwardedEvent) -> str:
    """ArcSight Common Event Format; tenant, resource and details go into labelled custom strings."""
    e, d = fe.event, fe.event.data
    ext: list[tuple[str, Any]] = [
        ("rt", _epoch_ms(e.time)),
        ("externalId", e.id),
        ("act", d.action),
        ("outcome", d.outcome),
        ("suid", d.actor.id),
        ("suser", d.actor.name or d.actor.id),
        ("cs1Label", "tenantId"),
        ("cs1", e.tenantid),
        ("cs2Label", "resourceType"),
        ("cs2", d.resource_type),
    ]
    if d.actor.ip is not None:
        ext.append(("src", str(d.actor.ip)))
    if d.actor.user_agent:
        ext.append(("requestClientApplication", d.actor.user_agent))
    if d.resource_id:
        ext += [("cs3Label", "resourceId"), ("cs3", d.resource_id)]
    if d.details:
        ext += [("cs4Label", "details"), ("cs4", json.dumps(d.details, separators=(",", ":"), ensure_ascii=False))]
    if d.actor.impersonator is not None:
        ext += [("cs5Label", "impersonator"), ("cs5", d.actor.impersonator.id)]
    if d.environment:
        ext += [("cs6Label", "environment"), ("cs6", d.environment)]
    header = "|".join(_cef_header(v) for v in (VENDOR, PRODUCT, VERSION, d.action, f"{d.action} {d.outcome}"))
    extension = " ".join(f"{k}={_cef_ext(str(v))}" for k, v in ext)
    return f"CEF:0|{header}|{CEF_SEVERITY.get(d.outcome, 5)}|{extension}"


# --- Splunk HEC -----------------------------------------------------------------------------------------


def hec_event(fe: ForwardedEvent, *, host: str, source: str, sourcetype: str, index: str | None) -> dict[str, Any]:
    body: dict[str, Any] = {
        "time": round(fe.event.time.timestamp(), 3),
        "host": host,
        "source": source,
        "sourcetype": sourcetype,
        "event": json.loads(fe.raw),
        "fields": {"tenant_id": fe.event.tenantid, "action": fe.event.data.action},
    }
    if index:
        body["index"] = index
    return body


# --- signed checkpoints ---------------------------------------------------------------------------------
#
# Each checkpoint goes to every sink too, so the SIEM holds signed statements of what each tenant's
# chain was, out of reach of whoever can write to the audit database: a history rewritten there no
# longer matches them (`python -m radiant_audit verify --against-checkpoints FILE`).

CHECKPOINT_TYPE = "radiant.audit.checkpoint.v1"
CHECKPOINT_ACTION = "audit.checkpoint"  # the syslog MSGID and the CEF event class
CHECKPOINT_SEVERITY = 5  # notice
CHECKPOINT_CEF_SEVERITY = 1


def checkpoint_body(cp: SignedCheckpoint) -> dict[str, Any]:
    """The record a SIEM receives: everything needed to check the signature with the public key
    (`GET /api/v2/admin/audit/public-key`): the signed message is `chain.checkpoint_message`."""
    return {
        "type": CHECKPOINT_TYPE,
        "tenantid": cp.tenant_id,
        "seq": cp.seq,
        "hash": cp.hash,
        "signedAt": format_time(cp.signed_at),
        "keyId": cp.key_id,
        "algorithm": "Ed25519",
        "signature": cp.signature,
    }


def checkpoint_json(cp: SignedCheckpoint) -> str:
    return json.dumps(checkpoint_body(cp), separators=(",", ":"), ensure_ascii=False)


def rfc5424_checkpoint(cp: SignedCheckpoint, *, body: str, app_name: str, hostname: str) -> bytes:
    """Same header as an event's; MSGID `audit.checkpoint`, structured data tenant, seq and key id."""
    params = {"tenantId": cp.tenant_id, "seq": str(cp.seq), "keyId": cp.key_id}
    sd = "[" + SD_ID + "".join(f' {k}="{_sd_value(v)}"' for k, v in params.items()) + "]"
    header = (
        f"<{FACILITY_LOG_AUDIT * 8 + CHECKPOINT_SEVERITY}>1 {format_time(cp.signed_at)} {hostname} "
        f"{_printable_ascii(app_name, 48)} - {CHECKPOINT_ACTION} {sd}"
    )
    return f"{header} {BOM}{body}".encode()


# The CEF custom fields of a checkpoint; parse_exported_checkpoints reads them back by label.
_CHECKPOINT_CEF_FIELDS = (
    ("cs1", "tenantId"),
    ("cn1", "seq"),
    ("cs2", "chainHash"),
    ("cs3", "signature"),
    ("cs4", "keyId"),
    ("cs5", "signedAt"),
)


def checkpoint_cef(cp: SignedCheckpoint) -> str:
    values = {
        "tenantId": cp.tenant_id,
        "seq": cp.seq,
        "chainHash": cp.hash,
        "signature": cp.signature,
        "keyId": cp.key_id,
        "signedAt": format_time(cp.signed_at),
    }
    ext: list[tuple[str, Any]] = [
        ("rt", _epoch_ms(cp.signed_at)),
        ("externalId", f"{cp.tenant_id}:{cp.seq}"),
        ("act", CHECKPOINT_ACTION),
    ]
    for key, label in _CHECKPOINT_CEF_FIELDS:
        ext += [(f"{key}Label", label), (key, values[label])]
    header = "|".join(_cef_header(v) for v in (VENDOR, PRODUCT, VERSION, CHECKPOINT_ACTION, "audit chain checkpoint"))
    extension = " ".join(f"{k}={_cef_ext(str(v))}" for k, v in ext)
    return f"CEF:0|{header}|{CHECKPOINT_CEF_SEVERITY}|{extension}"


def hec_checkpoint(
    cp: SignedCheckpoint, *, host: str, source: str, sourcetype: str, index: str | None
) -> dict[str, Any]:
    body: dict[str, Any] = {
        "time": round(cp.signed_at.timestamp(), 3),
        "host": host,
        "source": source,
        "sourcetype": sourcetype,
        "event": checkpoint_body(cp),
        "fields": {"tenant_id": cp.tenant_id, "action": CHECKPOINT_ACTION},
    }
    if index:
        body["index"] = index
    return body


# --- reading a SIEM's copy back -------------------------------------------------------------------------

_CEF_KEY = re.compile(r" ([A-Za-z0-9_]+)=")
_CEF_UNESCAPE = {"\\": "\\", "=": "=", "|": "|", "n": "\n", "r": "\r"}


def parse_exported_checkpoints(lines: Iterable[str]) -> list[SignedCheckpoint]:
    """The checkpoints in a SIEM's copy, in any form the sinks write them: syslog lines (a receiver's
    file, whatever its template, as long as it keeps the message), bare JSON bodies, Splunk HEC
    events, CEF. Other lines (the audit events themselves) are skipped."""
    found = []
    for line in lines:
        is_cef = "CEF:0|" in line and f"|{CHECKPOINT_ACTION}|" in line
        record = _cef_checkpoint(line) if is_cef else _json_checkpoint(line)
        if record is not None:
            found.append(record)
    return found


def _json_checkpoint(line: str) -> SignedCheckpoint | None:
    if CHECKPOINT_TYPE not in line:
        return None
    decoder = json.JSONDecoder()
    start = line.find("{")
    while start != -1:
        try:
            value, _ = decoder.raw_decode(line, start)
        except ValueError:
            start = line.find("{", start + 1)
            continue
        if isinstance(value, dict) and isinstance(value.get("event"), dict):
            value = value["event"]  # a Splunk HEC event
        if isinstance(value, dict) and value.get("type") == CHECKPOINT_TYPE:
            return _checkpoint_from(
                value.get("tenantid"),
                value.get("seq"),
                value.get("hash"),
                value.get("signedAt"),
                value.get("keyId"),
                value.get("signature"),
            )
        start = line.find("{", start + 1)
    return None


def _cef_checkpoint(line: str) -> SignedCheckpoint | None:
    start = line.find("CEF:0|")
    if start == -1:
        return None
    ext = _cef_extension(_after_cef_header(line[start:]))
    labelled = {ext.get(f"{key}Label"): ext.get(key) for key, _ in _CHECKPOINT_CEF_FIELDS}
    return _checkpoint_from(
        labelled.get("tenantId"),
        labelled.get("seq"),
        labelled.get("chainHash"),
        labelled.get("signedAt"),
        labelled.get("keyId"),
        labelled.get("signature"),
    )


def _after_cef_header(text: str) -> str:
    """The extension: what follows the 7th unescaped `|` (`CEF:0|vendor|product|version|class|name|severity|`)."""
    bars, i = 0, 0
    while i < len(text) and bars < 7:
        if text[i] == "\\":
            i += 2
            continue
        bars += text[i] == "|"
        i += 1
    return text[i:]


def _cef_extension(text: str) -> dict[str, str]:
    """`k1=v1 k2=v2`: a key starts at a space followed by `name=` that is not escaped."""
    out: dict[str, str] = {}
    starts = [m for m in _CEF_KEY.finditer(" " + text) if not _escaped(" " + text, m.start(1) - 1)]
    for i, m in enumerate(starts):
        end = starts[i + 1].start() if i + 1 < len(starts) else len(text) + 1
        out[m.group(1)] = _cef_unescape((" " + text)[m.end() : end].rstrip("\r\n"))
    return out


def _escaped(text: str, index: int) -> bool:
    """Is text[index] preceded by an odd number of backslashes?"""
    count = 0
    while index - 1 - count >= 0 and text[index - 1 - count] == "\\":
        count += 1
    return count % 2 == 1


def _cef_unescape(value: str) -> str:
    out, i = [], 0
    while i < len(value):
        if value[i] == "\\" and i + 1 < len(value) and value[i + 1] in _CEF_UNESCAPE:
            out.append(_CEF_UNESCAPE[value[i + 1]])
            i += 2
        else:
            out.append(value[i])
            i += 1
    return "".join(out)


def _checkpoint_from(
    tenant_id: object, seq: object, hash_: object, signed_at: object, key_id: object, signature: object
) -> SignedCheckpoint | None:
    """A record with every field present and well-formed, else None (not one of ours, or mangled)."""
    texts = (tenant_id, hash_, signed_at, key_id, signature)
    if not all(isinstance(t, str) and t for t in texts):
        return None
    try:
        number = int(seq) if isinstance(seq, (int, str)) and not isinstance(seq, bool) else None
        at = datetime.fromisoformat(str(signed_at))
    except ValueError:
        return None
    if number is None or at.tzinfo is None:
        return None
    return SignedCheckpoint(str(tenant_id), number, str(hash_), at, str(key_id), str(signature))
