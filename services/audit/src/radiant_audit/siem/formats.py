"""Wire formats: RFC 5424 syslog messages with RFC 6587 octet-counting framing, CEF, Splunk HEC."""

from __future__ import annotations

import json
import socket
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from radiant_contracts.envelope import CloudEvent
from radiant_contracts.events.audit import AuditRecorded

from ..chain import format_time

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
